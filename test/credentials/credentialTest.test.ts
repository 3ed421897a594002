/**
 * (c) The credentials' `test` requests, run the way n8n's CredentialsTester runs them (RoutingNode
 * with the test request as a routed property, then authenticate, then rules), against a local server.
 */
import { testCredential } from '../n8n/harness';
import { type RecordingServer, startRecordingServer } from '../n8n/recordingServer';

describe('credential tests as n8n runs them', () => {
	let server: RecordingServer;

	beforeAll(async () => {
		server = await startRecordingServer();
	});

	afterAll(async () => {
		await server.close();
	});

	beforeEach(() => {
		server.requests.length = 0;
	});

	const cw = () => ({
		site: 'custom',
		customUrl: server.url,
		codebase: 'v4_6_release/',
		companyId: 'atria_demo',
		publicKey: 'pub',
		privateKey: 'priv',
		clientId: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c',
	});

	const atria = () => ({ baseUrl: server.url, apiToken: 'jwt-token' });

	describe('ConnectWise Manage API', () => {
		it('200 from GET {base}/{codebase}apis/3.0/system/info is OK, sent with the auth headers', async () => {
			server.reply({
				status: 200,
				headers: { 'content-type': 'application/json' },
				body: '{"version":"v2025.1.12345","isCloud":true,"serverTimeZone":"Eastern Standard Time"}',
			});
			await expect(testCredential('connectWiseManageApi', cw())).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]).toEqual(
				expect.objectContaining({
					method: 'GET',
					url: '/v4_6_release/apis/3.0/system/info',
					headers: expect.objectContaining({
						authorization: `Basic ${Buffer.from('atria_demo+pub:priv').toString('base64')}`,
						clientid: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c',
						accept: 'application/json',
					}),
				}),
			);
		});

		it('an invalid Client ID fails the test with the CW18 message, nothing is sent', async () => {
			const result = await testCredential('connectWiseManageApi', { ...cw(), clientId: 'abc' });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^CW18: .*Client ID/);
			expect(server.requests).toHaveLength(0);
		});

		it('uses the configured codebase, and v4_6_release/ when the codebase is left empty', async () => {
			server.reply({ status: 200, body: '{}' });
			await testCredential('connectWiseManageApi', { ...cw(), codebase: 'v2025_1' });
			await testCredential('connectWiseManageApi', { ...cw(), codebase: '' });
			const withoutCodebase: Record<string, unknown> = cw();
			delete withoutCodebase.codebase;
			await testCredential('connectWiseManageApi', withoutCodebase as never);
			expect(server.requests.map((request) => request.url)).toEqual([
				'/v2025_1/apis/3.0/system/info',
				'/v4_6_release/apis/3.0/system/info',
				'/v4_6_release/apis/3.0/system/info',
			]);
		});

		it.each([
			[401, 'ConnectWise refused the keys (401): check Company ID, Public Key and Private Key'],
			[403, "The keys work but the API member's security role lacks rights (403)"],
			[404, 'Not found (404): check Site, Custom URL and Codebase. Cloud sites sometimes answer bad keys with 404 too.'],
			[500, 'Internal Server Error'],
		])('%i is an error with its rule message', async (status, message) => {
			server.reply({ status, headers: { 'content-type': 'application/json' }, body: '{"code":"x","message":"y"}' });
			await expect(testCredential('connectWiseManageApi', cw())).resolves.toEqual({ status: 'Error', message });
		});

		it('a refused connection reports its code', async () => {
			const closed = await startRecordingServer();
			const customUrl = closed.url;
			await closed.close();
			await expect(testCredential('connectWiseManageApi', { ...cw(), customUrl })).resolves.toEqual({
				status: 'Error',
				message: 'ECONNREFUSED',
			});
		});

		it('plain http to a non-loopback host fails the test before sending anything', async () => {
			const result = await testCredential('connectWiseManageApi', { ...cw(), customUrl: 'http://cw.example.com' });
			expect(result.status).toBe('Error');
			expect(result.message).toBe(
				'CW18: Failed to validate ConnectWise secrets. Custom URL must have a valid value (the URL uses plain http: use https, or turn on Allow Plain HTTP in the credential)',
			);
			expect(server.requests).toHaveLength(0);
		});
	});

	describe('Atria API', () => {
		it('200 from GET /api/billing/{last day of previous month}?billable=true is OK, with the Bearer token', async () => {
			server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '[]' });
			await expect(testCredential('atriaApi', atria())).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			expect(server.requests).toHaveLength(1);
			const [request] = server.requests;
			// $now is in the instance's timezone: accept the previous month's last day as seen from any zone.
			const lastDayOfPreviousMonth = (at: Date) => {
				const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 0));
				return day.toISOString().slice(0, 10);
			};
			const now = Date.now();
			const candidates = [-14, 0, 14].map((hours) => lastDayOfPreviousMonth(new Date(now + hours * 3600_000)));
			const match = /^\/api\/billing\/(\d{4}-\d{2}-\d{2})\?billable=true$/.exec(request.url);
			expect(match).not.toBeNull();
			expect(candidates).toContain(match?.[1]);
			expect(request.headers.authorization).toBe('Bearer jwt-token');
		});

		it.each([
			[401, 'Atria refused the API token (401): it is wrong or expired'],
			[403, 'Atria refused the API token (403): it is disabled or lacks the Service Provider Developer permission'],
			[404, 'Not Found'],
		])('%i is an error with its rule message', async (status, message) => {
			server.reply({ status, body: '' });
			await expect(testCredential('atriaApi', atria())).resolves.toEqual({ status: 'Error', message });
		});

		it('a missing base URL is reported, nothing is sent', async () => {
			const result = await testCredential('atriaApi', { apiToken: 'x' });
			expect(result).toEqual({
				status: 'Error',
				message: 'CW03: Failed to connect to Atria: Error reported was : the Atria base URL is empty',
			});
			expect(server.requests).toHaveLength(0);
		});
	});
});
