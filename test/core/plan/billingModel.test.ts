import { managedSkuKeys, withPreviousPeriod, type BillingCustomer } from '../../../nodes/core/atria/customers';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { CustomerPlan, PlanOptions } from '../../../nodes/core/plan/types';
import type { Addition } from '../../../nodes/core/connectwise/schemas';
import { planItemSchema } from '../../../nodes/core/contracts/items';
import { addition, agreement, company, context, customer, line, options, period, product, snapshot } from '../fixtures';
import { messageOf } from '../../../nodes/core/log/entry';

/**
 * The billing model (README rules 6 to 8): which line bills in the period, who pays, credits, lines that
 * start or stop later, and services that left. Period: 2026-09-26 to 2026-10-25.
 */
function plan(additions: Addition[], lines: BillingCustomer['lines'], extra: Partial<PlanOptions> = {}, others: BillingCustomer[] = []): CustomerPlan {
	const acme = customer('ACME', 'ACME', lines);
	const plans = planReconciliation(
		[acme, ...others],
		snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: additions }, catalog: [product(50, 'M365-BP'), product(51, 'EXO-P1')] }),
		{ ...options, ...extra },
		context,
		period,
	);
	return plans.find((p) => p.customer.code === 'ACME')!;
}

/** What each line does: [code, addition id or null, quantity before, quantity after]. */
function actions(result: CustomerPlan): Array<[string, number | null, number | null, number | null]> {
	return result.lines.map((l) => [l.code, l.additionId ?? null, l.quantityBefore, l.quantityAfter]);
}

function codes(result: CustomerPlan): string[] {
	return result.log.map((entry) => entry.code);
}

const created = (result: CustomerPlan) => result.lines.filter((l) => l.action === 'create');

describe('billing model: the line that bills in the period', () => {
	it('updates a line whose cancel date is ahead and warns that it stops (ACW05); never adds a second line', () => {
		const lines = [addition(10, 50, 'M365-BP', 5, { cancelledDate: '2026-10-31T00:00:00Z' })];
		for (const allowCreateAdditions of [true, false]) {
			const result = plan(lines, [line('M365-BP', 7)], { allowCreateAdditions });
			expect(actions(result)).toEqual([['CW07', 10, 5, 7]]);
			expect(codes(result)).toEqual(['CW07', 'ACW05']);
			expect(created(result)).toEqual([]);
			const warning = result.log.find((entry) => entry.code === 'ACW05')!;
			expect(messageOf(warning)).toBe('ACME Line 10 for M365-BP with Product ID M365-BP stops billing on 2026-10-31 while Atria still bills 7.00');
			expect(warning.cancelledDate).toBe('2026-10-31');
		}
	});

	it('a line cancelled on the last day of the period still bills in it', () => {
		const result = plan([addition(10, 50, 'M365-BP', 5, { cancelledDate: '2026-10-25T00:00:00Z' })], [line('M365-BP', 5)], { allowCreateAdditions: true });
		expect(codes(result)).toEqual(['CW09', 'ACW05']);
	});

	it('gives the quantity to the Billable line and leaves a NoCharge line of the product alone', () => {
		const result = plan(
			[addition(10, 50, 'M365-BP', 3, { billCustomer: 'NoCharge' }), addition(11, 50, 'M365-BP', 10)],
			[line('M365-BP', 12)],
		);
		expect(actions(result)).toEqual([['CW07', 11, 10, 12]]);
	});

	it('never counts a DoNotBill line as a duplicate', () => {
		const result = plan([addition(10, 50, 'M365-BP', 4, { billCustomer: 'DoNotBill' }), addition(11, 50, 'M365-BP', 12)], [line('M365-BP', 12)]);
		expect(actions(result)).toEqual([['CW09', 11, 12, 12]]);
	});

	it('leaves a credit line (negative quantity) beside a normal one alone', () => {
		const result = plan([addition(10, 50, 'M365-BP', -2), addition(11, 50, 'M365-BP', 10)], [line('M365-BP', 12)]);
		expect(actions(result)).toEqual([['CW07', 11, 10, 12]]);
	});

	it('leaves a discount line (negative unit price) alone', () => {
		const result = plan([addition(10, 50, 'M365-BP', 10, { unitPrice: -1.5 }), addition(11, 50, 'M365-BP', 10)], [line('M365-BP', 12)]);
		expect(actions(result)).toEqual([['CW07', 11, 10, 12]]);
	});

	it('updates the current line, not a line that starts next month, whatever their ids', () => {
		const result = plan(
			[addition(10, 50, 'M365-BP', 20, { effectiveDate: '2026-11-01T00:00:00Z' }), addition(11, 50, 'M365-BP', 10)],
			[line('M365-BP', 12)],
			{ allowCreateAdditions: true },
		);
		expect(actions(result)).toEqual([['CW07', 11, 10, 12]]);
	});

	it('updates the replacement, not the line it replaced during the period (no duplicate)', () => {
		const result = plan(
			[addition(10, 50, 'M365-BP', 8, { cancelledDate: '2026-10-10T00:00:00Z' }), addition(11, 50, 'M365-BP', 9, { effectiveDate: '2026-10-11T00:00:00Z' })],
			[line('M365-BP', 12)],
		);
		expect(actions(result)).toEqual([['CW07', 11, 9, 12]]);
	});

	it('sets overlapping Billable lines at the same price to 0 (ACW02), the one that bills longest keeping the quantity', () => {
		const result = plan(
			[addition(10, 50, 'M365-BP', 5, { cancelledDate: '2026-12-31T00:00:00Z' }), addition(11, 50, 'M365-BP', 6), addition(12, 50, 'M365-BP', 0)],
			[line('M365-BP', 12)],
		);
		expect(actions(result)).toEqual([
			['CW07', 11, 6, 12],
			['ACW02', 10, 5, 0],
		]);
	});

	it('changes nothing when Billable lines of the product bill at different prices (ACW07)', () => {
		const result = plan([addition(10, 50, 'M365-BP', 5, { unitPrice: 10 }), addition(11, 50, 'M365-BP', 6, { unitPrice: 12 })], [line('M365-BP', 12)], {
			allowCreateAdditions: true,
		});
		expect(actions(result)).toEqual([['ACW07', null, null, 12]]);
		expect(result.lines[0].action).toBe('skip');
		expect(result.log[0].level).toBe('Warn');
		expect(messageOf(result.log[0])).toContain('addition 10 at 10.00');
		expect(messageOf(result.log[0])).toContain('addition 11 at 12.00');
	});
});

