import { PlanApplier, type CustomerResult } from '../../nodes/core/apply/applier';
import { AtriaClient } from '../../nodes/core/atria/client';
import { toConnectWiseDate, type PeriodEndDay } from '../../nodes/core/atria/period';
import { ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { connectWiseAuthHeaders, parseConnectWiseCredentials, type ConnectWiseCredentialData } from '../../nodes/core/connectwise/credentials';
import { CwCodedError } from '../../nodes/core/errors';
import { createEntry, type LogContext, type LogEntry } from '../../nodes/core/log/entry';
import { closeRun, type RunStatus } from '../../nodes/core/log/run';
import type { AgreementSelectionRule, CustomerPlan, PlanOptions } from '../../nodes/core/plan/types';
import { readBillingData, startBillingRun } from '../../nodes/core/sync/billingData';
import { reconcile } from '../../nodes/core/sync/reconcile';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import type { RetryPolicy } from '../../nodes/core/transport/retryPolicy';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_KEY } from '../../sandbox';
import { createAxiosTransport, systemClock } from './axiosTransport';

/** The sandbox's documented key as the ConnectWise credential's fields (the Custom URL comes per run). */
export const SANDBOX_CW_CREDENTIAL: ConnectWiseCredentialData = { site: 'custom', codebase: 'v4_6_release/', ...SANDBOX_CW_KEY };
export { SANDBOX_ATRIA_TOKEN };

export interface CoreSyncOptions {
	cwUrl: string;
	atriaUrl: string;
	cwCredential?: ConnectWiseCredentialData;
	atriaToken?: string;
	billingPeriod?: string;
	today?: string;
	periodEndDay?: PeriodEndDay;
	agreementType?: string;
	allowCreateAdditions?: boolean;
	createMissingProducts?: PlanOptions['createMissingProducts'];
	agreementSelection?: AgreementSelectionRule;
	dryRun?: boolean;
	customersFilter?: string[];
	concurrency?: number;
	requestsPerMinute?: number;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	runId?: string;
}

export interface CoreSyncResult {
	status: RunStatus;
	entries: LogEntry[];
	plans: CustomerPlan[];
	results: CustomerResult[];
	requests: { sent: number; retries: number; throttled: number };
}

/**
 * The whole job on the core, without n8n: Get Billing Data, Reconcile Agreement, Apply Additions and
 * Emit CW Log's closing, in that order. A coded failure of a stage ends the run with its entry and CW23,
 * as the seed's job does.
 */
export async function runCoreSync(options: CoreSyncOptions): Promise<CoreSyncResult> {
	const context: LogContext = { runId: options.runId ?? 'core-sync', now: () => new Date() };
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: options.cwUrl, ...options.cwCredential });
	const cwTransport = createAxiosTransport(connectWiseAuthHeaders(connection));
	const atriaTransport = createAxiosTransport({ Authorization: `Bearer ${options.atriaToken ?? SANDBOX_ATRIA_TOKEN}` });
	const executorOptions = { clock: systemClock, concurrency: options.concurrency ?? 4, requestsPerMinute: options.requestsPerMinute, retry: options.retry, timeoutMs: options.timeoutMs };
	const cwExecutor = new RequestExecutor({ transport: cwTransport, ...executorOptions });
	const atriaExecutor = new RequestExecutor({ transport: atriaTransport, ...executorOptions, concurrency: 1 });
	const log: LogEntry[] = [];
	let plans: CustomerPlan[] = [];
	let results: CustomerResult[] = [];
	try {
		const request = {
			billingPeriod: options.billingPeriod ?? 'Previous',
			today: options.today ?? '2026-11-24',
			periodEndDay: options.periodEndDay ?? 25,
			onlyBillable: true,
			customersFilter: options.customersFilter ?? [],
			skipLinesWithoutSku: false,
		};
		const start = startBillingRun(request, context);
		log.push(...start.log);
		const data = await readBillingData(new AtriaClient(atriaExecutor, options.atriaUrl), start, request, context);
		log.splice(0, log.length, ...data.log);
		if (data.customers.length > 0) {
			const client = await ConnectWiseClient.connect(cwExecutor, connection);
			plans = await reconcile(
				client,
				data.customers,
				data.period,
				{
					agreementTypeName: options.agreementType ?? 'Cloud and Hosting Services',
					allowCreateAdditions: options.allowCreateAdditions ?? false,
					createMissingProducts: options.createMissingProducts ?? null,
					agreementSelection: options.agreementSelection ?? 'lowestId',
					quantityTolerance: 0.0001,
				},
				context,
			);
			results = await new PlanApplier(async () => ({ client, executor: cwExecutor }), context).apply(plans, {
				dryRun: options.dryRun ?? false,
				effectiveDate: (plan) => toConnectWiseDate(plan.billingPeriod.start),
				checkBeforeCreate: true,
				quantityTolerance: 0.0001,
			});
			for (const result of results) log.push(...result.log);
		}
	} catch (error) {
		if (!(error instanceof CwCodedError)) throw error;
		log.push(createEntry(context, error.code, error.fields));
	} finally {
		cwTransport.close();
		atriaTransport.close();
	}
	const closed = closeRun(log, context);
	const requests = {
		sent: cwExecutor.stats.sent + atriaExecutor.stats.sent,
		retries: cwExecutor.stats.retries + atriaExecutor.stats.retries,
		throttled: cwExecutor.stats.throttled + atriaExecutor.stats.throttled,
	};
	return { status: closed.status, entries: closed.entries, plans, results, requests };
}
