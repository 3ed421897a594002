import type { BillingPeriod } from '../atria/period';
import type { Addition } from '../connectwise/schemas';
import { normalizeKey } from '../util/keys';
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
}

/** Every line of one product on the agreement, judged for the period. */
export interface ProductLines {
	candidates: Candidate[];
	others: OtherLine[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** The UTC day of a ConnectWise date; null when absent, undefined when it cannot be read. */
export function dayOf(value: string | null | undefined): string | null | undefined {
	if (value === null || value === undefined || value.trim() === '') return null;
	const match = DAY.exec(value.trim());
	if (!match) return undefined;
	const time = Date.parse(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
	if (Number.isNaN(time)) return undefined;
	return new Date(time).toISOString().slice(0, 10);
}

/** Candidate, or why not. Checked in the order an admin would ask: who pays, when, and is it a credit. */
export function judgeLine(addition: Addition, period: BillingPeriod): Candidate | OtherLine {
	const from = dayOf(addition.effectiveDate);
	const to = dayOf(addition.cancelledDate);
	const name = `addition ${addition.id}`;
	if (addition.billCustomer !== 'Billable')
		return { addition, why: `${name} is ${addition.billCustomer}` };
	if (from === undefined) return { addition, why: `${name} has an unreadable effective date` };
	if (to === undefined) return { addition, why: `${name} has an unreadable cancelled date` };
	if (to !== null && to < period.start)
		return { addition, why: `${name} stopped billing on ${to}` };
	if (from !== null && from > period.end)
		return { addition, why: `${name} starts billing on ${from}` };
	// Both dates inside the period: a one-time charge a person added, not a line that carries a monthly quantity.
	if (from !== null && to !== null && from >= period.start && to <= period.end)
		return { addition, why: `${name} is a one-time charge (${from} to ${to})` };
	if (addition.quantity < 0)
		return { addition, why: `${name} is a credit (quantity ${formatQuantity(addition.quantity)})` };
	if ((addition.unitPrice ?? 0) < 0)
		return {
			addition,
			why: `${name} is a discount (unit price ${formatQuantity(addition.unitPrice!)})`,
		};
	return { addition, span: { from, to } };
}

export function isCandidate(judged: Candidate | OtherLine): judged is Candidate {
	return 'span' in judged;
}

/** Every line of the agreement by product key, ordered by id. */
export function linesByProduct(
	additions: readonly Addition[],
	period: BillingPeriod,
): Map<string, ProductLines> {
	const byProduct = new Map<string, ProductLines>();
	for (const addition of [...additions].sort((a, b) => a.id - b.id)) {
		const key = normalizeKey(addition.product.identifier);
		let lines = byProduct.get(key);
		if (!lines) {
			lines = { candidates: [], others: [] };
			byProduct.set(key, lines);
		}
		const judged = judgeLine(addition, period);
		if (isCandidate(judged)) lines.candidates.push(judged);
		else lines.others.push(judged);
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
