import type { IDataObject } from 'n8n-workflow';
import { runSync } from '../../nodes/workflow';
import { startSandbox, type FaultRule, type Sandbox } from '../../../sandbox';
import { runCoreSync } from '../../support/coreSync';
import { CLEAN_STATUS, cleanCodes, faultDataset } from '../support/faultDataset';
import { codesByCustomer, duplicatesCreated, expectedLines, faultsIn, stateLines, writesIn } from '../../support/outcome';
import { recordSection, Tally } from '../support/summary';
import { FAST, TIMEOUT_MS } from './matrix';

/**
 * The same faults through the four n8n nodes in WorkflowExecute: the shells retry, confine and log exactly as
 * the core does (compared case by case with a core run under the same fault), and Continue On Fail carries a
 * run-stopping failure to Emit CW Log instead of losing it. The nodes use the production retry policy
 * (half-second backoff), so only faults that retry quickly are run here; the full matrix is the core's.
 */
const dataset = faultDataset();
const fullExpected = expectedLines(dataset.expected!.createAllowed.additions);
const tally = new Tally();

type Rows = IDataObject[];

function logCodes(rows: Rows): Record<string, string[]> {
	return codesByCustomer(rows.map((row) => ({ code: row.code as never, customerCode: (row.customerCode as string) || undefined })));
}

describe('the n8n nodes under faults behave as the core does', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset });
	});
	afterAll(async () => {
		await sandbox.stop();
		await recordSection('faults.nodes', tally.section());
	});
	function prepare(cwFaults: FaultRule[], atriaFaults: FaultRule[] = []) {
		for (const simulator of [sandbox.cw, sandbox.atria]) {
			simulator.reset();
			simulator.clearJournal();
		}
		sandbox.cw.setFaults(cwFaults);
		sandbox.atria.setFaults(atriaFaults);
	}

	/** The core under the same faults: its final state and codes per customer, for comparison. */
	async function coreUnder(cwFaults: FaultRule[], atriaFaults: FaultRule[] = []) {
		prepare(cwFaults, atriaFaults);
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, retry: FAST, timeoutMs: TIMEOUT_MS });
		return { state: stateLines(sandbox.cw.state()), codes: codesByCustomer(result.entries), status: result.status };
	}

	const cases: Array<{ name: string; cw: FaultRule[]; atria?: FaultRule[]; confined?: { code: string; customerCode: string; sku?: string }; posts?: number }> = [
		{
			name: 'a burst of 429s on the first ConnectWise requests and a 503 from Atria',
			cw: [{ kind: 429, calls: [1, 2, 3], retryAfterSeconds: 0 }],
			atria: [{ kind: 503, times: 1 }],
		},
		{ name: 'a 503 on the first PATCH', cw: [{ method: 'PATCH', path: 'finance/agreements/*/additions/*', kind: 503, times: 1 }] },
		{
			name: 'two creates whose answers are lost',
			cw: [{ method: 'POST', path: 'finance/agreements/*/additions', kind: 'reset', stage: 'after', times: 2 }],
			// One POST per create (the demo has three): the lost ones are found by re-reading, not posted again.
			posts: 3,
		},
		{
			name: 'a 404 on every read of one agreement\'s additions',
			cw: [{ method: 'GET', path: 'finance/agreements/1001/additions', kind: 404 }],
			confined: { code: 'CW10', customerCode: 'BLUEGUM' },
		},
		{
			name: 'a 403 on every PATCH of one line',
			cw: [{ method: 'PATCH', path: 'finance/agreements/1001/additions/5001', kind: 403 }],
			confined: { code: 'CW10', customerCode: 'BLUEGUM', sku: 'M365-BP' },
		},
		{
			name: 'a 401 on every POST to one agreement',
			cw: [{ method: 'POST', path: 'finance/agreements/1004/additions', kind: 401 }],
			confined: { code: 'CW12', customerCode: 'OBRIEN', sku: 'NCE-M365-BP "Annual"' },
		},
	];

	it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { cw, atria, confined, posts }) => {
		const core = await coreUnder(cw, atria);

		prepare(cw, atria);
		const result = await runSync(sandbox);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(faultsIn([...sandbox.cw.journal(), ...sandbox.atria.journal()]).length).toBeGreaterThan(0);
		const rows = result.json('Emit CW Log', 0);
		const [summary] = result.json('Emit CW Log', 1);
		const state = sandbox.cw.state();

		// The shells and the core end in the same state with the same log.
		expect(stateLines(state)).toEqual(core.state);
		expect(logCodes(rows)).toEqual(core.codes);
		expect(summary.status).toBe(core.status);
		expect(duplicatesCreated(state, dataset)).toEqual([]);
		if (posts !== undefined) expect(sandbox.cw.journal().filter((entry) => entry.method === 'POST')).toHaveLength(posts);
		if (confined) {
			const errors = rows.filter((row) => row.level === 'Error');
			expect(errors).toEqual([expect.objectContaining({ ...confined })]);
			expect(summary.status).toBe('Failed');
			expect(rows.at(-1)).toMatchObject({ code: 'CW23', message: 'Billing Process Completed with status Failed' });
		} else {
			expect(stateLines(state)).toEqual(fullExpected);
			expect(logCodes(rows)).toEqual(cleanCodes());
			expect(summary.status).toBe(CLEAN_STATUS);
		}
		tally.add('nodeFaultCases');
	});

	it.each([
		['companies', 'Reconcile Agreement', 'CW02', [{ method: 'GET', path: 'company/companies', kind: 401 }], []],
		['Atria', 'Get Billing Data', 'CW03', [], [{ kind: 403 }]],
	] as Array<[string, string, string, FaultRule[], FaultRule[]]>)(
		'a persistent failure reading %s stops %s with %s, and Continue On Fail carries it to Emit CW Log',
		async (_what, node, code, cwFaults, atriaFaults) => {
			prepare(cwFaults, atriaFaults);
			const stopped = await runSync(sandbox);
			expect(stopped.status).toBe('error');
			expect(stopped.error).toMatchObject({ node: expect.objectContaining({ name: node }) });
			expect(String(stopped.error?.message)).toMatch(new RegExp(`^${code}: `));
			expect(writesIn(sandbox.cw.journal())).toEqual([]);

			prepare(cwFaults, atriaFaults);
			const carried = await runSync(sandbox, { continueOnFail: true });
			expect(carried.status).toBe('success');
			const rows = carried.json('Emit CW Log', 0);
			expect(rows.map((row) => row.code)).toEqual(['CW01', code, 'CW23']);
			expect(rows.at(-1)?.message).toBe('Billing Process Completed with status Failed');
			expect(writesIn(sandbox.cw.journal())).toEqual([]);
			expect(stateLines(sandbox.cw.state())).toEqual(stateLines(dataset.connectwise));
			tally.add('nodeFaultCases', 2);
			tally.add('continueOnFailCases');
		},
	);
});
