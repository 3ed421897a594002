import type { IDataObject } from 'n8n-workflow';
import { runWorkflow, packageNodeType, type HarnessWorkflow } from '../n8n/harness';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import type { CwState } from '../../sandbox/model';
import type { PlanLine } from '../../nodes/core/plan/types';
import { expectedLines, stateLines } from '../support/outcome';
import { connect, logOf, sandboxCredentials, syncWorkflow, TEST_NODE_TYPES } from './workflow';

/**
 * Issue 15 through n8n's engine: Reconcile Agreement's review policy holds what can cost money, Apply Additions
 * writes only what the policy lets through (held lines logged ACW11), and a second Apply writes the lines a
 * person approved, by line ID.
 */
const CW = { connectWiseManageApi: { id: 'cw', name: 'ConnectWise sandbox' } };
const expected = () => expectedLines(cloneDemoDataset().expected!.createAllowed.additions);

interface Plan extends IDataObject {
	customer: { code: string };
	lines: PlanLine[];
	review: { needsApproval: boolean; heldLineIds: string[]; heldRevenueChange: number; reasons: string[] };
	money: { monthlyRevenueChange: number; monthlyRevenueBefore: number };
	outcomes?: Array<{ lineId: string; status: string; approved?: boolean }>;
	log: Array<{ code: string; outcome?: string; review?: string; lineId?: string; monthlyRevenueChange?: number }>;
}

/** The sync with the review policy on, and optionally a second Apply (approved lines) before Emit CW Log. */
function reviewWorkflow(approvedLineIds?: string, reconcile: IDataObject = {}): HarnessWorkflow {
	const sync = syncWorkflow({ reconcileAgreement: { reviewPolicy: 'holdRisky', ...reconcile } });
	if (approvedLineIds === undefined) return sync;
	return {
		nodes: [
			...sync.nodes,
			{ name: 'Apply Approved', type: packageNodeType('applyAdditions'), parameters: { linesToApply: 'approved', approvedLineIds }, credentials: CW },
		],
		connections: { ...sync.connections, 'Apply Additions': connect('Apply Approved'), 'Apply Approved': connect('Emit CW Log') },
	};
}

const quantityOf = (state: CwState, id: number) => state.additions.find((addition) => addition.id === id)?.quantity;
const heldLines = (plans: Plan[]) => plans.flatMap((plan) => plan.lines.filter((line) => line.review?.decision === 'hold').map((line) => ({ plan, line })));

