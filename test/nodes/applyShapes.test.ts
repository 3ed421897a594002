import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { runWorkflow, type HarnessWorkflow } from '../n8n/harness';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import type { CwState } from '../../sandbox/model';
import { writesIn } from '../support/outcome';
import { connect, runSync, sandboxCredentials, syncWorkflow, TEST_NODE_TYPES } from './workflow';

/**
 * Issue 13 through n8n's engine: Apply Additions reads Dry Run per item, takes its own output, refuses two plans
 * of one customer, and executions at once leave one billing line per product.
 */
const TWICE_TYPE = 'test.twice';

/** What a Merge in Append mode of one branch with itself gives: every item twice. */
class Twice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Twice',
		name: 'twice',
		group: ['transform'],
		version: 1,
		description: 'Outputs every input item twice',
		defaults: { name: 'Twice' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [[...items, ...items].map((item) => ({ json: item.json }))];
	}
}

const nodeTypes = { ...TEST_NODE_TYPES, [TWICE_TYPE]: new Twice() };

/** The sync workflow with extra nodes put between Apply Additions and Emit CW Log (or before Apply). */
function withBetween(between: HarnessWorkflow['nodes'], from: string, to: string, applyParameters = {}): HarnessWorkflow {
	const sync = syncWorkflow({ applyAdditions: applyParameters });
	const names = between.map((node) => node.name);
	const chain = [from, ...names, to];
	const connections: HarnessWorkflow['connections'] = { ...sync.connections };
	for (let index = 0; index < chain.length - 1; index++) connections[chain[index]] = connect(chain[index + 1]);
	return { nodes: [...sync.nodes, ...between], connections };
}

const quantityOf = (state: CwState, id: number) => state.additions.find((addition) => addition.id === id)?.quantity;

describe('Apply Additions in any workflow shape (WorkflowExecute)', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('Dry Run = {{ $json.customer.code === "OBRIEN" }} writes every customer but OBRIEN', async () => {
		const result = await runSync(sandbox, { applyAdditions: { dryRun: '={{ $json.customer.code === "OBRIEN" }}' } });
		expect(result.error).toBeUndefined();
		const written = new Set(writesIn(sandbox.cw.journal()).map((entry) => entry.route.split('/')[2]));
		expect(written.has('1004')).toBe(false);
		expect(written.has('1001')).toBe(true);
		const byCustomer = new Map(result.json('Apply Additions').map((item) => [(item.customer as { code: string }).code, item.dryRun]));
		expect(byCustomer.get('OBRIEN')).toBe(true);
		expect(byCustomer.get('BLUEGUM')).toBe(false);
	});

	it('a dry-run Apply chained into a real Apply reports a failed PATCH as CW10, and the run as Failed', async () => {
		const workflow = withBetween(
			[{ name: 'Apply for Real', type: 'n8n-nodes-atria-connectwise.applyAdditions', parameters: {}, credentials: { connectWiseManageApi: { id: 'cw', name: 'ConnectWise sandbox' } } }],
			'Apply Additions',
			'Emit CW Log',
			{ dryRun: true },
		);
		sandbox.cw.setFaults([{ method: 'PATCH', path: 'finance/agreements/1001/additions/5001', kind: 403 }]);
		const result = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox), nodeTypes });
		expect(result.error).toBeUndefined();
		const rows = result.json('Emit CW Log', 0);
		expect(rows.filter((row) => row.outcome === 'dryRun')).toEqual([]);
		expect(rows.filter((row) => row.customerCode === 'BLUEGUM' && row.sku === 'M365-BP').map((row) => row.code)).toEqual(['CW10']);
		expect(rows.filter((row) => row.outcome === 'applied').length).toBeGreaterThan(0);
		expect(result.json('Emit CW Log', 1)[0].status).toBe('Failed');
		expect(quantityOf(sandbox.cw.state(), 5003)).toBe(3.75);
	});

	it('refuses the same plan items twice (a Merge in Append mode) and writes nothing', async () => {
		const workflow = withBetween([{ name: 'Twice', type: TWICE_TYPE, parameters: {} }], 'Reconcile Agreement', 'Apply Additions');
		const result = await runWorkflow(workflow, { credentials: sandboxCredentials(sandbox), nodeTypes });
		expect(result.error?.message).toMatch(/^Customer \S+ is in input items 1 and \d+; each customer's plan must come once$/);
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
	});

	it('three executions at once leave one billing line per product', async () => {
		const results = await Promise.all([runSync(sandbox), runSync(sandbox), runSync(sandbox)]);
		for (const result of results) expect(result.error).toBeUndefined();
		const state = sandbox.cw.state();
		const created = state.additions.filter((addition) => addition.effectiveDate === '2026-09-26T00:00:00Z');
		const perProduct = new Map<string, number>();
		for (const addition of created) perProduct.set(`${addition.agreementId}|${addition.product.id}`, (perProduct.get(`${addition.agreementId}|${addition.product.id}`) ?? 0) + 1);
		expect([...perProduct.values()]).toEqual([1, 1, 1]);
		const again = await runSync(sandbox, { applyAdditions: { dryRun: true } });
		expect(again.json('Emit CW Log', 0).filter((row) => row.code === 'CW08' || row.code === 'ACW02')).toEqual([]);
	});
});
