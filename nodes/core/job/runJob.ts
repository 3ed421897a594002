import { PlanApplier, type ApplyOptions, type CustomerResult } from '../apply/applier';
import { AtriaClient } from '../atria/client';
import { toConnectWiseDate } from '../atria/period';
import { ConnectWiseClient } from '../connectwise/client';
import type { ConnectWiseConnection } from '../connectwise/credentials';
import { CwCodedError } from '../errors';
import { createEntry, type LogContext, type LogEntry } from '../log/entry';
import { closeRun, type RunStatus } from '../log/run';
import type { CustomerPlan, PlanOptions } from '../plan/types';
import { readBillingData, startBillingRun, type BillingDataRequest } from '../sync/billingData';
import { reconcile } from '../sync/reconcile';
import type { RequestExecutor } from '../transport/executor';

/**
 * Atria's ConnectWise Manage Billing job on the core alone, stage by stage as the four nodes run it: read the
 * billing data (Get Billing Data), plan (Reconcile Agreement), write (Apply Additions), close the log (Emit CW
 * Log). A coded failure of a stage ends the run with its entry and CW23, as Atria's job does. The demo without
 * n8n, the benchmark's core engine and the tests all run the job through this one function.
 */
export interface JobConnections {
	atria: { executor: RequestExecutor; baseUrl: string };
	connectWise: {
		executor: RequestExecutor;
		connection: Pick<ConnectWiseConnection, 'origin' | 'codebase' | 'companyId'>;
	};
}

export interface JobParameters {
	billingData: BillingDataRequest;
	plan: PlanOptions;
	/** Apply Additions' options; the effective date defaults to the period's first day, as the node's does. */
	apply: Omit<ApplyOptions, 'effectiveDate'> & { effectiveDate?: ApplyOptions['effectiveDate'] };
}

export interface JobResult {
	status: RunStatus;
	/** Every entry of the run, CW01 to CW23. */
	entries: LogEntry[];
	plans: CustomerPlan[];
	results: CustomerResult[];
}

export async function runJob(
	connections: JobConnections,
	parameters: JobParameters,
	context: LogContext,
): Promise<JobResult> {
	const log: LogEntry[] = [];
	let plans: CustomerPlan[] = [];
	let results: CustomerResult[] = [];
	try {
		const start = startBillingRun(parameters.billingData, context);
		log.push(...start.log);
		const data = await readBillingData(
			new AtriaClient(connections.atria.executor, connections.atria.baseUrl),
			start,
			parameters.billingData,
			context,
		);
		log.splice(0, log.length, ...data.log);
		if (data.customers.length > 0) {
			const { executor, connection } = connections.connectWise;
			const client = await ConnectWiseClient.connect(executor, connection);
			plans = await reconcile(client, data.customers, data.period, parameters.plan, context);
			results = await new PlanApplier(async () => ({ client, executor }), context).apply(plans, {
				...parameters.apply,
				effectiveDate:
					parameters.apply.effectiveDate ?? ((plan) => toConnectWiseDate(plan.billingPeriod.start)),
			});
			for (const result of results) log.push(...result.log);
		}
	} catch (error) {
		log.push(stoppingEntry(error, context));
	}
	const closed = closeRun(log, context);
	return { status: closed.status, entries: closed.entries, plans, results };
}

/** The entry of a failure that stops the job (a coded one); anything else is a bug and goes up as it is. */
function stoppingEntry(error: unknown, context: LogContext): LogEntry {
	if (error instanceof CwCodedError) return createEntry(context, error.code, error.fields);
	throw error;
}
