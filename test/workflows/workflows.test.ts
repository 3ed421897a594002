import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers, type INodeProperties, type INodeType } from 'n8n-workflow';
import { MANUAL_TRIGGER_TYPE, NO_OP_TYPE, runWorkflow, type HarnessWorkflow } from '../n8n/harness';
import { ApplyAdditions } from '../../nodes/ApplyAdditions/ApplyAdditions.node';
import { EmitCwLog } from '../../nodes/EmitCwLog/EmitCwLog.node';
import { GetBillingData } from '../../nodes/GetBillingData/GetBillingData.node';
import { ReconcileAgreement } from '../../nodes/ReconcileAgreement/ReconcileAgreement.node';
import { startSandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { sandboxCredentials } from '../nodes/workflow';
import { expectedLines, stateLines } from '../support/outcome';

const PACKAGE = 'n8n-nodes-atria-connectwise';
const FOLDER = join(__dirname, '../../workflows');
const ours: Record<string, INodeType> = {
	[`${PACKAGE}.getBillingData`]: NodeHelpers.getVersionedNodeType(new GetBillingData()),
	[`${PACKAGE}.reconcileAgreement`]: NodeHelpers.getVersionedNodeType(new ReconcileAgreement()),
	[`${PACKAGE}.applyAdditions`]: NodeHelpers.getVersionedNodeType(new ApplyAdditions()),
	[`${PACKAGE}.emitCwLog`]: NodeHelpers.getVersionedNodeType(new EmitCwLog()),
};

interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: Record<string, unknown> }>;
	connections: Record<string, { main: Array<Array<{ node: string; index: number }>> }>;
}

const files = readdirSync(FOLDER).filter((file) => file.endsWith('.json'));
const load = (file: string) => JSON.parse(readFileSync(join(FOLDER, file), 'utf8')) as WorkflowFile;

function checkParameters(properties: INodeProperties[], parameters: Record<string, unknown>, where: string): string[] {
	const problems: string[] = [];
	for (const [name, value] of Object.entries(parameters)) {
		const property = properties.find((p) => p.name === name);
		if (!property) {
			problems.push(`${where}: unknown parameter ${name}`);
			continue;
		}
		if (property.type === 'options' && !(typeof value === 'string' && value.startsWith('=')) && !property.typeOptions?.loadOptionsMethod) {
			const allowed = (property.options ?? []).map((option) => (option as { value: unknown }).value);
			if (!allowed.includes(value)) problems.push(`${where}: ${name} = ${JSON.stringify(value)} is not one of its options`);
		}
		if (property.type === 'collection' && value && typeof value === 'object') {
			problems.push(...checkParameters((property.options ?? []) as INodeProperties[], value as Record<string, unknown>, `${where}.${name}`));
		}
	}
	return problems;
}

describe('example workflows', () => {
	it('ships the three workflows of the README', () => {
		expect(files.sort()).toEqual(['monthly-sync-google-sheets.json', 'monthly-sync-postgres.json', 'review-dry-run-approval.json']);
	});

	it.each(files)('%s gives our nodes only parameters they have, with valid values and their credentials', (file) => {
		const workflow = load(file);
		const problems: string[] = [];
		for (const node of workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE}.`))) {
			const type = ours[node.type];
			expect([node.name, type !== undefined]).toEqual([node.name, true]);
			expect(node.typeVersion).toBe(type.description.version);
			problems.push(...checkParameters(type.description.properties, node.parameters, node.name));
			const needed = (type.description.credentials ?? []).map((credential) => credential.name).sort();
			expect(Object.keys(node.credentials ?? {}).sort()).toEqual(needed);
		}
		expect(problems).toEqual([]);
		// n8n import:workflow refuses a workflow without an id.
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{16}$/);
		const names = new Set(workflow.nodes.map((node) => node.name));
		for (const [source, { main }] of Object.entries(workflow.connections)) {
			expect(names.has(source)).toBe(true);
			for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
		}
	});

	it('schedules the monthly syncs at 22:00 on the 26th for the period that just ended', () => {
		for (const file of ['monthly-sync-google-sheets.json', 'monthly-sync-postgres.json']) {
			const workflow = load(file);
			const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
			expect(trigger?.parameters).toEqual({ rule: { interval: [{ field: 'cronExpression', expression: '0 22 26 * *' }] } });
			const get = workflow.nodes.find((node) => node.type === `${PACKAGE}.getBillingData`);
			expect(get?.parameters.billingPeriod).toBe('Previous');
		}
	});

	it('workflow (a) as shipped syncs the demo sandbox exactly (outside services replaced by no-ops)', async () => {
		const workflow = load('monthly-sync-google-sheets.json');
		const dataset = cloneDemoDataset();
		const sandbox = await startSandbox({ dataset });
		try {
			const runnable: HarnessWorkflow = {
				name: workflow.name,
				nodes: workflow.nodes.map((node) => {
					const base = { name: node.name, parameters: node.parameters as never, credentials: node.credentials as never, typeVersion: node.typeVersion };
					// The shipped workflow reads "Previous", which depends on today's date: pin it to the demo's period
					// (2026-10-25), whose previous period holds the services that left.
					if (node.type === `${PACKAGE}.getBillingData`) return { ...base, type: node.type, parameters: { ...(node.parameters as object), billingPeriod: 'date', billingDate: '2026-10-25' } as never };
					if (node.type.startsWith(`${PACKAGE}.`)) return { ...base, type: node.type };
					if (node.type === 'n8n-nodes-base.scheduleTrigger') return { name: node.name, type: MANUAL_TRIGGER_TYPE, parameters: {} };
					return { name: node.name, type: NO_OP_TYPE, parameters: {} };
				}),
				connections: workflow.connections as never,
			};
			const result = await runWorkflow(runnable, { credentials: sandboxCredentials(sandbox) });
			expect(result.error).toBeUndefined();
			expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(dataset.expected!.createNotAllowed.additions));
			// The If node is a no-op here, so check its condition and that Reconcile marks some customers and not others.
			const ifNode = workflow.nodes.find((node) => node.name === 'Needs Attention?');
			expect(JSON.stringify(ifNode?.parameters)).toContain('={{ $json.needsAttention }}');
			const marks = result.json('Reconcile Agreement').map((plan) => plan.needsAttention);
			expect(new Set(marks)).toEqual(new Set([true, false]));
		} finally {
			await sandbox.stop();
		}
	});
});