describe('approval by risk and money (WorkflowExecute)', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('the default policy writes increases at once and holds decreases, zeroes and new lines, untouched and logged ACW11', async () => {
		const before = sandbox.cw.state();
		const result = await runWorkflow(reviewWorkflow(), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(result.error).toBeUndefined();
		const plans = result.json('Reconcile Agreement') as Plan[];
		const held = heldLines(plans);
		const actions = new Set(held.map(({ line }) => line.action));
		// The demo has every kind: a decrease, a service that left, a new line.
		expect([...actions].sort()).toEqual(['create', 'remove', 'update']);
		const after = sandbox.cw.state();
		for (const { line } of held) {
			if (line.additionId !== undefined) expect([line.lineId, quantityOf(after, line.additionId)]).toEqual([line.lineId, quantityOf(before, line.additionId)]);
			else expect(after.additions.filter((addition) => addition.agreementId === line.agreementId && addition.product.identifier === line.product?.identifier)).toEqual([]);
		}
		// What went through: every write not held holds its planned quantity.
		const auto = plans.flatMap((plan) => plan.lines.filter((line) => line.review?.decision === 'auto' && line.additionId !== undefined));
		expect(auto.length).toBeGreaterThan(0);
		for (const line of auto) expect([line.lineId, quantityOf(after, line.additionId!)]).toEqual([line.lineId, line.quantityAfter]);
		// Routing: the plans that need approval say so, with the held lines and their money.
		for (const plan of plans) expect(plan.review.needsApproval).toBe(plan.review.heldLineIds.length > 0);
		const applied = result.json('Apply Additions') as Plan[];
		const acw11 = applied.flatMap((plan) => logOf(plan).filter((entry) => entry.code === 'ACW11'));
		expect(acw11.length).toBe(held.length);
		expect(acw11.every((entry) => entry.outcome === 'held' && entry.review === 'hold')).toBe(true);
		const rows = result.json('Emit CW Log', 0);
		expect(rows.filter((row) => row.code === 'ACW11').length).toBe(held.length);
		expect(new Set(rows.filter((row) => row.code === 'ACW11').map((row) => row.level))).toEqual(new Set(['Warn']));
	});

	it('a second Apply with the held line IDs approved brings the agreements to what Atria bills, marked approved', async () => {
		const result = await runWorkflow(reviewWorkflow('={{ $json.review.heldLineIds }}'), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(result.error).toBeUndefined();
		expect(stateLines(sandbox.cw.state())).toEqual(expected());
		const final = result.json('Apply Approved') as Plan[];
		const approved = final.flatMap((plan) => (plan.outcomes ?? []).filter((outcome) => outcome.approved));
		expect(approved.length).toBe(heldLines(result.json('Reconcile Agreement') as Plan[]).length);
		const rows = result.json('Emit CW Log', 0);
		expect(rows.filter((row) => row.code === 'ACW11')).toEqual([]);
		expect(rows.filter((row) => row.review === 'approved').length).toBe(approved.length);
	});

	it('approving one line of a customer writes that line only; the rest stay held', async () => {
		const plansRun = await runWorkflow(syncWorkflow({ reconcileAgreement: { reviewPolicy: 'holdRisky' }, applyAdditions: { dryRun: true } }), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		const withTwo = (plansRun.json('Reconcile Agreement') as Plan[]).find((plan) => plan.review.heldLineIds.length >= 2);
		expect(withTwo).toBeDefined();
		const [first, ...rest] = withTwo!.review.heldLineIds;
		const code = withTwo!.customer.code;
		const before = sandbox.cw.state();
		const result = await runWorkflow(reviewWorkflow(`={{ $json.customer.code === ${JSON.stringify(code)} ? ${JSON.stringify(first)} : "" }}`), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(result.error).toBeUndefined();
		const plan = (result.json('Apply Approved') as Plan[]).find((item) => item.customer.code === code)!;
		const status = Object.fromEntries((plan.outcomes ?? []).map((outcome) => [outcome.lineId, outcome.status]));
		expect(status[first]).toBe('applied');
		for (const id of rest) expect(status[id]).toBe('held');
		const after = sandbox.cw.state();
		for (const id of rest) {
			const line = plan.lines.find((candidate) => candidate.lineId === id)!;
			if (line.additionId !== undefined) expect(quantityOf(after, line.additionId)).toBe(quantityOf(before, line.additionId));
		}
	});

	it('an approved ID that is not a planned change of the item is refused, naming it', async () => {
		const result = await runWorkflow(reviewWorkflow('L999'), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(result.error?.message).toMatch(/^Invalid parameter "approvedLineIds": L999 is not a planned change of customer /);
	});

	it('Apply Every Change holds nothing; a line amount limit holds large increases too', async () => {
		const all = await runWorkflow(syncWorkflow({ reconcileAgreement: { reviewPolicy: 'applyAll' }, applyAdditions: { dryRun: true } }), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(heldLines(all.json('Reconcile Agreement') as Plan[])).toEqual([]);
		const limited = await runWorkflow(
			syncWorkflow({ reconcileAgreement: { reviewPolicy: 'holdRisky', reviewRules: { holdDecreases: false, holdSetToZero: false, holdNewLines: false, holdNewProducts: false, lineAmount: 100 } }, applyAdditions: { dryRun: true } }),
			{ credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES },
		);
		const held = heldLines(limited.json('Reconcile Agreement') as Plan[]).map(({ line }) => line);
		expect(held.length).toBeGreaterThan(0);
		for (const line of held) expect(line.monthlyRevenueChange === undefined || Math.abs(line.monthlyRevenueChange) > 100).toBe(true);
	});

	it("passes the plan's lines on as the objects it received (n8n saves an object once however many nodes output it)", async () => {
		const result = await runWorkflow(reviewWorkflow(), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		const planned = result.json('Reconcile Agreement');
		const applied = result.json('Apply Additions');
		expect(applied.length).toBe(planned.length);
		applied.forEach((item, index) => expect(item.lines).toBe(planned[index].lines));
	});

	it('an item without a customer (nobody matched the filter) still answers review.needsApproval: false', async () => {
		const result = await runWorkflow(syncWorkflow({ getBillingData: { customersFilter: 'NOBODY-MATCHES' }, reconcileAgreement: { reviewPolicy: 'holdRisky' } }), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		const plans = result.json('Reconcile Agreement');
		expect(plans.length).toBeGreaterThan(0);
		for (const plan of plans) expect([plan.customer, (plan.review as Plan['review']).needsApproval]).toEqual([null, false]);
	});

	it('a bad review rule is refused with its name', async () => {
		const result = await runWorkflow(syncWorkflow({ reconcileAgreement: { reviewPolicy: 'holdRisky', reviewRules: { lineAmount: -5 } } }), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
		expect(result.error?.message).toBe('Invalid review rule "lineAmount": must be 0 or more');
	});
});
