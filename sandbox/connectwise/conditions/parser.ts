import { resolveFieldPath, type ObjectSchema, type ScalarType } from '../schema';
import type { Comparison, ComparisonOperator, Condition, Literal } from './ast';
import { ConditionSyntaxError } from './syntaxError';
import { tokenize, type Token } from './tokenizer';

/**
 * Recursive descent over ConnectWise's condition language:
 *
 *   expression := and-expr ('or' and-expr)*
 *   and-expr   := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expression ')' | comparison
 *   comparison := path operator value | path ['not'] 'in' '(' value (',' value)* ')'
 *   operator   := = | != | < | <= | > | >= | ['not'] contains | ['not'] like
 *
 * Keywords are case-insensitive. Every field is resolved against the resource's schema and every value
 * type-checked against its field here, so nothing malformed reaches evaluation.
 */
export function parseConditions(input: string, schema: ObjectSchema): Condition {
	if (input.trim() === '') throw new ConditionSyntaxError('conditions is empty');
	return new ConditionParser(tokenize(input), schema).parseAll();
}

const SYMBOL_OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const ORDERING_OPERATORS = new Set(['<', '<=', '>', '>=']);
const KEYWORDS = new Set(['and', 'or', 'not', 'contains', 'like', 'in', 'true', 'false', 'null']);

class ConditionParser {
	private index = 0;

	constructor(
		private readonly tokens: Token[],
		private readonly schema: ObjectSchema,
	) {}

	parseAll(): Condition {
		const condition = this.parseOr();
		const next = this.peek();
		if (next.kind !== 'end') throw this.error(next, `Unexpected ${describe(next)}`);
		return condition;
	}

	private parseOr(): Condition {
		let left = this.parseAnd();
		while (this.acceptKeyword('or')) left = { type: 'or', left, right: this.parseAnd() };
		return left;
	}

	private parseAnd(): Condition {
		let left = this.parseUnary();
		while (this.acceptKeyword('and')) left = { type: 'and', left, right: this.parseUnary() };
		return left;
	}

	private parseUnary(): Condition {
		if (this.acceptKeyword('not')) return { type: 'not', operand: this.parseUnary() };
		const next = this.peek();
		if (next.kind === 'symbol' && next.text === '(') {
			this.index++;
			const inner = this.parseOr();
			this.expectSymbol(')');
			return inner;
		}
		return this.parseComparison();
	}

	private parseComparison(): Comparison {
		const fieldToken = this.next();
		if (fieldToken.kind !== 'word' || KEYWORDS.has(fieldToken.text.toLowerCase())) {
			throw this.error(fieldToken, `Expected a field name but found ${describe(fieldToken)}`);
		}
		const resolved = resolveFieldPath(this.schema, fieldToken.text);
		if (resolved === undefined) throw this.error(fieldToken, `Unknown field '${fieldToken.text}'`);
		if (typeof resolved.schema !== 'string') {
			throw this.error(fieldToken, `'${fieldToken.text}' is an object: name one of its fields, e.g. '${fieldToken.text}/id'`);
		}
		const fieldType = resolved.schema;
		const negated = this.acceptKeyword('not');
		const operator = this.parseOperator(negated);

		if (operator === 'in') {
			const values = this.parseList();
			for (const value of values) checkValue(fieldToken.text, fieldType, operator, value, this.errorAt(fieldToken));
			return { type: 'comparison', field: resolved.segments, fieldType, operator, negated, value: values };
		}
		const value = this.parseLiteral();
		checkValue(fieldToken.text, fieldType, operator, value, this.errorAt(fieldToken));
		return { type: 'comparison', field: resolved.segments, fieldType, operator, negated, value };
	}

	private parseOperator(negated: boolean): ComparisonOperator {
		const token = this.next();
		if (token.kind === 'symbol' && SYMBOL_OPERATORS.has(token.text) && !negated) {
			return token.text as ComparisonOperator;
		}
		if (token.kind === 'word') {
			const keyword = token.text.toLowerCase();
			if (keyword === 'contains' || keyword === 'like' || keyword === 'in') return keyword;
		}
		const expected = negated ? "'contains', 'like' or 'in' after 'not'" : 'an operator';
		throw this.error(token, `Expected ${expected} but found ${describe(token)}`);
	}

	private parseList(): Literal[] {
		this.expectSymbol('(');
		if (this.peekSymbol(')')) throw this.error(this.peek(), "'in' needs at least one value");
		const values = [this.parseLiteral()];
		while (this.peekSymbol(',')) {
			this.index++;
			values.push(this.parseLiteral());
		}
		this.expectSymbol(')');
		return values;
	}

	private parseLiteral(): Literal {
		const token = this.next();
		switch (token.kind) {
			case 'string':
				return { type: 'string', value: token.value };
			case 'number':
				return { type: 'number', value: token.value };
			case 'date':
				return { type: 'date', value: token.value };
			case 'word': {
				const keyword = token.text.toLowerCase();
				if (keyword === 'true' || keyword === 'false') return { type: 'boolean', value: keyword === 'true' };
				if (keyword === 'null') return { type: 'null' };
				break;
			}
			default:
				break;
		}
		throw this.error(token, `Expected a value but found ${describe(token)}`);
	}

	private acceptKeyword(keyword: string): boolean {
		const token = this.peek();
		if (token.kind === 'word' && token.text.toLowerCase() === keyword) {
			this.index++;
			return true;
		}
		return false;
	}

	private peekSymbol(text: string): boolean {
		const token = this.peek();
		return token.kind === 'symbol' && token.text === text;
	}

	private expectSymbol(text: string): void {
		const token = this.next();
		if (token.kind !== 'symbol' || token.text !== text) throw this.error(token, `Expected '${text}' but found ${describe(token)}`);
	}

	private peek(): Token {
		return this.tokens[this.index];
	}

	private next(): Token {
		const token = this.tokens[this.index];
		if (token.kind !== 'end') this.index++;
		return token;
	}

	private error(token: Token, message: string): ConditionSyntaxError {
		return new ConditionSyntaxError(`${message} at position ${token.position}`);
	}

	private errorAt(token: Token): (message: string) => ConditionSyntaxError {
		return (message) => this.error(token, message);
	}
}

const TYPE_NAMES: Record<ScalarType, string> = { number: 'numeric', string: 'string', boolean: 'boolean', date: 'date' };

/** Rejects comparisons SQL Server would refuse or that mean nothing; never coerces. */
function checkValue(
	field: string,
	fieldType: ScalarType,
	operator: ComparisonOperator,
	value: Literal,
	error: (message: string) => ConditionSyntaxError,
): void {
	if (value.type === 'null') {
		if (operator !== '=' && operator !== '!=') throw error(`null can only be compared with = or != (field '${field}')`);
		return;
	}
	if ((operator === 'contains' || operator === 'like') && fieldType !== 'string') {
		throw error(`'${operator}' needs a string field, but '${field}' is ${TYPE_NAMES[fieldType]}`);
	}
	if (ORDERING_OPERATORS.has(operator) && fieldType === 'boolean') {
		throw error(`'${operator}' cannot be used with boolean field '${field}'`);
	}
	if (value.type !== fieldType) {
		throw error(`Cannot compare ${TYPE_NAMES[fieldType]} field '${field}' with a ${TYPE_NAMES[value.type]} value`);
	}
}

function describe(token: Token): string {
	switch (token.kind) {
		case 'end':
			return 'the end of the conditions';
		case 'string':
			return `string '${token.value}'`;
		case 'word':
		case 'symbol':
			return `'${token.text}'`;
		default:
			return `'${token.text}'`;
	}
}
