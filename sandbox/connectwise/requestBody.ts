import { headerValue, type SimRequest } from '../http/request';
import { invalidObject } from './errors';

/**
 * The JSON body of a write. Without a JSON Content-Type the real server has no formatter for the body and
 * never sees the object, so that is refused too.
 */
export function parseJsonBody(request: SimRequest): unknown {
	const contentType = headerValue(request.headers, 'content-type') ?? '';
	if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
		throw invalidObject(`The request body must be JSON with Content-Type application/json (got '${contentType || 'none'}')`);
	}
	if (request.body.trim() === '') throw invalidObject('The request body is empty');
	try {
		return JSON.parse(request.body);
	} catch {
		throw invalidObject('The request body is not valid JSON');
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
