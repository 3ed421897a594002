import type { LogEntry } from './entry';
import { LOG_ROW_COLUMNS, toLogRow, type LogRow } from './run';

/**
 * One CSV cell. Quoted when it holds a quote, comma or line break; a text starting with = + - @ or a tab or
 * carriage return gets a leading apostrophe, so a spreadsheet shows it rather than running it as a formula.
 * Numbers are never prefixed: -3 is a quantity, not a formula. A missing number (null) is an empty cell.
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	const text = String(value);
	const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
	return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The header line: the LOG_ROW_COLUMNS names, in order. */
export function csvHeader(): string {
	return LOG_ROW_COLUMNS.join(',');
}

/** One log row as a CSV line (no line break). */
export function csvLine(row: LogRow): string {
	return LOG_ROW_COLUMNS.map((column) => csvCell(row[column])).join(',');
}

/** Header and lines joined with line breaks, ending in one: what a CSV file holds. */
export function joinCsv(lines: readonly string[]): string {
	return [csvHeader(), ...lines].join('\n') + '\n';
}

/** The log as a CSV file, one row per entry with the LOG_ROW_COLUMNS. */
export function toCsv(entries: readonly LogEntry[]): string {
	return joinCsv(entries.map((entry) => csvLine(toLogRow(entry))));
}
