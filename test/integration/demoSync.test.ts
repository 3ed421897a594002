import { cloneDemoDataset } from '../sandbox/data/demo';
import { startSandbox, type Sandbox } from '../sandbox';
import type { CwState, ExpectedOutcome } from '../sandbox/model';
import { runCoreSync, type CoreSyncResult } from '../support/coreSync';

/** Active additions of every agreement, in the expected outcome's form and order. */
function activeAdditions(state: CwState) {
	return state.additions
		.filter((addition) => !addition.cancelledDate)
		.map((addition) => ({ agreementId: addition.agreementId, productIdentifier: addition.product.identifier, quantity: addition.quantity }))
		.sort((a, b) => a.agreementId - b.agreementId || (a.productIdentifier < b.productIdentifier ? -1 : a.productIdentifier > b.productIdentifier ? 1 : 0) || a.quantity - b.quantity);
}

function codesByCustomer(result: CoreSyncResult): Record<string, string[]> {
	const codes: Record<string, string[]> = {};
	for (const entry of result.entries) {
		if (entry.code === 'CW01' || entry.code === 'CW23' || entry.customerCode === undefined) continue;
		(codes[entry.customerCode] ??= []).push(entry.code);
	}
	for (const list of Object.values(codes)) list.sort();
	return codes;
}

function writes(sandbox: Sandbox) {
	return sandbox.cw.journal().filter((entry) => entry.method !== 'GET');
}

describe.each([
	['createAllowed', true],
	['createNotAllowed', false],
] as const)('the demo dataset synced with %s', (mode, allowCreateAdditions) => {
	let sandbox: Sandbox;
	const dataset = cloneDemoDataset();
	const expected = dataset.expected![mode] as ExpectedOutcome;

	beforeAll(async () => {
		sandbox = await startSandbox({ dataset });
	});
	afterAll(async () => sandbox.stop());

	it('leaves ConnectWise exactly in the expected state with the expected codes', async () => {
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions });
		expect(activeAdditions(sandbox.cw.state())).toEqual(expected.additions);
		expect(codesByCustomer(result)).toEqual(expected.codesByCustomer);
		expect(result.entries[0].code).toBe('CW01');
		expect(result.entries[0].message).toBe('Billing Process Started : For Billing Period 2026-10-25');
		expect(result.entries.at(-1)?.message).toBe(`Billing Process Completed with status ${result.status}`);
		// The demo's Bundle product is logged CW12, an Error: the run's status says so.
		expect(Object.values(expected.codesByCustomer).flat()).toContain('CW12');
		expect(result.status).toBe('Failed');
	});

	it('makes zero writes on a second run, reporting only unchanged lines and the same warnings', async () => {
		sandbox.cw.clearJournal();
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions });
		expect(writes(sandbox)).toEqual([]);
		const codes = new Set<string>(result.entries.map((entry) => entry.code));
		for (const code of ['CW07', 'CW08', 'CW20', 'ACW02']) expect(codes.has(code)).toBe(false);
		expect(activeAdditions(sandbox.cw.state())).toEqual(expected.additions);
	});
});

describe('a dry run', () => {
	it('plans and logs the same changes without writing', async () => {
		const dataset = cloneDemoDataset();
		const sandbox = await startSandbox({ dataset });
		try {
			const before = activeAdditions(sandbox.cw.state());
			const dry = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true });
			expect(writes(sandbox)).toEqual([]);
			expect(activeAdditions(sandbox.cw.state())).toEqual(before);
			const planned = dry.entries.filter((entry) => entry.outcome === 'dryRun').map((entry) => `${entry.customerCode} ${entry.code} ${entry.sku}`);
			const real = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true });
			const applied = real.entries.filter((entry) => entry.outcome === 'applied').map((entry) => `${entry.customerCode} ${entry.code} ${entry.sku}`);
			expect(planned.length).toBeGreaterThan(0);
			expect(planned).toEqual(applied);
		} finally {
			await sandbox.stop();
		}
	});
});
