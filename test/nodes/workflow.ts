import { unpackLines } from '../../nodes/core/contracts/itemLines';
import { unpackLog, type LogContext as ItemLogContext, type PackedEntry } from '../../nodes/core/contracts/itemLog';
import type { LogEntry } from '../../nodes/core/log/entry';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { MANUAL_TRIGGER_TYPE, packageNodeType, runWorkflow, type HarnessWorkflow, type RunWorkflowOptions } from '../n8n/harness';
import type { Sandbox } from '../../sandbox';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_CREDENTIAL } from '../support/coreSync';

export interface SyncParameters {
	getBillingData?: INodeParameters;
	reconcileAgreement?: INodeParameters;
	applyAdditions?: INodeParameters;
	emitCwLog?: INodeParameters;
	continueOnFail?: boolean;
}

const connect = (to: string) => ({ main: [[{ node: to, type: 'main' as const, index: 0 }]] });

/** Workflow (a) without its sinks: Start -> Get Billing Data -> Reconcile Agreement -> Apply Additions -> Emit CW Log. */
export function syncWorkflow(parameters: SyncParameters = {}): HarnessWorkflow {
	const onError = parameters.continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	return {
		nodes: [
			{ name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: {} },
			{
				name: 'Get Billing Data',
				type: packageNodeType('getBillingData'),
				parameters: { billingPeriod: 'date', billingDate: '2026-10-25', periodEndDay: '25', ...parameters.getBillingData },
				credentials: { atriaApi: { id: 'atria', name: 'Atria sandbox' } },
				...onError,
			},
			{
				name: 'Reconcile Agreement',
				type: packageNodeType('reconcileAgreement'),
				// Apply Every Change: these workflows check the sync itself; test/nodes/reviewApproval.test.ts checks the review policy.
				parameters: { agreementType: 'Cloud and Hosting Services', allowCreateAdditions: true, reviewPolicy: 'applyAll', ...parameters.reconcileAgreement },
				credentials: { connectWiseManageApi: { id: 'cw', name: 'ConnectWise sandbox' } },
				...onError,
			},
			{
				name: 'Apply Additions',
				type: packageNodeType('applyAdditions'),
				parameters: { ...parameters.applyAdditions },
				credentials: { connectWiseManageApi: { id: 'cw', name: 'ConnectWise sandbox' } },
				...onError,
			},
			{ name: 'Emit CW Log', type: packageNodeType('emitCwLog'), parameters: { minimumLevel: 'Verbose', ...parameters.emitCwLog } },
		],
		connections: {
			Start: connect('Get Billing Data'),
			'Get Billing Data': connect('Reconcile Agreement'),
			'Reconcile Agreement': connect('Apply Additions'),
			'Apply Additions': connect('Emit CW Log'),
		},
	};
}

export function sandboxCredentials(sandbox: Sandbox, overrides: { cw?: IDataObject; atria?: IDataObject } = {}): RunWorkflowOptions['credentials'] {
	return {
		atriaApi: { baseUrl: sandbox.atria.url, apiToken: SANDBOX_ATRIA_TOKEN, ...overrides.atria },
		connectWiseManageApi: { ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url, ...overrides.cw },
	};
}

export async function runSync(sandbox: Sandbox, parameters: SyncParameters = {}, overrides: { cw?: IDataObject; atria?: IDataObject } = {}) {
	return runWorkflow(syncWorkflow(parameters), { credentials: sandboxCredentials(sandbox, overrides) });
}

/** Type name of the tests' stand-in for n8n's Filter node: keeps the items whose Keep parameter is true. */
export const KEEP_TYPE = 'test.keep';
/** Type name of a node that outputs the items written in its Items parameter (JSON), like a Code node would. */
export const EMIT_TYPE = 'test.emit';

/** Filter stand-in: Keep is evaluated per item, so `={{ $json.customer.code === "X" }}` lets one customer through. */
class Keep implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keep',
		name: 'keep',
		group: ['transform'],
		version: 1,
		description: 'Keeps the items whose Keep parameter is true',
		defaults: { name: 'Keep' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Keep', name: 'keep', type: 'boolean', default: true }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().filter((_, index) => this.getNodeParameter('keep', index) === true)];
	}
}

/** Outputs the items of its Items parameter (a JSON array of objects): a hand-made or old item, as a Code node could. */
class Emit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Emit',
		name: 'emit',
		group: ['transform'],
		version: 1,
		description: 'Outputs the given items',
		defaults: { name: 'Emit' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

export const TEST_NODE_TYPES = { [KEEP_TYPE]: new Keep(), [EMIT_TYPE]: new Emit() };

export interface PlanParameters {
	getBillingData?: INodeParameters;
	/** A Keep node between Get Billing Data and Reconcile Agreement, with this Keep expression. */
	keep?: string;
	reconcileAgreement?: INodeParameters;
}

/** Start -> Get Billing Data -> (Keep) -> Reconcile Agreement: a plan, nothing written. */
export function planWorkflow(parameters: PlanParameters = {}): HarnessWorkflow {
	const sync = syncWorkflow({ getBillingData: parameters.getBillingData, reconcileAgreement: parameters.reconcileAgreement });
	const node = (name: string) => sync.nodes.find((candidate) => candidate.name === name)!;
	const keep = parameters.keep === undefined ? [] : [{ name: 'Keep', type: KEEP_TYPE, parameters: { keep: parameters.keep } }];
	const afterBilling = keep.length > 0 ? 'Keep' : 'Reconcile Agreement';
	return {
		nodes: [node('Start'), node('Get Billing Data'), ...keep, node('Reconcile Agreement')],
		connections: {
			Start: connect('Get Billing Data'),
			'Get Billing Data': connect(afterBilling),
			...(keep.length > 0 ? { Keep: connect('Reconcile Agreement') } : {}),
		},
	};
}

export async function runPlan(sandbox: Sandbox, parameters: PlanParameters = {}) {
	return runWorkflow(planWorkflow(parameters), { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
}

/** Runs any workflow of the package's nodes and the test nodes against the sandbox. */
export async function runWithSandbox(sandbox: Sandbox, workflow: HarnessWorkflow) {
	return runWorkflow(workflow, { credentials: sandboxCredentials(sandbox), nodeTypes: TEST_NODE_TYPES });
}

export { connect };

/** A plan item's lines in full (items carry them packed: see nodes/core/contracts/itemLines.ts). */
export function linesOf(item: IDataObject): IDataObject[] {
	return unpackLines((item.agreement as { id?: number } | null)?.id, item.lines) as IDataObject[];
}

/** A plan item's log in full (items carry it packed: see nodes/core/contracts/itemLog.ts). */
export function logOf(item: IDataObject): LogEntry[] {
	return unpackLog({ ...item, lines: linesOf(item) } as unknown as ItemLogContext, item.log as PackedEntry[]);
}
