import type { AtriaClient } from '../atria/client';
import {
	filterCustomers,
	groupBillingRows,
	managedSkuKeys,
	withPeriodFacts,
	withPreviousPeriod,
	type BillingCustomer,
	type GroupingOptions,
	type PeriodCustomer,
} from '../atria/customers';
import {
	previousPeriodEnd,
	resolveBillingPeriod,
	type BillingPeriod,
	type PeriodEndDay,
} from '../atria/period';
import { CwCodedError } from '../errors';
import { createEntry, type LogContext, type LogEntry } from '../log/entry';
import { normalizeKey } from '../util/keys';

export interface BillingDataRequest extends GroupingOptions {
	billingPeriod: string;
	periodEndDay: PeriodEndDay;
	/** Today in the workflow's time zone, `YYYY-MM-DD`. */
	today: string;
	onlyBillable: boolean;
}

export interface BillingData {
	period: BillingPeriod;
	/** The customers Customers Filter selects, each with the facts of the whole period (before the filter). */
	customers: PeriodCustomer[];
	/** Run-level entries: CW01, CW13 for rows that could not be read, CW15 when the period is empty. */
	log: LogEntry[];
}

/**
 * Get Billing Data's stage of Atria's job: choose the period (CW19), read Atria (CW03, CW13), group by customer (CW15).
 *
 * The period facts (who shares a Billing Identifier, which SKUs Atria manages) come from every customer of both
 * periods; Customers Filter is applied after them, so a filtered run plans each customer as a full run does.
 *
 * A row that cannot be read is a line missing from its customer, and a missing line reads as a removed service
 * (CW20 would set its quantity to 0). So a customer with an unreadable row is not processed this run (CW13 says
 * so) and its agreement stays as it is; a row that names no customer could be anyone's, so it stops the run.
 */
export async function getBillingData(
	client: AtriaClient,
	request: BillingDataRequest,
	context: LogContext,
): Promise<BillingData> {
	return readBillingData(client, startBillingRun(request, context), request, context);
}

/** The run's start: the period chosen (CW19 if it cannot be) and CW01, logged before anything can fail on the network. */
export function startBillingRun(
	request: Pick<BillingDataRequest, 'billingPeriod' | 'periodEndDay' | 'today'>,
	context: LogContext,
): { period: BillingPeriod; log: LogEntry[] } {
	const period = resolveBillingPeriod(request.billingPeriod, request.periodEndDay, request.today);
	return { period, log: [createEntry(context, 'CW01', { billingPeriodEnd: period.end })] };
}

export async function readBillingData(
	client: AtriaClient,
	start: { period: BillingPeriod; log: readonly LogEntry[] },
	request: BillingDataRequest,
	context: LogContext,
): Promise<BillingData> {
	const { period } = start;
	const log: LogEntry[] = [...start.log];
	// The previous period too: what a customer had then and not now is a service that left (README rule 8). If it
	// cannot be read, this period is still billed, and ACW10 says that services that left are not seen this run.
	const previousEnd = previousPeriodEnd(period);
	// One period after the other: each answer is held as text and parsed JSON until its rows are read (at 5,000
	// customers some 15 MB of JSON each), and reading both at once held both, for a second or two saved.
	const { rows, rejected } = await client.fetchBillingRows(period.end, request.onlyBillable);
	const previousRows = await client
		.fetchBillingRows(previousEnd, request.onlyBillable)
		.catch((error: unknown) => {
			if (!(error instanceof CwCodedError)) throw error;
			log.push(
				createEntry(context, 'ACW10', {
					billingPeriodEnd: previousEnd,
					error: error.fields.error ?? error.message,
				}),
			);
			return { rows: [], rejected: [] };
		});
	const unowned = rejected.find((row) => (row.customerCode?.trim() ?? '') === '');
	if (unowned)
		throw new CwCodedError('CW13', {
			error: `${unowned.error}; the row names no customer, so no customer's lines are known to be complete`,
		});
	const notProcessed = new Set<string>();
	for (const row of rejected) {
		const code = row.customerCode!.trim();
		notProcessed.add(normalizeKey(code));
		const error = `${row.error}; customer ${code} is not processed this run`;
		log.push(
			createEntry(context, 'CW13', {
				error,
				customerCode: row.customerCode,
				customerName: row.customerName,
				sku: row.sku,
			}),
		);
	}
	// Grouped unfiltered: the period facts need every customer; Customers Filter comes after them.
	const grouping = { ...request, customersFilter: [] };
	const current = groupBillingRows(
		rows.filter((row) => !notProcessed.has(normalizeKey(row.customerCode))),
		grouping,
	);
	// Rows of the previous period that cannot be read only narrow what is seen as removed: they are left out.
	const customers = filterCustomers(
		periodCustomers(current, groupBillingRows(previousRows.rows, grouping), notProcessed),
		request.customersFilter,
	);
	// No records for the customers asked for (none at all, or none the filter names): CW15, as Atria's job logs it.
	if (customers.length === 0)
		log.push(createEntry(context, 'CW15', { billingPeriodEnd: period.end }));
	return { period, customers, log };
}

/**
 * The customers Get Billing Data hands on, before Customers Filter: this period's, with what left since the
 * period before (README rule 8), each with the period's facts. Every SKU of both periods is Atria's, whoever
 * billed it, even a customer that left without a Billing Identifier (which is not processed itself). An empty
 * period gives none: it is a failed bill run far more often than every customer leaving, so nothing is removed.
 */
export function periodCustomers(
	current: readonly BillingCustomer[],
	previous: readonly BillingCustomer[],
	notProcessed: ReadonlySet<string> = new Set(),
): PeriodCustomer[] {
	if (current.length === 0) return [];
	return withPeriodFacts(
		withPreviousPeriod(current, previous, notProcessed),
		managedSkuKeys([...current, ...previous]),
	);
}
