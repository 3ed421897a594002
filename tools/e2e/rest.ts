/**
 * The two HTTP faces of a running n8n the driver uses: the editor's REST API (owner setup, login, node types,
 * API keys; cookie auth) and the public API (/api/v1, X-N8N-API-KEY: activate workflows, read executions).
 */

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export class EditorSession {
	private cookie = '';
	/** n8n binds the auth cookie to a browser id sent as a header; any fixed value works for one session. */
	private readonly browserId = 'atria-connectwise-e2e';

	constructor(readonly baseUrl: string) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
		const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as unknown) : undefined;
		// The REST API wraps answers in { data }; the static type files are plain JSON.
		return (parsed && typeof parsed === 'object' && 'data' in parsed && path.startsWith('/rest/') ? (parsed as { data: T }).data : parsed) as T;
	}

	async setupOwner(owner: Owner): Promise<void> {
		await this.request('POST', '/rest/owner/setup', owner);
	}

	async login(owner: Owner): Promise<void> {
		await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** An API key with every scope the owner may grant, for the public API. */
	async createApiKey(label: string): Promise<string> {
		const scopes = await this.request<string[]>('GET', '/rest/api-keys/scopes');
		const created = await this.request<{ rawApiKey: string }>('POST', '/rest/api-keys', { label, scopes, expiresAt: null });
		return created.rawApiKey;
	}
}

export class PublicApi {
	constructor(
		readonly baseUrl: string,
		private readonly apiKey: string,
	) {}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /api/v1${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}
}

/** The owner the demo and the e2e create (a local instance on loopback; the password is printed for --ui). */
export const LOCAL_OWNER: Owner = {
	email: 'demo@atria-connectwise.invalid',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Demo-Owner-2026',
};
