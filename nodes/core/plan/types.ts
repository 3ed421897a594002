import type { BillingPeriod } from '../atria/period';
import type { CwCode } from '../codes/catalogue';
import type { LogEntry } from '../log/entry';
import type { NewCatalogItem } from '../connectwise/client';
import type { Addition, Agreement, CatalogItem, Company } from '../connectwise/schemas';

/** Which agreement receives Atria's quantities when a company has several active ones of the type. */
export type AgreementSelectionRule = 'lowestId' | 'earliestStart' | 'latestStart';

export const AGREEMENT_SELECTION_RULES: ReadonlyArray<{ value: AgreementSelectionRule; name: string; description: string }> = [
	{ value: 'lowestId', name: 'First (Lowest ID)', description: "The agreement created first, as Atria's own job does" },
	{ value: 'earliestStart', name: 'Earliest Start Date', description: 'The agreement that started first; ties go to the lowest ID' },
	{ value: 'latestStart', name: 'Latest Start Date', description: 'The agreement that started last; ties go to the lowest ID' },
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
export type NewProductSettings = Omit<NewCatalogItem, 'identifier' | 'description' | 'customerDescription'>;

export interface PlanOptions {
	allowCreateAdditions: boolean;
	createMissingProducts?: NewProductSettings | null;
	agreementSelection: AgreementSelectionRule;
	quantityTolerance: number;
	agreementTypeName: string;
}

export type LineAction = 'update' | 'create' | 'createProduct' | 'remove' | 'unchanged' | 'skip';

/** Actions that write to ConnectWise. */
export const WRITE_ACTIONS: ReadonlySet<LineAction> = new Set(['update', 'create', 'createProduct', 'remove']);

/** A catalog item the apply must create (once per run, however many lines need it). */
export type NewProduct = NewCatalogItem;

export interface PlanLine {
	/** Unique within the customer's plan; log entries about this line carry it. */
	lineId: string;
	action: LineAction;
	code: CwCode;
	sku: string | null;
	lineDescription: string;
	/** Null for a new addition. */
	quantityBefore: number | null;
	/** Null for a skipped line. */
	quantityAfter: number | null;
	agreementId?: number;
	additionId?: number;
	product?: { id: number; identifier: string };
	/** For a create whose product is not in the catalog yet: the item to create first. */
	newProduct?: NewProduct;
	unitPrice?: number;
	error?: string;
	/** Why the line was left alone (ACW06, ACW07): the lines found instead. */
	reason?: string;
	/** The addition's `_info.lastUpdated` when it was planned: Apply compares it before writing. */
	lastUpdated?: string;
}

export interface CustomerRef {
	code: string;
	name: string;
	billingIdentifier: string | null;
}

export interface CustomerPlan {
	runId: string;
	/** When ConnectWise was read for this plan (ISO time): how fresh what the plan saw is. */
	plannedAt?: string;
	/** Every addition id the agreement had when it was read: Apply tells a line added since by it. */
	seenAdditionIds?: number[];
	billingPeriod: BillingPeriod;
	agreementType: string;
	customer: CustomerRef;
	company: { id: number; identifier: string; name: string } | null;
	agreement: { id: number; name: string } | null;
	lines: PlanLine[];
	/** Every entry for this customer in the order they were decided; line entries carry their lineId. */
	log: LogEntry[];
}
