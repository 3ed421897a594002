import fc from 'fast-check';
import type { AtriaRow, CwAddition, CwAgreement, CwAgreementStatus, CwBillCustomer, CwCatalogItem, CwCompany, CwState } from '../../../sandbox/model';

/**
 * Random "worlds" for the property tests: a ConnectWise (companies, agreements, additions, catalog) and two
 * Atria periods (the one synced and the one before it) built from small pools, so that customers,
 * identifiers and SKUs collide often: case and space variants of one identifier, a company deleted and its
 * twin, several agreements, inactive and Bundle products, values with quotes of one or both kinds, customers
 * sharing a billing identifier.
 *
 * Additions are shaped like real agreements' lines: who pays (`Billable` mostly, `DoNotBill`, `NoCharge`),
 * effective and cancelled dates before the period, on its first day, inside it, on its last day and after it
 * (or none), at the start or the end of their UTC day, credit and discount lines (negative quantity or unit
 * price), fractional quantities and quantities within the tolerance of Atria's, lines of one product at
 * different unit prices, included units. SKUs are drawn mostly from the first three, so that one agreement
 * often has several lines of a product and a customer reports the products its agreement has.
 *
 * Atria: a customer reports rows this period (thisMonthCount, lastMonthCount) and, for some, rows in the
 * period before; some customers have rows only in the period before (they left).
 */
export const AGREEMENT_TYPE = { id: 7, name: 'Cloud' };
const OTHER_TYPE = { id: 8, name: 'Other' };

/** The billing period the tests sync (the sandbox's `Previous` on 2026-11-24 with periods ending on the 25th). */
export const BILLING_PERIOD = { start: '2026-09-26', end: '2026-10-25' };
/** The end of the period before it, which Get Billing Data reads too (README rule 8). */
export const PREVIOUS_PERIOD_END = '2026-09-25';

export const SKU_KEYS = ['A1', 'B2', 'C3', 'D4', `Q"5`, `Q'6`, `BOTH"'7`, 'E8'];
/** The last one is ACME's twin (trailing space, other case): the lowest id of the live ones is the company. */
export const COMPANY_IDENTIFIERS = ['ACME', 'BETA', `O'NEIL`, `Q"CO`, `BOTH"'CO`, 'GAMMA', 'acme '];

type CatalogKind = 'absent' | 'active' | 'inactive' | 'bundle';

/** Days relative to BILLING_PERIOD (2026-09-26 to 2026-10-25). */
export const DAYS = {
	longBefore: '2026-03-31',
	dayBefore: '2026-09-25',
	firstDay: '2026-09-26',
	inside: '2026-10-09',
	lastDay: '2026-10-25',
	dayAfter: '2026-10-26',
	longAfter: '2027-01-01',
} as const;
export type DayChoice = keyof typeof DAYS;
/** ConnectWise compares dates by their UTC day: a line's date may be at any time of it. */
const TIMES = ['T00:00:00Z', 'T23:59:59Z', 'T12:30:00Z'];

export interface AdditionRecipe {
	sku: number;
	quantity: number;
	unitPrice: number;
	billCustomer: CwBillCustomer;
	effective: DayChoice | null;
	cancelled: DayChoice | null;
	/** An index into TIMES for both dates. */
	time: number;
	lessIncluded: number | null;
}

export interface RowRecipe {
	sku: number | null;
	variant: number;
	quantity: number;
	lastMonthCount: number;
}

export interface WorldRecipe {
	catalog: Array<{ kind: CatalogKind; lowerCase: boolean }>;
	companies: Array<{
		deleted: boolean;
		agreements: Array<{ ofType: boolean; status: CwAgreementStatus; additions: AdditionRecipe[] }>;
	}>;
	customers: Array<{
		/**
		 * An index into COMPANY_IDENTIFIERS, or -1 (none), -2 (unknown), -3 (too long), -4 (the customer's own: the
		 * one at its index, so that most customers reach an agreement and some still share an identifier).
		 */
		identifier: number;
		identifierVariant: number;
		/** False: the customer has no rows this period (only, perhaps, in the period before). */
		current: boolean;
		rows: RowRecipe[];
		/** Rows of the period before (often none). */
		previousRows: RowRecipe[];
	}>;
	allowCreateAdditions: boolean;
	/** Used by the pure test's plan options (the sandbox sync always uses 0.0001). */
	quantityTolerance: number;
}

/** Mostly the first three SKUs, so that lines of one product meet on an agreement and in a customer's rows. */
const skuIndex = fc.oneof({ arbitrary: fc.nat(2), weight: 3 }, { arbitrary: fc.nat(SKU_KEYS.length - 1), weight: 1 });

