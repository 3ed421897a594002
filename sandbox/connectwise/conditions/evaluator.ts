import { compareText, likeMatches, normalizeText } from '../collation';
import { parseCwDate } from '../dates';
import { valueAt } from '../schema';
import type { Comparison, Condition, Literal } from './ast';

/** SQL's three-valued logic: a comparison with an absent field is unknown (null), and only true matches. */
type Truth = boolean | null;

export function matchesCondition(condition: Condition, record: unknown): boolean {
	return evaluate(condition, record) === true;
}

function evaluate(condition: Condition, record: unknown): Truth {
	switch (condition.type) {
		case 'and':
			return and(evaluate(condition.left, record), evaluate(condition.right, record));
		case 'or':
			return or(evaluate(condition.left, record), evaluate(condition.right, record));
		case 'not':
			return not(evaluate(condition.operand, record));
		case 'comparison':
			return condition.negated ? not(compare(condition, record)) : compare(condition, record);
	}
}

function and(left: Truth, right: Truth): Truth {
	if (left === false || right === false) return false;
	return left === null || right === null ? null : true;
}

function or(left: Truth, right: Truth): Truth {
	if (left === true || right === true) return true;
	return left === null || right === null ? null : false;
}

function not(value: Truth): Truth {
	return value === null ? null : !value;
}

function compare(comparison: Comparison, record: unknown): Truth {
	const raw = valueAt(record, comparison.field);
	const actual = raw === undefined || raw === null ? null : toComparable(comparison.fieldType, raw);
	const { operator, value } = comparison;
	if (Array.isArray(value)) {
		if (actual === null) return null;
		return value.some((literal) => order(actual, literal) === 0);
	}
	if (value.type === 'null') {
		// `= null` and `!= null` are how ConnectWise tests absence (IS NULL / IS NOT NULL).
		return operator === '=' ? actual === null : actual !== null;
	}
	if (actual === null) return null;
	switch (operator) {
		case 'contains':
			return normalizeText(actual as string).includes(normalizeText(value.value as string));
		case 'like':
			return likeMatches(actual as string, value.value as string);
		case '=':
			return order(actual, value) === 0;
		case '!=':
			return order(actual, value) !== 0;
		case '<':
			return order(actual, value) < 0;
		case '<=':
			return order(actual, value) <= 0;
		case '>':
			return order(actual, value) > 0;
		case '>=':
			return order(actual, value) >= 0;
		default:
			return null;
	}
}

type Comparable = string | number | boolean;

/** Stored values of the field's type; a stored value of the wrong type (bad seed data) counts as absent. */
function toComparable(fieldType: Comparison['fieldType'], raw: unknown): Comparable | null {
	switch (fieldType) {
		case 'string':
			return typeof raw === 'string' ? raw : null;
		case 'number':
			return typeof raw === 'number' ? raw : null;
		case 'boolean':
			return typeof raw === 'boolean' ? raw : null;
		case 'date':
			return typeof raw === 'string' ? (parseCwDate(raw) ?? null) : null;
	}
}

function order(actual: Comparable, literal: Literal): number {
	if (literal.type === 'null') return Number.NaN;
	if (typeof actual === 'string' && literal.type === 'string') return compareText(actual, literal.value);
	if (typeof actual === 'boolean') return actual === literal.value ? 0 : 1;
	const expected = literal.value as number;
	return (actual as number) - expected;
}
