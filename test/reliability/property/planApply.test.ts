import fc from 'fast-check';
import type { LogContext } from '../../../nodes/core/log/entry';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { CustomerPlan } from '../../../nodes/core/plan/types';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { CwState } from '../../../sandbox/model';
import { runCoreSync } from '../../support/coreSync';
import { FAST } from '../faults/matrix';
import { writesIn } from '../../support/outcome';
import { recordSection, Tally } from '../support/summary';
import { doubleBilling, expectedOutcome, nonCandidates, observedOutcome, type Outcome } from './oracle';
import { applyPlans, customersOf, planOptions, snapshotOf, type ModelAddition } from './model';
import { AGREEMENT_TYPE, BILLING_PERIOD, buildWorld, PREVIOUS_PERIOD_END, SKU_KEYS, worldRecipe, type AdditionRecipe, type RowRecipe, type World, type WorldRecipe } from './world';

/**
 * For random Atria periods and ConnectWise states: applying the plan leaves every addition as the rules say
 * (see oracle.ts) and planning again finds nothing to change. Once purely, applying the plan to an in-memory
 * model the way PATCH and POST change ConnectWise; then through the sandbox with the real client and applier.
 * A second property: a sync never leaves a product billed twice over the same days where it was not before,
 * and never changes a line that cannot receive Atria's quantity.
 */
const context: LogContext = { runId: 'property', now: () => new Date('2026-11-01T00:00:00Z') };
const period = BILLING_PERIOD;
const tally = new Tally();
afterAll(() => recordSection('property', tally.section()));

function expectOutcome(observed: Outcome, expected: Outcome): void {
	expect(observed.creates).toEqual(expected.creates);
	for (const [id, quantity] of expected.quantities) expect({ id, quantity: observed.quantities.get(id) }).toEqual({ id, quantity: expect.closeTo(quantity, 9) });
}


/** The second property, for a state before and after a sync: no new double billing, non-candidates unchanged. */
function expectNoDoubleBillingAndNonCandidatesKept(before: CwState, after: ReadonlyArray<CwState['additions'][number] | ModelAddition>): boolean {
	const lines = after.map((addition) => ({ ...addition, agreementId: addition.agreementId! }));
	const hadNone = doubleBilling(before.additions, period, false).length === 0;
	if (hadNone) expect(doubleBilling(lines, period, false)).toEqual([]);
	if (doubleBilling(before.additions, period, true).length === 0) expect(doubleBilling(lines, period, true)).toEqual([]);
	const kept = nonCandidates(before, period);
	for (const [id, quantity] of kept) expect({ id, quantity: lines.find((line) => line.id === id)?.quantity }).toEqual({ id, quantity });
	return hadNone;
}

/** Plans a world, applies the plan in memory, and plans again on the result. */
function planPurely(world: World) {
	const customers = customersOf(world);
	const additions: ModelAddition[] = world.cw.additions.map((addition) => ({ ...addition, agreementId: addition.agreementId }));
	const plans = planReconciliation(customers, snapshotOf(world.cw, additions), planOptions(world.recipe), context, period);
	const after = applyPlans(additions, plans);
	const again = planReconciliation(customers, snapshotOf(world.cw, after), planOptions(world.recipe), context, period);
	return { customers, plans, after, again };
}

/** The first property for one world, purely: the applied plan is what the rules say, a second plan changes nothing. */
function checkPure(recipe: WorldRecipe): CustomerPlan[] {
	const world = buildWorld(recipe);
	const { customers, plans, after, again } = planPurely(world);
	expectOutcome(observedOutcome(world.cw, after), expectedOutcome(world.cw, world.rows, world.previousRows, { ...planOptions(recipe), period }));

	// The rules' codes: a shared identifier is ACW03 and plans nothing; a Bundle is never created.
	for (const plan of plans) {
		const shared = customers.filter((other) => other.billingIdentifier?.trim() && other.billingIdentifier.trim().toLowerCase() === plan.customer.billingIdentifier?.trim().toLowerCase()).length > 1;
		if (shared) expect({ codes: plan.log.map((entry) => entry.code), lines: plan.lines }).toEqual({ codes: ['ACW03'], lines: [] });
		for (const line of plan.lines) {
			const item = world.cw.catalog.find((candidate) => candidate.id === line.product?.id);
			if (line.action === 'create') expect(item).toMatchObject({ inactiveFlag: false, productClass: 'NonInventory' });
			// A Bundle the agreement does not have yet is never added: whatever else happens, the line is a CW12 skip.
			if (item?.productClass === 'Bundle' && line.additionId === undefined) expect(line).toMatchObject({ action: 'skip', code: 'CW12' });
		}
	}

	const changes = again.flatMap((plan) => plan.lines).filter((line) => line.action !== 'unchanged' && line.action !== 'skip');
	expect(changes).toEqual([]);
	return plans;
}

