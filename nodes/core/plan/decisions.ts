import type { Addition } from '../connectwise/schemas';
import { formatQuantity, sameQuantity } from '../util/quantity';
import {
	dayOf,
	longestBilling,
	overlaps,
	samePrice,
	type Candidate,
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

interface TargetAndOverlaps {
	target: Candidate;
	/** Candidates that bill on a day in common with the target, by id. */
	overlapping: Candidate[];
}

/**
 * The target bills longest; among lines that bill as long, one not at 0 (a line at 0 bills nothing, such as
 * one an earlier run zeroed), then the lowest id.
 */
function targetOf(lines: ProductLines): TargetAndOverlaps | undefined {
	const longest = longestBilling(lines.candidates);
	if (!longest) return undefined;
	const asLong = lines.candidates.filter(
		(candidate) => candidate.span.to === longest.span.to && candidate.addition.quantity !== 0,
	);
	const target = longestBilling(asLong) ?? longest;
	return {
		target,
		overlapping: lines.candidates.filter(
			(candidate) => candidate !== target && overlaps(candidate.span, target.span),
		),
	};
}

/**
 * Billable lines over the same days at other prices: which one the quantity belongs on is a person's call. A
 * line at 0 bills nothing, so its price decides nothing.
 */
function priceConflict({ target, overlapping }: TargetAndOverlaps): string | undefined {
	const priced = overlapping.filter((candidate) => candidate.addition.quantity !== 0);
	if (priced.every((candidate) => samePrice(candidate.addition, target.addition))) return undefined;
	return [target, ...priced]
		.map((candidate) => candidate.addition)
		.sort((a, b) => a.id - b.id)
		.map((addition) => `addition ${addition.id} at ${formatQuantity(addition.unitPrice ?? 0)}`)
		.join(', ');
}

/** Whether ConnectWise says the line was changed after the period's last day. */
function changedAfter(addition: Addition, periodEnd: string): boolean {
	const changed = dayOf(addition._info?.lastUpdated);
	return typeof changed === 'string' && changed > periodEnd;
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
		return quantity === 0 ? NOTHING : { kind: 'noLine' };
	const chosen = targetOf(lines);
	if (!chosen)
		return quantity === 0
			? NOTHING
			: {
					kind: 'leaveAlone',
					code: 'ACW06',
					reason: lines.others.map((other) => other.why).join('; '),
				};
	const conflict = priceConflict(chosen);
	if (conflict !== undefined) return { kind: 'leaveAlone', code: 'ACW07', reason: conflict };

	const { target, overlapping } = chosen;
	const current = target.addition.quantity;
	const change: LineChange = sameQuantity(current, quantity, tolerance)
		? {
				addition: target.addition,
				code: changedAfter(target.addition, periodEnd) ? 'ACW09' : 'CW09',
				quantityAfter: current,
			}
		: {
				addition: target.addition,
				code: quantity === 0 ? 'CW20' : 'CW07',
				quantityAfter: quantity,
			};
	if (target.span.to !== null && quantity !== 0) change.stopsOn = target.span.to;
	const duplicates = overlapping.flatMap((candidate): LineChange[] => {
		if (candidate.addition.quantity !== 0)
			return [{ addition: candidate.addition, code: 'ACW02', quantityAfter: 0 }];
		// Already 0: silent, unless it was zeroed after the period ended (then the record of it is ACW09).
		return changedAfter(candidate.addition, periodEnd)
			? [{ addition: candidate.addition, code: 'ACW09', quantityAfter: 0 }]
			: [];
	});
	return { kind: 'lines', changes: [change, ...duplicates] };
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
