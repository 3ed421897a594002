import type { Addition } from '../connectwise/schemas';
import { formatQuantity, sameQuantity } from '../util/quantity';
import {
	dayAfter,
	longestBilling,
	overlaps,
	samePrice,
	type Candidate,
	type OtherLine,
	type ProductLines,
} from './billingLines';

/**
 * README rules 7 and 8 as two pure decisions per product: what to do with the agreement's lines of a SKU
 * Atria bills, and of a managed SKU the customer no longer has. The planner turns them into plan lines.
 */

/**
 * One line and what happens to it. `stopsOn`: the target bills until then (ACW05). ACW09 is CW09 for a line
 * changed after the period ended: a write an earlier run made (perhaps one that died before logging it).
 */
export interface LineChange {
	addition: Addition;
	code: 'CW07' | 'CW09' | 'ACW09' | 'CW20' | 'ACW02';
	quantityAfter: number;
	stopsOn?: string;
}

export type ProductDecision =
	/** The target first, then its duplicates; empty when nothing is to be said. */
	| { kind: 'lines'; changes: LineChange[] }
	/** No line of the product at all: the catalog rules decide (CW06, CW12, CW22, CW08). */
	| { kind: 'noLine' }
	/** Lines exist but none may take the quantity (ACW06), or several could at different prices (ACW07). */
	| { kind: 'leaveAlone'; code: 'ACW06' | 'ACW07'; reason: string };

const NOTHING: ProductDecision = { kind: 'lines', changes: [] };
const NO_LINE: ProductDecision = { kind: 'noLine' };

const NONE: readonly Candidate[] = Object.freeze([]);

/*
 * Nearly every product has one line that bills: it is the target and nothing bills beside it. The functions
 * below answer that case first, and leave the comparisons of several lines (and their closures) to others.
 */

/**
 * The target bills longest; among lines that bill as long, one not at 0 (a line at 0 bills nothing, such as
 * one an earlier run zeroed), then the lowest id.
 */
function targetOf(candidates: readonly Candidate[]): Candidate | undefined {
	return candidates.length === 1 ? candidates[0] : targetAmong(candidates);
}

function targetAmong(candidates: readonly Candidate[]): Candidate | undefined {
	const longest = longestBilling(candidates);
	if (!longest) return undefined;
	const asLong = candidates.filter(
		(candidate) => candidate.span.to === longest.span.to && candidate.addition.quantity !== 0,
	);
	return longestBilling(asLong) ?? longest;
}

/** The other candidates that bill on a day in common with the target, by id. */
function overlapping(candidates: readonly Candidate[], target: Candidate): readonly Candidate[] {
	if (candidates.length === 1) return NONE;
	return candidates.filter(
		(candidate) => candidate !== target && overlaps(candidate.span, target.span),
	);
}

/**
 * Billable lines over the same days at other prices: which one the quantity belongs on is a person's call. A
 * line at 0 bills nothing, so its price decides nothing.
 */
function priceConflict(target: Candidate, others: readonly Candidate[]): string | undefined {
	return others.length === 0 ? undefined : priceConflictAmong(target, others);
}

function priceConflictAmong(target: Candidate, others: readonly Candidate[]): string | undefined {
	const priced = others.filter((candidate) => candidate.addition.quantity !== 0);
	if (priced.every((candidate) => samePrice(candidate.addition, target.addition))) return undefined;
	return [target, ...priced]
		.map((candidate) => candidate.addition)
		.sort((a, b) => a.id - b.id)
		.map((addition) => `addition ${addition.id} at ${formatQuantity(addition.unitPrice ?? 0)}`)
		.join(', ');
}

/** Why none of the lines may take the quantity: each line's reason, joined by '; '. */
function whyNot(others: readonly OtherLine[]): string {
	let text = '';
	for (let index = 0; index < others.length; index++)
		text += index === 0 ? others[index].why : `; ${others[index].why}`;
	return text;
}

/** Whether ConnectWise says the line was changed after the period's last day. */
function changedAfter(addition: Addition, periodEnd: string): boolean {
	return dayAfter(addition._info?.lastUpdated, periodEnd);
}

/**
 * Rule 7: the agreement's lines of a product Atria bills `quantity` of. A line left at its quantity that changed
 * after the period ended is ACW09 (a write of an earlier run, perhaps one that died before logging it).
 */
export function decideBilledProduct(
	lines: ProductLines | undefined,
	quantity: number,
	tolerance: number,
	periodEnd: string,
): ProductDecision {
	if (!lines || (lines.candidates.length === 0 && lines.others.length === 0))
		return quantity === 0 ? NOTHING : NO_LINE;
	const target = targetOf(lines.candidates);
	if (!target)
		return quantity === 0
			? NOTHING
			: {
					kind: 'leaveAlone',
					code: 'ACW06',
					reason: whyNot(lines.others),
				};
	const duplicates = overlapping(lines.candidates, target);
	const conflict = priceConflict(target, duplicates);
	if (conflict !== undefined) return { kind: 'leaveAlone', code: 'ACW07', reason: conflict };

	const current = target.addition.quantity;
	const unchanged = sameQuantity(current, quantity, tolerance);
	let code: LineChange['code'];
	if (unchanged) code = changedAfter(target.addition, periodEnd) ? 'ACW09' : 'CW09';
	else code = quantity === 0 ? 'CW20' : 'CW07';
	// Every key set, stopsOn too: one object shape for all changes.
	const change: LineChange = {
		addition: target.addition,
		code,
		quantityAfter: unchanged ? current : quantity,
		stopsOn: target.span.to !== null && quantity !== 0 ? target.span.to : undefined,
	};
	const changes = [change];
	// Indexed: NONE is frozen, and a for-of over a frozen array allocates its iterator's results.
	for (let index = 0; index < duplicates.length; index++) {
		const candidate = duplicates[index];
		if (candidate.addition.quantity !== 0)
			changes.push({
				addition: candidate.addition,
				code: 'ACW02',
				quantityAfter: 0,
				stopsOn: undefined,
			});
		// Already 0: silent, unless it was zeroed after the period ended (then the record of it is ACW09).
		else if (changedAfter(candidate.addition, periodEnd))
			changes.push({
				addition: candidate.addition,
				code: 'ACW09',
				quantityAfter: 0,
				stopsOn: undefined,
			});
	}
	return { kind: 'lines', changes };
}

/**
 * Rule 8: a managed product the customer no longer has is billed as 0, with the same decision as a product Atria
 * reports at 0; only its lines that are already 0 and were not changed after the period ended go unmentioned.
 */
export function decideRemovedProduct(
	lines: ProductLines,
	tolerance: number,
	periodEnd: string,
): ProductDecision {
	if (lines.candidates.length === 0) return NOTHING;
	const decision = decideBilledProduct(lines, 0, tolerance, periodEnd);
	return decision.kind === 'lines'
		? { kind: 'lines', changes: decision.changes.filter((change) => change.code !== 'CW09') }
		: decision;
}
