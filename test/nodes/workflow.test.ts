import { runSync } from './workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { expectedLines, stateLines } from '../support/outcome';

const activeAdditions = stateLines;
const expected = (mode: 'createAllowed' | 'createNotAllowed') => expectedLines(cloneDemoDataset().expected![mode].additions);

describe('the four nodes in n8n-core WorkflowExecute against the demo sandbox', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('leaves ConnectWise exactly in the expected state and emits the expected codes', async () => {
		const result = await runSync(sandbox);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(activeAdditions(sandbox.cw.state())).toEqual(expected('createAllowed'));

		const customers = result.json('Get Billing Data');
		expect(customers.length).toBe(Object.keys(cloneDemoDataset().expected!.createAllowed.codesByCustomer).length);
		const rows = result.json('Emit CW Log', 0);
		const codes: Record<string, string[]> = {};
		for (const row of rows) if (row.customerCode) (codes[row.customerCode as string] ??= []).push(row.code as string);
		for (const list of Object.values(codes)) list.sort();
		expect(codes).toEqual(cloneDemoDataset().expected!.createAllowed.codesByCustomer);
		expect(rows[0]).toMatchObject({ code: 'CW01', level: 'Info', message: 'Billing Process Started : For Billing Period 2026-10-25' });
		expect(rows.at(-1)).toMatchObject({ code: 'CW23', message: 'Billing Process Completed with status Failed' });

		const [summary] = result.json('Emit CW Log', 1);
		expect(summary.status).toBe('Failed');
		expect((summary.countsByCode as Record<string, number>).CW08).toBe(3);
		expect(summary.text).toContain('Error CW12');
	});

	it('reads each credential once per node run, and still authenticates every request with it', async () => {
		const result = await runSync(sandbox);
		expect(result.status).toBe('success');
		const { decryptedReads, authenticatedRequests } = result.credentialsHelper;
		const reads = (type: string) => decryptedReads.filter((read) => read === type).length;
		const sent = (host: string) => authenticatedRequests.filter((request) => String(request.url).startsWith(host));
		const cwRequests = sent(sandbox.cw.url);
		const atriaRequests = sent(sandbox.atria.url);
		expect(cwRequests.length).toBeGreaterThan(30);
		expect(atriaRequests.length).toBeGreaterThanOrEqual(2);
		// Reconcile Agreement and Apply Additions each read the ConnectWise credential once; Get Billing Data the Atria one.
		expect(reads('connectWiseManageApi')).toBe(2);
		expect(reads('atriaApi')).toBe(1);
		for (const request of cwRequests) expect(String(request.headers?.Authorization)).toMatch(/^Basic /);
		for (const request of atriaRequests) expect(String(request.headers?.Authorization)).toMatch(/^Bearer ./);
	});

	it('writes nothing on a second run and nothing in a dry run', async () => {
		await runSync(sandbox);
		sandbox.cw.clearJournal();
		const again = await runSync(sandbox);
		expect(again.status).toBe('success');
		expect(sandbox.cw.journal().filter((entry) => entry.method !== 'GET')).toEqual([]);

		sandbox.cw.reset();
		sandbox.cw.clearJournal();
		const dry = await runSync(sandbox, { applyAdditions: { dryRun: true } });
		expect(sandbox.cw.journal().filter((entry) => entry.method !== 'GET')).toEqual([]);
		const dryRows = dry.json('Emit CW Log', 0).filter((row) => row.outcome === 'dryRun');
		expect(dryRows.length).toBeGreaterThan(0);
	});

	it('filters the log by minimum level but counts every entry in the summary', async () => {
		const result = await runSync(sandbox, { emitCwLog: { minimumLevel: 'Warn' } });
		const rows = result.json('Emit CW Log', 0);
		expect(new Set(rows.map((row) => row.level))).toEqual(new Set(['Warn', 'Error']));
		const [summary] = result.json('Emit CW Log', 1);
		expect((summary.countsByLevel as Record<string, number>).Verbose).toBeGreaterThan(0);
	});

	it('creates a missing catalog product from the node parameters (Create Missing Products)', async () => {
		const result = await runSync(sandbox, { reconcileAgreement: { createMissingProducts: true, productSubcategory: 12, productType: '21', options: { newProductPrice: 9.5 } } });
		expect(result.error).toBeUndefined();
		const item = sandbox.cw.state().catalog.find((product) => product.identifier === 'VEEAM-365-BACKUP');
		expect(item).toMatchObject({ subcategory: { id: 12 }, type: { id: 21 }, price: 9.5 });
		const codes = result.json('Emit CW Log', 0).filter((row) => row.customerCode === 'KOWHAI').map((row) => row.code);
		expect(codes).toEqual(expect.arrayContaining(['ACW04', 'CW08']));
	});

	it('branches per customer: Reconcile marks the customers that need attention', async () => {
		const result = await runSync(sandbox);
		const plans = result.json('Reconcile Agreement');
		const attention = plans.filter((plan) => plan.needsAttention).map((plan) => (plan.customer as { code: string }).code);
		expect(attention).toContain('KOWHAI');
		expect(attention).not.toContain('BLUEGUM');
	});
});

