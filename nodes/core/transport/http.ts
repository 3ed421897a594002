/**
 * The one seam between the core and the network. Inside n8n it is implemented with
 * `httpRequestWithAuthentication` (so n8n applies the credential); outside n8n (sandbox tooling, e2e driver,
 * benchmark) with axios. Either way it resolves for every HTTP status and only rejects when no response came.
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

export interface HttpTransport {
	send(request: HttpRequest): Promise<HttpResponse>;
}

/** No HTTP response arrived: the request may or may not have been processed by the server. */
export class TransportError extends Error {
	constructor(
		readonly kind: 'network' | 'timeout',
		message: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

export function isTransportError(error: unknown): error is TransportError {
	return error instanceof TransportError;
}

/** Time, injected so tests and n8n (whose scanner forbids timer globals in nodes) each supply their own. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}
