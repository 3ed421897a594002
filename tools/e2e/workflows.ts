/**
 * Headless variants of the shipped workflows/monthly-sync-postgres.json and workflows/review-and-approve.json,
 * made from the files themselves so that the workflow users import is the one the demo and the e2e run: only
 * the trigger, the period, the level, the creating switch, the credentials and the sinks that need an outside
 * service change.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './runtime';

export const PACKAGE_NAME = 'n8n-nodes-atria-connectwise';
export const SHIPPED_WORKFLOWS = [
	'monthly-sync-google-sheets.json',
	'monthly-sync-postgres.json',
	'review-and-approve.json',
	'monthly-sync-data-table.json',
] as const;
export const REVIEW_WORKFLOW = 'review-and-approve.json';
const SOURCE_WORKFLOW = 'monthly-sync-postgres.json';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

type Connection = { node: string; type: string; index: number };
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Connection[][]>>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

/** Credentials the variants use, by credential type: what import:credentials gets. */
export interface CredentialRef {
	id: string;
	name: string;
}

export interface VariantOptions {
	/** Workflow id (16 letters and digits, as n8n makes them). */
	id: string;
	name: string;
	trigger: { kind: 'manual' } | { kind: 'webhook'; path: string };
	billingPeriodEnd: string;
	allowCreateAdditions: boolean;
	minimumLevel: 'Error' | 'Warn' | 'Info' | 'Verbose';
	credentials: { atriaApi: CredentialRef; connectWiseManageApi: CredentialRef; postgres?: CredentialRef; smtp?: CredentialRef };
}

export function readShippedWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'workflows', file), 'utf8')) as WorkflowJson;
}

function nodeOfType(workflow: WorkflowJson, type: string, file = SOURCE_WORKFLOW): WorkflowNode {
	const found = workflow.nodes.filter((node) => node.type === type);
	if (found.length !== 1) throw new Error(`${file} should have exactly one ${type} node, found ${found.length}`);
	return found[0];
}

function renameNode(workflow: WorkflowJson, from: string, to: string): void {
	const connections = workflow.connections[from];
	if (connections) {
		delete workflow.connections[from];
		workflow.connections[to] = connections;
	}
	for (const outputs of Object.values(workflow.connections))
		for (const list of Object.values(outputs)) for (const targets of list) for (const target of targets ?? []) if (target.node === from) target.node = to;
	for (const node of workflow.nodes) if (node.name === from) node.name = to;
}

function removeNodes(workflow: WorkflowJson, names: Set<string>): void {
	workflow.nodes = workflow.nodes.filter((node) => !names.has(node.name));
	for (const name of names) delete workflow.connections[name];
	for (const outputs of Object.values(workflow.connections))
		for (const [kind, list] of Object.entries(outputs)) outputs[kind] = list.map((targets) => (targets ?? []).filter((target) => !names.has(target.node)));
}

/** Nodes that talk to a service outside this machine (Slack, Google Sheets): the variants leave them out. */
const OUTSIDE_SERVICE_TYPES = new Set(['n8n-nodes-base.slack', 'n8n-nodes-base.googleSheets']);

