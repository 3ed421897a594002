import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeProperties, INodePropertyCollection, INodeType } from 'n8n-workflow';
import { MANUAL_TRIGGER_TYPE, NO_OP_TYPE, resumeWorkflow, ResumeRefusedError, runWorkflow, type HarnessWorkflow, type WorkflowRunResult } from '../n8n/harness';
import type { PlanLine } from '../../nodes/core/plan/types';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset, DEMO_BILLING_PERIOD_END } from '../../sandbox/data/demo';
import type { CwState } from '../../sandbox/model';
import { IfStandIn, MergeStandIn, SendEmailStandIn } from '../n8n/standIns';
import { sandboxCredentials } from '../nodes/workflow';
import { expectedLines, stateLines } from '../support/outcome';

/**
 * workflows/review-and-approve.json as shipped, through n8n-core's WorkflowExecute with the harness's stand-ins for
 * If, Merge and Send Email (Send and Wait): the safe lines are written at once, the execution waits for the
 * approval with the held lines untouched, and it is resumed the way n8n's waiting webhook does when a button of
 * the email is clicked. The period is pinned to the demo's; PostgreSQL and Slack are no-ops.
 */
const PACKAGE = 'n8n-nodes-atria-connectwise';
const FILE = join(__dirname, '../../workflows/review-and-approve.json');
const PASS_THROUGH = new Set(['n8n-nodes-base.postgres', 'n8n-nodes-base.slack', 'n8n-nodes-base.stickyNote']);

interface WorkflowNodeJson {
	name: string;
	type: string;
	typeVersion: number;
	id: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, unknown>;
}
const shipped = JSON.parse(readFileSync(FILE, 'utf8')) as { name: string; nodes: WorkflowNodeJson[]; connections: HarnessWorkflow['connections']; settings: HarnessWorkflow['settings'] };

interface Plan extends IDataObject {
	customer: { code: string } | null;
	lines: PlanLine[];
	review?: { needsApproval: boolean; heldLineIds: string[]; heldRevenueChange: number; reasons: string[] };
}

/** The shipped workflow with the period pinned and the outside services passed through; `reconcile` overrides parameters. */
function runnable(reconcile: IDataObject = {}): HarnessWorkflow {
	return {
		name: shipped.name,
		settings: shipped.settings,
		connections: shipped.connections,
		nodes: shipped.nodes.map((node) => {
			const base = { name: node.name, id: node.id, typeVersion: node.typeVersion, parameters: node.parameters as never, credentials: node.credentials as never };
			if (node.type === `${PACKAGE}.getBillingData`) return { ...base, type: node.type, parameters: { ...node.parameters, billingPeriod: 'date', billingDate: DEMO_BILLING_PERIOD_END } as never };
			if (node.type === `${PACKAGE}.reconcileAgreement`) return { ...base, type: node.type, parameters: { ...node.parameters, ...reconcile } as never };
			if (node.type === 'n8n-nodes-base.manualTrigger') return { ...base, type: MANUAL_TRIGGER_TYPE, typeVersion: 1 };
			if (PASS_THROUGH.has(node.type)) return { ...base, type: NO_OP_TYPE, typeVersion: 1, parameters: {}, credentials: undefined };
			return { ...base, type: node.type };
		}),
	};
}

const quantityOf = (state: CwState, additionId: number) => state.additions.find((addition) => addition.id === additionId)?.quantity;
const writes = (plans: Plan[], decision: 'auto' | 'hold') =>
	plans.flatMap((plan) => plan.lines.filter((line) => line.review?.decision === decision).map((line) => ({ customer: plan.customer!.code, line })));
/** A line as ConnectWise has it now: its quantity, or for a new line the additions of its product on the agreement. */
const inConnectWise = (state: CwState, line: PlanLine) =>
	line.additionId !== undefined
		? quantityOf(state, line.additionId)
		: state.additions.filter((addition) => addition.agreementId === line.agreementId && addition.product.identifier === line.product?.identifier).map((addition) => addition.quantity);

