import { testCredential } from '../n8n/harness';
import { startSandbox, type Sandbox } from '../sandbox';
import { cloneDemoDataset } from '../sandbox/data/demo';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_CREDENTIAL } from '../support/coreSync';

describe('credential tests against the sandbox', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterAll(async () => sandbox.stop());

	const cw = (overrides: Record<string, unknown> = {}) => ({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url, ...overrides });
	const atria = (overrides: Record<string, unknown> = {}) => ({ baseUrl: sandbox.atria.url, apiToken: SANDBOX_ATRIA_TOKEN, ...overrides });

	it('pass with the documented sandbox credentials', async () => {
		expect(await testCredential('connectWiseManageApi', cw())).toMatchObject({ status: 'OK' });
		expect(await testCredential('atriaApi', atria())).toMatchObject({ status: 'OK' });
		expect(sandbox.cw.journal().map((entry) => entry.route)).toContain('system/info');
	});

	it.each([
		['a wrong private key', { privateKey: 'wrong' }],
		['a wrong public key', { publicKey: 'wrong' }],
		['a wrong company', { companyId: 'other' }],
		['another client ID', { clientId: '11111111-1111-4111-8111-111111111111' }],
		['a codebase that is not a ConnectWise codebase', { codebase: 'v1999_1/' }],
	])('fail for ConnectWise with %s', async (_what, overrides) => {
		const result = await testCredential('connectWiseManageApi', cw(overrides));
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('wrong');
	});

	it('fail for Atria with a wrong token', async () => {
		const result = await testCredential('atriaApi', atria({ apiToken: 'wrong-token' }));
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('wrong-token');
	});
});
