import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { writesIn } from '../support/outcome';
import { connect, EMIT_TYPE, planWorkflow, runPlan, runWithSandbox, syncWorkflow, type SyncParameters } from './workflow';

/**
 * Issue 13, deliverable 1: parameters are evaluated per item as n8n users expect (Reconcile Agreement plans each
 * customer with its own options), and the parameters that are per run (Get Billing Data's, the connection
 * options, Emit CW Log's) are refused with a message naming them when input items disagree.
 */

type Result = Awaited<ReturnType<typeof runPlan>>;
const codeOf = (item: IDataObject) => (item.customer as { code?: string } | null)?.code;
const plansOf = (result: Result) => new Map(result.json('Reconcile Agreement').map((item) => [codeOf(item)!, item]));
/** One customer's plan as compared between runs: lines, its own entries, company, agreement and agreement type. */
function planOf(result: Result, code: string) {
	const item = plansOf(result).get(code);
	if (item === undefined) throw new Error(`no plan for ${code}: ${String(result.error?.message ?? '')}`);
	const log = (item.log as IDataObject[]).filter((entry) => entry.customerCode === code).map((entry) => `${String(entry.code)} ${String(entry.message)}`);
	return { lines: item.lines, log, company: item.company, agreement: item.agreement, agreementType: item.agreementType };
}
const lineCodes = (item: IDataObject | undefined) => ((item?.lines ?? []) as IDataObject[]).map((line) => line.code);
const when = (code: string, then: string, otherwise: string) => `={{ $json.customer.code === ${JSON.stringify(code)} ? ${then} : ${otherwise} }}`;

describe('Reconcile Agreement reads its parameters per item', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	beforeEach(() => {
		sandbox.cw.reset();
		sandbox.cw.clearJournal();
	});
	afterAll(async () => sandbox.stop());

	it('Allow Creating Additions = {{ $json.customer.code === "OBRIEN" }} creates only OBRIEN\'s addition (CW08; CW22 for the others)', async () => {
		const allowed = await runPlan(sandbox, { reconcileAgreement: { allowCreateAdditions: true } });
		const needing = [...plansOf(allowed)].filter(([, item]) => lineCodes(item).includes('CW08')).map(([code]) => code);
		expect(needing).toContain('OBRIEN');
		expect(needing.length).toBeGreaterThan(1);

		const parameters: SyncParameters = { reconcileAgreement: { allowCreateAdditions: '={{ $json.customer.code === "OBRIEN" }}' } };
		const perItem = await runPlan(sandbox, parameters);
		expect(perItem.error).toBeUndefined();
		const plans = plansOf(perItem);
		for (const code of needing) {
			expect([code, lineCodes(plans.get(code)).filter((c) => c === 'CW08' || c === 'CW22')]).toEqual([code, [code === 'OBRIEN' ? 'CW08' : 'CW22']]);
		}

		// Through Apply Additions: ConnectWise gets exactly one new addition, on OBRIEN's agreement.
		const obrienAgreement = (plans.get('OBRIEN')!.agreement as { id: number }).id;
		const synced = await runWithSandbox(sandbox, syncWorkflow(parameters));
		expect(synced.status).toBe('success');
		const creates = writesIn(sandbox.cw.journal()).filter((write) => write.method === 'POST');
		expect(creates.map((write) => write.route)).toEqual([`finance/agreements/${obrienAgreement}/additions`]);
	});

	it('Agreement Type and Agreement Selection per item: each customer planned as in a run with its own values', async () => {
		const perItem = await runPlan(sandbox, {
			reconcileAgreement: {
				agreementType: when('BLUEGUM', '"Managed Services"', '"Cloud and Hosting Services"'),
				agreementSelection: when('ACORNOAK', '"latestStart"', '"lowestId"'),
			},
		});
		expect(perItem.error).toBeUndefined();
		// One ConnectWise snapshot per agreement type and rule (three here), each read in batches as for one.
		expect(sandbox.cw.journal().filter((entry) => entry.route === 'finance/agreements/types')).toHaveLength(3);
		const managed = await runPlan(sandbox, { reconcileAgreement: { agreementType: 'Managed Services' } });
		const latest = await runPlan(sandbox, { reconcileAgreement: { agreementSelection: 'latestStart' } });
		const plain = await runPlan(sandbox);
		expect(planOf(perItem, 'BLUEGUM')).toEqual(planOf(managed, 'BLUEGUM'));
		expect(planOf(perItem, 'BLUEGUM').agreementType).toBe('Managed Services');
		expect(planOf(perItem, 'ACORNOAK')).toEqual(planOf(latest, 'ACORNOAK'));
		expect(planOf(latest, 'ACORNOAK').agreement).not.toEqual(planOf(plain, 'ACORNOAK').agreement);
		for (const code of plansOf(plain).keys()) {
			if (code !== 'BLUEGUM' && code !== 'ACORNOAK') expect({ code, plan: planOf(perItem, code) }).toEqual({ code, plan: planOf(plain, code) });
		}
	});

	it('Create Missing Products per item: only the customer it is on for gets the catalog item', async () => {
		const perItem = await runPlan(sandbox, {
			reconcileAgreement: { createMissingProducts: '={{ $json.customer.code === "KOWHAI" }}', productSubcategory: 12, productType: '21', options: { newProductPrice: 9.5 } },
		});
		expect(perItem.error).toBeUndefined();
		const kowhai = (plansOf(perItem).get('KOWHAI')!.lines as IDataObject[]).find((line) => line.sku === 'VEEAM-365-BACKUP');
		expect(kowhai).toMatchObject({ code: 'CW08', newProduct: { identifier: 'VEEAM-365-BACKUP', subcategoryId: 12, typeId: 21, price: 9.5 } });
		const all = await runPlan(sandbox, { reconcileAgreement: { createMissingProducts: true, productSubcategory: 12, productType: '21', options: { newProductPrice: 9.5 } } });
		expect(planOf(perItem, 'KOWHAI')).toEqual(planOf(all, 'KOWHAI'));
		const none = await runPlan(sandbox);
		for (const code of plansOf(none).keys()) if (code !== 'KOWHAI') expect({ code, plan: planOf(perItem, code) }).toEqual({ code, plan: planOf(none, code) });
	});

	it.each([
		['concurrency', { options: { concurrency: when('OBRIEN', '2', '4') } }],
		['requestsPerMinute', { options: { requestsPerMinute: when('OBRIEN', '600', '0') } }],
	] as Array<[string, INodeParameters]>)('a connection option (%s) that differs per item is refused, naming it and the items', async (name, reconcileAgreement) => {
		const result = await runPlan(sandbox, { reconcileAgreement });
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: expect.objectContaining({ name: 'Reconcile Agreement' }) });
		// OBRIEN is the third customer of the demo.
		expect(String(result.error?.message)).toBe(`Option "${name}" is read once per run, but input items 1 and 3 give different values`);
		expect(result.error?.description).toMatch(/same value for every input item/);
		expect(sandbox.cw.journal()).toEqual([]);
	});

	it('a connection option given by an expression that is the same for every item is accepted', async () => {
		const result = await runPlan(sandbox, { reconcileAgreement: { options: { concurrency: '={{ 1 + 1 }}', requestsPerMinute: '={{ $json.runId ? 0 : 5 }}' } } });
		expect(result.error).toBeUndefined();
		expect(planOf(result, 'OBRIEN')).toEqual(planOf(await runPlan(sandbox), 'OBRIEN'));
	});

	it('a per-item value that is invalid is refused naming the parameter, before anything is read', async () => {
		const result = await runPlan(sandbox, { reconcileAgreement: { agreementSelection: when('OBRIEN', '"highestId"', '"lowestId"') } });
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(/^Invalid parameter "agreementSelection": must be one of /);
		expect(sandbox.cw.journal()).toEqual([]);
	});
});