/** Parameter paths the stand-in does not declare (collections and fixed collections walked into). */
function unknownParameters(properties: INodeProperties[], parameters: Record<string, unknown>, where: string): string[] {
	return Object.entries(parameters).flatMap(([name, value]) => {
		const property = properties.find((candidate) => candidate.name === name);
		if (!property) return [`${where}.${name}`];
		if (property.type === 'collection' && value && typeof value === 'object') return unknownParameters(property.options as INodeProperties[], value as Record<string, unknown>, `${where}.${name}`);
		if (property.type === 'fixedCollection' && value && typeof value === 'object') {
			return Object.entries(value as Record<string, unknown>).flatMap(([group, inner]) => {
				const values = (property.options as INodePropertyCollection[]).find((option) => option.name === group)?.values;
				return values ? unknownParameters(values, inner as Record<string, unknown>, `${where}.${name}.${group}`) : [`${where}.${name}.${group}`];
			});
		}
		return [];
	});
}

describe('review-and-approve.json (WorkflowExecute, resumed as n8n resumes a waiting execution)', () => {
	it("the harness's stand-ins declare every parameter the workflow gives If, Merge and Send Email, at their versions", () => {
		const standIns: Record<string, INodeType> = { 'n8n-nodes-base.if': new IfStandIn(), 'n8n-nodes-base.merge': new MergeStandIn(), 'n8n-nodes-base.emailSend': new SendEmailStandIn() };
		const routing = shipped.nodes.filter((node) => standIns[node.type] !== undefined);
		expect(routing.map((node) => node.name).sort()).toEqual(['All Customers', 'Ask Billing Admin to Approve', 'Held Plans with Decision', 'Needs Approval?']);
		for (const node of routing) {
			const { description } = standIns[node.type];
			expect([node.name, ([] as number[]).concat(description.version).includes(node.typeVersion)]).toEqual([node.name, true]);
			expect(unknownParameters(description.properties, node.parameters, node.name)).toEqual([]);
		}
	});

	let sandbox: Sandbox;
	const dataset = cloneDemoDataset();
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	/** The first part: the safe lines written, the execution waiting in the email node, the held lines untouched. */
	async function runUntilApproval(): Promise<{ first: WorkflowRunResult; plans: Plan[]; before: CwState }> {
		const before = sandbox.cw.state();
		const first = await runWorkflow(runnable(), { credentials: sandboxCredentials(sandbox) });
		expect(first.error).toBeUndefined();
		expect(first.status).toBe('waiting');
		expect(first.waitingNode).toBe('Ask Billing Admin to Approve');
		expect(first.waitTill?.getUTCFullYear()).toBe(3000);
		const plans = first.json('Reconcile Agreement') as Plan[];
		const held = writes(plans, 'hold');
		const auto = writes(plans, 'auto');
		expect(held.length).toBeGreaterThan(0);
		expect(auto.length).toBeGreaterThan(0);
		const now = sandbox.cw.state();
		for (const { line } of held) expect([line.lineId, inConnectWise(now, line)]).toEqual([line.lineId, inConnectWise(before, line)]);
		for (const { line } of auto) if (line.additionId !== undefined) expect([line.lineId, quantityOf(now, line.additionId)]).toEqual([line.lineId, line.quantityAfter]);
		// Only the customers with held lines went to the approval; the others wait in All Customers.
		const needing = plans.filter((plan) => plan.review?.needsApproval).map((plan) => plan.customer!.code);
		expect(new Set(needing)).toEqual(new Set(held.map(({ customer }) => customer)));
		expect(first.json('Needs Approval?', 0).map((plan) => (plan.customer as { code: string }).code)).toEqual(needing);
		expect(first.json('Needs Approval?', 1).length).toBeGreaterThan(0);
		for (const later of ['Held Plans with Decision', 'Apply Approved Lines', 'All Customers', 'Emit CW Log', 'Insert into cw_log']) expect([later, first.outputs[later]]).toEqual([later, undefined]);
		// One email with the summary's text and both buttons, signed resume URLs of this execution and node.
		expect(first.approvals).toHaveLength(1);
		const [email] = first.approvals;
		expect(email.to).toBe('billing-admin@example.com');
		expect(email.subject).toBe(`ConnectWise billing changes to approve (period ending ${DEMO_BILLING_PERIOD_END})`);
		expect(email.message).toContain(String(first.json('Summarize Held Lines', 1)[0].text));
		const emailNode = shipped.nodes.find((node) => node.name === 'Ask Billing Admin to Approve')!;
		expect(email.approveUrl).toMatch(new RegExp(`/webhook-waiting/${first.executionId}/${emailNode.id}\\?approved=true&signature=[0-9a-f]{64}$`));
		expect(email.declineUrl).toMatch(/\?approved=false&signature=[0-9a-f]{64}$/);
		return { first, plans, before };
	}

	it('writes the safe lines at once, waits for the approval, then writes the held lines with their planned quantities', async () => {
		const { first, plans } = await runUntilApproval();
		const result = await resumeWorkflow(first, first.approvals[0].approveUrl);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const after = sandbox.cw.state();
		for (const { line } of writes(plans, 'hold')) {
			if (line.additionId !== undefined) expect([line.lineId, quantityOf(after, line.additionId)]).toEqual([line.lineId, line.quantityAfter]);
			else expect([line.lineId, inConnectWise(after, line)]).toEqual([line.lineId, [line.quantityAfter]]);
		}
		// Safe, then approved, ends where applying every change does.
		expect(stateLines(after)).toEqual(expectedLines(dataset.expected!.createNotAllowed.additions));
		// Every held plan got the answer; the resumed node's output is the webhook's.
		expect(result.json('Ask Billing Admin to Approve')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
		const decided = result.json('Held Plans with Decision') as Array<Plan & { data: { approved: boolean } }>;
		expect(decided.map((plan) => [plan.customer!.code, plan.data.approved])).toEqual(first.json('Needs Approval?', 0).map((plan) => [(plan.customer as { code: string }).code, true]));
		// All Customers waited for the approved branch: one item per customer, one log row set.
		expect(result.executionOrder.indexOf('All Customers')).toBeGreaterThan(result.executionOrder.indexOf('Apply Approved Lines'));
		expect(result.json('All Customers')).toHaveLength(plans.length);
		const rows = result.json('Emit CW Log', 0);
		expect(rows.filter((row) => row.code === 'ACW11')).toEqual([]);
		expect(rows.filter((row) => row.review === 'approved').length).toBe(writes(plans, 'hold').length);
		expect(result.json('Insert into cw_log')).toEqual(rows);
		expect(result.json('Post Summary to Slack')).toHaveLength(1);
	});

	it('after Decline the held lines stay untouched and are logged ACW11', async () => {
		const { first, plans, before } = await runUntilApproval();
		const result = await resumeWorkflow(first, first.approvals[0].declineUrl!);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const after = sandbox.cw.state();
		const held = writes(plans, 'hold');
		for (const { line } of held) expect([line.lineId, inConnectWise(after, line)]).toEqual([line.lineId, inConnectWise(before, line)]);
		expect(result.json('Ask Billing Admin to Approve')).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
		const rows = result.json('Emit CW Log', 0);
		const acw11 = rows.filter((row) => row.code === 'ACW11');
		expect(acw11.every((row) => row.outcome === 'held' && row.level === 'Warn')).toBe(true);
		const heldKeys = held.map(({ customer, line }) => `${customer}|${line.sku ?? ''}|${line.additionId ?? ''}`).sort();
		expect([...new Set(acw11.map((row) => `${row.customerCode}|${row.sku}|${row.additionId ?? ''}`))].sort()).toEqual(heldKeys);
		expect(rows.some((row) => row.review === 'approved')).toBe(false);
	});

	it('refuses a resume URL that is not signed by the instance, and one for an execution already finished', async () => {
		const { first } = await runUntilApproval();
		const forged = first.approvals[0].declineUrl!.replace('approved=false', 'approved=true');
		await expect(resumeWorkflow(first, forged)).rejects.toThrow(ResumeRefusedError);
		const done = await resumeWorkflow(first, first.approvals[0].approveUrl);
		expect(done.status).toBe('success');
		await expect(resumeWorkflow(done, first.approvals[0].approveUrl)).rejects.toMatchObject({ httpStatus: 409 });
	});

	it('when no customer needs approval nothing waits: All Customers runs with the one branch and the run ends', async () => {
		const result = await runWorkflow(runnable({ reviewPolicy: 'applyAll' }), { credentials: sandboxCredentials(sandbox) });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.approvals).toEqual([]);
		expect(result.outputs['Ask Billing Admin to Approve']).toBeUndefined();
		expect(result.json('All Customers')).toHaveLength((result.json('Reconcile Agreement') as Plan[]).length);
		expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(dataset.expected!.createNotAllowed.additions));
		expect(result.json('Emit CW Log', 1)).toHaveLength(1);
	});
});
