import type { CustomerResult } from '../../nodes/core/apply/applier';
import type { PeriodEndDay } from '../../nodes/core/atria/period';
import { connectWiseAuthHeaders, parseConnectWiseCredentials, type ConnectWiseCredentialData } from '../../nodes/core/connectwise/credentials';
import { runJob } from '../../nodes/core/job/runJob';
import type { LogContext, LogEntry } from '../../nodes/core/log/entry';
import type { RunStatus } from '../../nodes/core/log/run';
import type { AgreementSelectionRule, CustomerPlan, PlanOptions } from '../../nodes/core/plan/types';
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
	/** Reconcile Agreement's review policy; absent: Apply Every Change. */
	review?: PlanOptions['review'];
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
 * The core's runJob against the sandbox: axios transports with the sandbox's credentials (or the given ones),
 * the options the tests vary, and the request counts the benchmark reads.
 */
export async function runCoreSync(options: CoreSyncOptions): Promise<CoreSyncResult> {
	const context: LogContext = { runId: options.runId ?? 'core-sync', now: () => new Date() };
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: options.cwUrl, ...options.cwCredential });
	const cwTransport = createAxiosTransport(connectWiseAuthHeaders(connection));
	const atriaTransport = createAxiosTransport({ Authorization: `Bearer ${options.atriaToken ?? SANDBOX_ATRIA_TOKEN}` });
	const executorOptions = { clock: systemClock, concurrency: options.concurrency ?? 4, requestsPerMinute: options.requestsPerMinute, retry: options.retry, timeoutMs: options.timeoutMs };
	const cwExecutor = new RequestExecutor({ transport: cwTransport, ...executorOptions });
	const atriaExecutor = new RequestExecutor({ transport: atriaTransport, ...executorOptions, concurrency: 1 });
	try {
		const job = await runJob(
			{ atria: { executor: atriaExecutor, baseUrl: options.atriaUrl }, connectWise: { executor: cwExecutor, connection } },
			{
				billingData: {
					billingPeriod: options.billingPeriod ?? 'Previous',
					today: options.today ?? '2026-11-24',
					periodEndDay: options.periodEndDay ?? 25,
					onlyBillable: true,
					customersFilter: options.customersFilter ?? [],
					skipLinesWithoutSku: false,
				},
				plan: {
					agreementTypeName: options.agreementType ?? 'Cloud and Hosting Services',
					allowCreateAdditions: options.allowCreateAdditions ?? false,
					createMissingProducts: options.createMissingProducts ?? null,
					agreementSelection: options.agreementSelection ?? 'lowestId',
					quantityTolerance: 0.0001,
					review: options.review ?? null,
				},
				apply: { dryRun: options.dryRun ?? false, checkBeforeCreate: true, quantityTolerance: 0.0001 },
			},
			context,
		);
		const requests = {
			sent: cwExecutor.stats.sent + atriaExecutor.stats.sent,
			retries: cwExecutor.stats.retries + atriaExecutor.stats.retries,
			throttled: cwExecutor.stats.throttled + atriaExecutor.stats.throttled,
		};
		return { ...job, requests };
	} finally {
		cwTransport.close();
		atriaTransport.close();
	}
}
