import type { PeriodEndDay } from '../model';

/** A calendar day `YYYY-MM-DD` that exists; undefined for `2026-02-30` or `2026-1-5`. */
export function parseCalendarDay(text: string): { year: number; month: number; day: number } | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match === null) return undefined;
	const [year, month, day] = match.slice(1).map(Number);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Periods end on the last day of each month, or on the same fixed day (1 to 28) of every month. */
export function isPeriodEnd(day: { year: number; month: number; day: number }, periodEndDay: PeriodEndDay): boolean {
	return periodEndDay === 'last' ? day.day === daysInMonth(day.year, day.month) : day.day === periodEndDay;
}
