import type { BillingPeriod } from '../atria/period';
import type { Addition } from '../connectwise/schemas';
import {
	isCandidate,
	judgeLine,
	linesByProduct,
	longestBilling,
	samePrice,
} from '../plan/billingLines';
import type { CustomerPlan, PlanLine } from '../plan/types';
import { normalizeKey } from '../util/keys';
import { formatQuantity, sameQuantity } from '../util/quantity';
import type { LineOutcome } from './applier';

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
export function changeSincePlan(
	additions: readonly Addition[],
	line: PlanLine,
	period: BillingPeriod,
	tolerance: number,
): ChangeSincePlan {
	const addition = additions.find((candidate) => candidate.id === line.additionId);
	if (!addition) return { kind: 'changed', reason: 'the line no longer exists', quantityNow: null };
	const judged = judgeLine(addition, period);
	if (!isCandidate(judged))
		return {
			kind: 'changed',
			reason: `it no longer bills in the period: ${judged.why}${byWhom(addition)}`,
			quantityNow: addition.quantity,
		};
	// Already done: at the planned quantity, and (when the tolerance cannot tell the two apart) not at the one
	// the plan saw: a duplicate of 0.00005 planned to 0 is still written.
	if (
		line.quantityAfter !== null &&
		sameQuantity(addition.quantity, line.quantityAfter, tolerance)
	) {
		const stillAsPlanned =
			line.quantityBefore !== null &&
			sameQuantity(addition.quantity, line.quantityBefore, tolerance);
		if (addition.quantity === line.quantityAfter || !stillAsPlanned)
			return { kind: 'alreadyDone', quantity: addition.quantity };
	}
	if (
		line.quantityBefore !== null &&
		!sameQuantity(addition.quantity, line.quantityBefore, tolerance)
	) {
		return {
			kind: 'changed',
			reason: `its quantity is ${formatQuantity(addition.quantity)}, not ${formatQuantity(line.quantityBefore)} as planned${byWhom(addition)}`,
			quantityNow: addition.quantity,
		};
	}
	const seen = line.lastUpdated;
	const now = addition._info?.lastUpdated ?? undefined;
	if (seen !== undefined && now !== undefined && seen !== now) {
		return {
			kind: 'changed',
			reason: `it was edited after the plan${byWhom(addition)}`,
			quantityNow: addition.quantity,
		};
	}
	return { kind: 'unchanged' };
}

/**
 * The planned writes of a stale plan that must not be made, by line id. The plan decided each product as a
 * whole (the target gets the quantity, its duplicates go to 0), so when one line of a product changed since
 * the plan, or a line of it was added, none of the product's lines is written: zeroing a duplicate after a
 * person cancelled the target would drop the only paid line, and updating the target beside a line a person
 * added would bill twice. Lines already at their planned quantity are left to say so themselves.
 */
export function productsChangedSincePlan(
	plan: CustomerPlan,
	writes: readonly PlanLine[],
	additions: readonly Addition[],
	tolerance: number,
): Map<string, LineOutcome> {
	const seen = plan.seenAdditionIds === undefined ? undefined : new Set(plan.seenAdditionIds);
	const byProduct = new Map<string, PlanLine[]>();
	for (const line of writes) {
		if (line.action !== 'update' && line.action !== 'remove') continue;
		const key = normalizeKey(line.product?.identifier ?? line.sku ?? '');
		byProduct.set(key, [...(byProduct.get(key) ?? []), line]);
	}
	const held = new Map<string, LineOutcome>();
	for (const [key, lines] of byProduct) {
		const checks = lines.map((line) => ({
			line,
			check: changeSincePlan(additions, line, plan.billingPeriod, tolerance),
		}));
		const changed = checks.find(({ check }) => check.kind === 'changed');
		const added =
			seen === undefined
				? undefined
				: additions.find(
						(addition) =>
							!seen.has(addition.id) && normalizeKey(addition.product.identifier) === key,
					);
		if (!changed && !added) continue;
		const why = changed
			? `addition ${changed.line.additionId} of the product changed since the plan: ${(changed.check as { reason: string }).reason}`
			: `addition ${added!.id} of the product was added since the plan${byWhom(added!)}`;
		for (const { line, check } of checks) {
			if (check.kind === 'alreadyDone') continue;
			const quantityNow =
				check.kind === 'changed'
					? check.quantityNow
					: (additions.find((addition) => addition.id === line.additionId)?.quantity ?? null);
			const reason = check.kind === 'changed' ? check.reason : why;
			held.set(line.lineId, {
				lineId: line.lineId,
				status: 'skipped',
				code: 'ACW08',
				reason,
				quantityNow,
			});
		}
	}
	return held;
}

/**
 * A line as a create of this package leaves it: the product, Billable, open-ended, the effective date sent,
 * at the planned price when the plan has one (unset, ConnectWise takes the catalog's).
 */
export function looksLikeOurCreate(
	addition: Addition,
	line: PlanLine,
	effectiveDate: string,
): boolean {
	if (
		line.product === undefined ||
		normalizeKey(addition.product.identifier) !== normalizeKey(line.product.identifier)
	)
		return false;
	if (addition.billCustomer !== 'Billable' || addition.cancelledDate || addition.quantity < 0)
		return false;
	if (addition.effectiveDate !== effectiveDate) return false;
	return line.unitPrice === undefined || samePrice(addition, { unitPrice: line.unitPrice });
}

/**
 * What the agreement holds of a product the plan found no line of, read again just before creating: this
 * package's own line (an earlier apply of the plan), a line that can take the quantity (adopt either), another
 * line a person added meanwhile (do not add beside it), or none.
 */
export function linesSincePlan(
	linesOfProduct: readonly Addition[],
	period: BillingPeriod,
	ours: (addition: Addition) => boolean,
): { adopt?: Addition; blockedBy?: string } {
	const own = [...linesOfProduct].sort((a, b) => a.id - b.id).find(ours);
	if (own) return { adopt: own };
	const lines = [...linesByProduct(linesOfProduct, period).values()][0];
	if (!lines) return {};
	const target = longestBilling(lines.candidates);
	if (target) return { adopt: target.addition };
	return { blockedBy: lines.others.map((other) => other.why).join('; ') };
}

/**
 * The lines of the plan line's product that appeared since `before` (ids read before the create) and look like
 * a create of this package (see looksLikeOurCreate), by the same API member as `created` when ConnectWise says
 * who made each: a line whose maker is not known to be this package's member is never counted, so never
 * deleted. Ordered by id, oldest first: whatever the execution, the first one is the one that stays.
 */
export function newLinesOfProduct(
	additions: readonly Addition[],
	line: PlanLine,
	before: ReadonlySet<number>,
	effectiveDate: string,
	created?: Addition,
): Addition[] {
	const member = created?._info?.updatedBy ?? undefined;
	return additions
		.filter(
			(addition) => !before.has(addition.id) && looksLikeOurCreate(addition, line, effectiveDate),
		)
		.filter(
			(addition) =>
				created === undefined ||
				addition.id === created.id ||
				(member !== undefined && addition._info?.updatedBy === member),
		)
		.sort((a, b) => a.id - b.id);
}
