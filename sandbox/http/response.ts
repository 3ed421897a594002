import type { ServerResponse } from 'node:http';

/** What an application returns; the server writes it (or a fault replaces it). */
export interface SimResponse {
	status: number;
	headers?: Record<string, string>;
	/** Serialised as JSON. Ignored when `rawBody` is set. */
	body?: unknown;
	/** Sent as is: for deliberately broken payloads. */
	rawBody?: string;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
	return { status, body, headers };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
	return { status, headers };
}

export function writeResponse(res: ServerResponse, response: SimResponse): void {
	const headers: Record<string, string> = { ...(response.headers ?? {}) };
	let payload: string | undefined;
	if (response.rawBody !== undefined) {
		payload = response.rawBody;
	} else if (response.body !== undefined) {
		payload = JSON.stringify(response.body);
	}
	if (payload !== undefined) {
		headers['Content-Type'] ??= 'application/json; charset=utf-8';
		headers['Content-Length'] = String(Buffer.byteLength(payload));
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}
