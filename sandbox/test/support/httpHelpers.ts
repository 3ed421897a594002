import { basicAuthorization } from '../../connectwise/auth';
import { SANDBOX_CW_KEY, type CwApiKey } from '../../connectwise/config';
import type { ConnectWiseSimulator } from '../../connectwise/simulator';

/** Response bodies are whatever the server sent; tests assert on their shape. */
export type Json = any;

export interface HttpResult {
	status: number;
	headers: Headers;
	text: string;
	body: Json;
}

export async function send(url: string, init: RequestInit = {}): Promise<HttpResult> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: Json;
	try {
		body = text === '' ? undefined : JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, headers: response.headers, text, body };
}

export function cwHeaders(key: CwApiKey = SANDBOX_CW_KEY): Record<string, string> {
	return { Authorization: basicAuthorization(key), clientId: key.clientId };
}

/** Authenticated calls to the ConnectWise simulator; paths are relative to the API base. */
export function cwClient(simulator: ConnectWiseSimulator, key: CwApiKey = SANDBOX_CW_KEY) {
	const url = (path: string) => `${simulator.apiBase}/${path}`;
	const withBody = (method: string) => (path: string, body: unknown, headers: Record<string, string> = {}) =>
		send(url(path), {
			method,
			headers: { ...cwHeaders(key), 'Content-Type': 'application/json', ...headers },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
	return {
		get: (path: string, headers: Record<string, string> = {}) => send(url(path), { headers: { ...cwHeaders(key), ...headers } }),
		post: withBody('POST'),
		patch: withBody('PATCH'),
		put: withBody('PUT'),
		delete: (path: string) => send(url(path), { method: 'DELETE', headers: cwHeaders(key) }),
	};
}

/** `?conditions=...` with the value encoded as a client would. */
export function where(conditions: string, extra = ''): string {
	return `conditions=${encodeURIComponent(conditions)}${extra}`;
}

export function ids(body: Json): number[] {
	return (body as Array<{ id: number }>).map((record) => record.id);
}

/** Parses an RFC 5988 Link header into rel -> URL. */
export function parseLinks(header: string | null): Record<string, string> {
	const links: Record<string, string> = {};
	for (const part of (header ?? '').split(/,\s*(?=<)/)) {
		const match = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(part.trim());
		if (match) links[match[2]] = match[1];
	}
	return links;
}
