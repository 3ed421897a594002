import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MANUAL_TRIGGER_TYPE, packageNodeType, runWorkflow, type HarnessWorkflow, type RunWorkflowOptions } from '../n8n/harness';
import type { Sandbox } from '../sandbox';
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
				parameters: { agreementType: 'Cloud and Hosting Services', allowCreateAdditions: true, ...parameters.reconcileAgreement },
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
