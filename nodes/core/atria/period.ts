import { CwCodedError } from '../errors';

/** Last day of the month, or a fixed day 1 to 28 on which every billing period ends. */
export type PeriodEndDay = 'last' | number;

export interface BillingPeriod {
	/** First day, `YYYY-MM-DD`. */
	start: string;
	/** Last day, `YYYY-MM-DD`: Atria addresses a period by it. */
	end: string;
}

interface Ymd {
	year: number;
	month: number; // 1-12
	day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2026-02-30 (CW19). */
export function parseDate(text: string): Ymd {
	const match = DATE_PATTERN.exec(text.trim());
	if (!match) throw new CwCodedError('CW19', { error: 'expected YYYY-MM-DD' });
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (
		year < 2000 ||
		year > 2100 ||
		month < 1 ||
		month > 12 ||
		day < 1 ||
		day > daysInMonth(year, month)
	) {
		throw new CwCodedError('CW19', { error: 'no such date' });
	}
	return { year, month, day };
}

function format({ year, month, day }: Ymd): string {
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: Ymd, days: number): Ymd {
	const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function endDayIn(year: number, month: number, endDay: PeriodEndDay): number {
	return endDay === 'last' ? daysInMonth(year, month) : endDay;
}

export function validatePeriodEndDay(value: unknown): PeriodEndDay {
	if (value === 'last') return 'last';
	const day = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 28) return day;
	throw new CwCodedError('CW19', {
		error: 'the period end day must be "last" or a day from 1 to 28',
	});
}

/** The period containing `date`. */
export function periodContaining(date: string, endDay: PeriodEndDay): BillingPeriod {
	const day = parseDate(date);
	let { year, month } = day;
	if (day.day > endDayIn(year, month, endDay)) {
		month += 1;
		if (month > 12) {
			month = 1;
			year += 1;
		}
	}
	const end: Ymd = { year, month, day: endDayIn(year, month, endDay) };
	let previousYear = year;
	let previousMonth = month - 1;
	if (previousMonth < 1) {
		previousMonth = 12;
		previousYear -= 1;
	}
	const previousEnd: Ymd = {
		year: previousYear,
		month: previousMonth,
		day: endDayIn(previousYear, previousMonth, endDay),
	};
	return { start: format(addDays(previousEnd, 1)), end: format(end) };
}

export type BillingPeriodChoice = 'Current' | 'Previous' | string;

/**
 * Atria's job's BillingPeriod parameter: "Current" (the period containing today), "Previous" (the one before
 * it, the last closed period), or a `YYYY-MM-DD` date (the period containing it). `today` is passed in
 * (in the workflow's time zone) so the rule stays a pure function.
 */
export function resolveBillingPeriod(
	choice: BillingPeriodChoice,
	endDay: PeriodEndDay,
	today: string,
): BillingPeriod {
	const normalized = choice.trim();
	if (/^current$/i.test(normalized)) return periodContaining(today, endDay);
	if (/^previous$/i.test(normalized)) {
		const current = periodContaining(today, endDay);
		return periodContaining(format(addDays(parseDate(current.start), -1)), endDay);
	}
	return periodContaining(normalized, endDay);
}

/** The last day of the period before: the day before this one starts. */
export function previousPeriodEnd(period: BillingPeriod): string {
	return format(addDays(parseDate(period.start), -1));
}

/** Midnight UTC of a `YYYY-MM-DD` day, in ConnectWise's date format. */
export function toConnectWiseDate(date: string): string {
	return `${format(parseDate(date))}T00:00:00Z`;
}
