import { testCredential } from '../n8n/harness';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
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
		['a wrong private key', { privateKey: 'WrongPrivateKey9' }, 'WrongPrivateKey9'],
		['a wrong public key', { publicKey: 'WrongPublicKey77' }, 'WrongPublicKey77'],
		['a wrong company', { companyId: 'othercompany' }, 'othercompany'],
		['another client ID', { clientId: '11111111-1111-4111-8111-111111111111' }, '11111111-1111-4111-8111-111111111111'],
	])('fail for ConnectWise with %s: the sandbox answers 401 and the message says so, without the value', async (_what, overrides, value) => {
		sandbox.cw.clearJournal();
		const result = await testCredential('connectWiseManageApi', cw(overrides));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ConnectWise refused the keys \(401\)/);
		expect(result.message).not.toContain(value);
		const calls = sandbox.cw.journal().map((entry) => `${entry.route} ${entry.status}`);
		expect(calls.length).toBeGreaterThan(0);
		expect(new Set(calls)).toEqual(new Set(['system/info 401']));
	});

	it('refuse a codebase that is not a ConnectWise codebase before sending anything (CW18)', async () => {
		sandbox.cw.clearJournal();
		const result = await testCredential('connectWiseManageApi', cw({ codebase: 'v1999_1/' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^CW18: .*Codebase must have a valid value/);
		expect(sandbox.cw.journal()).toEqual([]);
	});

	it('fail for Atria with a wrong token', async () => {
		sandbox.atria.clearJournal();
		const result = await testCredential('atriaApi', atria({ apiToken: 'wrong-token' }));
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain('wrong-token');
		const statuses = sandbox.atria.journal().map((entry) => entry.status);
		expect(statuses.length).toBeGreaterThan(0);
		expect(new Set(statuses)).toEqual(new Set([401]));
	});
});
