import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type {
	Clock,
	HttpRequest,
	HttpResponse,
	HttpTransport,
	NoResponse,
} from '../core/transport/http';

type HelperContext = IExecuteFunctions | ILoadOptionsFunctions;

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

function errorCode(error: unknown): string | undefined {
	// n8n wraps the HTTP client's error; the system code may sit on it, its cause, or the cause's cause.
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * The core's transport inside n8n: every request goes through `httpRequestWithAuthentication`, so n8n
 * applies the credential (the package never touches a key) and the verified-node rules hold. Every status is
 * returned, and the body as text, so the core sees malformed JSON and error bodies as they are.
 *
 * `credentialData` is the credential as the node read it once for its run (`getCredentials`): n8n's helper
 * then authenticates each request with it (the credential's own `authenticate`), instead of reading the
 * credential from n8n's database and decrypting it again for every one of thousands of requests. Without it,
 * n8n reads the credential per request.
 */
export function n8nTransport(
	context: HelperContext,
	credentialType: string,
	credentialData?: ICredentialDataDecryptedObject,
): HttpTransport {
	const credentialOptions =
		credentialData === undefined
			? undefined
			: { credentialsDecrypted: decryptedCredential(context, credentialType, credentialData) };
	return {
		async send(request: HttpRequest): Promise<HttpResponse | NoResponse> {
			const options: IHttpRequestOptions = {
				method: request.method,
				url: request.url,
				headers: {
					...request.headers,
					...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
				},
				body: request.body === undefined ? undefined : JSON.stringify(request.body),
				json: false,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: request.timeoutMs,
			};
			let response: { statusCode: number; headers: Record<string, unknown>; body: unknown };
			try {
				response = await context.helpers.httpRequestWithAuthentication.call(
					context,
					credentialType,
					options,
					credentialOptions,
				);
			} catch (error) {
				// Only the system error code goes on: the wrapped error carries the request, headers included.
				const code = errorCode(error);
				if (code && TIMEOUT_CODES.has(code))
					return { noResponse: 'timeout', message: `no answer within ${request.timeoutMs} ms` };
				return { noResponse: 'network', message: code ?? 'the connection failed' };
			}
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(response.headers ?? {})) {
				if (value !== undefined && value !== null)
					headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
			}
			const body = response.body;
			const bodyText =
				typeof body === 'string'
					? body
					: body === undefined || body === null
						? ''
						: Buffer.isBuffer(body)
							? body.toString('utf8')
							: JSON.stringify(body);
			return { status: response.statusCode, headers, bodyText };
		},
	};
}

/** The node's credential of this type, as n8n's helper takes it ready decrypted (it reads only `data`). */
function decryptedCredential(
	context: HelperContext,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): ICredentialsDecrypted {
	const details = context.getNode().credentials?.[credentialType];
	return { id: details?.id ?? '', name: details?.name ?? '', type: credentialType, data };
}

/** n8n forbids timer globals in community nodes; its own `sleep` is the sanctioned wait. */
export const n8nClock: Clock = {
	now: () => Date.now(),
	sleep: (ms) => sleep(ms),
};