describe('billing model: one-time charges and lines at 0', () => {
	it('a one-time charge (both dates inside the period) is not a duplicate and is never changed', () => {
		const result = plan(
			[addition(10, 50, 'M365-BP', 10), addition(11, 50, 'M365-BP', 3, { effectiveDate: '2026-10-01T00:00:00Z', cancelledDate: '2026-10-01T00:00:00Z' })],
			[line('M365-BP', 12)],
		);
		expect(actions(result)).toEqual([['CW07', 10, 10, 12]]);
	});

	it('a one-time charge alone is named and nothing is added beside it (ACW06)', () => {
		const result = plan([addition(11, 50, 'M365-BP', 3, { effectiveDate: '2026-10-01T00:00:00Z', cancelledDate: '2026-10-20T00:00:00Z' })], [line('M365-BP', 12)], {
			allowCreateAdditions: true,
		});
		expect(messageOf(result.log[0])).toContain('addition 11 is a one-time charge (2026-10-01 to 2026-10-20)');
	});

	it('a line at 0 at another price neither takes the quantity nor blocks the line that bills', () => {
		const result = plan([addition(10, 50, 'M365-BP', 0, { unitPrice: 10 }), addition(11, 50, 'M365-BP', 5, { unitPrice: 12 })], [line('M365-BP', 6)]);
		expect(actions(result)).toEqual([['CW07', 11, 5, 6]]);
	});
});

