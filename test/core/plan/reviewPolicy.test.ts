import type { BillingCustomer } from '../../../nodes/core/atria/customers';
import { planItemSchema } from '../../../nodes/core/contracts/items';
import type { Addition } from '../../../nodes/core/connectwise/schemas';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../../nodes/core/plan/review';
import type { CustomerPlan } from '../../../nodes/core/plan/types';
import { addition, agreement, company, context, customer, line, options, period, product, snapshot } from '../fixtures';

/**
 * The review policy, rule by rule and at each rule's edge. Prices: 10 a unit (additions), 12.50 (catalog).
 * A line's decision is `auto` or `hold` with the rules that held it; the customer is held when any line is.
 */
const NOTHING_HELD: ReviewPolicy = { ...DEFAULT_REVIEW_POLICY, holdDecreases: false, holdSetToZero: false, holdNewLines: false, holdNewProducts: false };

function plan(policy: ReviewPolicy | null, additions: Addition[], lines: BillingCustomer['lines'], allowCreateAdditions = true): CustomerPlan {
	const [result] = planReconciliation(
		[customer('ACME', 'ACME', lines)],
		snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: additions }, catalog: [product(50, 'M365-BP'), product(51, 'EXO-P1'), product(52, 'AV-100')] }),
		{ ...options, allowCreateAdditions, review: policy, createMissingProducts: { subcategoryId: 3, typeId: 4, price: 5 } },
		context,
		period,
		new Set(['m365-bp', 'exo-p1', 'av-100', 'new-sku']),
	);
	expect(planItemSchema.safeParse(result).success).toBe(true);
	return result;
}

/** [code, decision, reasons] of each write. */
const decisions = (result: CustomerPlan) => result.lines.filter((l) => l.review).map((l) => [l.code, l.review!.decision, l.review!.reasons]);
const M365 = (quantity: number, extra: Partial<Addition> = {}) => addition(10, 50, 'M365-BP', quantity, extra);

describe('review policy: the default holds what can cost money', () => {
	it('lets an increase through', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(5)], [line('M365-BP', 7)]);
		expect(decisions(result)).toEqual([['CW07', 'auto', []]]);
		expect(result.review).toEqual({ needsApproval: false, reasons: [], heldLineIds: [], heldRevenueChange: 0 });
	});

	it('holds a decrease, with its money', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(5)], [line('M365-BP', 3)]);
		expect(decisions(result)).toEqual([['CW07', 'hold', ['monthly revenue decreases by 20.00']]]);
		expect(result.review).toEqual({ needsApproval: true, reasons: [], heldLineIds: ['L1'], heldRevenueChange: -20 });
	});

	it('a decrease inside the included units invoices nothing less: it goes through', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(4, { lessIncluded: 5 })], [line('M365-BP', 3)]);
		expect(decisions(result)).toEqual([['CW07', 'auto', []]]);
	});

	it('without a price, a decrease of units is held', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(5, { unitPrice: null })], [line('M365-BP', 3)]);
		// The catalog's price (12.50) stands in for the addition's.
		expect(decisions(result)).toEqual([['CW07', 'hold', ['monthly revenue decreases by 25.00']]]);
		const noPrice = planReconciliation(
			[customer('ACME', 'ACME', [line('M365-BP', 3)])],
			snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: [M365(5, { unitPrice: null })] }, catalog: [] }),
			{ ...options, review: DEFAULT_REVIEW_POLICY },
			context,
			period,
		)[0];
		expect(decisions(noPrice)).toEqual([['CW07', 'hold', ['quantity decreases from 5.00 to 3.00']]]);
	});

	it('holds a service that left (set to 0) and a duplicate set to 0, once each, not also as decreases', () => {
		const left = plan(DEFAULT_REVIEW_POLICY, [M365(5), addition(11, 51, 'EXO-P1', 2)], [line('M365-BP', 5)]);
		expect(decisions(left)).toEqual([['CW20', 'hold', ['set to 0 from 2.00']]]);
		const duplicate = plan(DEFAULT_REVIEW_POLICY, [M365(5), addition(11, 50, 'M365-BP', 5)], [line('M365-BP', 6)]);
		expect(decisions(duplicate)).toEqual([
			['CW07', 'auto', []],
			['ACW02', 'hold', ['set to 0 from 5.00']],
		]);
		expect(duplicate.review?.heldLineIds).toEqual(['L2']);
	});

	it('holds a new line, and a line of a new catalog product for both reasons', () => {
		const created = plan(DEFAULT_REVIEW_POLICY, [], [line('AV-100', 2)]);
		expect(decisions(created)).toEqual([['CW08', 'hold', ['new line']]]);
		const newProduct = plan(DEFAULT_REVIEW_POLICY, [], [line('NEW-SKU', 2)]);
		expect(decisions(newProduct)).toEqual([['CW08', 'hold', ['new catalog product NEW-SKU', 'new line']]]);
		const productOnly = plan(DEFAULT_REVIEW_POLICY, [], [line('NEW-SKU', 2)], false);
		expect(decisions(productOnly)).toEqual([['ACW04', 'hold', ['new catalog product NEW-SKU']]]);
	});

	it('each rule can be turned off', () => {
		expect(decisions(plan(NOTHING_HELD, [M365(5)], [line('M365-BP', 3)]))).toEqual([['CW07', 'auto', []]]);
		expect(decisions(plan(NOTHING_HELD, [M365(5), addition(11, 51, 'EXO-P1', 2)], [line('M365-BP', 5)]))).toEqual([['CW20', 'auto', []]]);
		expect(decisions(plan(NOTHING_HELD, [], [line('NEW-SKU', 2)]))).toEqual([['CW08', 'auto', []]]);
		// Set to 0 off, decreases on: the zeroing is held as a decrease.
		expect(decisions(plan({ ...NOTHING_HELD, holdDecreases: true }, [M365(5), addition(11, 51, 'EXO-P1', 2)], [line('M365-BP', 5)]))).toEqual([['CW20', 'hold', ['monthly revenue decreases by 20.00']]]);
	});

	it('Apply Every Change (no policy): every write goes through', () => {
		const result = plan(null, [M365(5), addition(11, 51, 'EXO-P1', 2)], [line('M365-BP', 1), line('NEW-SKU', 2)]);
		expect(decisions(result).map(([, decision]) => decision)).toEqual(['auto', 'auto', 'auto']);
		expect(result.review?.needsApproval).toBe(false);
	});

	it('unchanged and skipped lines carry no decision, and a customer without writes needs no approval', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(5)], [line('M365-BP', 5), line(null, 1)]);
		expect(result.lines.map((l) => [l.code, l.review])).toEqual([
			['CW05', undefined],
			['CW09', undefined],
		]);
		expect(result.review?.needsApproval).toBe(false);
	});
});

