import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** One request as a simulator's application sees it: already read in full. */
export interface SimRequest {
	method: string;
	/** The URL path, without the query. */
	path: string;
	/** The path relative to the API base, without leading or trailing slash: what fault and latency rules match. */
	route: string;
	query: URLSearchParams;
	/** The query string as sent, without the `?`. */
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: string;
	/** `http://host:port` as the client addressed the server: used to build Link headers. */
	origin: string;
}

/** Large enough for any real payload; small enough that a runaway client cannot exhaust memory. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new Error('request body too large'));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

/** A header's single value; repeated headers are joined as Node does for most headers. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}