/** Atria's counts: never negative, sometimes fractional (binary-exact, so sums are exact). */
const atriaQuantity = fc.constantFrom(0, 0.25, 0.5, 1, 2, 2.5, 3, 5.5);

/** A line's quantity: Atria's pool, values within 0.0001 of it, and credits. */
const lineQuantity = fc.oneof(
	{ arbitrary: fc.constantFrom(0, 0.25, 0.5, 1, 2, 2.5, 3, 5.5), weight: 8 },
	{ arbitrary: fc.constantFrom(2.00005, 0.00005), weight: 1 },
	{ arbitrary: fc.constantFrom(-1, -2.5), weight: 1 },
);
const unitPrice = fc.oneof({ arbitrary: fc.constant(10), weight: 6 }, { arbitrary: fc.constantFrom(12.5, 0), weight: 2 }, { arbitrary: fc.constant(-5), weight: 1 });
const billCustomer = fc.constantFrom<CwBillCustomer>('Billable', 'Billable', 'Billable', 'Billable', 'Billable', 'Billable', 'DoNotBill', 'NoCharge');
const dayChoice = fc.constantFrom(...(Object.keys(DAYS) as DayChoice[]));
const effective = fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: dayChoice, weight: 4 });
const cancelled = fc.oneof({ arbitrary: fc.constant(null), weight: 5 }, { arbitrary: dayChoice, weight: 3 });

const additionRecipe: fc.Arbitrary<AdditionRecipe> = fc.record({
	sku: skuIndex,
	quantity: lineQuantity,
	unitPrice,
	billCustomer,
	effective,
	cancelled,
	time: fc.nat(TIMES.length - 1),
	lessIncluded: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.constantFrom(0, 1, 0.5), weight: 1 }),
});

const rowRecipe: fc.Arbitrary<RowRecipe> = fc.record({
	sku: fc.option(skuIndex, { freq: 6 }),
	variant: fc.nat(3),
	quantity: atriaQuantity,
	lastMonthCount: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: atriaQuantity, weight: 1 }),
});

export const worldRecipe: fc.Arbitrary<WorldRecipe> = fc.record({
	catalog: fc.array(
		fc.record({ kind: fc.constantFrom<CatalogKind>('absent', 'active', 'active', 'active', 'inactive', 'bundle'), lowerCase: fc.boolean() }),
		{ minLength: SKU_KEYS.length, maxLength: SKU_KEYS.length },
	),
	companies: fc.array(
		fc.record({
			deleted: fc.constantFrom(false, false, false, true),
			agreements: fc.array(
				fc.record({
					ofType: fc.constantFrom(true, true, true, false),
					status: fc.constantFrom<CwAgreementStatus>('Active', 'Active', 'Active', 'Active', 'Active', 'Expired', 'Cancelled'),
					additions: fc.array(additionRecipe, { maxLength: 6 }),
				}),
				{ minLength: 1, maxLength: 2 },
			),
		}),
		{ minLength: COMPANY_IDENTIFIERS.length, maxLength: COMPANY_IDENTIFIERS.length },
	),
	customers: fc.array(
		fc.record({
			identifier: fc.oneof(
				{ arbitrary: fc.integer({ min: -3, max: -1 }), weight: 1 },
				{ arbitrary: fc.constant(-4), weight: 4 },
				{ arbitrary: fc.nat(COMPANY_IDENTIFIERS.length - 2), weight: 1 },
			),
			identifierVariant: fc.nat(3),
			current: fc.constantFrom(true, true, true, true, true, false),
			rows: fc.array(rowRecipe, { minLength: 1, maxLength: 5 }),
			previousRows: fc.oneof({ arbitrary: fc.constant<RowRecipe[]>([]), weight: 1 }, { arbitrary: fc.array(rowRecipe, { minLength: 1, maxLength: 4 }), weight: 1 }),
		}),
		{ minLength: 1, maxLength: 5 },
	),
	allowCreateAdditions: fc.boolean(),
	quantityTolerance: fc.constantFrom(0.0001, 0.0001, 0.0001, 0.6),
});

/** The same key spelt as Atria or a user might: other case, surrounding spaces. */
function variant(value: string, which: number): string {
	switch (which) {
		case 1:
			return value.toLowerCase();
		case 2:
			return ` ${value} `;
		case 3:
			return `${value.toUpperCase()}  `;
		default:
			return value;
	}
}

