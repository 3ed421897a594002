import axios, { AxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { Clock, HttpRequest, HttpResponse, HttpTransport, NoResponse } from '../../nodes/core/transport/http';

/**
 * The transport outside n8n (sandbox tooling, e2e driver, benchmark): axios with keep-alive, every status
 * resolved, the body kept as text, and the authentication headers a credential would add inside n8n.
 */
export function createAxiosTransport(authHeaders: Record<string, string> = {}): HttpTransport & { close(): void } {
	const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
	const instance = axios.create({
		httpAgent,
		httpsAgent,
		maxRedirects: 0,
		responseType: 'text',
		transformResponse: [(data: unknown) => data],
		validateStatus: () => true,
	});
	return {
		async send(request: HttpRequest): Promise<HttpResponse | NoResponse> {
			try {
				const response = await instance.request<string>({
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
				return { status: response.status, headers, bodyText: typeof response.data === 'string' ? response.data : '' };
			} catch (error) {
				if (error instanceof AxiosError) {
					const timedOut = error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
					return { noResponse: timedOut ? 'timeout' : 'network', message: timedOut ? `no answer within ${request.timeoutMs} ms` : `${error.code ?? 'network error'}: ${error.message}` };
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

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
