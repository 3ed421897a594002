import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers, type INodeProperties, type INodeType } from 'n8n-workflow';
import { MANUAL_TRIGGER_TYPE, NO_OP_TYPE, runWorkflow, type HarnessWorkflow } from '../n8n/harness';
import { ApplyAdditions } from '../../nodes/ApplyAdditions/ApplyAdditions.node';
import { EmitCwLog } from '../../nodes/EmitCwLog/EmitCwLog.node';
import { GetBillingData } from '../../nodes/GetBillingData/GetBillingData.node';
import { ReconcileAgreement } from '../../nodes/ReconcileAgreement/ReconcileAgreement.node';
import { LOG_ROW_COLUMNS } from '../../nodes/core/log/run';
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
const SHIPPED = ['monthly-sync-data-table.json', 'monthly-sync-google-sheets.json', 'monthly-sync-postgres.json', 'review-and-approve.json'];
const MONTHLY = ['monthly-sync-data-table.json', 'monthly-sync-google-sheets.json', 'monthly-sync-postgres.json'];
const DATA_TABLE_TYPE = 'n8n-nodes-base.dataTable';

/**
 * Runs a shipped workflow against a sandbox with the demo dataset: our nodes as shipped (the period pinned to the
 * demo's), the Schedule Trigger as a manual trigger, every other node (If, Slack, sinks) as a no-op that passes its
 * input on. ConnectWise must end in the demo's expected state.
 */
async function runAsShipped(file: string) {
	const workflow = load(file);
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
		return { workflow, result };
	} finally {
		await sandbox.stop();
	}
}

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
	it('ships the four workflows of the README', () => {
		expect(files.sort()).toEqual(SHIPPED);
		// README "Install": one row of the workflow table per file.
		const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
		const rows = [...readme.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((match) => match[1]);
		expect(rows.sort()).toEqual(SHIPPED);
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

	it('every Slack message posts the summary escaped for Slack (slackText), never the raw text', () => {
		for (const file of SHIPPED) {
			for (const node of load(file).nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.slack' && candidate.parameters.operation !== 'sendAndWait')) {
				if (node.parameters.text !== undefined) expect([file, node.name, node.parameters.text]).toEqual([file, node.name, '={{ $json.slackText }}']);
			}
		}
	});

	it('schedules the monthly syncs at 22:00 on the 26th for the period that just ended', () => {
		for (const file of MONTHLY) {
			const workflow = load(file);
			const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
			expect(trigger?.parameters).toEqual({ rule: { interval: [{ field: 'cronExpression', expression: '0 22 26 * *' }] } });
			const get = workflow.nodes.find((node) => node.type === `${PACKAGE}.getBillingData`);
			expect(get?.parameters.billingPeriod).toBe('Previous');
		}
	});

	it('workflow (a) as shipped syncs the demo sandbox exactly (outside services replaced by no-ops)', async () => {
		await runAsShipped('monthly-sync-google-sheets.json');
	});

	it('the Data Table workflow inserts the log rows into an n8n Data Table and posts the summary to Slack', () => {
		const workflow = load('monthly-sync-data-table.json');
		const sinks = workflow.nodes.filter((node) => node.type === DATA_TABLE_TYPE);
		expect(sinks).toHaveLength(1);
		const [sink] = sinks as Array<WorkflowFile['nodes'][number] & { notes?: string }>;
		// n8n 2.41.1's Data table node (n8n-nodes-base/dist/nodes/DataTable): versions 1 and 1.1, Row > Insert,
		// the table by name, every input field mapped to the column of the same name.
		expect(sink.typeVersion).toBe(1.1);
		expect(sink.parameters).toEqual({
			resource: 'row',
			operation: 'insert',
			dataTableId: { __rl: true, value: 'CW Log', mode: 'name' },
			columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
			options: {},
		});
		expect(sink.credentials).toBeUndefined();
		// Its note says how to make the table: every log row column, by name.
		for (const column of LOG_ROW_COLUMNS) expect(sink.notes).toMatch(new RegExp(`\\b${column}\\b`));
		expect(sink.notes).toContain('"CW Log"');
		// Emit CW Log: log rows (output 0) to the Data Table, the summary (output 1) to Slack.
		const emit = workflow.nodes.find((node) => node.type === `${PACKAGE}.emitCwLog`)!;
		const [rowsTo, summaryTo] = workflow.connections[emit.name].main.map((targets) => targets.map((target) => workflow.nodes.find((node) => node.name === target.node)?.type));
		expect(rowsTo).toEqual([DATA_TABLE_TYPE]);
		expect(summaryTo).toEqual(['n8n-nodes-base.slack']);
		// The per-customer branch as in the other monthly syncs.
		const reconcile = workflow.nodes.find((node) => node.type === `${PACKAGE}.reconcileAgreement`)!;
		expect(workflow.connections[reconcile.name].main[0].map((target) => target.node).sort()).toEqual(['Apply Additions', 'Needs Attention?']);
		expect(workflow.connections['Needs Attention?'].main[0].map((target) => target.node)).toEqual(['Customers to Review']);
	});

	it('the Data Table workflow as shipped syncs the demo sandbox exactly and hands the Data Table only flat log rows', async () => {
		const { workflow, result } = await runAsShipped('monthly-sync-data-table.json');
		const sink = workflow.nodes.find((node) => node.type === DATA_TABLE_TYPE)!;
		const rows = result.json(sink.name);
		expect(rows.length).toBeGreaterThan(0);
		// The Data table node maps each field to the column of its name and refuses arrays and objects.
		for (const row of rows) {
			expect(Object.keys(row).sort()).toEqual([...LOG_ROW_COLUMNS].sort());
			for (const value of Object.values(row)) expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
			expect(Number.isNaN(Date.parse(String(row.timestamp)))).toBe(false);
		}
		const slack = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.slack')!;
		const summaries = result.json(slack.name);
		expect(summaries).toHaveLength(1);
		expect(typeof summaries[0].text).toBe('string');
	});
});
