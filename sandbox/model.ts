/**
 * The data model shared by the simulators, the demo dataset and the generator.
 *
 * Field names and shapes follow ../shared/reference/connectwise-api.md and atria-api.md: the simulators
 * serve these records as the real APIs would, so a dataset is written in the APIs' own vocabulary.
 */

export interface CwInfo {
	lastUpdated: string;
	updatedBy?: string;
}

export interface CwCompany {
	id: number;
	/** The "CompanyID" of the seed: what Atria stores as the customer's Billing Identifier. Max 30 chars. */
	identifier: string;
	name: string;
	status: { id: number; name: string };
	deletedFlag: boolean;
	_info?: CwInfo;
}

export interface CwAgreementType {
	id: number;
	name: string;
	inactiveFlag: boolean;
	_info?: CwInfo;
}

export type CwAgreementStatus = 'Active' | 'Cancelled' | 'Expired' | 'Inactive';

export interface CwAgreement {
	id: number;
	name: string;
	type: { id: number; name: string };
	company: { id: number; identifier: string; name: string };
	agreementStatus: CwAgreementStatus;
	cancelledFlag: boolean;
	parentAgreement?: { id: number; name: string } | null;
	billingCycle?: { id: number; name: string };
	prorateFlag?: boolean;
	/** UTC `yyyy-MM-ddTHH:mm:ssZ`. */
	startDate: string;
	endDate?: string | null;
	_info?: CwInfo;
}

export type CwProductClass = 'Agreement' | 'Bundle' | 'Inventory' | 'NonInventory' | 'Service';

export interface CwCatalogItem {
	id: number;
	/** The product ID; Atria's SKU maps onto it. Max 60 chars. */
	identifier: string;
	description: string;
	customerDescription?: string;
	inactiveFlag: boolean;
	price?: number;
	cost?: number;
	productClass: CwProductClass;
	subcategory?: { id: number; name: string };
	type?: { id: number; name: string };
	_info?: CwInfo;
}

export type CwBillCustomer = 'Billable' | 'DoNotBill' | 'NoCharge';

export interface CwAddition {
	id: number;
	agreementId: number;
	product: { id: number; identifier: string };
	quantity: number;
	lessIncluded?: number;
	unitPrice?: number;
	unitCost?: number;
	billCustomer: CwBillCustomer;
	/** UTC `yyyy-MM-ddTHH:mm:ssZ`: the day the line starts billing (may be ahead: a scheduled line). */
	effectiveDate?: string | null;
	/**
	 * UTC `yyyy-MM-ddTHH:mm:ssZ`: the last day the line bills, often set ahead (notice given). There is no
	 * cancelled flag; a line with a cancelled date still bills until that day.
	 */
	cancelledDate?: string | null;
	description?: string;
	invoiceDescription?: string;
	taxableFlag?: boolean;
	agreementStatus?: CwAgreementStatus;
	_info?: CwInfo;
}

export interface CwNamedRef {
	id: number;
	name: string;
	inactiveFlag?: boolean;
	_info?: CwInfo;
}

/** Everything the ConnectWise simulator holds; a dataset's `connectwise` part is one of these. */
export interface CwState {
	companies: CwCompany[];
	agreementTypes: CwAgreementType[];
	agreements: CwAgreement[];
	additions: CwAddition[];
	catalog: CwCatalogItem[];
	/** `/procurement/subcategories`. */
	subcategories: CwNamedRef[];
	/** `/procurement/types`. */
	productTypes: CwNamedRef[];
}

/** One row of Atria's billing summary, in the canonical field names of the assumed contract. */
export interface AtriaRow {
	customerCode: string;
	customerName: string;
	/** The Billing Identifier: the ConnectWise company identifier. Empty or null is CW04. */
	customerAccountCode: string | null;
	/** Empty or null is CW05. */
	productSku: string | null;
	summaryDescription: string;
	thisMonthCount: number;
	lastMonthCount: number;
	billableFlag: boolean;
}

/** Last day of the month, or a fixed day 1 to 28 on which every billing period ends. */
export type PeriodEndDay = 'last' | number;

export interface AtriaState {
	periodEndDay: PeriodEndDay;
	/** Rows by billing period end date (`YYYY-MM-DD`). */
	periods: Record<string, AtriaRow[]>;
	/**
	 * Rows served for any other valid period end date, so that "Current" and "Previous" find data whatever
	 * the day the demo runs. Null: such periods have no rows.
	 */
	defaultRows: AtriaRow[] | null;
}

/**
 * One addition ConnectWise must hold after a correct sync. Every addition of every agreement is listed, touched
 * or not: cancelled lines, lines that start later, `NoCharge` and `DoNotBill` lines and credit lines included,
 * so that a sync which changes a line it must leave alone shows (test/support/outcome.ts compares them as
 * `agreement|product|billCustomer|quantity|lessIncluded|effectiveDay|cancelledDay`).
 *
 * The fields after `quantity` are optional only so that a short hand-made list stays short: omitted, they read
 * as a `Billable` line with no included units, no effective date and no cancelled date. The demo and the
 * generator write them all.
 */
export interface ExpectedAddition {
	agreementId: number;
	productIdentifier: string;
	quantity: number;
	/** Who pays; default `Billable` (what a created addition is). */
	billCustomer?: CwBillCustomer;
	/** Included units; default 0. A sync never changes them. */
	lessIncluded?: number;
	/** The UTC day of `effectiveDate`, `YYYY-MM-DD`; null or omitted: none. A created addition's is the period start. */
	effectiveDay?: string | null;
	/** The UTC day of `cancelledDate`, `YYYY-MM-DD`; null or omitted: the line is open-ended. */
	cancelledDay?: string | null;
}

export interface ExpectedOutcome {
	/**
	 * Every addition after the sync, on every agreement (cancelled, future and non-billable ones included), sorted
	 * by compareExpectedAdditions: agreementId, productIdentifier, quantity, then the other fields.
	 */
	additions: ExpectedAddition[];
	/**
	 * The codes logged per Atria customer code (sorted, with repeats), CW01 and CW23 excluded: every customer of
	 * the period's billable rows, and every customer with a Billing Identifier that had billable rows only in the
	 * period before (its services are removed).
	 */
	codesByCustomer: Record<string, string[]>;
}

export interface Dataset {
	name: string;
	connectwise: CwState;
	atria: AtriaState;
	/** The billing period end date the expectations are for. */
	billingPeriodEnd: string;
	/** The agreement type the sync is configured with. */
	agreementType: string;
	expected?: {
		createAllowed: ExpectedOutcome;
		createNotAllowed: ExpectedOutcome;
	};
}
