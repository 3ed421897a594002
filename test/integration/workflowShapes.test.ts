import { DuplicateCustomerError, type CustomerResult } from '../../nodes/core/apply/applier';
import type { CustomerPlan } from '../../nodes/core/plan/types';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import type { CwAddition, CwState } from '../../sandbox/model';
import { applyPlans } from '../support/applyPlans';
import { runCoreSync } from '../support/coreSync';
import { messageOf } from '../../nodes/core/log/entry';

/**
 * What users do between and around the nodes: chain a dry run into the real apply, merge the same item twice,
 * apply a plan hours later, run two executions at once, lose an answer that commits late, and have n8n die
 * mid-apply. Each ends with one line per product and a log that says what really happened.
 */
let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({ dataset: cloneDemoDataset() });
});
afterEach(async () => sandbox.stop());

const sync = (extra: Parameters<typeof runCoreSync>[0] extends infer T ? Partial<T> : never = {}) =>
	runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...extra });

const writes = () => sandbox.cw.journal().filter((entry) => entry.method !== 'GET');
const entriesOf = (results: readonly CustomerResult[]) => results.flatMap((result) => result.log);

/**
 * Billable, non-zero lines per agreement, product and price that bill on the period's last day (2026-10-25):
 * more than one is a product billed twice. (A line a person scheduled to start later is not.)
 */
function billingLinesPerProduct(state: CwState): Map<string, CwAddition[]> {
	const byProduct = new Map<string, CwAddition[]>();
	const lastDay = '2026-10-25';
	for (const addition of state.additions) {
		const from = addition.effectiveDate?.slice(0, 10) ?? '';
		const to = addition.cancelledDate?.slice(0, 10) ?? '9999-12-31';
		if (addition.billCustomer !== 'Billable' || addition.quantity <= 0 || from > lastDay || to < lastDay) continue;
		const key = `${addition.agreementId}|${addition.product.identifier.toLowerCase()}|${addition.unitPrice ?? 0}`;
		byProduct.set(key, [...(byProduct.get(key) ?? []), addition]);
	}
	return byProduct;
}

function twice(state: CwState): string[] {
	return [...billingLinesPerProduct(state)].filter(([, list]) => list.length > 1).map(([key]) => key);
}


describe('Apply after Apply', () => {
	it('a dry run fed into the real apply reports the true outcome of every line, failures included', async () => {
		const planned = await sync({ dryRun: true });
		sandbox.cw.setFaults([{ method: 'PATCH', path: 'finance/agreements/1001/additions/5001', kind: 403 }]);
		const results = await applyPlans(sandbox, planned.results);
		const bluegum = entriesOf(results).filter((entry) => entry.customerCode === 'BLUEGUM' && entry.sku === 'M365-BP');
		expect(bluegum.map((entry) => [entry.code, entry.outcome ?? null])).toEqual([['CW10', null]]);
		expect(entriesOf(results).filter((entry) => entry.outcome === 'dryRun')).toEqual([]);
		expect(entriesOf(results).filter((entry) => entry.outcome === 'applied').length).toBeGreaterThan(0);
		expect(results.find((result) => result.customer.code === 'BLUEGUM')?.outcomes.find((outcome) => outcome.status === 'failed')).toBeDefined();
	});

	it('an applied output applied again writes nothing more and keeps what was applied', async () => {
		const first = await sync();
		sandbox.cw.clearJournal();
		const again = await applyPlans(sandbox, first.results);
		expect(writes()).toEqual([]);
		const applied = (results: readonly CustomerResult[]) => entriesOf(results).filter((entry) => entry.outcome === 'applied').map((entry) => `${entry.customerCode}|${entry.code}|${entry.additionId}`).sort();
		expect(applied(again)).toEqual(applied(first.results));
	});

	it('a dry run of an applied output keeps the failures it recorded', async () => {
		sandbox.cw.setFaults([{ method: 'PATCH', path: 'finance/agreements/1001/additions/5001', kind: 403 }]);
		const first = await sync();
		sandbox.cw.clearFaults();
		sandbox.cw.clearJournal();
		const dry = await applyPlans(sandbox, first.results, { dryRun: true });
		expect(writes()).toEqual([]);
		const m365 = entriesOf(dry).filter((entry) => entry.customerCode === 'BLUEGUM' && entry.sku === 'M365-BP');
		expect(m365.map((entry) => [entry.code, entry.level])).toEqual([['CW10', 'Error']]);
	});

	it('a create dated after the period, applied again, finds its own line instead of failing', async () => {
		const planned = await sync({ dryRun: true });
		const obrien = planned.plans.filter((plan) => plan.customer.code === 'OBRIEN');
		const options = { effectiveDate: '2026-11-26T00:00:00Z' };
		await applyPlans(sandbox, obrien, options);
		sandbox.cw.clearJournal();
		const again = await applyPlans(sandbox, obrien, options);
		expect(sandbox.cw.journal().filter((entry) => entry.method === 'POST')).toEqual([]);
		expect(entriesOf(again).filter((entry) => entry.level === 'Error')).toEqual([]);
		expect(sandbox.cw.state().additions.filter((addition) => addition.agreementId === 1004 && addition.product.identifier === 'NCE-M365-BP "Annual"')).toHaveLength(1);
	});

	it('refuses two plans of one customer (a Merge in Append mode) before writing anything', async () => {
		const planned = await sync({ dryRun: true });
		const obrien = planned.plans.find((plan) => plan.customer.code === 'OBRIEN')!;
		sandbox.cw.clearJournal();
		await expect(applyPlans(sandbox, [obrien, ...planned.plans])).rejects.toThrow(DuplicateCustomerError);
		await expect(applyPlans(sandbox, [obrien, obrien])).rejects.toThrow(/Customer OBRIEN is in input items 1 and 2/);
		expect(writes()).toEqual([]);
	});
});

