import { parseJson } from '../util/json';
import { errorBodySchema } from './schemas';

/** ConnectWise answered with an error status. The message is ConnectWise's own, for the log. */
export class ConnectWiseApiError extends Error {
	constructor(
		readonly status: number,
		readonly apiCode: string | undefined,
		message: string,
		/** The codes of the per-field errors, e.g. ObjectExists. */
		readonly fieldCodes: string[] = [],
	) {
		super(message);
		this.name = 'ConnectWiseApiError';
	}
}

/** ConnectWise answered 2xx with a body that is not what the API documents. */
export class UnexpectedResponseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnexpectedResponseError';
	}
}

const MAX_DETAIL = 500;

function clip(text: string): string {
	const singleLine = text.replace(/\s+/g, ' ').trim();
	return singleLine.length > MAX_DETAIL ? `${singleLine.slice(0, MAX_DETAIL)}…` : singleLine;
}

/** Reads ConnectWise's error body into one line: "HTTP 400 InvalidObject: message (field: detail)". */
export function apiErrorFromResponse(status: number, bodyText: string): ConnectWiseApiError {
	const json = parseJson(bodyText);
	const parsed = errorBodySchema.safeParse(json.ok ? json.value : undefined);
	if (!parsed.success) {
		const detail = bodyText.trim() === '' ? 'no details' : clip(bodyText);
		return new ConnectWiseApiError(status, undefined, `HTTP ${status}: ${detail}`);
	}
	const body = parsed.data;
	if ('error' in body)
		return new ConnectWiseApiError(
			status,
			body.error,
			clip(`HTTP ${status} ${body.error}: ${body.message}`),
		);
	const details = (body.errors ?? [])
		.map((item) => [item.field, item.message].filter(Boolean).join(': '))
		.filter((text) => text !== '');
	const suffix = details.length > 0 ? ` (${details.join('; ')})` : '';
	const fieldCodes = (body.errors ?? [])
		.map((item) => item.code)
		.filter((code): code is string => typeof code === 'string');
	return new ConnectWiseApiError(
		status,
		body.code,
		clip(`HTTP ${status} ${body.code}: ${body.message}${suffix}`),
		fieldCodes,
	);
}

/**
 * Whether ConnectWise refused the model version asked for in the Accept header: a 400 or 406 whose error body's
 * code or message speaks of the version. An on-premise server answered `{"code":"ConnectWiseApi","message":"The HTTP
 * resource that matches the request URI '…' does not support the API version '2021.1'."}`, so the message counts,
 * not only the code. A body with field-level errors is a validation failure of the record, never this.
 */
export function isUnsupportedApiVersion(status: number, bodyText: string): boolean {
	if (status !== 400 && status !== 406) return false;
	const json = parseJson(bodyText);
	const parsed = errorBodySchema.safeParse(json.ok ? json.value : undefined);
	if (!parsed.success || !('code' in parsed.data)) return false;
	const body = parsed.data;
	if ((body.errors ?? []).length > 0) return false;
	return /version/i.test(body.code) || /version/i.test(body.message);
}