describe('per-run parameters of Get Billing Data and Emit CW Log', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterAll(async () => sandbox.stop());

	/** Start -> Emit (two items) -> Get Billing Data -> Reconcile Agreement. */
	function twoInputs(getBillingData: INodeParameters) {
		const workflow = planWorkflow({ getBillingData });
		workflow.nodes.splice(1, 0, { name: 'Two Items', type: EMIT_TYPE, parameters: { items: JSON.stringify([{ filter: 'BLUEGUM', day: '25' }, { filter: 'KAURI', day: '25' }]) } });
		workflow.connections = { ...workflow.connections, Start: connect('Two Items'), 'Two Items': connect('Get Billing Data') };
		return workflow;
	}

	it.each([
		['customersFilter', { customersFilter: '={{ $json.filter }}' }],
		['billingDate', { billingDate: '={{ $json.filter === "KAURI" ? "2026-10-24" : "2026-10-25" }}' }],
		['onlyBillable', { onlyBillable: '={{ $json.filter === "KAURI" }}' }],
	] as Array<[string, INodeParameters]>)('Get Billing Data refuses input items that resolve %s differently', async (name, getBillingData) => {
		const result = await runWithSandbox(sandbox, twoInputs(getBillingData));
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: expect.objectContaining({ name: 'Get Billing Data' }) });
		expect(String(result.error?.message)).toBe(`Parameter "${name}" is read once per run, but input items 1 and 2 give different values`);
		expect(result.error?.description).toMatch(/same value for every input item/);
	});

	it('Get Billing Data runs once for several input items that agree', async () => {
		const result = await runWithSandbox(sandbox, twoInputs({ customersFilter: '={{ "BLUEGUM, " + "KAURI" }}', periodEndDay: '={{ $json.day }}' }));
		expect(result.error).toBeUndefined();
		expect(result.json('Get Billing Data').map(codeOf)).toEqual(['BLUEGUM', 'KAURI']);
	});

	it.each([
		['minimumLevel', { minimumLevel: when('OBRIEN', '"Warn"', '"Info"') }],
		['attachHtmlReport', { attachHtmlReport: '={{ $json.customer.code !== "OBRIEN" }}' }],
	] as Array<[string, INodeParameters]>)('Emit CW Log refuses input items that resolve %s differently', async (name, emitCwLog) => {
		sandbox.cw.reset();
		const result = await runWithSandbox(sandbox, syncWorkflow({ emitCwLog, applyAdditions: { dryRun: true } }));
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ node: expect.objectContaining({ name: 'Emit CW Log' }) });
		expect(String(result.error?.message)).toBe(`Parameter "${name}" is read once per run, but input items 1 and 3 give different values`);
	});

	it('Emit CW Log accepts a per-run parameter whose expression is the same for every item', async () => {
		sandbox.cw.reset();
		const result = await runWithSandbox(sandbox, syncWorkflow({ emitCwLog: { minimumLevel: '={{ "Warn" }}' }, applyAdditions: { dryRun: true } }));
		expect(result.error).toBeUndefined();
		expect(new Set(result.json('Emit CW Log', 0).map((row) => row.level))).toEqual(new Set(['Warn', 'Error']));
	});
});
