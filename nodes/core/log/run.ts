import { codesOfKind } from '../codes/catalogue';
import { isAtLeast, LOG_LEVELS, type LogLevel } from '../codes/levels';
import { createEntry, type LogContext, type LogEntry } from './entry';

export type RunStatus = 'Success' | 'Completed with warnings' | 'Failed';

/** Failed when anything is Error, completed with warnings when anything is Warn, else success. */
export function runStatus(entries: readonly LogEntry[]): RunStatus {
	if (entries.some((entry) => entry.level === 'Error')) return 'Failed';
	if (entries.some((entry) => entry.level === 'Warn')) return 'Completed with warnings';
	return 'Success';
}

/** The run's closing entry, CW23, carrying the status of everything before it. */
export function closeRun(
	entries: readonly LogEntry[],
	context: LogContext,
): { status: RunStatus; entries: LogEntry[] } {
	const status = runStatus(entries);
	return { status, entries: [...entries, createEntry(context, 'CW23', { status })] };
}

export function filterByLevel(entries: readonly LogEntry[], minimum: LogLevel): LogEntry[] {
	return entries.filter((entry) => isAtLeast(entry.level, minimum));
}

/**
 * One row per entry with flat columns, for sheets and database tables. Missing text is an empty string;
 * a missing number is null (an empty cell in a sheet, NULL in a numeric SQL column).
 */
export interface LogRow {
	timestamp: string;
	runId: string;
	level: LogLevel;
	code: string;
	message: string;
	customerCode: string;
	customerName: string;
	billingIdentifier: string;
	sku: string;
	lineDescription: string;
	quantityBefore: number | null;
	quantityAfter: number | null;
	agreementId: number | null;
	additionId: number | null;
	outcome: string;
	error: string;
	unitPrice: number | null;
	unitCost: number | null;
	monthlyRevenueChange: number | null;
	monthlyCostChange: number | null;
	/** The review policy's decision on a write: auto, hold or approved (empty for entries about no write). */
	review: string;
	reviewReason: string;
}

export const LOG_ROW_COLUMNS: ReadonlyArray<keyof LogRow> = [
	'timestamp',
	'runId',
	'level',
	'code',
	'message',
	'customerCode',
	'customerName',
	'billingIdentifier',
	'sku',
	'lineDescription',
	'quantityBefore',
	'quantityAfter',
	'agreementId',
	'additionId',
	'outcome',
	'error',
	'unitPrice',
	'unitCost',
	'monthlyRevenueChange',
	'monthlyCostChange',
	'review',
	'reviewReason',
];

export function toLogRow(entry: LogEntry): LogRow {
	return {
		timestamp: entry.timestamp,
		runId: entry.runId,
		level: entry.level,
		code: entry.code,
		message: entry.message,
		customerCode: entry.customerCode ?? '',
		customerName: entry.customerName ?? '',
		billingIdentifier: entry.billingIdentifier ?? '',
		sku: entry.sku ?? '',
		lineDescription: entry.lineDescription ?? '',
		quantityBefore: entry.quantityBefore ?? null,
		quantityAfter: entry.quantityAfter ?? null,
		agreementId: entry.agreementId ?? null,
		additionId: entry.additionId ?? null,
		outcome: entry.outcome ?? '',
		error: entry.error ?? '',
		unitPrice: entry.unitPrice ?? null,
		unitCost: entry.unitCost ?? null,
		monthlyRevenueChange: entry.monthlyRevenueChange ?? null,
		monthlyCostChange: entry.monthlyCostChange ?? null,
		review: entry.review ?? '',
		reviewReason: entry.reviewReason ?? '',
	};
}

export interface RunSummary {
	runId: string;
	status: RunStatus;
	billingPeriodEnd: string | null;
	customers: number;
	countsByCode: Record<string, number>;
	countsByLevel: Record<LogLevel, number>;
	/** Sum of (after - before) over the writes that were applied (or would be, in a dry run). */
	quantityChange: number;
	/** Sum of (after - before) x unit price where the unit price is known. */
	monthlyRevenueChange: number;
	/** Writes whose unit price is unknown, so the revenue change leaves them out. */
	writesWithoutPrice: number;
}

const WRITE_CODES: ReadonlySet<string> = codesOfKind('write');

export function summarizeRun(entries: readonly LogEntry[], status: RunStatus): RunSummary {
	const countsByCode: Record<string, number> = {};
	const countsByLevel = Object.fromEntries(LOG_LEVELS.map((level) => [level, 0])) as Record<
		LogLevel,
		number
	>;
	const customers = new Set<string>();
	let quantityChange = 0;
	let monthlyRevenueChange = 0;
	let writesWithoutPrice = 0;
	for (const entry of entries) {
		countsByCode[entry.code] = (countsByCode[entry.code] ?? 0) + 1;
		countsByLevel[entry.level] += 1;
		if (entry.customerCode !== undefined) customers.add(entry.customerCode);
		if (!WRITE_CODES.has(entry.code) || (entry.outcome !== 'applied' && entry.outcome !== 'dryRun'))
			continue;
		const delta = (entry.quantityAfter ?? 0) - (entry.quantityBefore ?? 0);
		quantityChange += delta;
		if (entry.unitPrice === undefined) writesWithoutPrice += 1;
		else monthlyRevenueChange += delta * entry.unitPrice;
	}
	const round = (value: number) => Math.round(value * 1e6) / 1e6;
	const start = entries.find((entry) => entry.code === 'CW01');
	return {
		runId: entries[0]?.runId ?? '',
		status,
		billingPeriodEnd: start?.billingPeriodEnd ?? null,
		customers: customers.size,
		countsByCode: Object.fromEntries(
			Object.entries(countsByCode).sort(([a], [b]) => a.localeCompare(b)),
		),
		countsByLevel,
		quantityChange: round(quantityChange),
		monthlyRevenueChange: Math.round(monthlyRevenueChange * 100) / 100,
		writesWithoutPrice,
	};
}