export function headlessVariant(options: VariantOptions): WorkflowJson {
	const workflow = readShippedWorkflow(SOURCE_WORKFLOW);
	workflow.id = options.id;
	workflow.name = options.name;
	workflow.active = false;
	delete workflow.pinData;

	const schedule = nodeOfType(workflow, 'n8n-nodes-base.scheduleTrigger');
	const triggerName = options.trigger.kind === 'manual' ? 'Run Now' : 'Run on Request';
	renameNode(workflow, schedule.name, triggerName);
	if (options.trigger.kind === 'manual') {
		Object.assign(schedule, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	} else {
		Object.assign(schedule, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: options.trigger.path, responseMode: 'onReceived', options: {} },
		});
	}

	const billing = nodeOfType(workflow, `${PACKAGE_NAME}.getBillingData`);
	Object.assign(billing.parameters, { billingPeriod: 'date', billingDate: options.billingPeriodEnd });
	billing.notes = `The sandbox's period, ending ${options.billingPeriodEnd} (the shipped workflow reads the Previous period).`;
	Object.assign(nodeOfType(workflow, `${PACKAGE_NAME}.reconcileAgreement`).parameters, { allowCreateAdditions: options.allowCreateAdditions });
	Object.assign(nodeOfType(workflow, `${PACKAGE_NAME}.emitCwLog`).parameters, { minimumLevel: options.minimumLevel });

	const leaveOut = new Set(workflow.nodes.filter((node) => OUTSIDE_SERVICE_TYPES.has(node.type)).map((node) => node.name));
	if (!options.credentials.postgres) for (const node of workflow.nodes) if (node.type === 'n8n-nodes-base.postgres') leaveOut.add(node.name);
	removeNodes(workflow, leaveOut);

	useCredentials(workflow, options.credentials, SOURCE_WORKFLOW);
	return workflow;
}

/** Every node's credentials replaced by the variant's of the same type. */
function useCredentials(workflow: WorkflowJson, credentials: VariantOptions['credentials'], file: string): void {
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const ref = credentials[type as keyof VariantOptions['credentials']];
			if (!ref) throw new Error(`${file}: node '${node.name}' uses a ${type} credential the variant has no stand-in for`);
			node.credentials![type] = { id: ref.id, name: ref.name };
		}
	}
}

export type ReviewVariantOptions = Omit<VariantOptions, 'trigger' | 'minimumLevel'>;

/**
 * workflows/review-and-approve.json as shipped, with the sandbox's period, the creating switch, the variant's
 * credentials (its Send Email node keeps its Send and Wait, through the `smtp` credential) and without the Slack
 * summary. Its manual trigger stays: `n8n execute` runs it.
 */
export function reviewVariant(options: ReviewVariantOptions): WorkflowJson {
	const workflow = readShippedWorkflow(REVIEW_WORKFLOW);
	workflow.id = options.id;
	workflow.name = options.name;
	workflow.active = false;
	delete workflow.pinData;
	const billing = nodeOfType(workflow, `${PACKAGE_NAME}.getBillingData`, REVIEW_WORKFLOW);
	Object.assign(billing.parameters, { billingPeriod: 'date', billingDate: options.billingPeriodEnd });
	billing.notes = `The sandbox's period, ending ${options.billingPeriodEnd} (the shipped workflow reads the Previous period).`;
	Object.assign(nodeOfType(workflow, `${PACKAGE_NAME}.reconcileAgreement`, REVIEW_WORKFLOW).parameters, { allowCreateAdditions: options.allowCreateAdditions });
	removeNodes(workflow, new Set(workflow.nodes.filter((node) => OUTSIDE_SERVICE_TYPES.has(node.type)).map((node) => node.name)));
	useCredentials(workflow, options.credentials, REVIEW_WORKFLOW);
	return workflow;
}

/** The node of the variant that writes the log into PostgreSQL (its name as the shipped workflow has it). */
export function postgresNodeName(workflow: WorkflowJson): string | undefined {
	return workflow.nodes.find((node) => node.type === 'n8n-nodes-base.postgres')?.name;
}

export function applyNodeName(workflow: WorkflowJson): string {
	return nodeOfType(workflow, `${PACKAGE_NAME}.applyAdditions`).name;
}

export function emitNodeName(workflow: WorkflowJson): string {
	return nodeOfType(workflow, `${PACKAGE_NAME}.emitCwLog`).name;
}

/** The Postgres node's target table (schema, table) as the shipped workflow names it. */
export function postgresTable(workflow: WorkflowJson): { schema: string; table: string } | undefined {
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-base.postgres');
	if (!node) return undefined;
	const value = (parameter: unknown, fallback: string): string =>
		typeof parameter === 'object' && parameter !== null && 'value' in parameter ? String((parameter as { value: unknown }).value) : typeof parameter === 'string' ? parameter : fallback;
	return { schema: value(node.parameters.schema, 'public'), table: value(node.parameters.table, 'cw_log') };
}