export interface World {
	recipe: WorldRecipe;
	cw: CwState;
	/** Atria's rows of BILLING_PERIOD. */
	rows: AtriaRow[];
	/** Atria's rows of the period before (ending PREVIOUS_PERIOD_END). */
	previousRows: AtriaRow[];
}

export function buildWorld(recipe: WorldRecipe): World {
	const catalog: CwCatalogItem[] = [];
	recipe.catalog.forEach(({ kind, lowerCase }, index) => {
		if (kind === 'absent') return;
		catalog.push({
			id: 100 + index,
			identifier: lowerCase ? SKU_KEYS[index].toLowerCase() : SKU_KEYS[index],
			description: `Product ${index}`,
			inactiveFlag: kind === 'inactive',
			price: 10,
			productClass: kind === 'bundle' ? 'Bundle' : 'NonInventory',
		});
	});
	const companies: CwCompany[] = [];
	const agreements: CwAgreement[] = [];
	const additions: CwAddition[] = [];
	let agreementId = 1000;
	let additionId = 5000;
	recipe.companies.forEach((spec, index) => {
		const company: CwCompany = { id: 11 + index, identifier: COMPANY_IDENTIFIERS[index], name: `Company ${index}`, status: { id: 1, name: 'Active' }, deletedFlag: spec.deleted };
		companies.push(company);
		for (const agreementSpec of spec.agreements) {
			const agreement: CwAgreement = {
				id: ++agreementId,
				name: `Agreement ${agreementId}`,
				type: agreementSpec.ofType ? { ...AGREEMENT_TYPE } : { ...OTHER_TYPE },
				company: { id: company.id, identifier: company.identifier, name: company.name },
				agreementStatus: agreementSpec.status,
				cancelledFlag: agreementSpec.status === 'Cancelled',
				startDate: '2024-01-01T00:00:00Z',
			};
			agreements.push(agreement);
			for (const additionSpec of agreementSpec.additions) {
				// ConnectWise holds no addition of a product its catalog lacks or of a Bundle.
				const product = catalog.find((item) => item.id === 100 + additionSpec.sku);
				if (!product || product.productClass === 'Bundle') continue;
				// A line stops on or after the day it starts: dates drawn the other way round are swapped.
				let [start, stop] = [additionSpec.effective === null ? null : DAYS[additionSpec.effective], additionSpec.cancelled === null ? null : DAYS[additionSpec.cancelled]];
				if (start !== null && stop !== null && stop < start) [start, stop] = [stop, start];
				const time = TIMES[additionSpec.time];
				additions.push({
					id: ++additionId,
					agreementId: agreement.id,
					product: { id: product.id, identifier: product.identifier },
					quantity: additionSpec.quantity,
					unitPrice: additionSpec.unitPrice,
					billCustomer: additionSpec.billCustomer,
					effectiveDate: start === null ? null : `${start}${time}`,
					cancelledDate: stop === null ? null : `${stop}${time}`,
					...(additionSpec.lessIncluded === null ? {} : { lessIncluded: additionSpec.lessIncluded }),
				});
			}
		}
	});
	const rows: AtriaRow[] = [];
	const previousRows: AtriaRow[] = [];
	recipe.customers.forEach((spec, index) => {
		const own = index % (COMPANY_IDENTIFIERS.length - 1);
		const identifier =
			spec.identifier === -1
				? null
				: spec.identifier === -2
					? 'NOPE'
					: spec.identifier === -3
						? 'L'.repeat(31)
						: variant(COMPANY_IDENTIFIERS[spec.identifier === -4 ? own : spec.identifier], spec.identifierVariant);
		const atriaRow = (row: RowRecipe, lastMonthCount: number): AtriaRow => ({
			customerCode: `CUST${index}`,
			customerName: `Customer ${index}`,
			customerAccountCode: identifier,
			productSku: row.sku === null ? null : variant(SKU_KEYS[row.sku], row.variant),
			summaryDescription: `Line ${row.sku ?? 'none'}`,
			thisMonthCount: row.quantity,
			lastMonthCount,
			billableFlag: true,
		});
		if (spec.current) for (const row of spec.rows) rows.push(atriaRow(row, row.lastMonthCount));
		for (const row of spec.previousRows) previousRows.push(atriaRow(row, 0));
	});
	return {
		recipe,
		cw: { companies, agreementTypes: [{ ...AGREEMENT_TYPE, inactiveFlag: false }, { ...OTHER_TYPE, inactiveFlag: false }], agreements, additions, catalog, subcategories: [], productTypes: [] },
		rows,
		previousRows,
	};
}
