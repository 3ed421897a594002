import { jsonResponse, type SimResponse } from '../http/response';

/** One entry of `errors` in a ConnectWise error body. */
export interface CwErrorDetail {
	code: string;
	message: string;
	resource: string;
	field: string;
}

/** ConnectWise's error body: `{code, message, errors}` with `errors` null unless field-level. */
export function cwError(status: number, code: string, message: string, errors: CwErrorDetail[] | null = null): SimResponse {
	return jsonResponse(status, { code, message, errors });
}

/** Thrown from deep inside validation and query parsing; the app turns it into the response it carries. */
export class CwRequestError extends Error {
	constructor(readonly response: SimResponse) {
		super(`ConnectWise ${response.status}`);
	}
}

export function invalidObject(message: string, errors: CwErrorDetail[] | null = null): CwRequestError {
	return new CwRequestError(cwError(400, 'InvalidObject', message, errors));
}

export function unsupportedFormat(message: string, errors: CwErrorDetail[] | null = null): CwRequestError {
	return new CwRequestError(cwError(400, 'UnsupportedFormat', message, errors));
}

export function notFound(message: string): CwRequestError {
	return new CwRequestError(cwError(404, 'NotFound', message));
}

/** A field-level validation failure: the message names the field, and `errors` carries it for clients that read it. */
export function fieldError(resource: string, field: string, message: string, code = 'InvalidObject'): CwRequestError {
	return invalidObject(`${resource} object is invalid: ${message}`, [{ code, message, resource, field }]);
}
