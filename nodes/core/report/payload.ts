import { csvHeader, csvLine } from '../log/csv';
import type { LogEntry } from '../log/entry';
import { entryMoney, moneyGroupOf, toLogRow } from '../log/run';
import { formatMoney, formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';

/** One entry as the page's script shows it. Only display text: the page never parses it as markup. */
export interface ReportRow {
	time: string;
	level: string;
	code: string;
	message: string;
	customerCode: string;
	customerName: string;
	sku: string;
	/** Shown in the SKU column when a line has no SKU (CW05). */
	lineDescription: string;
	/** "2.00 → 5.00", or empty when the entry is about no quantity. */
	change: string;
	outcome: string;
	/** The line's monthly revenue change ("+44.00"), or empty when it is about no line's money or the price is unknown. */
	revenue: string;
	/** Its monthly cost change, likewise. */
	cost: string;
	/** Unit price and cost, for the money cell's tooltip ("unit price 22.00, unit cost 15.00"), or empty. */
	prices: string;
	/** The review policy's decision on a write: auto, hold or approved; empty for entries about no write. */
	review: string;
	reviewReason: string;
	/**
	 * The entry's CSV line, made here by the one CSV implementation, so the page's "Download CSV" writes
	 * exactly what the CSV log holds and needs no escaping code of its own.
	 */
	csv: string;
}

/** What the page's script reads from its JSON element. */
export interface ReportPayload {
	csvHeader: string;
	csvFileName: string;
	rows: ReportRow[];
}

function quantityChange(entry: LogEntry): string {
	if (entry.quantityBefore === undefined && entry.quantityAfter === undefined) return '';
	const show = (quantity: number | undefined) =>
		quantity === undefined ? '—' : formatQuantity(quantity);
	return `${show(entry.quantityBefore)} → ${show(entry.quantityAfter)}`;
}

/**
 * A line's money as the entry gives it; a write or held line logged before the money fields existed falls back to
 * quantity change × price, as the summary counts it. Other entries (a line left unchanged) show none.
 */
function lineMoney(entry: LogEntry): { revenue?: number; cost?: number } {
	if (moneyGroupOf(entry) !== undefined) return entryMoney(entry);
	return { revenue: entry.monthlyRevenueChange, cost: entry.monthlyCostChange };
}

function prices(entry: LogEntry): string {
	return [
		entry.unitPrice === undefined ? '' : `unit price ${formatMoney(entry.unitPrice)}`,
		entry.unitCost === undefined ? '' : `unit cost ${formatMoney(entry.unitCost)}`,
	]
		.filter((text) => text !== '')
		.join(', ');
}

export function reportRow(entry: LogEntry): ReportRow {
	const row = toLogRow(entry);
	const money = lineMoney(entry);
	const show = (amount: number | undefined) =>
		amount === undefined ? '' : formatMoneyChange(amount);
	return {
		time: row.timestamp,
		level: row.level,
		code: row.code,
		message: row.message,
		customerCode: row.customerCode,
		customerName: row.customerName,
		sku: row.sku,
		lineDescription: row.lineDescription,
		change: quantityChange(entry),
		outcome: row.outcome,
		revenue: show(money.revenue),
		cost: show(money.cost),
		prices: prices(entry),
		review: row.review,
		reviewReason: row.reviewReason,
		csv: csvLine(row),
	};
}

/**
 * Rows made and written at a time by reportPayloadJson. A part's JSON stays some tens of kB: V8 puts a string
 * of more than 128 kB straight into its old generation, where it stays until a full collection (in n8n, long
 * after the report is written), while smaller ones are gone at the next scavenge.
 */
const ROWS_PER_PART = 100;

/**
 * JSON.stringify of the ReportPayload of these entries (each entry a reportRow), character for character, given in parts of a few hundred
 * rows: the payload is most of the report, which is the largest thing a run makes, and is never held whole as
 * rows or as one string.
 */
export function* reportPayloadJson(
	entries: readonly LogEntry[],
	csvFileName: string,
): Generator<string> {
	yield `{"csvHeader":${JSON.stringify(csvHeader())},"csvFileName":${JSON.stringify(csvFileName)},"rows":[`;
	for (let start = 0; start < entries.length; start += ROWS_PER_PART) {
		const rows = JSON.stringify(entries.slice(start, start + ROWS_PER_PART).map(reportRow));
		// The comma on its own: joined to the rows, it would make a string to be copied again.
		if (start > 0) yield ',';
		yield rows.slice(1, -1);
	}
	yield ']}';
}
