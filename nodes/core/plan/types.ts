import type { LineAction } from '../contracts/plan';
import type { NewCatalogItem } from '../connectwise/client';
import type { Addition, Agreement, CatalogItem, Company } from '../connectwise/schemas';
import type { ReviewPolicy } from './review';

/** Which agreement receives Atria's quantities when a company has several active ones of the type: the options. */
export const AGREEMENT_SELECTION_RULES = [
	{
		value: 'lowestId',
		name: 'First (Lowest ID)',
		description: "The agreement created first, as Atria's own job does",
	},
	{
		value: 'earliestStart',
		name: 'Earliest Start Date',
		description: 'The agreement that started first; ties go to the lowest ID',
	},
	{
		value: 'latestStart',
		name: 'Latest Start Date',
		description: 'The agreement that started last; ties go to the lowest ID',
	},
] as const;
export type AgreementSelectionRule = (typeof AGREEMENT_SELECTION_RULES)[number]['value'];
/** The rule values, for a zod enum. */
export const AGREEMENT_SELECTION_VALUES = AGREEMENT_SELECTION_RULES.map((rule) => rule.value) as [
	AgreementSelectionRule,
	...AgreementSelectionRule[],
];

/** What ConnectWise holds for the customers of one run, read before planning. */
export interface ConnectWiseSnapshot {
	agreementType: { id: number; name: string };
	/** Companies found for the billing identifiers (deleted ones included; the planner ignores them). */
	companies: Company[];
	/** Agreements of the type for those companies. */
	agreements: Agreement[];
	/** Additions of each chosen agreement, by agreement id. */
	additions: Map<number, Addition[]>;
	/** Agreements whose additions could not be read, with the error (CW10 for that customer). */
	additionErrors: Map<number, string>;
	/** When each agreement's additions were read (ISO time, as the read started): what a plan of it is as old as. */
	additionsReadAt?: Map<number, string>;
	/** Catalog items found for the SKUs. */
	catalog: CatalogItem[];
}

/** Catalog fields for products the run may create (Create Missing Products); null: never create products. */
export type NewProductSettings = Omit<
	NewCatalogItem,
	'identifier' | 'description' | 'customerDescription'
>;

export interface PlanOptions {
	allowCreateAdditions: boolean;
	createMissingProducts?: NewProductSettings | null;
	agreementSelection: AgreementSelectionRule;
	quantityTolerance: number;
	/** The agreement type's name (matched trimmed and case-insensitive); also the label of plans and log entries. */
	agreementTypeName: string;
	/** When set, the agreement type is the active one with this ConnectWise id, whatever agreementTypeName says. */
	agreementTypeId?: number;
	/** Which writes wait for a person's approval; absent or null: every write goes through (Apply Every Change). */
	review?: ReviewPolicy | null;
}

export {
	LINE_ACTIONS,
	PLAN_FORMAT,
	type CustomerPlan,
	type CustomerRef,
	type LineAction,
	type PlanLine,
} from '../contracts/plan';

/** Actions that write to ConnectWise. */
export const WRITE_ACTIONS: ReadonlySet<LineAction> = new Set([
	'update',
	'create',
	'createProduct',
	'remove',
]);

/** A catalog item the apply must create (once per run, however many lines need it). */
export type NewProduct = NewCatalogItem;
