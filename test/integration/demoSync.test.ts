import { codesOfKind } from '../../nodes/core/codes/catalogue';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { ExpectedOutcome } from '../../sandbox/model';
import { runCoreSync, type CoreSyncResult } from '../support/coreSync';
import { codesByCustomer, expectedLines, stateLines, writesIn } from '../support/outcome';
import { messageOf } from '../../nodes/core/log/entry';

describe.each([
	['createAllowed', true],
	['createNotAllowed', false],
] as const)('the demo dataset synced with %s', (mode, allowCreateAdditions) => {
	let sandbox: Sandbox;
	let first: CoreSyncResult;
	const dataset = cloneDemoDataset();
	const expected = dataset.expected![mode] as ExpectedOutcome;
	const sync = () => runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions });

	// Each test reads the outcome of this first sync; none depends on another having run.
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset });
		first = await sync();
	});
	afterAll(async () => sandbox.stop());

	it('leaves ConnectWise exactly in the expected state with the expected codes', async () => {
		const result = first;
		expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(expected.additions));
		expect(codesByCustomer(result.entries)).toEqual(expected.codesByCustomer);
		expect(result.entries[0].code).toBe('CW01');
		expect(messageOf(result.entries[0])).toBe('Billing Process Started : For Billing Period 2026-10-25');
		expect(messageOf(result.entries.at(-1)!)).toBe(`Billing Process Completed with status ${result.status}`);
		// The demo's Bundle product is logged CW12, an Error: the run's status says so.
		expect(Object.values(expected.codesByCustomer).flat()).toContain('CW12');
		expect(result.status).toBe('Failed');
	});

	it('makes zero writes on a second run, reporting only unchanged lines and the same warnings', async () => {
		sandbox.cw.clearJournal();
		const result = await sync();
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		const codes = new Set<string>(result.entries.map((entry) => entry.code));
		for (const code of codesOfKind('write')) expect(codes.has(code)).toBe(false);
		expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(expected.additions));
		const warnings = (entries: CoreSyncResult['entries']) => entries.filter((entry) => entry.level === 'Warn' && entry.code !== 'CW20' && entry.code !== 'ACW02').map(messageOf);
		expect(warnings(result.entries)).toEqual(warnings(first.entries));
	});
});

describe('a dry run', () => {
	it('plans and logs the same changes without writing', async () => {
		const dataset = cloneDemoDataset();
		const sandbox = await startSandbox({ dataset });
		try {
			const before = stateLines(sandbox.cw.state());
			const dry = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true });
			expect(writesIn(sandbox.cw.journal())).toEqual([]);
			expect(stateLines(sandbox.cw.state())).toEqual(before);
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
