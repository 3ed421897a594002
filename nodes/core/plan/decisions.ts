import type { Addition } from '../connectwise/schemas';
import { formatQuantity, sameQuantity } from '../util/quantity';
import { dayOf, longestBilling, overlaps, samePrice, type Candidate, type ProductLines } from './billingLines';

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

function targetOf(lines: ProductLines): TargetAndOverlaps | undefined {
	const target = longestBilling(lines.candidates);
	if (!target) return undefined;
	return { target, overlapping: lines.candidates.filter((candidate) => candidate !== target && overlaps(candidate.span, target.span)) };
}

/** Billable lines over the same days at other prices: which one the quantity belongs on is a person's call. */
function priceConflict({ target, overlapping }: TargetAndOverlaps): string | undefined {
	if (overlapping.every((candidate) => samePrice(candidate.addition, target.addition))) return undefined;
	return [target, ...overlapping]
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

/** Rule 7: the agreement's lines of a product Atria bills `quantity` of. */
export function decideBilledProduct(lines: ProductLines | undefined, quantity: number, tolerance: number, periodEnd: string): ProductDecision {
	if (!lines || (lines.candidates.length === 0 && lines.others.length === 0)) return quantity === 0 ? NOTHING : { kind: 'noLine' };
	const chosen = targetOf(lines);
	if (!chosen) return quantity === 0 ? NOTHING : { kind: 'leaveAlone', code: 'ACW06', reason: lines.others.map((other) => other.why).join('; ') };
	const conflict = priceConflict(chosen);
	if (conflict !== undefined) return { kind: 'leaveAlone', code: 'ACW07', reason: conflict };

	const { target, overlapping } = chosen;
	const current = target.addition.quantity;
	const change: LineChange = sameQuantity(current, quantity, tolerance)
		? { addition: target.addition, code: changedAfter(target.addition, periodEnd) ? 'ACW09' : 'CW09', quantityAfter: current }
		: { addition: target.addition, code: quantity === 0 ? 'CW20' : 'CW07', quantityAfter: quantity };
	if (target.span.to !== null && quantity !== 0) change.stopsOn = target.span.to;
	const duplicates = overlapping
		.filter((candidate) => candidate.addition.quantity !== 0)
		.map((candidate): LineChange => ({ addition: candidate.addition, code: 'ACW02', quantityAfter: 0 }));
	return { kind: 'lines', changes: [change, ...duplicates] };
}

/** Rule 8: a managed product the customer no longer has: the lines that bill it go to 0. */
export function decideRemovedProduct(lines: ProductLines, tolerance: number): ProductDecision {
	const chosen = targetOf(lines);
	if (!chosen) return NOTHING;
	const conflict = priceConflict(chosen);
	if (conflict !== undefined) return { kind: 'leaveAlone', code: 'ACW07', reason: conflict };
	// As for a billed product at 0: the tolerance decides whether the target is unchanged; a duplicate goes to 0
	// unless it is exactly 0.
	const target = sameQuantity(chosen.target.addition.quantity, 0, tolerance) ? [] : [chosen.target];
	const duplicates = chosen.overlapping.filter((candidate) => candidate.addition.quantity !== 0);
	const changes = [...target, ...duplicates].map((candidate): LineChange => ({ addition: candidate.addition, code: 'CW20', quantityAfter: 0 }));
	return { kind: 'lines', changes };
}
