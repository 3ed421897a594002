import { csvHeader, csvLine } from '../log/csv';
import type { LogEntry } from '../log/entry';
import { toLogRow } from '../log/run';
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

export function reportRow(entry: LogEntry): ReportRow {
	const row = toLogRow(entry);
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
		csv: csvLine(row),
	};
}

export function reportPayload(entries: readonly LogEntry[], csvFileName: string): ReportPayload {
	return { csvHeader: csvHeader(), csvFileName, rows: entries.map(reportRow) };
}
