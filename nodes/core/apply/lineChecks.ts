import type { BillingPeriod } from '../atria/period';
import type { Addition } from '../connectwise/schemas';
import { isCandidate, judgeLine, linesByProduct, longestBilling } from '../plan/billingLines';
import type { PlanLine } from '../plan/types';
import { normalizeKey } from '../util/keys';
import { formatQuantity, sameQuantity } from '../util/quantity';

/**
 * What Apply checks against the agreement as it is now, before and after writing: the plan may be hours old
 * (an approval waited), another execution may be writing the same agreement, a person may have edited a line.
 */

export type ChangeSincePlan =
	| { kind: 'unchanged' }
	/** The line already holds the planned quantity (an earlier apply, or a person): nothing to write. */
	| { kind: 'alreadyDone'; quantity: number }
	| { kind: 'changed'; reason: string; quantityNow: number | null };

function byWhom(addition: Addition): string {
	const info = addition._info;
	if (!info?.lastUpdated) return '';
	return ` (last changed at ${info.lastUpdated}${info.updatedBy ? ` by ${info.updatedBy}` : ''})`;
}

/** Compares a planned PATCH's line with the agreement now. */
export function changeSincePlan(additions: readonly Addition[], line: PlanLine, period: BillingPeriod, tolerance: number): ChangeSincePlan {
	const addition = additions.find((candidate) => candidate.id === line.additionId);
	if (!addition) return { kind: 'changed', reason: 'the line no longer exists', quantityNow: null };
	// Already done: at the planned quantity, and (when the tolerance cannot tell the two apart) not at the one
	// the plan saw: a duplicate of 0.00005 planned to 0 is still written.
	if (line.quantityAfter !== null && sameQuantity(addition.quantity, line.quantityAfter, tolerance)) {
		const stillAsPlanned = line.quantityBefore !== null && sameQuantity(addition.quantity, line.quantityBefore, tolerance);
		if (addition.quantity === line.quantityAfter || !stillAsPlanned) return { kind: 'alreadyDone', quantity: addition.quantity };
	}
	const judged = judgeLine(addition, period);
	if (!isCandidate(judged)) return { kind: 'changed', reason: `it no longer bills in the period: ${judged.why}${byWhom(addition)}`, quantityNow: addition.quantity };
	if (line.quantityBefore !== null && !sameQuantity(addition.quantity, line.quantityBefore, tolerance)) {
		return { kind: 'changed', reason: `its quantity is ${formatQuantity(addition.quantity)}, not ${formatQuantity(line.quantityBefore)} as planned${byWhom(addition)}`, quantityNow: addition.quantity };
	}
	const seen = line.lastUpdated;
	const now = addition._info?.lastUpdated ?? undefined;
	if (seen !== undefined && now !== undefined && seen !== now) {
		return { kind: 'changed', reason: `it was edited after the plan${byWhom(addition)}`, quantityNow: addition.quantity };
	}
	return { kind: 'unchanged' };
}

/**
 * What the agreement holds of a product the plan found no line of, read again just before creating: a line
 * that can take the quantity (adopt it), another line a person added meanwhile (do not add beside it), or none.
 */
export function linesSincePlan(linesOfProduct: readonly Addition[], period: BillingPeriod): { adopt?: Addition; blockedBy?: string } {
	const lines = [...linesByProduct(linesOfProduct, period).values()][0];
	if (!lines) return {};
	const target = longestBilling(lines.candidates);
	if (target) return { adopt: target.addition };
	return { blockedBy: lines.others.map((other) => other.why).join('; ') };
}

/**
 * The lines of the plan line's product that appeared since `before` (ids read before the create) and look like
 * a create of this package: Billable, open-ended, at the planned price, by the same API member when ConnectWise
 * says who. (Not "bills in the period": a create dated today can start after the period.) Ordered by id,
 * oldest first: whatever the execution, the first one is the one that stays.
 */
export function newLinesOfProduct(additions: readonly Addition[], line: PlanLine, before: ReadonlySet<number>, created?: Addition): Addition[] {
	const key = line.product ? normalizeKey(line.product.identifier) : undefined;
	const price = created?.unitPrice ?? line.unitPrice;
	const member = created?._info?.updatedBy ?? undefined;
	return additions
		.filter((addition) => !before.has(addition.id) && normalizeKey(addition.product.identifier) === key)
		.filter((addition) => addition.billCustomer === 'Billable' && !addition.cancelledDate && addition.quantity >= 0)
		.filter((addition) => price === undefined || price === null || Math.abs((addition.unitPrice ?? 0) - price) < 0.005)
		.filter((addition) => member === undefined || addition._info?.updatedBy === undefined || addition._info.updatedBy === member)
		.sort((a, b) => a.id - b.id);
}
