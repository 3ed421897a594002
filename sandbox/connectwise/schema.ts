import type {
	CwAddition,
	CwAgreement,
	CwAgreementType,
	CwCatalogItem,
	CwCompany,
	CwInfo,
	CwNamedRef,
} from '../model';

/**
 * The field schemas of each resource: what `conditions`, `orderBy` and `fields` may name, and what type a
 * condition's value must have. Derived from model.ts; `SchemaOf` makes the compiler reject a schema that
 * misses or invents a model field.
 */

export type ScalarType = 'number' | 'string' | 'boolean' | 'date';
export interface ObjectSchema {
	readonly [field: string]: FieldSchema;
}
export type FieldSchema = ScalarType | ObjectSchema;

type SchemaOf<T> = { readonly [K in keyof Required<T>]: FieldSchema };

const idName = { id: 'number', name: 'string' } as const;
const info = { lastUpdated: 'date', updatedBy: 'string' } as const satisfies SchemaOf<CwInfo>;

export const companySchema = {
	id: 'number',
	identifier: 'string',
	name: 'string',
	status: idName,
	deletedFlag: 'boolean',
	_info: info,
} as const satisfies SchemaOf<CwCompany>;

export const agreementTypeSchema = {
	id: 'number',
	name: 'string',
	inactiveFlag: 'boolean',
	_info: info,
} as const satisfies SchemaOf<CwAgreementType>;

export const agreementSchema = {
	id: 'number',
	name: 'string',
	type: idName,
	company: { id: 'number', identifier: 'string', name: 'string' },
	agreementStatus: 'string',
	cancelledFlag: 'boolean',
	parentAgreement: idName,
	billingCycle: idName,
	prorateFlag: 'boolean',
	startDate: 'date',
	endDate: 'date',
	_info: info,
} as const satisfies SchemaOf<CwAgreement>;

export const additionSchema = {
	id: 'number',
	agreementId: 'number',
	product: { id: 'number', identifier: 'string' },
	quantity: 'number',
	lessIncluded: 'number',
	unitPrice: 'number',
	unitCost: 'number',
	billCustomer: 'string',
	effectiveDate: 'date',
	cancelledDate: 'date',
	description: 'string',
	invoiceDescription: 'string',
	taxableFlag: 'boolean',
	agreementStatus: 'string',
	_info: info,
} as const satisfies SchemaOf<CwAddition>;

export const catalogItemSchema = {
	id: 'number',
	identifier: 'string',
	description: 'string',
	customerDescription: 'string',
	inactiveFlag: 'boolean',
	price: 'number',
	cost: 'number',
	productClass: 'string',
	subcategory: idName,
	type: idName,
	_info: info,
} as const satisfies SchemaOf<CwCatalogItem>;

export const namedRefSchema = {
	id: 'number',
	name: 'string',
	inactiveFlag: 'boolean',
	_info: info,
} as const satisfies SchemaOf<CwNamedRef>;

/** A field path resolved against a schema: the canonical field names, and what they lead to. */
export interface ResolvedPath {
	segments: string[];
	schema: FieldSchema;
}

/** Field names match case-insensitively, as ConnectWise does in query parameters. Undefined: no such field. */
export function resolveFieldPath(schema: ObjectSchema, path: string): ResolvedPath | undefined {
	const parts = path.split('/');
	const segments: string[] = [];
	let current: FieldSchema = schema;
	for (const part of parts) {
		if (typeof current === 'string' || part === '') return undefined;
		const objectSchema: ObjectSchema = current;
		const key = Object.keys(objectSchema).find((name) => name.toLowerCase() === part.toLowerCase());
		if (key === undefined) return undefined;
		segments.push(key);
		current = objectSchema[key];
	}
	return { segments, schema: current };
}

/** The value at a resolved path; undefined and null both mean absent. */
export function valueAt(record: unknown, segments: string[]): unknown {
	let current: unknown = record;
	for (const segment of segments) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}
