/**
 * (a) Both credentials' `authenticate`, exercised the way a node uses them: a workflow run through
 * n8n-core's WorkflowExecute, a node calling this.helpers.httpRequestWithAuthentication, and a local
 * server recording the headers that really arrive.
 */
import type { ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { runWorkflow } from '../n8n/harness';
import { type RecordingServer, startRecordingServer } from '../n8n/recordingServer';
import { AuthProbe, PROBE_TYPE, probeWorkflow } from './probeNode';

const nodeTypes = { [PROBE_TYPE]: new AuthProbe() };

const cwCredentials = (server: RecordingServer) => ({
	site: 'custom',
	customUrl: `${server.url}/`,
	codebase: 'v4_6_release/',
	companyId: 'atria_demo',
	publicKey: 'PubKey123',
	privateKey: 'PrivKey:456',
	clientId: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c',
	allowPlainHttp: false,
});

const expectedCwAuthorization = `Basic ${Buffer.from('atria_demo+PubKey123:PrivKey:456').toString('base64')}`;

async function probe(
	credentialType: string,
	credentials: Record<string, unknown>,
	request: IHttpRequestOptions,
	extra: { credentialTypes?: ICredentialType[] } = {},
) {
	return await runWorkflow(probeWorkflow({ credentialType, request, captureErrors: true }), {
		nodeTypes,
		credentials: { [credentialType]: credentials as never },
		credentialTypes: extra.credentialTypes,
	});
}

describe('credential authenticate through WorkflowExecute and httpRequestWithAuthentication', () => {
	let server: RecordingServer;

	beforeAll(async () => {
		server = await startRecordingServer();
	});

	afterAll(async () => {
		await server.close();
	});

	beforeEach(() => {
		server.requests.length = 0;
		server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
	});

	it('ConnectWise: Basic companyId+publicKey:privateKey and clientId headers, base URL filled for a relative url', async () => {
		const result = await probe('connectWiseManageApi', cwCredentials(server), {
			method: 'GET',
			url: '/company/companies?pageSize=1',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.json('Probe')).toEqual([
			expect.objectContaining({ response: expect.objectContaining({ statusCode: 200, body: { ok: true } }) }),
		]);
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/v4_6_release/apis/3.0/company/companies?pageSize=1');
		expect(request.headers.authorization).toBe(expectedCwAuthorization);
		expect(request.headers.authorization).toBe('Basic YXRyaWFfZGVtbytQdWJLZXkxMjM6UHJpdktleTo0NTY=');
		expect(request.headers.clientid).toBe('3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c');
	});

	it('ConnectWise: an absolute url is left alone, an empty codebase falls back to v4_6_release/', async () => {
		await probe(
			'connectWiseManageApi',
			{ ...cwCredentials(server), codebase: '' },
			{ method: 'GET', url: '/system/info', returnFullResponse: true },
		);
		await probe('connectWiseManageApi', cwCredentials(server), {
			method: 'GET',
			url: `${server.url}/login/companyinfo/atria_demo`,
			returnFullResponse: true,
		});
		expect(server.requests.map((request) => request.url)).toEqual([
			'/v4_6_release/apis/3.0/system/info',
			'/login/companyinfo/atria_demo',
		]);
		expect(server.requests[1].headers.authorization).toBe(expectedCwAuthorization);
	});

	it('ConnectWise: a node-supplied baseURL (e.g. a discovered codebase) wins over the credential', async () => {
		await probe('connectWiseManageApi', cwCredentials(server), {
			method: 'GET',
			baseURL: `${server.url}/v2025_1/apis/3.0`,
			url: '/system/info',
			returnFullResponse: true,
		});
		expect(server.requests[0].url).toBe('/v2025_1/apis/3.0/system/info');
	});

	it('ConnectWise: a cloud site builds https://{site}/{codebase}apis/3.0 (checked before sending)', async () => {
		const { ConnectWiseManageApi } = await import('../../credentials/ConnectWiseManageApi.credentials');
		const credentials = { ...cwCredentials(server), site: 'api-eu.myconnectwise.net', codebase: 'v2025_1' };
		const authenticated = await new ConnectWiseManageApi().authenticate(credentials, {
			url: '/finance/agreements',
			headers: { authorization: 'stale', Accept: 'application/json' },
		});
		expect(authenticated.baseURL).toBe('https://api-eu.myconnectwise.net/v2025_1/apis/3.0');
		expect(authenticated.headers).toEqual({
			Accept: 'application/json',
			Authorization: expectedCwAuthorization,
			clientId: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c',
		});
	});

	it('Atria: Bearer token header, base URL filled for a relative url', async () => {
		const result = await probe(
			'atriaApi',
			{ baseUrl: `${server.url}//`, apiToken: 'eyJhbGciOi.payload.sig', allowPlainHttp: false },
			{ method: 'GET', url: '/api/billing/2026-10-31', qs: { billable: true }, returnFullResponse: true },
		);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].url).toBe('/api/billing/2026-10-31?billable=true');
		expect(server.requests[0].headers.authorization).toBe('Bearer eyJhbGciOi.payload.sig');
		expect(server.requests[0].headers.clientid).toBeUndefined();
	});

	it.each([
		[
			'connectWiseManageApi',
			{ site: 'custom', customUrl: 'http://cw.example.com' },
			'CW18: Failed to validate ConnectWise secrets. Custom URL must have a valid value (the URL uses plain http: use https, or turn on Allow Plain HTTP in the credential)',
		],
		[
			'atriaApi',
			{ baseUrl: 'http://atria.example.com' },
			'CW03: Failed to connect to Atria: Error reported was : the Atria base URL uses plain http: use https, or turn on Allow Plain HTTP in the credential',
		],
	])('%s: a plain-http credential URL to a non-loopback host is refused before anything is sent', async (type, overrides, message) => {
		const base = type === 'atriaApi' ? { apiToken: 't' } : cwCredentials(server);
		const result = await probe(type, { ...base, ...overrides }, { method: 'GET', url: '/x' });
		const [output] = result.json('Probe');
		expect(output.error).toEqual(
			expect.objectContaining({ className: 'NodeApiError', causeClassName: 'UserError', message }),
		);
		expect(server.requests).toHaveLength(0);
	});

	it('an absolute plain-http request URL to another host is refused even with an https credential', async () => {
		const result = await probe(
			'connectWiseManageApi',
			{ ...cwCredentials(server), site: 'api-na.myconnectwise.net' },
			{ method: 'GET', url: 'http://cw.example.com/v4_6_release/apis/3.0/system/info' },
		);
		expect(result.json('Probe')[0].error).toEqual(
			expect.objectContaining({
				className: 'NodeApiError',
				message:
					'ConnectWise: not sending credentials to http://cw.example.com/v4_6_release/apis/3.0/system/info: the URL uses plain http: use https, or turn on Allow Plain HTTP in the credential',
			}),
		);
	});

	it('an invalid credential field is reported with the nodes\' CW code, not sent', async () => {
		const result = await probe(
			'connectWiseManageApi',
			{ ...cwCredentials(server), clientId: 'not-a-guid' },
			{ method: 'GET', url: '/system/info' },
		);
		expect(result.json('Probe')[0].error).toEqual(
			expect.objectContaining({ message: expect.stringMatching(/^CW18: .*Client ID/) }),
		);
		expect(server.requests).toHaveLength(0);
	});

	it('plain http to a non-loopback host is allowed when Allow Plain HTTP is on (the check passes)', async () => {
		const { ConnectWiseManageApi } = await import('../../credentials/ConnectWiseManageApi.credentials');
		const authenticated = await new ConnectWiseManageApi().authenticate(
			{ ...cwCredentials(server), customUrl: 'http://cw.example.com', allowPlainHttp: true },
			{ url: '/system/info' },
		);
		expect(authenticated.baseURL).toBe('http://cw.example.com/v4_6_release/apis/3.0');
	});

	it('the declarative (generic) form could express the same header: .base64Encode() works in credential expressions', async () => {
		// Not used by the package (its authenticate is a function); proves the expression alternative.
		// n8n keeps only declared fields of credential data, so the test type reuses the real properties.
		const { ConnectWiseManageApi } = await import('../../credentials/ConnectWiseManageApi.credentials');
		const genericCw: ICredentialType = {
			name: 'genericCwTest',
			displayName: 'Generic CW (test only)',
			properties: new ConnectWiseManageApi().properties,
			authenticate: {
				type: 'generic',
				properties: {
					headers: {
						Authorization:
							"={{ 'Basic ' + ($credentials.companyId + '+' + $credentials.publicKey + ':' + $credentials.privateKey).base64Encode() }}",
						clientId: '={{ $credentials.clientId }}',
					},
				},
			},
		};
		const probeNode = new AuthProbe();
		probeNode.description.credentials = [{ name: 'genericCwTest', required: false }];
		const result = await runWorkflow(
			probeWorkflow({
				credentialType: 'genericCwTest',
				request: { method: 'GET', url: `${server.url}/generic`, returnFullResponse: true },
			}),
			{
				nodeTypes: { [PROBE_TYPE]: probeNode },
				credentialTypes: [genericCw],
				credentials: { genericCwTest: cwCredentials(server) },
			},
		);
		expect(result.error).toBeUndefined();
		expect(server.requests[0].headers.authorization).toBe(expectedCwAuthorization);
		expect(server.requests[0].headers.clientid).toBe('3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c');
	});
});
