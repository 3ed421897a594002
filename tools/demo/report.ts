import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LogEntry } from '../../nodes/core/log/entry';
import { summarizeRun, type RunStatus } from '../../nodes/core/log/run';
import { renderHtmlReport, reportFileName } from '../../nodes/core/report/html';
import { formatQuantity } from '../../nodes/core/util/quantity';

export { toCsv } from '../../nodes/core/log/csv';

/** Per customer: each SKU's before -> after; then counts per code; then the status. */
export function formatReport(entries: readonly LogEntry[], status: string): string {
	const lines: string[] = [];
	const byCustomer = new Map<string, LogEntry[]>();
	for (const entry of entries) {
		if (entry.customerCode === undefined) continue;
		byCustomer.set(entry.customerCode, [...(byCustomer.get(entry.customerCode) ?? []), entry]);
	}
	for (const [code, list] of byCustomer) {
		lines.push(`${code}  ${list[0].customerName ?? ''}`);
		for (const entry of list) {
			const change =
				entry.quantityBefore !== undefined || entry.quantityAfter !== undefined
					? `${entry.quantityBefore === undefined ? '—' : formatQuantity(entry.quantityBefore)} -> ${entry.quantityAfter === undefined ? '—' : formatQuantity(entry.quantityAfter)}`
					: '';
			const what = entry.sku ?? entry.lineDescription ?? '';
			lines.push(`    ${entry.code.padEnd(5)} ${entry.level.padEnd(7)} ${what.padEnd(28)} ${change}`);
		}
	}
	const counts = new Map<string, number>();
	for (const entry of entries) counts.set(entry.code, (counts.get(entry.code) ?? 0) + 1);
	lines.push('', 'Entries per code:');
	for (const [code, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) lines.push(`    ${code.padEnd(5)} ${String(count).padStart(4)}`);
	lines.push('', `Status: ${status}`);
	return lines.join('\n');
}

/** Writes the run's HTML review report (the page Emit CW Log attaches) into `folder`; returns its path. */
export function writeHtmlReport(folder: string, entries: readonly LogEntry[], status: RunStatus): string {
	const summary = summarizeRun(entries, status);
	const file = resolve(folder, reportFileName(summary));
	writeFileSync(file, renderHtmlReport(entries, summary));
	return file;
}
