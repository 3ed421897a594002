import { PlanApplier, type CustomerResult } from '../../nodes/core/apply/applier';
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
	options: { checkBeforeCreate?: boolean; dryRun?: boolean; effectiveDate?: string } = {},
): Promise<CustomerResult[]> {
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url });
	const transport = createAxiosTransport(connectWiseAuthHeaders(connection));
	try {
		const executor = new RequestExecutor({ transport, clock: systemClock, retry: { baseDelayMs: 5 } });
		const client = await ConnectWiseClient.connect(executor, connection);
		return await new PlanApplier(async () => ({ client, executor }), { runId: 'late-apply', now: () => new Date() }).apply(plans, {
			dryRun: options.dryRun ?? false,
			effectiveDate: (plan) => options.effectiveDate ?? `${plan.billingPeriod.start}T00:00:00Z`,
			checkBeforeCreate: options.checkBeforeCreate ?? true,
			quantityTolerance: 0.0001,
		});
	} finally {
		transport.close();
	}
}
