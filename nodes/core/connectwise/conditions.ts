/**
 * Builds ConnectWise `conditions` strings from values that come from Atria and users. ConnectWise has no
 * escape inside a quoted value, so a value is wrapped in the quote kind it does not contain, and a value that
 * contains both kinds (or a control character) is refused: it is never pasted into a query.
 */
export class UnquotableValueError extends Error {
	constructor(readonly value: string) {
		super(
			'the value contains both quote kinds or a control character, so it cannot be used in a ConnectWise query',
		);
		this.name = 'UnquotableValueError';
	}
}

const CONTROL_CHARACTERS = /\p{Cc}/u;

export function isQuotable(value: string): boolean {
	if (CONTROL_CHARACTERS.test(value)) return false;
	return !(value.includes('"') && value.includes("'"));
}

export function quote(value: string): string {
	if (!isQuotable(value)) throw new UnquotableValueError(value);
	return value.includes('"') ? `'${value}'` : `"${value}"`;
}

export type ConditionValue = string | number | boolean | null;

function literal(value: ConditionValue): string {
	if (value === null) return 'null';
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new RangeError('a condition number must be finite');
		return String(value);
	}
	return quote(value);
}

/** `path` is always a constant of ours (field paths never come from input), values are quoted. */
export function equals(path: string, value: ConditionValue): string {
	return `${path} = ${literal(value)}`;
}

export function inList(path: string, values: ReadonlyArray<string | number>): string {
	if (values.length === 0) throw new RangeError('an in (...) list needs at least one value');
	return `${path} in (${values.map(literal).join(',')})`;
}

export function allOf(...conditions: Array<string | undefined>): string {
	const parts = conditions.filter((part): part is string => part !== undefined && part !== '');
	return parts.length <= 1 ? (parts[0] ?? '') : parts.map((part) => `(${part})`).join(' and ');
}
