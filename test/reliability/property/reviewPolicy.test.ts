import fc from 'fast-check';
import type { LogContext } from '../../../nodes/core/log/entry';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { ReviewPolicy } from '../../../nodes/core/plan/review';
import type { CustomerPlan, PlanLine } from '../../../nodes/core/plan/types';
import { WRITE_ACTIONS } from '../../../nodes/core/plan/types';
import { recordSection, Tally } from '../support/summary';
import { applyPlans, customersOf, planOptions, snapshotOf, type ModelAddition } from './model';
import { BILLING_PERIOD, buildWorld, worldRecipe, type World } from './world';

/**
 * The review policy and the money, for random worlds and random policies, against an oracle written from the
 * README's policy table rather than from the planner:
 * - a write is held exactly when one of the enabled rules says so of it or of its customer;
 * - a customer's decisions do not depend on which other customers are planned with it;
 * - holding more (another rule, a lower limit) never lets through a line that was held;
 * - the money adds up: what the agreement invoices per month after the writes, less what it invoiced before, is
 *   the customer's revenue change, and applying the writes the policy let through, then the held ones, ends
 *   where applying everything does.
 */
const context: LogContext = { runId: 'review-property', now: () => new Date('2026-11-01T00:00:00Z') };
const period = BILLING_PERIOD;
const tally = new Tally();
afterAll(() => recordSection('reviewPolicy', tally.section()));

const limit = fc.constantFrom(0, 0, 0, 5, 20, 50.5, 100);
const policyArbitrary: fc.Arbitrary<ReviewPolicy> = fc.record({
	holdDecreases: fc.boolean(),
	holdSetToZero: fc.boolean(),
	holdNewLines: fc.boolean(),
	holdNewProducts: fc.boolean(),
	holdFirstMonth: fc.boolean(),
	lineAmount: limit,
	linePercent: limit,
	customerAmount: limit,
	customerPercent: limit,
});

function plan(world: World, policy: ReviewPolicy | null, additions?: ModelAddition[], only?: string) {
	const all = customersOf(world);
	const customers = only === undefined ? all : all.filter((customer) => customer.code === only);
	const lines = additions ?? world.cw.additions.map((addition) => ({ ...addition, agreementId: addition.agreementId }));
	return planReconciliation(customers, snapshotOf(world.cw, lines), { ...planOptions(world.recipe), review: policy }, context, period);
}

/** What the agreement invoices per month, from the additions as ConnectWise would bill them (the oracle's own sum). */
function invoicedPerMonth(world: World, additions: readonly ModelAddition[], agreementId: number): number | undefined {
	let total = 0;
	const day = (value: string | null | undefined) => (value ? value.slice(0, 10) : null);
	for (const addition of additions.filter((candidate) => candidate.agreementId === agreementId)) {
		if (addition.billCustomer !== 'Billable') continue;
		const from = day(addition.effectiveDate);
		const to = day(addition.cancelledDate);
		if ((to !== null && to < period.start) || (from !== null && from > period.end)) continue;
		if (from !== null && to !== null && from >= period.start && to <= period.end) continue;
		const catalogPrice = world.cw.catalog.filter((item) => item.identifier.toLowerCase() === addition.product.identifier.toLowerCase() && !item.inactiveFlag).sort((a, b) => a.id - b.id)[0]?.price;
		const price = addition.unitPrice ?? catalogPrice;
		if (price === undefined || price === null) return undefined;
		const included = addition.lessIncluded ?? 0;
		const units = addition.quantity > 0 && included > 0 ? Math.max(addition.quantity - included, 0) : addition.quantity;
		total += units * price;
	}
	return total;
}

/** The oracle: the README's rules, one by one, for a write of a plan. */
function oracleHolds(line: PlanLine, plan: CustomerPlan, policy: ReviewPolicy, firstMonth: boolean): boolean {
	const before = line.quantityBefore ?? 0;
	const after = line.quantityAfter ?? 0;
	const revenue = line.monthlyRevenueChange;
	const writes = plan.lines.filter((candidate) => WRITE_ACTIONS.has(candidate.action));
	const customerChange = writes.reduce((sum, write) => sum + (write.monthlyRevenueChange ?? 0), 0);
	const priceUnknown = writes.some((write) => write.monthlyRevenueChange === undefined);
	const rules = [
		policy.holdNewProducts && (line.newProduct !== undefined || line.action === 'createProduct'),
		policy.holdNewLines && line.action === 'create',
		line.action !== 'createProduct' && policy.holdSetToZero && after === 0 && before !== 0,
		line.action !== 'createProduct' && policy.holdDecreases && (revenue !== undefined ? revenue < 0 : after < before),
		line.action !== 'createProduct' && policy.lineAmount > 0 && (revenue === undefined || Math.abs(revenue) > policy.lineAmount),
		line.action !== 'createProduct' && line.action !== 'create' && policy.linePercent > 0 && (before === 0 ? after !== 0 : (Math.abs(after - before) / Math.abs(before)) * 100 > policy.linePercent),
		policy.holdFirstMonth && firstMonth,
		policy.customerAmount > 0 && (priceUnknown || Math.abs(customerChange) > policy.customerAmount + 0.005),
		policy.customerPercent > 0 && (priceUnknown || (Math.abs(customerChange) >= 0.005 && (plan.money!.monthlyRevenueBefore === 0 || (Math.abs(customerChange) / Math.abs(plan.money!.monthlyRevenueBefore)) * 100 > policy.customerPercent))),
	];
	return rules.some(Boolean);
}