describe('billing model: no line can take the quantity', () => {
	const cases: Array<[string, Addition, string]> = [
		['NoCharge', addition(10, 50, 'M365-BP', 3, { billCustomer: 'NoCharge' }), 'addition 10 is NoCharge'],
		['DoNotBill', addition(10, 50, 'M365-BP', 3, { billCustomer: 'DoNotBill' }), 'addition 10 is DoNotBill'],
		['a credit', addition(10, 50, 'M365-BP', -2), 'addition 10 is a credit (quantity -2.00)'],
		['starting later', addition(10, 50, 'M365-BP', 3, { effectiveDate: '2026-11-15T00:00:00Z' }), 'addition 10 starts billing on 2026-11-15'],
		['stopped before the period', addition(10, 50, 'M365-BP', 3, { cancelledDate: '2026-09-25T00:00:00Z' }), 'addition 10 stopped billing on 2026-09-25'],
		['an unreadable date', addition(10, 50, 'M365-BP', 3, { effectiveDate: 'soon' }), 'addition 10 has an unreadable effective date'],
	];
	it.each(cases)('the only line is %s: ACW06 names it, nothing is changed or added', (_, only, reason) => {
		for (const allowCreateAdditions of [true, false]) {
			const result = plan([only], [line('M365-BP', 7)], { allowCreateAdditions });
			expect(actions(result)).toEqual([['ACW06', null, null, 7]]);
			expect(result.log.map((entry) => [entry.code, entry.level])).toEqual([['ACW06', 'Warn']]);
			expect(messageOf(result.log[0])).toBe(`ACME Not changed : Atria bills 7.00 of M365-BP with Product ID M365-BP but the agreement has no Billable line of it in the period: ${reason}`);
		}
	});

	it('says nothing when Atria bills 0 of such a product', () => {
		const result = plan([addition(10, 50, 'M365-BP', 3, { billCustomer: 'NoCharge' })], [line('M365-BP', 0)]);
		expect(result.lines).toEqual([]);
		expect(result.log).toEqual([]);
	});

	it('plan items carry negative and fractional quantities', () => {
		const result = plan([addition(10, 50, 'M365-BP', -2.5), addition(11, 51, 'EXO-P1', 0.25)], [line('M365-BP', 7), line('EXO-P1', 0.75)]);
		const item = { ...result, customer: result.customer, billingPeriod: result.billingPeriod };
		expect(planItemSchema.safeParse(item).success).toBe(true);
		const negative = { ...item, lines: [{ ...item.lines[0], action: 'unchanged', code: 'CW09', quantityBefore: -2.5, quantityAfter: -2.5 }] };
		expect(planItemSchema.safeParse(negative).success).toBe(true);
	});
});

describe('billing model: quantities and tolerance', () => {
	it('a small positive quantity within the tolerance of 0 is a quantity, not a removal', () => {
		const result = plan([addition(10, 50, 'M365-BP', 3)], [line('M365-BP', 0.5)], { quantityTolerance: 1 });
		expect(actions(result)).toEqual([['CW07', 10, 3, 0.5]]);
	});

	it('the tolerance still decides what is unchanged', () => {
		const result = plan([addition(10, 50, 'M365-BP', 1)], [line('M365-BP', 0.5)], { quantityTolerance: 1 });
		expect(actions(result)).toEqual([['CW09', 10, 1, 1]]);
	});

	it('a new line is added for a fractional quantity below the tolerance', () => {
		const result = plan([], [line('M365-BP', 0.5)], { quantityTolerance: 1, allowCreateAdditions: true });
		expect(actions(result)).toEqual([['CW08', null, null, 0.5]]);
	});

	it('only exactly 0 sets the line to 0', () => {
		const result = plan([addition(10, 50, 'M365-BP', 3)], [line('M365-BP', 0)], { quantityTolerance: 1 });
		expect(actions(result)).toEqual([['CW20', 10, 3, 0]]);
	});
});

