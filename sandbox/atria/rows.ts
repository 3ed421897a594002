import type { AtriaRow } from '../model';
import type { AtriaNaming } from './config';

/** Only billable rows: what `billable=true` asks for. */
export function billableOnly(rows: AtriaRow[]): AtriaRow[] {
	return rows.filter((row) => row.billableFlag);
}

/** One row per customer with both counts summed, in order of first appearance: `aggregateByCustomer=true`. */
export function aggregateByCustomer(rows: AtriaRow[]): AtriaRow[] {
	const byCustomer = new Map<string, AtriaRow>();
	for (const row of rows) {
		const total = byCustomer.get(row.customerCode);
		if (total === undefined) {
			byCustomer.set(row.customerCode, {
				customerCode: row.customerCode,
				customerName: row.customerName,
				customerAccountCode: row.customerAccountCode,
				productSku: null,
				summaryDescription: 'All services',
				thisMonthCount: row.thisMonthCount,
				lastMonthCount: row.lastMonthCount,
				billableFlag: true,
			});
		} else {
			total.thisMonthCount += row.thisMonthCount;
			total.lastMonthCount += row.lastMonthCount;
		}
	}
	return [...byCustomer.values()];
}

const FIELD_NAMES: Record<Exclude<AtriaNaming, 'canonical'>, Record<keyof AtriaRow, string>> = {
	aliases: {
		customerCode: 'customerShortCode',
		customerName: 'customerName',
		customerAccountCode: 'billingIdentifier',
		productSku: 'sku',
		summaryDescription: 'lineDescription',
		thisMonthCount: 'quantity',
		lastMonthCount: 'lastMonthCount',
		billableFlag: 'billable',
	},
	pascal: {
		customerCode: 'CustomerCode',
		customerName: 'CustomerName',
		customerAccountCode: 'CustomerAccountCode',
		productSku: 'ProductSku',
		summaryDescription: 'SummaryDescription',
		thisMonthCount: 'ThisMonthCount',
		lastMonthCount: 'LastMonthCount',
		billableFlag: 'BillableFlag',
	},
};

export function renameFields(row: AtriaRow, naming: AtriaNaming): Record<string, unknown> {
	if (naming === 'canonical') return { ...row };
	const names = FIELD_NAMES[naming];
	return Object.fromEntries((Object.keys(row) as Array<keyof AtriaRow>).map((field) => [names[field], row[field]]));
}