const writesOf = (plans: readonly CustomerPlan[]) => plans.flatMap((p) => p.lines.filter((line) => WRITE_ACTIONS.has(line.action)).map((line) => ({ plan: p, line })));

describe('review policy and money, property-based', () => {
	it('held exactly when an enabled rule says so; decisions per customer; more rules never let more through', () => {
		fc.assert(
			fc.property(worldRecipe, policyArbitrary, (recipe, policy) => {
				const world = buildWorld(recipe);
				const plans = plan(world, policy);
				const customers = new Map(customersOf(world).map((customer) => [customer.code, customer]));
				for (const { plan: p, line } of writesOf(plans)) {
					const firstMonth = customers.get(p.customer.code)!.lines.every((l) => (l.previousQuantity ?? 0) === 0);
					expect({ customer: p.customer.code, line: line.lineId, held: line.review?.decision === 'hold' }).toEqual({ customer: p.customer.code, line: line.lineId, held: oracleHolds(line, p, policy, firstMonth) });
					if (line.review?.decision === 'hold') expect(line.review.reasons.length).toBeGreaterThan(0);
				}
				for (const p of plans) expect(p.review?.heldLineIds).toEqual(p.lines.filter((line) => line.review?.decision === 'hold').map((line) => line.lineId));
				// Alone, each customer gets the same decisions.
				for (const p of plans.filter((candidate) => candidate.review?.needsApproval).slice(0, 2)) {
					const [alone] = plan(world, policy, undefined, p.customer.code);
					expect(alone.lines.map((line) => line.review)).toEqual(p.lines.map((line) => line.review));
				}
				// Stricter: every rule on and each limit halved (0 stays off) holds at least what this policy holds.
				const stricter: ReviewPolicy = { holdDecreases: true, holdSetToZero: true, holdNewLines: true, holdNewProducts: true, holdFirstMonth: true, lineAmount: policy.lineAmount / 2, linePercent: policy.linePercent / 2, customerAmount: policy.customerAmount / 2, customerPercent: policy.customerPercent / 2 };
				const strictHeld = new Set(writesOf(plan(world, stricter)).filter(({ line }) => line.review?.decision === 'hold').map(({ plan: p, line }) => `${p.customer.code}/${line.lineId}`));
				for (const { plan: p, line } of writesOf(plans)) if (line.review?.decision === 'hold') expect(strictHeld.has(`${p.customer.code}/${line.lineId}`)).toBe(true);
				tally.add('worlds');
				tally.add('writes', writesOf(plans).length);
				tally.add('held', writesOf(plans).filter(({ line }) => line.review?.decision === 'hold').length);
			}),
			{ numRuns: 300, seed: 20261129 },
		);
	});

	it('the money adds up, and safe lines then approved lines end where applying everything does', () => {
		fc.assert(
			fc.property(worldRecipe, policyArbitrary, (recipe, policy) => {
				const world = buildWorld(recipe);
				const additions: ModelAddition[] = world.cw.additions.map((addition) => ({ ...addition, agreementId: addition.agreementId }));
				const plans = plan(world, policy, additions);
				const everything = applyPlans(additions, plans);
				for (const p of plans.filter((candidate) => candidate.agreement !== null && candidate.money!.writesWithoutPrice === 0)) {
					const before = invoicedPerMonth(world, additions, p.agreement!.id);
					const after = invoicedPerMonth(world, everything, p.agreement!.id);
					if (before === undefined || after === undefined) continue;
					// Totals are kept to the cent: within half a cent of the exact sums.
					const cents = (value: number) => Math.abs(value) <= 0.0050001;
					expect({ customer: p.customer.code, before: p.money!.monthlyRevenueBefore, exact: before, close: cents(p.money!.monthlyRevenueBefore - before) }).toMatchObject({ close: true });
					expect({ customer: p.customer.code, change: p.money!.monthlyRevenueChange, exact: after - before, close: cents(p.money!.monthlyRevenueChange - (after - before)) }).toMatchObject({ close: true });
					tally.add('moneyChecked');
				}
				const only = (decision: 'auto' | 'hold') => plans.map((p) => ({ ...p, lines: p.lines.filter((line) => !WRITE_ACTIONS.has(line.action) || line.review?.decision === decision) }));
				const inSteps = applyPlans(applyPlans(additions, only('auto')), only('hold'));
				const key = (list: readonly ModelAddition[]) => list.map((a) => `${a.agreementId}|${a.product.identifier}|${a.quantity}`).sort();
				expect(key(inSteps)).toEqual(key(everything));
			}),
			{ numRuns: 300, seed: 20261130 },
		);
	});
});
