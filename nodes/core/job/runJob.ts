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
		const planned = await readAndPlan(connections, parameters, context, log);
		if (planned.client) {
			const { client } = planned;
			const { executor } = connections.connectWise;
			plans = planned.plans;
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

/**
 * Get Billing Data and Reconcile Agreement: the run's log so far into `log`, and the plans with the client that
 * read ConnectWise (none when Atria has no customer for the run). A function of its own so that the billing
 * data is let go when it returns: the plans carry what Apply needs, and at 5,000 customers the period's
 * customers and lines (some 15 MB) are the garbage collector's to take back while the writes run.
 */
async function readAndPlan(
	connections: JobConnections,
	parameters: JobParameters,
	context: LogContext,
	log: LogEntry[],
): Promise<{ plans: CustomerPlan[]; client?: ConnectWiseClient }> {
	const start = startBillingRun(parameters.billingData, context);
	log.push(...start.log);
	const data = await readBillingData(
		new AtriaClient(connections.atria.executor, connections.atria.baseUrl),
		start,
		parameters.billingData,
		context,
	);
	log.splice(0, log.length, ...data.log);
	if (data.customers.length === 0) return { plans: [] };
	const { executor, connection } = connections.connectWise;
	const client = await ConnectWiseClient.connect(executor, connection);
	return {
		plans: await reconcile(client, data.customers, data.period, parameters.plan, context),
		client,
	};
}

/** The entry of a failure that stops the job (a coded one); anything else is a bug and goes up as it is. */
function stoppingEntry(error: unknown, context: LogContext): LogEntry {
	if (error instanceof CwCodedError) return createEntry(context, error.code, error.fields);
	throw error;
}
