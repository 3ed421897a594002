import type { PeriodCustomer } from '../atria/customers';
import type { BillingPeriod } from '../atria/period';
import type { ConnectWiseClient } from '../connectwise/client';
import type { LogContext } from '../log/entry';
import { planReconciliation } from '../plan/planner';
import { fetchSnapshot } from '../plan/snapshot';
import type { CustomerPlan, PlanOptions } from '../plan/types';

/**
 * Reads the ConnectWise snapshot for these customers and plans each one (the dry-run half of a sync). Each
 * customer carries its period facts, so any subset of the period plans each customer as the whole period does.
 */
export async function reconcile(
	client: ConnectWiseClient,
	customers: readonly PeriodCustomer[],
	period: BillingPeriod,
	options: PlanOptions,
	context: LogContext,
): Promise<CustomerPlan[]> {
	const snapshot = await fetchSnapshot(client, customers, options);
	return planReconciliation(customers, snapshot, options, context, period);
}
