import type { BillingPeriod } from '../atria/period';
import type { Addition } from '../connectwise/schemas';
import { normalizeKey } from '../util/keys';
import { ascendingBy, ascendingOrder } from '../util/order';
import { formatQuantity } from '../util/quantity';

/**
 * The one answer to "what bills on this agreement for this period". ConnectWise keeps every line, past and
 * future: a line bills from its effective date through its cancelled date (the last day it bills), and only a
 * Billable line is invoiced. Days are compared as `YYYY-MM-DD` strings of the dates' UTC day.
 */

/** A line's billing days, inclusive; null is open (always started, or never stops). */
export interface BillingSpan {
	from: string | null;
	to: string | null;
}

/** A line that may receive Atria's quantity. */
export interface Candidate {
	addition: Addition;
	span: BillingSpan;
}

/** A line that is never changed, with why, as a log entry says it. */
export interface OtherLine {
	addition: Addition;
	why: string;
	/** A credit or a discount: it still bills every month of the period, so its money counts. */
	billsMonthly: boolean;
}

/** Every line of one product on the agreement, judged for the period. */
export interface ProductLines {
	candidates: Candidate[];
	others: OtherLine[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** The UTC day of a ConnectWise date; null when absent, undefined when it cannot be read. */
export function dayOf(value: string | null | undefined): string | null | undefined {
	if (value === null || value === undefined) return null;
	// A large plan reads hundreds of thousands of dates, nearly all in ConnectWise's own UTC forms: those are
	// recognised at once; anything else (spaces, an offset, local time, fractions, a day past the month's
	// end that Date rolls over) goes through Date.
	if (isPlainUtcDay(value)) return value.length === 10 ? value : value.slice(0, 10);
	const text = value.trim();
	if (text === '') return null;
	if (!DAY.test(text)) return undefined;
	const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
	if (Number.isNaN(time)) return undefined;
	return new Date(time).toISOString().slice(0, 10);
}

/**
 * Whether the UTC day of a ConnectWise date is after `day` (`YYYY-MM-DD`); false when absent or unreadable. A
 * plain UTC date is compared as it is: it is after the day exactly when it sorts after it without starting
 * with it, so no day string is cut out of it.
 */
export function dayAfter(value: string | null | undefined, day: string): boolean {
	if (value !== null && value !== undefined && isPlainUtcDay(value))
		return value > day && !value.startsWith(day);
	const valueDay = dayOf(value);
	return typeof valueDay === 'string' && valueDay > day;
}

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` with a month, a day (up to 31) and a time of day that exist. */
const PLAIN_UTC =
	/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ)?$/;

/**
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ` naming a real day and time of day: its UTC day is its first ten
 * characters, exactly what Date would say. One regular expression, then the month's length for days past 28.
 */
function isPlainUtcDay(text: string): boolean {
	if (!PLAIN_UTC.test(text)) return false;
	const day = digitsAt(text, 8, 2);
	return day <= 28 || day <= daysInMonth(digitsAt(text, 0, 4), digitsAt(text, 5, 2));
}

/** The number the `length` digits at `at` write (the caller has checked they are digits). */
function digitsAt(text: string, at: number, length: number): number {
	let value = 0;
	for (let index = at; index < at + length; index++)
		value = value * 10 + text.charCodeAt(index) - 48;
	return value;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Candidate, or why not. Checked in the order an admin would ask: who pays, when, and is it a credit. */
export function judgeLine(addition: Addition, period: BillingPeriod): Candidate | OtherLine {
	const from = dayOf(addition.effectiveDate);
	const to = dayOf(addition.cancelledDate);
	if (addition.billCustomer !== 'Billable') return other(addition, `is ${addition.billCustomer}`);
	if (from === undefined) return other(addition, 'has an unreadable effective date');
	if (to === undefined) return other(addition, 'has an unreadable cancelled date');
	if (to !== null && to < period.start) return other(addition, `stopped billing on ${to}`);
	if (from !== null && from > period.end) return other(addition, `starts billing on ${from}`);
	// Both dates inside the period: a one-time charge a person added, not a line that carries a monthly quantity.
	if (from !== null && to !== null && from >= period.start && to <= period.end)
		return other(addition, `is a one-time charge (${from} to ${to})`);
	if (addition.quantity < 0)
		return other(addition, `is a credit (quantity ${formatQuantity(addition.quantity)})`, true);
	if ((addition.unitPrice ?? 0) < 0)
		return other(
			addition,
			`is a discount (unit price ${formatQuantity(addition.unitPrice!)})`,
			true,
		);
	return { addition, span: { from, to } };
}

/** A line that is not a candidate; the addition is named only then (most lines are candidates). */
function other(addition: Addition, why: string, billsMonthly = false): OtherLine {
	return { addition, why: `addition ${addition.id} ${why}`, billsMonthly };
}

export function isCandidate(judged: Candidate | OtherLine): judged is Candidate {
	return 'span' in judged;
}

/** Every line of the agreement judged for the period, in the order given: each line's dates are read once. */
export function judgeLines(
	additions: readonly Addition[],
	period: BillingPeriod,
): Array<Candidate | OtherLine> {
	const judged: Array<Candidate | OtherLine> = [];
	for (const addition of additions) judged.push(judgeLine(addition, period));
	return judged;
}

/** Every line of the agreement by product key, ordered by id. */
export function linesByProduct(
	additions: readonly Addition[],
	period: BillingPeriod,
): Map<string, ProductLines> {
	return groupByProduct(judgeLines(additions, period));
}

/** A judged line's addition id: the order lines are listed in. */
export function additionId(line: Candidate | OtherLine): number {
	return line.addition.id;
}

/** One product of the agreement: its key, and its lines judged for the period, in id order. */
export interface Product extends ProductLines {
	key: string;
}

/**
 * The agreement's products in key order (`keyOf` the product's identifier), from its lines judged in id order.
 * Sorted rather than gathered in a map: the planner walks them beside the customer's lines, in the same order.
 */
export function productsInKeyOrder(
	byId: ReadonlyArray<Candidate | OtherLine>,
	keyOf: (identifier: string) => string,
): Product[] {
	// Lists pushed onto literals (not mapped), so an agreement without lines gives arrays of the same map.
	const keys: string[] = [];
	for (let at = 0; at < byId.length; at++) keys.push(keyOf(byId[at].addition.product.identifier));
	const order = ascendingOrder(keys);
	const products: Product[] = [];
	for (let at = 0; at < order.length; at++) {
		const position = order[at];
		const line = byId[position];
		const last = products[products.length - 1];
		if (last !== undefined && last.key === keys[position]) addLine(last, line);
		else products.push(productOf(keys[position], line));
	}
	return products;
}

/**
 * A product, from its first line: most products have only that one. Each list comes from one literal, whichever
 * kind of line comes first, so an empty list and a full one share an array map.
 */
function productOf(key: string, first: Candidate | OtherLine): Product {
	const candidates: Candidate[] = [];
	const others: OtherLine[] = [];
	const product: Product = { candidates, others, key };
	addLine(product, first);
	return product;
}

function addLine(lines: ProductLines, line: Candidate | OtherLine): void {
	if (isCandidate(line)) lines.candidates.push(line);
	else lines.others.push(line);
}

/** Judged lines by product key (`keyOf` the product's identifier), ordered by id. */
export function groupByProduct(
	judged: ReadonlyArray<Candidate | OtherLine>,
	keyOf: (identifier: string) => string = normalizeKey,
): Map<string, ProductLines> {
	const byProduct = new Map<string, ProductLines>();
	for (const line of ascendingBy(judged, additionId)) {
		const key = keyOf(line.addition.product.identifier);
		const lines = byProduct.get(key);
		if (lines) addLine(lines, line);
		else byProduct.set(key, productOf(key, line));
	}
	return byProduct;
}

/** Whether two spans share a day. */
export function overlaps(a: BillingSpan, b: BillingSpan): boolean {
	const startsBeforeBEnds = a.from === null || b.to === null || a.from <= b.to;
	const startsBeforeAEnds = b.from === null || a.to === null || b.from <= a.to;
	return startsBeforeBEnds && startsBeforeAEnds;
}

/** The candidate that bills longest (no cancelled date, else the latest); ties go to the lowest id. */
export function longestBilling(candidates: readonly Candidate[]): Candidate | undefined {
	let best: Candidate | undefined;
	for (const candidate of candidates) {
		if (!best) best = candidate;
		else if (
			endsLater(candidate.span, best.span) ||
			(sameEnd(candidate.span, best.span) && candidate.addition.id < best.addition.id)
		)
			best = candidate;
	}
	return best;
}

function endsLater(a: BillingSpan, b: BillingSpan): boolean {
	if (a.to === b.to) return false;
	return a.to === null || (b.to !== null && a.to > b.to);
}

function sameEnd(a: BillingSpan, b: BillingSpan): boolean {
	return a.to === b.to;
}

/** Unit prices compared as money: unset is 0, as ConnectWise stores it. */
export function samePrice(a: Pick<Addition, 'unitPrice'>, b: Pick<Addition, 'unitPrice'>): boolean {
	return Math.abs((a.unitPrice ?? 0) - (b.unitPrice ?? 0)) < 0.005;
}