describe('failures that stop the job', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterAll(async () => sandbox.stop());

	it.each([
		['a wrong private key', { cw: { privateKey: 'not-the-key' } }, {}, 'Reconcile Agreement', /^CW02: /],
		['an empty private key', { cw: { privateKey: '' } }, {}, 'Reconcile Agreement', /^CW18: Failed to validate ConnectWise secrets\. Private Key must have a valid value/],
		['a client ID that is not a GUID', { cw: { clientId: 'abc\r\nX-Evil: 1' } }, {}, 'Reconcile Agreement', /^CW18: .*Client ID must have a valid value/],
		['no custom URL', { cw: { customUrl: '' } }, {}, 'Reconcile Agreement', /^CW17: Failed to Retrieve Job Task Parameters: Error reported was: api url is not available/],
		['plain http to a remote host', { cw: { customUrl: 'http://cw.example.com' } }, {}, 'Reconcile Agreement', /^CW18: .*Custom URL must have a valid value.*plain http/],
		['a wrong Atria token', { atria: { apiToken: 'wrong-atria-token' } }, {}, 'Get Billing Data', /^CW03: Failed to connect to Atria: Error reported was : HTTP 401/],
		['an impossible date', {}, { getBillingData: { billingDate: '2026-02-30' } }, 'Get Billing Data', /^CW19: Incorrect billing period date or format/],
		['an unknown agreement type', {}, { reconcileAgreement: { agreementType: `x" or 1=1 --` } }, 'Reconcile Agreement', /^CW21: Invalid agreement type/],
	])('%s is an error of its node with its CW code, and no secret in it', async (_what, overrides, parameters, node, message) => {
		sandbox.cw.clearJournal();
		const result = await runSync(sandbox, parameters, overrides);
		expect(result.status).toBe('error');
		expect((result.error as { node?: { name: string } } | undefined)?.node).toMatchObject({ name: node });
		expect(String(result.error?.message)).toMatch(message);
		expect(result.error?.description).toBeTruthy();
		const text = JSON.stringify(result.run);
		for (const secret of ['not-the-key', 'sandbox-private', 'wrong-atria-token', 'sandbox-token']) expect(text).not.toContain(secret);
		expect(sandbox.cw.journal().filter((entry) => entry.method !== 'GET')).toEqual([]);
	});

	it('with Continue On Fail, the failure becomes a log entry that reaches Emit CW Log', async () => {
		const result = await runSync(sandbox, { continueOnFail: true }, { cw: { privateKey: 'not-the-key' } });
		expect(result.status).toBe('success');
		const rows = result.json('Emit CW Log', 0);
		expect(rows.map((row) => row.code)).toEqual(expect.arrayContaining(['CW01', 'CW02', 'CW23']));
		expect(rows.at(-1)?.message).toBe('Billing Process Completed with status Failed');
	});
});
