import { codeDefinition, type CwCode, type EntryFields } from './codes/catalogue';
import { renderMessage } from './codes/render';

/**
 * A failure that has a CW code. Thrown by the core where Atria's job would stop (configuration,
 * connectivity, payload shape); the n8n shells turn it into NodeApiError or NodeOperationError, or into a log
 * entry under Continue On Fail. Its message is Atria's message, filled; it never contains a secret because
 * callers pass only sanitised error text in `fields.error`.
 */
export class CwCodedError extends Error {
	readonly code: CwCode;
	readonly fields: EntryFields;
	readonly howToResolve: string;
	/** HTTP status that caused it, when one did. */
	readonly httpStatus?: number;

	constructor(code: CwCode, fields: EntryFields = {}, options: { httpStatus?: number } = {}) {
		const definition = codeDefinition(code);
		// Templates without an error slot (CW17-CW21) still say what exactly was wrong.
		const detail = fields.error && !definition.slots.includes('error') ? ` (${fields.error})` : '';
		super(`${code}: ${renderMessage(code, fields)}${detail}`);
		this.name = 'CwCodedError';
		this.code = code;
		this.fields = fields;
		this.howToResolve = definition.howToResolve;
		this.httpStatus = options.httpStatus;
	}
}

export function isCwCodedError(error: unknown): error is CwCodedError {
	return error instanceof CwCodedError;
}

/**
 * Input a stage cannot take as it is, whatever ConnectWise holds: the n8n shells turn it into an error naming
 * the items (`positions` index the stage's input).
 */
export class StageInputError extends Error {
	constructor(
		message: string,
		readonly positions: readonly number[],
	) {
		super(message);
		this.name = 'StageInputError';
	}
}

/** Two inputs for one customer: planning or applying both could write one agreement twice (a Merge in Append mode). */
export class DuplicateCustomerError extends StageInputError {
	constructor(
		readonly customerCode: string,
		readonly indexes: [number, number],
		what: string,
	) {
		super(
			`Customer ${customerCode} is in input items ${indexes[0] + 1} and ${indexes[1] + 1}; each customer's ${what} must come once`,
			indexes,
		);
		this.name = 'DuplicateCustomerError';
	}
}

/** Refuses a second input for one customer (codes compared trimmed and case-insensitively). */
export function refuseDuplicateCustomers(
	codes: readonly string[],
	what: string,
	normalize: (code: string) => string,
): void {
	const seen = new Map<string, number>();
	codes.forEach((code, index) => {
		const key = normalize(code);
		const first = seen.get(key);
		if (first !== undefined) throw new DuplicateCustomerError(code, [first, index], what);
		seen.set(key, index);
	});
}
