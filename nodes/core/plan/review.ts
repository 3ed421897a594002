import type { CustomerPlan, CustomerReview, PlanLine } from '../contracts/plan';
import type { LogEntry } from '../log/entry';
import { formatMoney, formatMoneyChange, roundCents } from '../util/money';
import { formatQuantity } from '../util/quantity';

/**
 * Reconcile Agreement's review policy: which planned writes go through without a person (an increase, say) and
 * which wait for one (a reduction, a line set to 0, a new line or product, a large change, a customer's first
 * billing month). A pure verdict on a plan's writes: the same writes and policy always give the same decisions;
 * the planner sets it on the lines and planned log entries of the plan it builds.
 */
export interface ReviewPolicy {
	/** A write that lowers the monthly revenue (or, where the price is unknown, the invoiced units). */
	holdDecreases: boolean;
	/** A write that sets a line to 0 (a service that left, a duplicate). */
	holdSetToZero: boolean;
	/** A new addition. */
	holdNewLines: boolean;
	/** A product the run would add to the catalog. */
	holdNewProducts: boolean;
	/** Every write of a customer Atria billed nothing the period before. */
	holdFirstMonth: boolean;
	/** A line whose monthly revenue changes by more than this (either way); 0 is off. */
	lineAmount: number;
	/** A line whose quantity changes by more than this percentage of what it was; 0 is off. */
	linePercent: number;
	/** Every write of a customer whose monthly revenue changes by more than this in all; 0 is off. */
	customerAmount: number;
	/** Every write of a customer whose monthly revenue changes by more than this percentage; 0 is off. */
	customerPercent: number;
}

/** The policy Reconcile Agreement starts with: increases and unchanged lines go through, the rest waits. */
export const DEFAULT_REVIEW_POLICY: Readonly<ReviewPolicy> = Object.freeze({
	holdDecreases: true,
	holdSetToZero: true,
	holdNewLines: true,
	holdNewProducts: true,
	holdFirstMonth: false,
	lineAmount: 0,
	linePercent: 0,
	customerAmount: 0,
	customerPercent: 0,
});

/** What the policy needs to know of the customer beyond its plan. */
export interface ReviewFacts {
	/** Atria billed the customer nothing the period before (every line's previous quantity is 0 or unknown). */
	firstMonth: boolean;
}

const PRICE_UNKNOWN = 'the unit price is unknown, so the money limits cannot be checked';

function percentOf(change: number, base: number): number {
	return base === 0 ? Number.POSITIVE_INFINITY : (Math.abs(change) / Math.abs(base)) * 100;
}

function percentText(percent: number): string {
	return Number.isFinite(percent) ? `${Math.round(percent * 10) / 10}%` : 'from nothing';
}

/** The rules of the policy that hold one write, in words; empty when it goes through. */
export function lineHoldReasons(line: PlanLine, policy: ReviewPolicy): string[] {
	const reasons: string[] = [];
	const before = line.quantityBefore ?? 0;
	const after = line.quantityAfter ?? 0;
	const revenue = line.monthlyRevenueChange;
	if (policy.holdNewProducts && (line.newProduct !== undefined || line.action === 'createProduct'))
		reasons.push(`new catalog product ${line.newProduct?.identifier ?? line.sku ?? ''}`.trim());
	if (policy.holdNewLines && line.action === 'create') reasons.push('new line');
	if (line.action === 'createProduct') return reasons;
	const setToZero = after === 0 && before !== 0;
	if (policy.holdSetToZero && setToZero) reasons.push(`set to 0 from ${formatQuantity(before)}`);
	const decreases = revenue !== undefined ? revenue < 0 : after < before;
	if (policy.holdDecreases && decreases && !(policy.holdSetToZero && setToZero)) {
		reasons.push(
			revenue !== undefined
				? `monthly revenue decreases by ${formatMoney(-revenue)}`
				: `quantity decreases from ${formatQuantity(before)} to ${formatQuantity(after)}`,
		);
	}
	if (policy.lineAmount > 0) {
		if (revenue === undefined) reasons.push(PRICE_UNKNOWN);
		else if (Math.abs(revenue) > policy.lineAmount)
			reasons.push(
				`monthly revenue changes by ${formatMoneyChange(revenue)}, more than the line limit of ${formatMoney(policy.lineAmount)}`,
			);
	}
	if (policy.linePercent > 0 && line.action !== 'create') {
		const percent = percentOf(after - before, before);
		if (percent > policy.linePercent)
			reasons.push(
				`quantity changes by ${percentText(percent)}, more than the line limit of ${policy.linePercent}%`,
			);
	}
	return reasons;
}

