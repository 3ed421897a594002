import { codeDefinition, type CwCode, type EntryFields } from './codes/catalogue';
import { renderMessage } from './codes/render';

/**
 * A failure that has a CW code. Thrown by the core where the seed's job would stop (configuration,
 * connectivity, payload shape); the n8n shells turn it into NodeApiError or NodeOperationError, or into a log
 * entry under Continue On Fail. Its message is the seed's message, filled; it never contains a secret because
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