describe('a plan applied late', () => {
	async function planThenEdit(edit: (addition: CwAddition) => void): Promise<CustomerPlan[]> {
		const planned = await sync({ dryRun: true });
		const state = sandbox.cw.state();
		edit(state.additions.find((addition) => addition.id === 5001)!);
		sandbox.cw.reset(state);
		sandbox.cw.clearJournal();
		// Two hours later: what the plan saw is no longer fresh.
		return planned.plans.map((plan) => ({ ...plan, plannedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));
	}

	it('does not overwrite a line a person changed meanwhile, and says what changed and by whom (ACW08)', async () => {
		const plans = await planThenEdit((addition) => {
			addition.quantity = 30;
			addition._info = { lastUpdated: '2026-10-27T09:15:00Z', updatedBy: 'jsmith' };
		});
		const results = await applyPlans(sandbox, plans);
		expect(writes().filter((entry) => entry.path.endsWith('/5001'))).toEqual([]);
		expect(sandbox.cw.state().additions.find((addition) => addition.id === 5001)?.quantity).toBe(30);
		const entry = entriesOf(results).find((e) => e.additionId === 5001)!;
		expect(entry).toMatchObject({ code: 'ACW08', level: 'Warn', quantityBefore: 30 });
		expect(messageOf(entry)).toBe(
			'BLUEGUM Not written : Line 5001 for Microsoft 365 Business Premium with Product ID M365-BP changed since the plan (its quantity is 30.00, not 22.00 as planned (last changed at 2026-10-27T09:15:00Z by jsmith)); it stays at 30.00',
		);
	});

	it('does not write a line that no longer bills in the period', async () => {
		const plans = await planThenEdit((addition) => {
			addition.billCustomer = 'NoCharge';
		});
		const results = await applyPlans(sandbox, plans);
		expect(writes().filter((entry) => entry.path.endsWith('/5001'))).toEqual([]);
		expect(entriesOf(results).find((e) => e.additionId === 5001)?.reason).toMatch(/^it no longer bills in the period: addition 5001 is NoCharge/);
	});

	it('leaves the whole product alone when its target changed: the duplicate is not zeroed (ACW08 on both)', async () => {
		const planned = await sync({ dryRun: true });
		const state = sandbox.cw.state();
		// ŁÓDŹ's plan: 5022 10 -> 12, its duplicate 5023 12 -> 0. A person makes 5022 NoCharge meanwhile.
		state.additions.find((addition) => addition.id === 5022)!.billCustomer = 'NoCharge';
		sandbox.cw.reset(state);
		sandbox.cw.clearJournal();
		const results = await applyPlans(sandbox, planned.plans.map((plan) => ({ ...plan, plannedAt: '2026-10-26T22:00:00Z' })));
		expect(writes().filter((entry) => entry.route.startsWith('finance/agreements/1007/'))).toEqual([]);
		expect(sandbox.cw.state().additions.filter((addition) => addition.agreementId === 1007 && addition.product.identifier === 'M365-BP').map((addition) => addition.quantity)).toEqual([10, 12]);
		const entries = entriesOf(results).filter((entry) => entry.customerCode === 'ŁÓDŹ' && entry.sku === 'M365-BP');
		expect(entries.map((entry) => entry.code)).toEqual(['ACW08', 'ACW08']);
		expect(entries[1].reason).toMatch(/^addition 5022 of the product changed since the plan: it no longer bills in the period: addition 5022 is NoCharge/);
	});

	it('does not update a line beside a line of the product a person added meanwhile (no double billing)', async () => {
		const plans = await planThenEdit(() => undefined);
		const state = sandbox.cw.state();
		const m365 = state.additions.find((addition) => addition.id === 5001)!;
		state.additions.push({ ...structuredClone(m365), id: 9002, quantity: 2, _info: { lastUpdated: '2026-10-27T10:00:00Z', updatedBy: 'jsmith' } });
		sandbox.cw.reset(state);
		sandbox.cw.clearJournal();
		const results = await applyPlans(sandbox, plans);
		expect(writes().filter((entry) => entry.path.endsWith('/5001'))).toEqual([]);
		expect(entriesOf(results).find((entry) => entry.additionId === 5001)?.reason).toBe(
			'addition 9002 of the product was added since the plan (last changed at 2026-10-27T10:00:00Z by jsmith)',
		);
	});

	it('does not write a line edited after the plan although its quantity is the same, nor one deleted', async () => {
		const plans = await planThenEdit((addition) => {
			addition.description = 'Renamed by hand';
			addition._info = { lastUpdated: '2026-10-27T08:00:00Z', updatedBy: 'jsmith' };
		});
		const state = sandbox.cw.state();
		state.additions = state.additions.filter((addition) => addition.id !== 5003);
		sandbox.cw.reset(state);
		const results = await applyPlans(sandbox, plans);
		expect(writes().filter((entry) => entry.route.startsWith('finance/agreements/1001/'))).toEqual([]);
		const reasons = new Map(entriesOf(results).filter((entry) => entry.code === 'ACW08').map((entry) => [entry.additionId, entry.reason]));
		expect(reasons.get(5001)).toBe('it was edited after the plan (last changed at 2026-10-27T08:00:00Z by jsmith)');
		expect(reasons.get(5003)).toBe('the line no longer exists');
	});

	it('writes an untouched line after reading the agreement once', async () => {
		const plans = await planThenEdit(() => undefined);
		await applyPlans(sandbox, plans);
		expect(sandbox.cw.state().additions.find((addition) => addition.id === 5001)?.quantity).toBe(24);
		const reads = sandbox.cw.journal().filter((entry) => entry.method === 'GET' && entry.route === 'finance/agreements/1001/additions');
		expect(reads).toHaveLength(1);
	});

	it('a fresh plan of the same execution pays no extra read for its updates', async () => {
		await sync();
		const reads = sandbox.cw.journal().filter((entry) => entry.method === 'GET' && entry.route === 'finance/agreements/1001/additions');
		// BLUEGUM has updates and no create: its agreement is read once, by the plan.
		expect(reads).toHaveLength(1);
	});
});

describe('one line per product whatever the overlap', () => {
	it('a create whose answer is lost and that commits late leaves one line and one log entry', async () => {
		// Re-read twice then sent again, verified, and verified again later: a commit 150 ms late is seen by one of them.
		sandbox.cw.setFaults([{ method: 'POST', path: 'finance/agreements/1004/additions', kind: 'reset', stage: 'late', lateMs: 150, times: 1 }]);
		const result = await sync({ retry: { baseDelayMs: 100, maxDelayMs: 400 } });
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(twice(sandbox.cw.state())).toEqual([]);
		const created = result.entries.filter((entry) => entry.customerCode === 'OBRIEN' && entry.code === 'CW08');
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({ outcome: 'applied' });
	});

	it.each([2, 4])('%i executions at once create each new line once', async (executions) => {
		const results = await Promise.all(Array.from({ length: executions }, (_, index) => sync({ runId: `run-${index}` })));
		// The executions did race (each created the new lines before seeing the others'), and the duplicates went.
		const created = sandbox.cw.journal().filter((entry) => entry.method === 'POST' && entry.route.endsWith('/additions') && entry.status === 201);
		expect(created.length).toBeGreaterThan(new Set(created.map((entry) => entry.route)).size);
		expect(sandbox.cw.journal().filter((entry) => entry.method === 'DELETE' && entry.status === 204).length).toBe(created.length - new Set(created.map((entry) => `${entry.route}|${JSON.parse(entry.requestBody).product.id}`)).size);
		expect(twice(sandbox.cw.state())).toEqual([]);
		// KOWHAI's Bundle is a CW12 in every run; no create failed for any other reason.
		for (const result of results) expect(result.entries.filter((entry) => entry.code === 'CW12' && entry.sku !== 'M365-STARTER-BUNDLE')).toEqual([]);
		const again = await sync({ dryRun: true });
		expect(again.plans.flatMap((plan) => plan.lines.filter((line) => line.action === 'create' || line.code === 'ACW02').map((line) => `${plan.customer.code}|${line.sku}`))).toEqual([]);
	});
});

describe('a run that died during Apply', () => {
	it('its writes are recognised by the next run (ACW09), not logged as unchanged', async () => {
		const planned = await sync({ dryRun: true });
		const bluegum = planned.plans.filter((plan) => plan.customer.code === 'BLUEGUM');
		// n8n died after BLUEGUM's writes: no log of them reached any sink.
		await applyPlans(sandbox, bluegum);
		const next = await sync({ dryRun: true });
		const entries = next.entries.filter((entry) => entry.customerCode === 'BLUEGUM' && (entry.sku === 'M365-BP' || entry.sku === 'AZ-BACKUP-TB'));
		expect(entries.map((entry) => entry.code)).toEqual(['ACW09', 'ACW09']);
		expect(messageOf(entries[0])).toMatch(/is already at \d+\.\d\d : last changed at \d{4}-\d\d-\d\dT[\d:]+Z by sandbox-public, after the period ended$/);
	});
});
