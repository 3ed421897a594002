import { codesOfKind } from '../codes/catalogue';
import { isAtLeast, LOG_LEVELS, type LogLevel } from '../codes/levels';
import { roundCents } from '../util/money';
import { createEntry, messageOf, type LogContext, type LogEntry } from './entry';

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
		message: messageOf(entry),
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

/** Lines of one review outcome and what they change per month, in the agreement's currency. */
export interface MoneyGroup {
	lines: number;
	/** Sum of the lines' monthly revenue change, to the cent; lines whose price is unknown are left out. */
	monthlyRevenueChange: number;
	/** Sum of the lines' monthly cost change, to the cent; lines whose cost is unknown are left out. */
	monthlyCostChange: number;
	/** Lines left out of the revenue change: their unit price is unknown. */
	linesWithoutPrice: number;
	/** Lines left out of the cost change: their unit cost is unknown. */
	linesWithoutCost: number;
}

/** What the lines of a run (or of one customer) changed, split by the review policy's outcome. */
export interface MoneySplit {
	/** Sum of (after - before) over the writes that were applied (or would be, in a dry run). */
	quantityChange: number;
	/** The monthly revenue change of the writes applied (or dry run), to the cent, where the price is known. */
	monthlyRevenueChange: number;
	/** The monthly cost change of the writes applied (or dry run), to the cent, where the cost is known. */
	monthlyCostChange: number;
	/** Writes whose unit price is unknown, so the revenue change leaves them out. */
	writesWithoutPrice: number;
	/** Writes whose unit cost is unknown, so the cost change leaves them out. */
	writesWithoutCost: number;
	/** Writes applied without a person: the policy let them through (or there was no policy). */
	applied: MoneyGroup;
	/** Writes the policy held that a person approved, then applied. */
	approved: MoneyGroup;
	/** Lines held for a person's approval and not written (ACW11); `customers` is how many customers wait. */
	held: MoneyGroup & { customers: number };
	/** Writes a dry run skipped. */
	dryRun: MoneyGroup;
}

export interface RunSummary extends MoneySplit {
	runId: string;
	status: RunStatus;
	billingPeriodEnd: string | null;
	customers: number;
	countsByCode: Record<string, number>;
	countsByLevel: Record<LogLevel, number>;
}

const WRITE_CODES: ReadonlySet<string> = codesOfKind('write');

/** The review outcomes a line's money is counted under. */
export type MoneyGroupName = 'applied' | 'approved' | 'held' | 'dryRun';

/** Which money group an entry counts in, or undefined when it is about no write made, skipped or held. */
export function moneyGroupOf(entry: LogEntry): MoneyGroupName | undefined {
	if (entry.outcome === 'held') return 'held';
	if (!WRITE_CODES.has(entry.code)) return undefined;
	if (entry.outcome === 'dryRun') return 'dryRun';
	if (entry.outcome === 'applied') return entry.review === 'approved' ? 'approved' : 'applied';
	return undefined;
}

/**
 * What a line changes per month. The planner's figure counts invoiced units (Billable, less included units), so
 * it is used when present; an entry logged before it existed falls back to quantity change × unit price (and cost).
 * Undefined when the price (or cost) is unknown.
 */
export function entryMoney(entry: LogEntry): { revenue?: number; cost?: number } {
	const delta = (entry.quantityAfter ?? 0) - (entry.quantityBefore ?? 0);
	return {
		revenue:
			entry.monthlyRevenueChange ??
			(entry.unitPrice === undefined ? undefined : delta * entry.unitPrice),
		cost:
			entry.monthlyCostChange ??
			(entry.unitCost === undefined ? undefined : delta * entry.unitCost),
	};
}

function emptyGroup(): MoneyGroup {
	return {
		lines: 0,
		monthlyRevenueChange: 0,
		monthlyCostChange: 0,
		linesWithoutPrice: 0,
		linesWithoutCost: 0,
	};
}

/** Money is added unrounded and rounded to the cent once, so many small lines total what an invoice shows. */
function cents(amount: number): number {
	// `|| 0`: a total that rounds to -0 is no change, not a negative one.
	return roundCents(amount) || 0;
}

function roundedGroup<T extends MoneyGroup>(group: T): T {
	return {
		...group,
		monthlyRevenueChange: cents(group.monthlyRevenueChange),
		monthlyCostChange: cents(group.monthlyCostChange),
	};
}

/** The quantity and money the entries' writes and held lines change, split by review outcome. */
export function summarizeMoney(entries: readonly LogEntry[]): MoneySplit {
	const groups: Record<MoneyGroupName, MoneyGroup> = {
		applied: emptyGroup(),
		approved: emptyGroup(),
		held: emptyGroup(),
		dryRun: emptyGroup(),
	};
	const heldCustomers = new Set<string>();
	let quantityChange = 0;
	for (const entry of entries) {
		const name = moneyGroupOf(entry);
		if (name === undefined) continue;
		const group = groups[name];
		const { revenue, cost } = entryMoney(entry);
		group.lines += 1;
		if (revenue === undefined) group.linesWithoutPrice += 1;
		else group.monthlyRevenueChange += revenue;
		if (cost === undefined) group.linesWithoutCost += 1;
		else group.monthlyCostChange += cost;
		if (name === 'held') heldCustomers.add(entry.customerCode ?? '');
		else quantityChange += (entry.quantityAfter ?? 0) - (entry.quantityBefore ?? 0);
	}
	const written = [groups.applied, groups.approved, groups.dryRun];
	const total = (pick: (group: MoneyGroup) => number) =>
		written.reduce((sum, group) => sum + pick(group), 0);
	return {
		quantityChange: Math.round(quantityChange * 1e6) / 1e6,
		monthlyRevenueChange: cents(total((group) => group.monthlyRevenueChange)),
		monthlyCostChange: cents(total((group) => group.monthlyCostChange)),
		writesWithoutPrice: total((group) => group.linesWithoutPrice),
		writesWithoutCost: total((group) => group.linesWithoutCost),
		applied: roundedGroup(groups.applied),
		approved: roundedGroup(groups.approved),
		held: roundedGroup({ ...groups.held, customers: heldCustomers.size }),
		dryRun: roundedGroup(groups.dryRun),
	};
}

export function summarizeRun(entries: readonly LogEntry[], status: RunStatus): RunSummary {
	const countsByCode: Record<string, number> = {};
	const countsByLevel = Object.fromEntries(LOG_LEVELS.map((level) => [level, 0])) as Record<
		LogLevel,
		number
	>;
	const customers = new Set<string>();
	for (const entry of entries) {
		countsByCode[entry.code] = (countsByCode[entry.code] ?? 0) + 1;
		countsByLevel[entry.level] += 1;
		if (entry.customerCode !== undefined) customers.add(entry.customerCode);
	}
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
		...summarizeMoney(entries),
	};
}