describe('billing model: services that left', () => {
	it('sets a managed SKU the customer no longer has to 0, on the billing lines only', () => {
		const result = plan(
			[
				addition(10, 51, 'EXO-P1', 4),
				addition(11, 51, 'EXO-P1', 2, { billCustomer: 'NoCharge' }),
				addition(12, 51, 'EXO-P1', 3, { cancelledDate: '2026-01-31T00:00:00Z' }),
				addition(13, 51, 'EXO-P1', -1),
				addition(14, 51, 'EXO-P1', 4),
			],
			[line('M365-BP', 1)],
			{},
			[customer('OTHER', 'OTHER', [line('EXO-P1', 1)])],
		);
		// The same decision as a product Atria reports at 0: the target to 0 (CW20), its duplicate to 0 (ACW02).
		expect(actions(result)).toEqual([
			['CW20', 10, 4, 0],
			['ACW02', 14, 4, 0],
			['CW22', null, null, null],
		]);
	});

	it('a removed line a run that died had zeroed is on record (ACW09); one zeroed long ago says nothing', () => {
		const result = plan(
			[addition(10, 51, 'EXO-P1', 0, { _info: { lastUpdated: '2026-10-27T01:00:00Z', updatedBy: 'AtriaAPI' } }), addition(11, 50, 'M365-BP', 0)],
			[],
			{},
			[customer('OTHER', 'OTHER', [line('EXO-P1', 1), line('M365-BP', 1)])],
		);
		expect(actions(result)).toEqual([['ACW09', 10, 0, 0]]);
	});

	it('a SKU every customer dropped this period still goes to 0 when Atria reported it the period before', () => {
		const current = [customer('ACME', 'ACME', [line('M365-BP', 5)])];
		const previous = [customer('ACME', 'ACME', [line('M365-BP', 5), line('EXO-P1', 4)])];
		const merged = withPreviousPeriod(current, previous);
		expect(merged[0].lines.map((l) => [l.sku, l.quantity, l.previousQuantity])).toEqual([
			['M365-BP', 5, null],
			['EXO-P1', 0, 4],
		]);
		const plans = planReconciliation(
			merged,
			snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: [addition(10, 50, 'M365-BP', 5), addition(11, 51, 'EXO-P1', 4)] } }),
			options,
			context,
			period,
			managedSkuKeys(merged),
		);
		expect(actions(plans[0])).toEqual([
			['CW20', 11, 4, 0],
			['CW09', 10, 5, 5],
		]);
	});

	it('a customer with lines last period and none now has its managed lines set to 0', () => {
		const merged = withPreviousPeriod(
			[customer('OTHER', 'OTHER', [line('DNS', 1)])],
			[customer('ACME', 'ACME', [line('M365-BP', 5), line(null, 2)]), customer('NOID', null, [line('M365-BP', 1)])],
		);
		expect(merged.map((c) => [c.code, c.lines.map((l) => [l.sku, l.quantity])])).toEqual([
			['OTHER', [['DNS', 1]]],
			['ACME', [['M365-BP', 0]]],
		]);
	});

	it('keeps the current period first: a customer unreadable this period is not brought back by the previous one', () => {
		const merged = withPreviousPeriod([], [customer('ACME', 'ACME', [line('M365-BP', 5)])], new Set(['acme']));
		expect(merged).toEqual([]);
	});
});

describe('billing model: a write made after the period ended', () => {
	it('is logged as already done (ACW09, with when and by whom), not as unchanged', () => {
		const result = plan([addition(10, 50, 'M365-BP', 12, { _info: { lastUpdated: '2026-10-26T22:01:00Z', updatedBy: 'AtriaAPI' } })], [line('M365-BP', 12)]);
		expect(actions(result)).toEqual([['ACW09', 10, 12, 12]]);
		expect(result.lines[0].action).toBe('unchanged');
		expect(messageOf(result.log[0])).toBe('ACME Contract Line for M365-BP with Product ID M365-BP is already at 12.00 : last changed at 2026-10-26T22:01:00Z by AtriaAPI, after the period ended');
	});

	it('a line last changed during the period is simply unchanged (CW09)', () => {
		const result = plan([addition(10, 50, 'M365-BP', 12, { _info: { lastUpdated: '2026-10-25T23:59:59Z', updatedBy: 'jsmith' } })], [line('M365-BP', 12)]);
		expect(actions(result)).toEqual([['CW09', 10, 12, 12]]);
	});
});

describe('billing model: a customer re-coded in Atria', () => {
	it('the departed code does not come back beside the new one (no ACW03, no lines zeroed for it)', () => {
		const merged = withPreviousPeriod([customer('NEW', 'ACME', [line('M365-BP', 5)])], [customer('OLD', ' acme ', [line('M365-BP', 5), line('EXO-P1', 2)])]);
		expect(merged.map((c) => c.code)).toEqual(['NEW']);
	});
});