describe('review policy: limits, at their edges', () => {
	it('line amount: a change of exactly the limit goes through, a cent more is held; either direction', () => {
		expect(decisions(plan({ ...NOTHING_HELD, lineAmount: 20 }, [M365(5)], [line('M365-BP', 7)]))).toEqual([['CW07', 'auto', []]]);
		expect(decisions(plan({ ...NOTHING_HELD, lineAmount: 19.99 }, [M365(5)], [line('M365-BP', 7)]))).toEqual([
			['CW07', 'hold', ['monthly revenue changes by +20.00, more than the line limit of 19.99']],
		]);
		expect(decisions(plan({ ...NOTHING_HELD, lineAmount: 19.99 }, [M365(5)], [line('M365-BP', 3)]))[0][1]).toBe('hold');
	});

	it('line amount with no known price: held, since the limit cannot be checked', () => {
		const [result] = planReconciliation(
			[customer('ACME', 'ACME', [line('M365-BP', 6)])],
			snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: [M365(5, { unitPrice: null })] } }),
			{ ...options, review: { ...NOTHING_HELD, lineAmount: 1000 } },
			context,
			period,
		);
		expect(decisions(result)).toEqual([['CW07', 'hold', ['the unit price is unknown, so the money limits cannot be checked']]]);
	});

	it('line percent: 5 to 6 is 20%; a limit of 20 lets it through, 19.9 holds it', () => {
		expect(decisions(plan({ ...NOTHING_HELD, linePercent: 20 }, [M365(5)], [line('M365-BP', 6)]))).toEqual([['CW07', 'auto', []]]);
		expect(decisions(plan({ ...NOTHING_HELD, linePercent: 19.9 }, [M365(5)], [line('M365-BP', 6)]))).toEqual([
			['CW07', 'hold', ['quantity changes by 20%, more than the line limit of 19.9%']],
		]);
	});

	it('customer amount: the sum of the writes decides, and then every write of the customer is held', () => {
		const additions = [M365(5), addition(11, 51, 'EXO-P1', 1)];
		const lines = [line('M365-BP', 7), line('EXO-P1', 4)]; // +20 and +30
		expect(plan({ ...NOTHING_HELD, customerAmount: 50 }, additions, lines).review?.needsApproval).toBe(false);
		const held = plan({ ...NOTHING_HELD, customerAmount: 49.99 }, additions, lines);
		const reason = "the customer's monthly revenue changes by +50.00, more than the customer limit of 49.99";
		expect(decisions(held)).toEqual([
			['CW07', 'hold', [reason]],
			['CW07', 'hold', [reason]],
		]);
		expect(held.review).toEqual({ needsApproval: true, reasons: [reason], heldLineIds: ['L1', 'L2'], heldRevenueChange: 50 });
	});

	it('customer percent: against what the agreement bills now (60.00); from nothing is always more', () => {
		const additions = [M365(5), addition(11, 51, 'EXO-P1', 1)];
		const lines = [line('M365-BP', 7), line('EXO-P1', 1)]; // +20 on 60 = 33.3%
		expect(plan({ ...NOTHING_HELD, customerPercent: 34 }, additions, lines).review?.needsApproval).toBe(false);
		expect(plan({ ...NOTHING_HELD, customerPercent: 33 }, additions, lines).review?.reasons).toEqual([
			"the customer's monthly revenue changes by 33.3%, more than the customer limit of 33%",
		]);
		const fromNothing = plan({ ...NOTHING_HELD, customerPercent: 500 }, [], [line('AV-100', 1)]);
		expect(fromNothing.review?.reasons).toEqual([
			"the customer's monthly revenue changes by from nothing, more than the customer limit of 500%",
		]);
	});

	it("first billing month: held when Atria billed the customer nothing the period before", () => {
		const policy = { ...NOTHING_HELD, holdFirstMonth: true };
		expect(plan(policy, [M365(5)], [line('M365-BP', 7)]).review?.reasons).toEqual(["the customer's first billing month in Atria"]);
		const known = plan(policy, [M365(5)], [{ ...line('M365-BP', 7), previousQuantity: 5 }]);
		expect(known.review?.needsApproval).toBe(false);
	});

	it('the planned log entries carry the decision and its reasons', () => {
		const result = plan(DEFAULT_REVIEW_POLICY, [M365(5), addition(11, 51, 'EXO-P1', 2)], [line('M365-BP', 7)]);
		const planned = result.log.filter((entry) => entry.outcome === 'planned').map((entry) => [entry.code, entry.review, entry.reviewReason]);
		expect(planned).toEqual([
			['CW20', 'hold', 'set to 0 from 2.00'],
			['CW07', 'auto', undefined],
		]);
	});
});
