import { groupBillingRows } from '../../../nodes/core/atria/customers';
import { parseRow } from '../../../nodes/core/atria/rows';
import type { Addition } from '../../../nodes/core/connectwise/schemas';
import type { ConnectWiseSnapshot, CustomerPlan } from '../../../nodes/core/plan/types';
import { periodCustomers } from '../../../nodes/core/sync/billingData';
import type { CwState } from '../../../sandbox/model';
import { AGREEMENT_TYPE, BILLING_PERIOD, type World, type WorldRecipe } from './world';

/** The pure model the properties plan and apply with: what Get Billing Data hands on, what ConnectWise holds, PATCH and POST. */
const period = BILLING_PERIOD;

/**
 * What Get Billing Data hands on (readBillingData): this period's customers, with what left since the period
 * before (README rule 8), each with the period's facts (who shares its identifier, the SKUs Atria manages).
 */
export function customersOf(world: World) {
	const grouped = (rows: World['rows']) =>
		groupBillingRows(
			rows.map((row, index) => {
				const parsed = parseRow(row, index);
				if (!parsed.ok) throw new Error(parsed.error);
				return parsed.row;
			}),
			{ customersFilter: [], skipLinesWithoutSku: false },
		);
	// The product's own step from grouped rows to the customers it plans (an empty period gives none: CW15).
	return periodCustomers(grouped(world.rows), grouped(world.previousRows));
}

export type ModelAddition = Addition & { agreementId: number };

/** What fetchSnapshot would read from this state: every agreement's additions are available. */
export function snapshotOf(cw: CwState, additions: readonly ModelAddition[]): ConnectWiseSnapshot {
	const byAgreement = new Map<number, Addition[]>(cw.agreements.map((agreement) => [agreement.id, []]));
	for (const addition of additions) byAgreement.get(addition.agreementId)?.push(addition);
	return {
		agreementType: AGREEMENT_TYPE,
		companies: cw.companies.map(({ id, identifier, name, deletedFlag }) => ({ id, identifier, name, deletedFlag })),
		agreements: cw.agreements.map(({ id, name, type, company, agreementStatus, cancelledFlag, startDate }) => ({ id, name, type, company, agreementStatus, cancelledFlag, startDate })),
		additions: byAgreement,
		additionErrors: new Map(),
		catalog: cw.catalog.map(({ id, identifier, description, inactiveFlag, productClass, price, cost }) => ({ id, identifier, description, inactiveFlag, productClass, price, cost })),
	};
}

/** PATCH sets an addition's quantity; POST adds an addition with a new id. Nothing else changes. */
export function applyPlans(additions: ModelAddition[], plans: readonly CustomerPlan[]): ModelAddition[] {
	const next = additions.map((addition) => ({ ...addition }));
	let id = Math.max(9000, ...next.map((addition) => addition.id));
	for (const line of plans.flatMap((plan) => plan.lines)) {
		if (line.action === 'update' || line.action === 'remove') {
			const target = next.find((addition) => addition.id === line.additionId);
			if (!target) throw new Error(`PATCH of an addition that does not exist: ${line.additionId}`);
			target.quantity = line.quantityAfter!;
		} else if (line.action === 'create') {
			// What the applier POSTs: a Billable line from the period's first day, at the plan's unit price if it has one.
			next.push({
				id: ++id,
				agreementId: line.agreementId!,
				product: line.product!,
				quantity: line.quantityAfter!,
				billCustomer: 'Billable',
				effectiveDate: `${period.start}T00:00:00Z`,
				cancelledDate: null,
				...(line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
			});
		}
	}
	return next;
}

export const planOptions = (recipe: WorldRecipe) => ({
	allowCreateAdditions: recipe.allowCreateAdditions,
	agreementSelection: 'lowestId' as const,
	quantityTolerance: recipe.quantityTolerance,
	agreementTypeName: AGREEMENT_TYPE.name,
});
