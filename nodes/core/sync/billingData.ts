import type { AtriaClient } from '../atria/client';
import { groupBillingRows, type BillingCustomer, type GroupingOptions } from '../atria/customers';
import { resolveBillingPeriod, type BillingPeriod, type PeriodEndDay } from '../atria/period';
import { createEntry, type LogContext, type LogEntry } from '../log/entry';

export interface BillingDataRequest extends GroupingOptions {
	billingPeriod: string;
	periodEndDay: PeriodEndDay;
	/** Today in the workflow's time zone, `YYYY-MM-DD`. */
	today: string;
	onlyBillable: boolean;
}

export interface BillingData {
	period: BillingPeriod;
	customers: BillingCustomer[];
	/** Run-level entries: CW01, CW13 for rows that could not be read, CW15 when the period is empty. */
	log: LogEntry[];
}

/** The seed's first stage: choose the period (CW19), read Atria (CW03, CW13), group by customer (CW15). */
export async function getBillingData(client: AtriaClient, request: BillingDataRequest, context: LogContext): Promise<BillingData> {
	const period = resolveBillingPeriod(request.billingPeriod, request.periodEndDay, request.today);
	const log: LogEntry[] = [createEntry(context, 'CW01', { billingPeriodEnd: period.end })];
	const { rows, rejected } = await client.fetchBillingRows(period.end, request.onlyBillable);
	for (const row of rejected) {
		log.push(createEntry(context, 'CW13', { error: row.error, customerCode: row.customerCode, customerName: row.customerName, sku: row.sku }));
	}
	const customers = groupBillingRows(rows, request);
	if (customers.length === 0) log.push(createEntry(context, 'CW15', { billingPeriodEnd: period.end }));
	return { period, customers, log };
}
