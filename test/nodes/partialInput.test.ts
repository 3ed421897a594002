import type { IDataObject } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset, DEMO_BILLING_PERIOD_END } from '../../sandbox/data/demo';
import type { Dataset } from '../../sandbox/model';
import { messageOf } from '../../nodes/core/log/entry';
import { connect, EMIT_TYPE, logOf, planWorkflow, runPlan, runWithSandbox } from './workflow';

/**
 * Issue 13, deliverable 2: period-wide facts travel with the items. A filter, IF or Loop before Reconcile Agreement
 * (here a Keep node letting one customer through) never changes the plan of a customer that reaches it, and
 * Customers Filter in Get Billing Data gives the same plans.
 */

/** The demo plus KAURI2, a second Atria customer with KAURI's Billing Identifier (another case, a trailing space). */
function datasetWithSharedIdentifier(): Dataset {
	const dataset = cloneDemoDataset();
	dataset.atria.periods[DEMO_BILLING_PERIOD_END].push({
		customerCode: 'KAURI2',
		customerName: 'Kauri Legal (Wellington) Limited',
		customerAccountCode: 'kauri-legal ',
		productSku: 'EXO-P1',
		summaryDescription: 'Exchange Online (Plan 1)',
		thisMonthCount: 3,
		lastMonthCount: 3,
		billableFlag: true,
	});
	return dataset;
}

type Result = Awaited<ReturnType<typeof runPlan>>;
const codeOf = (item: IDataObject) => (item.customer as { code?: string } | null)?.code;

/** What Reconcile decided for one customer: its plan lines, its own entries (code and message), company and agreement. */
function planOf(result: Result, code: string) {
	const item = result.json('Reconcile Agreement').find((candidate) => codeOf(candidate) === code);
	if (item === undefined) throw new Error(`no plan for ${code}: ${String(result.error?.message ?? '')}`);
	const log = logOf(item).filter((entry) => entry.customerCode === code).map((entry) => `${String(entry.code)} ${messageOf(entry)}`);
	return { lines: item.lines, log, company: item.company, agreement: item.agreement };
}

const only = (code: string) => `={{ $json.customer.code === ${JSON.stringify(code)} }}`;

describe('a customer that reaches Reconcile Agreement alone is planned as in a full run', () => {
	let sandbox: Sandbox;
	let full: Result;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: datasetWithSharedIdentifier() });
		full = await runPlan(sandbox);
		expect(full.error).toBeUndefined();
	});
	afterAll(async () => sandbox.stop());

	it.each(['KAURI', 'KAURI2'])('%s shares its Billing Identifier: ACW03 with a Keep node letting only it through', async (code) => {
		const other = code === 'KAURI' ? 'KAURI2' : 'KAURI';
		expect(planOf(full, code).log).toEqual([
			`ACW03 ${code} Billing Identifier ${code === 'KAURI' ? 'KAURI-LEGAL' : 'kauri-legal'} is also used by Atria customer ${other}: not processed, as one agreement cannot carry two customers' quantities`,
		]);
		const alone = await runPlan(sandbox, { keep: only(code) });
		expect(alone.error).toBeUndefined();
		expect(alone.json('Reconcile Agreement').map(codeOf)).toEqual([code]);
		expect(planOf(alone, code)).toEqual(planOf(full, code));
		// The item carries who else has the identifier, found before the Keep node.
		expect((alone.json('Keep')[0].customer as IDataObject).sharesBillingIdentifierWith).toEqual([other]);
	});

	it("MĀORI alone still sets M365-E3 to 0 (CW20): the SKU is managed because HARBOUR reports it", async () => {
		const fullPlan = planOf(full, 'MĀORI');
		const e3 = (plan: ReturnType<typeof planOf>) => (plan.lines as IDataObject[]).filter((line) => line.sku === 'M365-E3').map((line) => [line.code, line.quantityAfter]);
		expect(e3(fullPlan)).toEqual([['CW20', 0]]);

		const alone = await runPlan(sandbox, { keep: only('MĀORI') });
		expect(alone.json('Reconcile Agreement').map(codeOf)).toEqual(['MĀORI']);
		expect(planOf(alone, 'MĀORI')).toEqual(fullPlan);

		const filtered = await runPlan(sandbox, { getBillingData: { customersFilter: 'māori' } });
		expect(filtered.json('Get Billing Data').map(codeOf)).toEqual(['MĀORI']);
		expect(planOf(filtered, 'MĀORI')).toEqual(fullPlan);
		expect(e3(planOf(filtered, 'MĀORI'))).toEqual([['CW20', 0]]);
	});

	it('Customers Filter naming one of two customers with one identifier: ACW03 too', async () => {
		const filtered = await runPlan(sandbox, { getBillingData: { customersFilter: 'KAURI2' } });
		expect(planOf(filtered, 'KAURI2')).toEqual(planOf(full, 'KAURI2'));
	});

	it('every customer of the period, let through alone, gets its full-run plan', async () => {
		const codes = full.json('Reconcile Agreement').map(codeOf) as string[];
		expect(codes.length).toBeGreaterThan(20);
		for (const code of codes) {
			const alone = await runPlan(sandbox, { keep: only(code) });
			expect({ code, plan: planOf(alone, code) }).toEqual({ code, plan: planOf(full, code) });
		}
	});

	it('refuses an item from an older Get Billing Data (no period facts) and says to run Get Billing Data again', async () => {
		const [item] = full.json('Get Billing Data');
		const { period: _period, ...rest } = item;
		const customer = { ...(item.customer as IDataObject) };
		delete customer.sharesBillingIdentifierWith;
		const workflow = planWorkflow();
		workflow.nodes.splice(1, 1, { name: 'Old Items', type: EMIT_TYPE, parameters: { items: JSON.stringify([{ ...rest, customer }]) } });
		workflow.connections = { Start: connect('Old Items'), 'Old Items': connect('Reconcile Agreement') };
		const result = await runWithSandbox(sandbox, workflow);
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(/^input item 1 .*older Get Billing Data.*run Get Billing Data again/);
	});
});