/** The first property for one world, through the sandbox; returns the first run's writes. */
async function checkSandbox(sandbox: Sandbox, recipe: WorldRecipe): Promise<number> {
	const world = buildWorld(recipe);
	sandbox.cw.reset(world.cw);
	sandbox.atria.reset({ periodEndDay: 25, periods: { [period.end]: world.rows, [PREVIOUS_PERIOD_END]: world.previousRows }, defaultRows: null });
	sandbox.cw.clearJournal();
	const sync = () =>
		runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, agreementType: AGREEMENT_TYPE.name, allowCreateAdditions: recipe.allowCreateAdditions, retry: FAST });
	const first = await sync();
	expect(first.entries.filter((entry) => entry.code === 'CW02' || entry.code === 'CW10' || entry.code === 'CW13')).toEqual([]);
	// The sandbox sync's tolerance is always 0.0001 (runCoreSync), whatever the recipe says.
	const oracleOptions = { allowCreateAdditions: recipe.allowCreateAdditions, quantityTolerance: 0.0001, period };
	expectOutcome(observedOutcome(world.cw, sandbox.cw.state().additions), expectedOutcome(world.cw, world.rows, world.previousRows, oracleOptions));
	expectNoDoubleBillingAndNonCandidatesKept(world.cw, sandbox.cw.state().additions);
	const writes = writesIn(sandbox.cw.journal()).length;

	sandbox.cw.clearJournal();
	await sync();
	expect(writesIn(sandbox.cw.journal())).toEqual([]);
	return writes;
}

/**
 * Small worlds the properties once shrank to, kept so that each is tried on every run (README rules 7 and 8).
 * A1 and B2 are active catalog items; the one agreement is ACME's; BETA has no company (CW14).
 */
const line = (sku: number, quantity: number): AdditionRecipe => ({ sku, quantity, unitPrice: 10, billCustomer: 'Billable', effective: null, cancelled: null, time: 0, lessIncluded: null });
const row = (sku: number, quantity: number): RowRecipe => ({ sku, variant: 0, quantity, lastMonthCount: 0 });
const smallWorld = (additions: AdditionRecipe[], customers: WorldRecipe['customers'], allowCreateAdditions = false): WorldRecipe => ({
	catalog: SKU_KEYS.map((_, index) => ({ kind: index < 2 ? 'active' : 'absent', lowerCase: false })),
	companies: [{ deleted: false, agreements: [{ ofType: true, status: 'Active', additions }] }],
	customers,
	allowCreateAdditions,
	quantityTolerance: 0.0001,
});
const [ACME, BETA, NO_IDENTIFIER] = [0, 1, -1];
const MINIMAL_WORLDS: Array<[string, WorldRecipe]> = [
	[
		'A1, which only BETA reports, leaves ACME: its line and the same-price duplicate at 0.00005 both go to 0 (a duplicate is 0 only when exactly 0)',
		smallWorld([line(0, 2), line(0, 0.00005)], [
			{ identifier: ACME, identifierVariant: 0, current: true, rows: [row(1, 1)], previousRows: [] },
			{ identifier: BETA, identifierVariant: 0, current: true, rows: [row(0, 1)], previousRows: [] },
		]),
	],
	[
		'B2, which only a customer without Billing Identifier had in the period before, is managed: ACME\'s B2 line goes to 0',
		smallWorld([line(1, 2.5)], [
			{ identifier: ACME, identifierVariant: 0, current: true, rows: [row(0, 1)], previousRows: [] },
			{ identifier: NO_IDENTIFIER, identifierVariant: 0, current: false, rows: [], previousRows: [row(1, 3)] },
		]),
	],
	[
		'a duplicate at 0.00005 on an agreement that also gets a new line is set to 0 by the first run, so the second writes nothing',
		smallWorld([line(1, 1), line(1, 0.00005)], [{ identifier: ACME, identifierVariant: 0, current: true, rows: [row(1, 1), row(0, 2)], previousRows: [] }], true),
	],
];

describe('planner and applier, property-based', () => {
	it('pure: the applied plan is what the rules say, and a second plan changes nothing', () => {
		fc.assert(
			fc.property(worldRecipe, (recipe) => {
				const plans = checkPure(recipe);
				tally.add('pureWorlds');
				tally.add('pureCustomersReconciled', plans.filter((plan) => plan.agreement !== null).length);
				tally.add('pureWrites', plans.flatMap((plan) => plan.lines).filter((line) => line.action !== 'unchanged' && line.action !== 'skip').length);
			}),
			{ numRuns: 400, seed: 20261025 },
		);
	});

	it.each(MINIMAL_WORLDS)('pure, minimal world: %s', (_name, recipe) => {
		checkPure(recipe);
		const world = buildWorld(recipe);
		expectNoDoubleBillingAndNonCandidatesKept(world.cw, planPurely(world).after);
	});

	it('pure: no product bills twice over the same days after a sync that had no such lines, and a line that is not a candidate keeps its quantity', () => {
		fc.assert(
			fc.property(worldRecipe, (recipe) => {
				const world = buildWorld(recipe);
				const { after } = planPurely(world);
				const hadNone = expectNoDoubleBillingAndNonCandidatesKept(world.cw, after);
				tally.add('billingPropertyWorlds');
				tally.add('billingPropertyWorldsWithoutDoubleBilling', hadNone ? 1 : 0);
				tally.add('billingPropertyNonCandidatesKept', nonCandidates(world.cw, period).size);
			}),
			{ numRuns: 400, seed: 20261026 },
		);
	});

	describe('through the sandbox', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox();
		});
		afterAll(async () => sandbox.stop());

		it('the real client and applier leave ConnectWise as the rules say, and a second run writes nothing', async () => {
			await fc.assert(
				fc.asyncProperty(worldRecipe, async (recipe) => {
					const writes = await checkSandbox(sandbox, recipe);
					tally.add('sandboxWorlds');
					tally.add('sandboxWrites', writes);
				}),
				{ numRuns: 60, seed: 20261124 },
			);
		});

		it.each(MINIMAL_WORLDS)('minimal world: %s', async (_name, recipe) => {
			await checkSandbox(sandbox, recipe);
		});
	});
});
