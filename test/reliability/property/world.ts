import fc from 'fast-check';
import type { AtriaRow, CwAddition, CwAgreement, CwAgreementStatus, CwCatalogItem, CwCompany, CwState } from '../../sandbox/model';

/**
 * Random "worlds" for the property tests: a ConnectWise (companies, agreements, additions, catalog) and an
 * Atria period built from small pools, so that customers, identifiers and SKUs collide often: case and
 * space variants of one identifier, a company deleted and its twin, several agreements, duplicate and
 * cancelled additions, inactive and Bundle products, values with quotes of one or both kinds, customers
 * sharing a billing identifier.
 */
export const AGREEMENT_TYPE = { id: 7, name: 'Cloud' };
const OTHER_TYPE = { id: 8, name: 'Other' };

export const SKU_KEYS = ['A1', 'B2', 'C3', 'D4', `Q"5`, `Q'6`, `BOTH"'7`, 'E8'];
/** The last one is ACME's twin (trailing space, other case): the lowest id of the live ones is the company. */
export const COMPANY_IDENTIFIERS = ['ACME', 'BETA', `O'NEIL`, `Q"CO`, `BOTH"'CO`, 'GAMMA', 'acme '];

type CatalogKind = 'absent' | 'active' | 'inactive' | 'bundle';

export interface WorldRecipe {
	catalog: Array<{ kind: CatalogKind; lowerCase: boolean }>;
	companies: Array<{
		deleted: boolean;
		agreements: Array<{ ofType: boolean; status: CwAgreementStatus; additions: Array<{ sku: number; quantity: number; cancelled: boolean }> }>;
	}>;
	customers: Array<{
		/** An index into COMPANY_IDENTIFIERS, or -1 (none), -2 (unknown), -3 (too long). */
		identifier: number;
		identifierVariant: number;
		rows: Array<{ sku: number | null; variant: number; quantity: number }>;
	}>;
	allowCreateAdditions: boolean;
}

const quantity = fc.constantFrom(0, 1, 2, 3, 2.5, 5.5);

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
					status: fc.constantFrom<CwAgreementStatus>('Active', 'Active', 'Active', 'Expired', 'Cancelled'),
					additions: fc.array(fc.record({ sku: fc.nat(SKU_KEYS.length - 1), quantity, cancelled: fc.constantFrom(false, false, false, true) }), { maxLength: 4 }),
				}),
				{ minLength: 1, maxLength: 2 },
			),
		}),
		{ minLength: COMPANY_IDENTIFIERS.length, maxLength: COMPANY_IDENTIFIERS.length },
	),
	customers: fc.array(
		fc.record({
			identifier: fc.oneof({ arbitrary: fc.integer({ min: -3, max: -1 }), weight: 1 }, { arbitrary: fc.nat(COMPANY_IDENTIFIERS.length - 2), weight: 4 }),
			identifierVariant: fc.nat(3),
			rows: fc.array(fc.record({ sku: fc.option(fc.nat(SKU_KEYS.length - 1), { freq: 6 }), variant: fc.nat(3), quantity }), { minLength: 1, maxLength: 5 }),
		}),
		{ minLength: 1, maxLength: 5 },
	),
	allowCreateAdditions: fc.boolean(),
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
	rows: AtriaRow[];
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
				additions.push({
					id: ++additionId,
					agreementId: agreement.id,
					product: { id: product.id, identifier: product.identifier },
					quantity: additionSpec.quantity,
					billCustomer: 'Billable',
					effectiveDate: '2024-01-01T00:00:00Z',
					cancelledDate: additionSpec.cancelled ? '2025-01-01T00:00:00Z' : null,
				});
			}
		}
	});
	const rows: AtriaRow[] = [];
	recipe.customers.forEach((spec, index) => {
		const identifier =
			spec.identifier === -1 ? null : spec.identifier === -2 ? 'NOPE' : spec.identifier === -3 ? 'L'.repeat(31) : variant(COMPANY_IDENTIFIERS[spec.identifier], spec.identifierVariant);
		for (const row of spec.rows) {
			rows.push({
				customerCode: `CUST${index}`,
				customerName: `Customer ${index}`,
				customerAccountCode: identifier,
				productSku: row.sku === null ? null : variant(SKU_KEYS[row.sku], row.variant),
				summaryDescription: `Line ${row.sku ?? 'none'}`,
				thisMonthCount: row.quantity,
				lastMonthCount: 0,
				billableFlag: true,
			});
		}
	});
	return {
		recipe,
		cw: { companies, agreementTypes: [{ ...AGREEMENT_TYPE, inactiveFlag: false }, { ...OTHER_TYPE, inactiveFlag: false }], agreements, additions, catalog, subcategories: [], productTypes: [] },
		rows,
	};
}