/** The rules that hold every write of the customer, in words. */
export function customerHoldReasons(
	plan: Pick<CustomerPlan, 'money'>,
	writes: readonly PlanLine[],
	policy: ReviewPolicy,
	facts: ReviewFacts,
): string[] {
	if (writes.length === 0) return [];
	const reasons: string[] = [];
	if (policy.holdFirstMonth && facts.firstMonth)
		reasons.push("the customer's first billing month in Atria");
	const money = plan.money;
	const change = money?.monthlyRevenueChange ?? 0;
	const priceUnknown = money === undefined || money.writesWithoutPrice > 0;
	if (policy.customerAmount > 0) {
		if (priceUnknown) reasons.push(PRICE_UNKNOWN);
		else if (Math.abs(change) > policy.customerAmount)
			reasons.push(
				`the customer's monthly revenue changes by ${formatMoneyChange(change)}, more than the customer limit of ${formatMoney(policy.customerAmount)}`,
			);
	}
	if (policy.customerPercent > 0) {
		if (priceUnknown) {
			if (!reasons.includes(PRICE_UNKNOWN)) reasons.push(PRICE_UNKNOWN);
		} else if (change !== 0) {
			const percent = percentOf(change, money.monthlyRevenueBefore);
			if (percent > policy.customerPercent)
				reasons.push(
					`the customer's monthly revenue changes by ${percentText(percent)}, more than the customer limit of ${policy.customerPercent}%`,
				);
		}
	}
	return reasons;
}

/** The policy's verdict on each write of a plan (in the writes' order) and on its customer. */
export interface ReviewVerdict {
	lines: Array<NonNullable<PlanLine['review']>>;
	customer: CustomerReview;
}

/**
 * Decides every write of a plan (its lines whose action writes, in plan order); null policy: every write goes
 * through (Apply Every Change).
 */
export function reviewWrites(
	plan: Pick<CustomerPlan, 'money'>,
	writes: readonly PlanLine[],
	policy: ReviewPolicy | null,
	facts: ReviewFacts,
): ReviewVerdict {
	const customerReasons = policy ? customerHoldReasons(plan, writes, policy, facts) : [];
	const lines: ReviewVerdict['lines'] = [];
	const heldLineIds: string[] = [];
	let heldRevenueChange = 0;
	for (const line of writes) {
		const reasons = policy ? [...lineHoldReasons(line, policy), ...customerReasons] : [];
		const decision = reasons.length > 0 ? 'hold' : 'auto';
		lines.push({ decision, reasons });
		if (decision === 'hold') {
			heldLineIds.push(line.lineId);
			heldRevenueChange += line.monthlyRevenueChange ?? 0;
		}
	}
	return {
		lines,
		customer: {
			needsApproval: heldLineIds.length > 0,
			reasons: customerReasons,
			heldLineIds,
			heldRevenueChange: roundCents(heldRevenueChange),
		},
	};
}

/** What a write's planned log entry says of its verdict. */
export function entryReview(
	verdict: NonNullable<PlanLine['review']>,
): Pick<LogEntry, 'review' | 'reviewReason'> {
	return {
		review: verdict.decision,
		reviewReason: verdict.reasons.length > 0 ? verdict.reasons.join('; ') : undefined,
	};
}
