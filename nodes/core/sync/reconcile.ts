import type { PeriodCustomer } from '../atria/customers';
import type { BillingPeriod } from '../atria/period';
import type { ConnectWiseClient } from '../connectwise/client';
import { refuseDuplicateCustomers, StageInputError } from '../errors';
import type { LogContext } from '../log/entry';
import { normalizeKey } from '../util/keys';
import { byCustomerCode, planEachCustomer } from '../plan/planner';
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
	// The node's own path with one set of options, so the core tests and the benchmark exercise what n8n runs.
	const plans = await reconcileEach(
		client,
		customers.map((customer) => ({ customer, options })),
		period,
		context,
	);
	return [...plans].sort((a, b) => byCustomerCode(a.customer, b.customer));
}

/** A customer and the options it is planned with (a node's parameters evaluated for its item). */
export interface CustomerToPlan {
	customer: PeriodCustomer;
	options: PlanOptions;
}

/**
 * Plans each customer with its own options; the plans come back in the order given. What ConnectWise holds is
 * read once per agreement type and selection rule (the options that decide what to read), in batches as for a
 * single run, and each customer is then planned from that snapshot with the rest of its options.
 */
export async function reconcileEach(
	client: ConnectWiseClient,
	requests: readonly CustomerToPlan[],
	period: BillingPeriod,
	context: LogContext,
): Promise<CustomerPlan[]> {
	const plans = new Array<CustomerPlan>(requests.length);
	await planEachRequest(client, requests, period, context, (position, plan) => {
		plans[position] = plan;
	});
	return plans;
}

/**
 * reconcileEach, handing each plan to `done` (with its request's position) as soon as it is made, so a caller
 * that turns each plan into an item at once never holds every customer's full plan.
 */
export async function planEachRequest(
	client: ConnectWiseClient,
	requests: readonly CustomerToPlan[],
	period: BillingPeriod,
	context: LogContext,
	done: (position: number, plan: CustomerPlan) => void,
): Promise<void> {
	// One plan per customer, and one period per run: two inputs of a customer would plan one agreement twice.
	refuseDuplicateCustomers(
		requests.map((request) => request.customer.code),
		'billing data',
		normalizeKey,
	);
	for (const group of groupBy(
		requests.map((request, position) => ({ ...request, position })),
		({ options }) =>
			JSON.stringify([
				options.agreementTypeName,
				options.agreementTypeId,
				options.agreementSelection,
			]),
	)) {
		const snapshot = await fetchSnapshot(
			client,
			group.map((request) => request.customer),
			group[0].options,
			context.now,
		);
		for (const same of groupBy(group, ({ options }) => JSON.stringify(options))) {
			planEachCustomer(
				same.map((request) => request.customer),
				snapshot,
				same[0].options,
				context,
				period,
				(index, plan) => done(same[index].position, plan),
			);
		}
	}
}

/** Groups in order of first appearance. */
function groupBy<T>(values: readonly T[], key: (value: T) => string): T[][] {
	const groups = new Map<string, T[]>();
	for (const value of values) {
		const k = key(value);
		const group = groups.get(k);
		if (group) group.push(value);
		else groups.set(k, [value]);
	}
	return [...groups.values()];
}

/** One billing period per run: the customers' items must all be of it (positions index `periods`). */
export function singlePeriod(periods: readonly BillingPeriod[]): BillingPeriod {
	const other = periods.findIndex((period) => period.end !== periods[0].end);
	if (other !== -1)
		throw new StageInputError(
			'The input items are from more than one billing period; reconcile one period at a time',
			[0, other],
		);
	return periods[0];
}
