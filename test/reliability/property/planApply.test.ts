import fc from 'fast-check';
import { groupBillingRows } from '../../../nodes/core/atria/customers';
import { parseRow } from '../../../nodes/core/atria/rows';
import type { Addition } from '../../../nodes/core/connectwise/schemas';
import type { LogContext } from '../../../nodes/core/log/entry';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { ConnectWiseSnapshot, CustomerPlan } from '../../../nodes/core/plan/types';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { CwState } from '../../sandbox/model';
import { runCoreSync } from '../../support/coreSync';
import { FAST } from '../faults/matrix';
import { writesIn } from '../../support/outcome';
import { recordSection, Tally } from '../support/summary';
import { expectedOutcome, observedOutcome, type Outcome } from './oracle';
import { AGREEMENT_TYPE, buildWorld, worldRecipe, type World } from './world';

/**
 * For random Atria periods and ConnectWise states: applying the plan leaves every addition as the rules say
 * (see oracle.ts) and planning again finds nothing to change. Once purely, applying the plan to an in-memory
 * model the way PATCH and POST change ConnectWise; then through the sandbox with the real client and applier.
 */
const context: LogContext = { runId: 'property', now: () => new Date('2026-11-01T00:00:00Z') };
const period = { start: '2026-09-26', end: '2026-10-25' };
const tally = new Tally();
afterAll(() => recordSection('property', tally.section()));

function customersOf(world: World) {
	const rows = world.rows.map((row, index) => {
		const parsed = parseRow(row, index);
		if (!parsed.ok) throw new Error(parsed.error);
		return parsed.row;
	});
	return groupBillingRows(rows, { customersFilter: [], skipLinesWithoutSku: false });
}

type ModelAddition = Addition & { agreementId: number };

/** What fetchSnapshot would read from this state: every agreement's additions are available. */
function snapshotOf(cw: CwState, additions: readonly ModelAddition[]): ConnectWiseSnapshot {
	const byAgreement = new Map<number, Addition[]>(cw.agreements.map((agreement) => [agreement.id, []]));
	for (const addition of additions) byAgreement.get(addition.agreementId)?.push(addition);
	return {
		agreementType: AGREEMENT_TYPE,
		companies: cw.companies.map(({ id, identifier, name, deletedFlag }) => ({ id, identifier, name, deletedFlag })),
		agreements: cw.agreements.map(({ id, name, type, company, agreementStatus, cancelledFlag, startDate }) => ({ id, name, type, company, agreementStatus, cancelledFlag, startDate })),
		additions: byAgreement,
		additionErrors: new Map(),
		catalog: cw.catalog.map(({ id, identifier, description, inactiveFlag, productClass, price }) => ({ id, identifier, description, inactiveFlag, productClass, price })),
	};
}

/** PATCH sets an addition's quantity; POST adds an addition with a new id. Nothing else changes. */
function applyPlans(additions: ModelAddition[], plans: readonly CustomerPlan[]): ModelAddition[] {
	const next = additions.map((addition) => ({ ...addition }));
	let id = Math.max(9000, ...next.map((addition) => addition.id));
	for (const line of plans.flatMap((plan) => plan.lines)) {
		if (line.action === 'update' || line.action === 'remove') {
			const target = next.find((addition) => addition.id === line.additionId);
			if (!target) throw new Error(`PATCH of an addition that does not exist: ${line.additionId}`);
			target.quantity = line.quantityAfter!;
		} else if (line.action === 'create') {
			next.push({ id: ++id, agreementId: line.agreementId!, product: line.product!, quantity: line.quantityAfter!, cancelledDate: null });
		}
	}
	return next;
}

function expectOutcome(observed: Outcome, expected: Outcome): void {
	expect(observed.creates).toEqual(expected.creates);
	for (const [id, quantity] of expected.quantities) expect({ id, quantity: observed.quantities.get(id) }).toEqual({ id, quantity: expect.closeTo(quantity, 9) });
}

const planOptions = (allowCreateAdditions: boolean) => ({ allowCreateAdditions, agreementSelection: 'lowestId' as const, quantityTolerance: 0.0001, agreementTypeName: AGREEMENT_TYPE.name });

describe('planner and applier, property-based', () => {
	it('pure: the applied plan is what the rules say, and a second plan changes nothing', () => {
		fc.assert(
			fc.property(worldRecipe, (recipe) => {
				const world = buildWorld(recipe);
				const customers = customersOf(world);
				const additions: ModelAddition[] = world.cw.additions.map((addition) => ({ ...addition, agreementId: addition.agreementId }));
				const plans = planReconciliation(customers, snapshotOf(world.cw, additions), planOptions(recipe.allowCreateAdditions), context, period);
				const after = applyPlans(additions, plans);
				expectOutcome(observedOutcome(world.cw, after), expectedOutcome(world.cw, world.rows, recipe.allowCreateAdditions));

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

				const again = planReconciliation(customers, snapshotOf(world.cw, after), planOptions(recipe.allowCreateAdditions), context, period);
				const changes = again.flatMap((plan) => plan.lines).filter((line) => line.action !== 'unchanged' && line.action !== 'skip');
				expect(changes).toEqual([]);
				tally.add('pureWorlds');
				tally.add('pureCustomersReconciled', plans.filter((plan) => plan.agreement !== null).length);
				tally.add('pureWrites', plans.flatMap((plan) => plan.lines).filter((line) => line.action !== 'unchanged' && line.action !== 'skip').length);
			}),
			{ numRuns: 400, seed: 20261025 },
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
					const world = buildWorld(recipe);
					sandbox.cw.reset(world.cw);
					sandbox.atria.reset({ periodEndDay: 25, periods: { [period.end]: world.rows }, defaultRows: null });
					sandbox.cw.clearJournal();
					const sync = () =>
						runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, agreementType: AGREEMENT_TYPE.name, allowCreateAdditions: recipe.allowCreateAdditions, retry: FAST });
					const first = await sync();
					expect(first.entries.filter((entry) => entry.code === 'CW02' || entry.code === 'CW10' || entry.code === 'CW13')).toEqual([]);
					expectOutcome(observedOutcome(world.cw, sandbox.cw.state().additions), expectedOutcome(world.cw, world.rows, recipe.allowCreateAdditions));
					const writes = writesIn(sandbox.cw.journal()).length;

					sandbox.cw.clearJournal();
					await sync();
					expect(writesIn(sandbox.cw.journal())).toEqual([]);
					tally.add('sandboxWorlds');
					tally.add('sandboxWrites', writes);
				}),
				{ numRuns: 60, seed: 20261124 },
			);
		});
	});
});
