import { PlanApplier, type CustomerResult, type LinesToApply } from '../../nodes/core/apply/applier';
import { ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { connectWiseAuthHeaders, parseConnectWiseCredentials } from '../../nodes/core/connectwise/credentials';
import type { CustomerPlan } from '../../nodes/core/plan/types';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import type { Sandbox } from '../../sandbox';
import { createAxiosTransport, systemClock } from './axiosTransport';
import { SANDBOX_CW_CREDENTIAL } from './coreSync';

/** Applies plans made earlier (a review that waited, a second apply) against the sandbox, as Apply Additions does. */
export async function applyPlans(
	sandbox: Sandbox,
	plans: readonly CustomerPlan[],
	options: {
		checkBeforeCreate?: boolean;
		dryRun?: boolean;
		effectiveDate?: string;
		linesToApply?: LinesToApply;
		/** The approved line IDs of each customer, by customer code. */
		approved?: Record<string, string[]>;
	} = {},
): Promise<CustomerResult[]> {
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url });
	const transport = createAxiosTransport(connectWiseAuthHeaders(connection));
	try {
		const executor = new RequestExecutor({ transport, clock: systemClock, retry: { baseDelayMs: 5 } });
		const client = await ConnectWiseClient.connect(executor, connection);
		return await new PlanApplier(async () => ({ client, executor }), { runId: 'late-apply', now: () => new Date() }).apply(plans, (plan) => ({
			dryRun: options.dryRun ?? false,
			effectiveDate: (plan) => options.effectiveDate ?? `${plan.billingPeriod.start}T00:00:00Z`,
			checkBeforeCreate: options.checkBeforeCreate ?? true,
			quantityTolerance: 0.0001,
			linesToApply: options.linesToApply,
			approvedLineIds: options.approved ? new Set(options.approved[plan.customer.code] ?? []) : undefined,
		}));
	} finally {
		transport.close();
	}
}
