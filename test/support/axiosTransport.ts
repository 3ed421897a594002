import axios, { AxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Clock, HttpRequest, HttpResponse, HttpTransport, NoResponse } from '../../nodes/core/transport/http';

/** The body did not arrive in full within the request's time. */
class BodyTimeout extends Error {}

/**
 * The transport outside n8n (sandbox tooling, e2e driver, benchmark): axios with keep-alive, every status
 * resolved, the body kept as text, and the authentication headers a credential would add inside n8n.
 *
 * The body is read from the response stream here rather than by axios (responseType 'text'): axios keeps its
 * chunks and its text reachable from the socket's listeners after the request is over, so each large answer
 * (an Atria period: 15 MB of bytes, 40 MB as text) stayed in memory for the rest of the run. Read here, the
 * chunks are joined once and let go, and the text belongs to the caller alone.
 */
export function createAxiosTransport(authHeaders: Record<string, string> = {}): HttpTransport & { close(): void } {
	const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
	const instance = axios.create({
		httpAgent,
		httpsAgent,
		maxRedirects: 0,
		responseType: 'stream',
		validateStatus: () => true,
	});
	return {
		async send(request: HttpRequest): Promise<HttpResponse | NoResponse> {
			const started = Date.now();
			try {
				const response = await instance.request<Readable>({
					method: request.method,
					url: request.url,
					headers: { ...request.headers, ...authHeaders },
					data: request.body === undefined ? undefined : JSON.stringify(request.body),
					timeout: request.timeoutMs,
				});
				const headers: Record<string, string> = {};
				for (const [name, value] of Object.entries(response.headers)) {
					if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
				}
				// axios's timeout ends with the headers: the body gets what is left of the request's time.
				const bodyText = await readText(response.data, Math.max(1, request.timeoutMs - (Date.now() - started)));
				return { status: response.status, headers, bodyText };
			} catch (error) {
				if (error instanceof BodyTimeout) return { noResponse: 'timeout', message: `no answer within ${request.timeoutMs} ms` };
				if (error instanceof AxiosError) {
					const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
					return { noResponse: timedOut ? 'timeout' : 'network', message: timedOut ? `no answer within ${request.timeoutMs} ms` : `${error.code ?? 'network error'}: ${error.message}` };
				}
				// The body broke off (the connection reset or closed early).
				if (error instanceof Error) {
					const code = (error as { code?: unknown }).code;
					return { noResponse: 'network', message: `${typeof code === 'string' ? code : 'network error'}: ${error.message}` };
				}
				throw error;
			}
		},
		close() {
			httpAgent.destroy();
			httpsAgent.destroy();
		},
	};
}

/**
 * The body as UTF-8 text (a leading BOM removed, as axios does), its chunks joined once and then released. The
 * listeners are removed when it ends: the response stays reachable from its keep-alive socket, and a listener
 * left on it would keep the promise, and so the text, alive too.
 */
function readText(stream: Readable, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const decoder = new StringDecoder('utf8');
		let pieces: string[] = [];
		const onData = (chunk: Buffer): void => {
			pieces.push(decoder.write(chunk));
		};
		const broken = (message: string) => () => finish(Object.assign(new Error(message), { code: 'ECONNRESET' }));
		const onAborted = broken('the response was aborted');
		const onClose = (): void => {
			if (!stream.readableEnded) broken('the connection closed before the body ended')();
		};
		const onEnd = (): void => finish(undefined);
		const onError = (error: Error): void => finish(error);
		const timer = setTimeout(() => finish(new BodyTimeout()), timeoutMs);
		function finish(error: Error | undefined): void {
			clearTimeout(timer);
			stream.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted).off('close', onClose);
			const parts = pieces;
			pieces = [];
			if (error) {
				// Errors after this one have no listener left to catch them.
				stream.on('error', () => undefined);
				stream.destroy();
				reject(error);
				return;
			}
			parts.push(decoder.end());
			const text = parts.join('');
			parts.length = 0;
			resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
		}
		stream.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted).on('close', onClose);
	});
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
