import type { ScalarType } from '../schema';

export type Literal =
	| { type: 'string'; value: string }
	| { type: 'number'; value: number }
	| { type: 'date'; value: number }
	| { type: 'boolean'; value: boolean }
	| { type: 'null' };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'like' | 'in';

export interface Comparison {
	type: 'comparison';
	/** Canonical field names, resolved against the resource's schema. */
	field: string[];
	fieldType: ScalarType;
	operator: ComparisonOperator;
	/** `not like`, `not contains`, `not in`. */
	negated: boolean;
	/** A list only for `in`. */
	value: Literal | Literal[];
}

export type Condition =
	| Comparison
	| { type: 'and'; left: Condition; right: Condition }
	| { type: 'or'; left: Condition; right: Condition }
	| { type: 'not'; operand: Condition };
