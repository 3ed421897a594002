/**
 * The one seam between the core and the network. Inside n8n it is implemented with
 * `httpRequestWithAuthentication` (so n8n applies the credential); outside n8n (sandbox tooling, e2e driver,
 * benchmark) with axios. Either way it resolves for every HTTP status, and with a NoResponse when none came.
 */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	/** Absolute URL with its query string already encoded: the core measures URL length itself. */
	url: string;
	headers?: Record<string, string>;
	/** JSON-serialisable body. */
	body?: unknown;
	timeoutMs: number;
}

export interface HttpResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	/** The raw body: the core parses JSON itself so malformed JSON is seen, not silently passed on. */
	bodyText: string;
}

/**
 * No HTTP response arrived: the request may or may not have been processed by the server. A value, not an
 * exception, because it is an ordinary outcome the executor decides about (retry, or report).
 */
export interface NoResponse {
	noResponse: 'network' | 'timeout';
	/** A short description without request details (headers carry credentials). */
	message: string;
}

export function isNoResponse(outcome: HttpResponse | NoResponse): outcome is NoResponse {
	return 'noResponse' in outcome;
}

export interface HttpTransport {
	send(request: HttpRequest): Promise<HttpResponse | NoResponse>;
}

/** Time, injected so tests and n8n (whose scanner forbids timer globals in nodes) each supply their own. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}
