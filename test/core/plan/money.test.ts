import type { BillingCustomer } from '../../../nodes/core/atria/customers';
import { planItemSchema } from '../../../nodes/core/contracts/items';
import type { Addition, CatalogItem } from '../../../nodes/core/connectwise/schemas';
import { toLogRow } from '../../../nodes/core/log/run';
import { invoicedUnits } from '../../../nodes/core/plan/money';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { CustomerPlan, PlanOptions } from '../../../nodes/core/plan/types';
import { addition, agreement, company, context, customer, line, options, period, product, snapshot } from '../fixtures';

/** Money on every planned line and customer: the addition's price and cost, else the catalog item's. */
function plan(additions: Addition[], lines: BillingCustomer['lines'], extra: Partial<PlanOptions> = {}, catalog: CatalogItem[] = [product(50, 'M365-BP', { cost: 8 }), product(51, 'EXO-P1', { price: null, cost: null })]): CustomerPlan {
	const plans = planReconciliation(
		[customer('ACME', 'ACME', lines)],
		snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: additions }, catalog }),
		{ ...options, ...extra },
		context,
		period,
		new Set(['m365-bp', 'exo-p1', 'av-100']),
	);
	return plans[0];
}

const money = (result: CustomerPlan) => result.lines.map((l) => [l.code, l.unitPrice, l.unitCost, l.monthlyRevenueChange, l.monthlyCostChange]);

describe('money of a planned line', () => {
	it('an update changes revenue by the units times the price and cost by the units times the cost', () => {
		const result = plan([addition(10, 50, 'M365-BP', 5, { unitPrice: 10, unitCost: 6 })], [line('M365-BP', 7)]);
		expect(money(result)).toEqual([['CW07', 10, 6, 20, 12]]);
		expect(result.money).toEqual({ monthlyRevenueBefore: 50, monthlyRevenueChange: 20, monthlyCostChange: 12, writesWithoutPrice: 0 });
	});

	it('included units are free: only the units above them change the revenue, every unit changes the cost', () => {
		expect(invoicedUnits(4, 5)).toBe(0);
		expect(invoicedUnits(7, 5)).toBe(2);
		expect(invoicedUnits(-2, 5)).toBe(-2);
		const result = plan([addition(10, 50, 'M365-BP', 4, { unitPrice: 10, unitCost: 6, lessIncluded: 5 })], [line('M365-BP', 7)]);
		expect(money(result)).toEqual([['CW07', 10, 6, 20, 18]]);
		expect(result.money?.monthlyRevenueBefore).toBe(0);
	});

	it("falls back to the catalog item's price and cost when the addition has none", () => {
		const result = plan([addition(10, 50, 'M365-BP', 5, { unitPrice: null, unitCost: null })], [line('M365-BP', 3)]);
		expect(money(result)).toEqual([['CW07', 12.5, 8, -25, -16]]);
	});

	it('a line without a price anywhere has no revenue change, and the customer counts it', () => {
		const result = plan([addition(10, 51, 'EXO-P1', 5, { unitPrice: null, unitCost: null })], [line('EXO-P1', 6)]);
		expect(money(result)).toEqual([['CW07', undefined, undefined, undefined, undefined]]);
		expect(result.money).toEqual({ monthlyRevenueBefore: 0, monthlyRevenueChange: 0, monthlyCostChange: 0, writesWithoutPrice: 1 });
	});

	it('a new line is worth its whole quantity at the catalog price; a duplicate set to 0 loses its revenue', () => {
		const created = plan([], [line('M365-BP', 4)], { allowCreateAdditions: true });
		expect(money(created)).toEqual([['CW08', 12.5, 8, 50, 32]]);
		const duplicate = plan([addition(10, 50, 'M365-BP', 5, { unitCost: 6 }), addition(11, 50, 'M365-BP', 5, { unitCost: 6 })], [line('M365-BP', 5)]);
		expect(money(duplicate)).toEqual([
			['CW09', 10, 6, 0, 0],
			['ACW02', 10, 6, -50, -30],
		]);
		expect(duplicate.money?.monthlyRevenueChange).toBe(-50);
	});

	it('revenue before counts what bills monthly: Billable lines of the period, credits with their sign, not one-time charges or later lines', () => {
		const result = plan(
			[
				addition(10, 50, 'M365-BP', 10, { unitPrice: 10 }),
				addition(11, 50, 'M365-BP', 3, { billCustomer: 'NoCharge', unitPrice: 10 }),
				addition(12, 50, 'M365-BP', -1, { unitPrice: 10 }),
				addition(13, 50, 'M365-BP', 2, { unitPrice: 10, effectiveDate: '2026-10-01T00:00:00Z', cancelledDate: '2026-10-01T00:00:00Z' }),
				addition(14, 50, 'M365-BP', 4, { unitPrice: 10, effectiveDate: '2026-11-01T00:00:00Z' }),
				addition(15, 50, 'M365-BP', 4, { unitPrice: 10, cancelledDate: '2026-09-01T00:00:00Z' }),
			],
			[line('M365-BP', 10)],
		);
		expect(result.money?.monthlyRevenueBefore).toBe(90);
	});

	it('log entries and log rows carry the money; the plan item validates', () => {
		const result = plan([addition(10, 50, 'M365-BP', 5, { unitPrice: 10, unitCost: 6 })], [line('M365-BP', 7)]);
		const row = toLogRow(result.log.find((entry) => entry.code === 'CW07')!);
		expect([row.unitPrice, row.unitCost, row.monthlyRevenueChange, row.monthlyCostChange]).toEqual([10, 6, 20, 12]);
		expect(planItemSchema.safeParse(result).success).toBe(true);
	});
});
