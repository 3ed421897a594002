/**
 * A deterministic dataset generator for scale tests: N Atria customers x M billing lines, with a few percent of
 * every CW04-CW22 situation planted, and the expected outcome (both modes) derived from its OWN construction:
 * it knows which case it put where, and never runs a planner.
 *
 * Determinism: one seeded PRNG (mulberry32, below), no Math.random, no clock, no Map/Set iteration order that
 * depends on anything but insertion. The same options give a byte-identical JSON.
 *
 * Rules the construction relies on (see the reconcile rules; demoExpected.ts has the hand-written oracle):
 * - every line of a customer has a distinct SKU (trimmed, case-insensitive), except the rows of a "splitRows"
 *   line, which share one SKU and sum;
 * - an addition whose product is absent from the customer's lines is either deliberately "removed" (its
 *   product is picked from SKUs already sent in an earlier BILLABLE row, so Atria manages it) or of a product
 *   that never appears in a billable row (unmanaged, left alone);
 * - agreements other than the chosen one (other types, cancelled/expired ones, deleted companies, the second of
 *   two, companies not in Atria) are never touched, whatever they hold;
 * - every addition is a Billable line at its catalog price that started before the period (2026-09-26 to
 *   2026-10-25); a cancelled one stopped before it (cancelled on the 1st of a month, 2026-09-01 at the latest),
 *   so it never takes a quantity, and a product whose only line is one of them is ACW06, never created;
 * - Atria serves the same rows for the period before (defaultRows), so no service leaves through it.
 */
import type {
	AtriaRow,
	CwAddition,
	CwAgreement,
	CwAgreementStatus,
	CwCatalogItem,
	CwCompany,
	CwNamedRef,
	Dataset,
	ExpectedAddition,
	ExpectedOutcome,
} from '../model';

export const GENERATED_BILLING_PERIOD_END = '2026-10-25';
export const GENERATED_AGREEMENT_TYPE = 'Cloud and Hosting Services';
/** The first day of the generated period: the effective day of every addition a sync creates. */
export const GENERATED_PERIOD_START = '2026-09-26';
/** |addition - Atria| at or under this is "unchanged". */
export const QUANTITY_TOLERANCE = 0.0001;

export interface GenerateOptions {
	customers: number;
	linesPerCustomer: number;
	seed: number;
	/** Share of lines that have an addition whose quantity differs from Atria's (CW07). Default 0.1. */
	changedFraction?: number;
	/** Share of customers / lines in EACH special case. Default 0.02. At most 1/9. */
	caseFraction?: number;
	/** Regular catalog SKUs (besides a few special items). Default 200. */
	catalogSize?: number;
}

/** Customer-level situations (one per customer, drawn with caseFraction each). */
export const CUSTOMER_CASES = ['noBillingId', 'noCompany', 'noAgreement', 'twoAgreements'] as const;
export type CustomerCase = (typeof CUSTOMER_CASES)[number];

/** Line-level situations of customers whose agreement is found (drawn with caseFraction each). */
export const LINE_CASES = [
	'noSku',
	'unknownProduct',
	'newService',
	'zeroRow',
	'duplicate',
	'cancelledWithActive',
	'cancelledOnly',
	'splitRows',
	'bundle',
] as const;
export type LineCase = (typeof LINE_CASES)[number];

export const NO_AGREEMENT_VARIANTS = ['otherType', 'cancelled', 'expired', 'deleted'] as const;
export type NoAgreementVariant = (typeof NO_AGREEMENT_VARIANTS)[number];
export const NO_COMPANY_VARIANTS = ['missing', 'tooLong', 'bothQuotes'] as const;
export type NoCompanyVariant = (typeof NO_COMPANY_VARIANTS)[number];

/** What the generator planted, by construction. */
export interface PlantedCases {
	customers: number;
	lines: number;
	customerCases: Record<CustomerCase | 'normal', number>;
	noAgreementVariants: Record<NoAgreementVariant, number>;
	noCompanyVariants: Record<NoCompanyVariant, number>;
	/** Lines of customers whose agreement is found ('normal' + 'twoAgreements'). */
	lineCases: Record<LineCase | 'normal', number>;
	/** SKU-less lines of customers with a company/agreement problem (CW05 + CW14) or no billing id (no CW05). */
	skuLessLinesCw14: number;
	skuLessLinesCw04: number;
	/** Lines with an existing addition: changed (CW07) or not (CW09). */
	changed: number;
	unchanged: number;
	/** Additions of managed products absent from the customer's lines: set to 0 (CW20) or already 0. */
	removedService: number;
	removedAlreadyZero: number;
	/** Additions nobody may touch because Atria does not manage their product. */
	unmanagedAdditions: number;
	nonBillableRows: number;
	/** Billing identifiers / SKUs sent in another letter case or with surrounding spaces. */
	caseVariants: number;
	/** ConnectWise companies that are not Atria customers. */
	extraCompanies: number;
}

/** Counts read back from any dataset (demo or generated): structure, and the expected codes per mode. */
export interface DatasetCaseCounts {
	customers: number;
	billableRows: number;
	nonBillableRows: number;
	skuLessBillableRows: number;
	companies: number;
	deletedCompanies: number;
	agreements: number;
	agreementsOfType: number;
	cancelledAgreements: number;
	additions: number;
	cancelledAdditions: number;
	catalog: number;
	inactiveCatalogItems: number;
	bundles: number;
	codes: { createAllowed: Record<string, number>; createNotAllowed: Record<string, number> };
}

// ---------------------------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------------------------

/**
 * Module-level aliases: under Jest every access to a global (Math, Number...) goes through the vm context's
 * global object and costs ~0.25 us, which made the generator several times slower there than under node.
 */
const { imul, floor, trunc, round, max } = Math;
const toNumber = Number;

class Rng {
	/** mulberry32 state, kept as an int32. */
	private readonly state = new Int32Array(1);

	constructor(seed: number) {
		// Spread small seeds (0, 1, 2...) apart before mulberry32.
		this.state[0] = imul((trunc(seed) | 0) ^ 0x5bd1e995, 0x27d4eb2d) + 0x165667b1;
	}

	/** mulberry32: a number in [0, 1). */
	next(): number {
		const s = (this.state[0] + 0x6d2b79f5) | 0;
		this.state[0] = s;
		let t = imul(s ^ (s >>> 15), s | 1);
		t ^= t + imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [lo, hi]. */
	int(lo: number, hi: number): number {
		return lo + floor(this.next() * (hi - lo + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[floor(this.next() * items.length)];
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

interface ProductStem {
	stem: string;
	description: string;
	price: number;
	fractional: boolean;
	sub: number;
}

const SUBCATEGORIES: CwNamedRef[] = [
	{ id: 11, name: 'Microsoft 365' },
	{ id: 12, name: 'Cloud Backup' },
	{ id: 13, name: 'Hosted Infrastructure' },
	{ id: 14, name: 'Domains & Certificates' },
	{ id: 15, name: 'Professional Services' },
	{ id: 16, name: 'Security' },
];
const PRODUCT_TYPES: CwNamedRef[] = [
	{ id: 21, name: 'Cloud Subscription' },
	{ id: 22, name: 'Licence' },
	{ id: 23, name: 'Labour' },
];

const STEMS: ProductStem[] = [
	{ stem: 'M365-BB', description: 'Microsoft 365 Business Basic', price: 9, fractional: false, sub: 11 },
	{ stem: 'M365-BS', description: 'Microsoft 365 Business Standard', price: 18.7, fractional: false, sub: 11 },
	{ stem: 'M365-BP', description: 'Microsoft 365 Business Premium', price: 36.3, fractional: false, sub: 11 },
	{ stem: 'M365-E3', description: 'Microsoft 365 E3', price: 59.9, fractional: false, sub: 11 },
	{ stem: 'M365-E5', description: 'Microsoft 365 E5', price: 94.5, fractional: false, sub: 11 },
	{ stem: 'M365-F3', description: 'Microsoft 365 F3', price: 12.5, fractional: false, sub: 11 },
	{ stem: 'M365-APPS-BUS', description: 'Microsoft 365 Apps for business', price: 13.8, fractional: false, sub: 11 },
	{ stem: 'M365-APPS-ENT', description: 'Microsoft 365 Apps for enterprise', price: 19.8, fractional: false, sub: 11 },
	{ stem: 'EXO-P1', description: 'Exchange Online (Plan 1)', price: 6, fractional: false, sub: 11 },
	{ stem: 'EXO-P2', description: 'Exchange Online (Plan 2)', price: 12, fractional: false, sub: 11 },
	{ stem: 'EXO-KIOSK', description: 'Exchange Online Kiosk', price: 3, fractional: false, sub: 11 },
	{ stem: 'EXO-ARCHIVE', description: 'Exchange Online Archiving', price: 4.5, fractional: false, sub: 11 },
	{ stem: 'DEFENDER-O365-P1', description: 'Defender for Office 365 (Plan 1)', price: 3, fractional: false, sub: 16 },
	{ stem: 'DEFENDER-O365-P2', description: 'Defender for Office 365 (Plan 2)', price: 7.5, fractional: false, sub: 16 },
	{ stem: 'DEFENDER-BUS', description: 'Microsoft Defender for Business', price: 4.5, fractional: false, sub: 16 },
	{ stem: 'INTUNE-P1', description: 'Microsoft Intune Plan 1', price: 12, fractional: false, sub: 11 },
	{ stem: 'ENTRA-ID-P1', description: 'Microsoft Entra ID P1', price: 9, fractional: false, sub: 16 },
	{ stem: 'ENTRA-ID-P2', description: 'Microsoft Entra ID P2', price: 13.5, fractional: false, sub: 16 },
	{ stem: 'TEAMS-PHONE-STD', description: 'Microsoft Teams Phone Standard', price: 12, fractional: false, sub: 11 },
	{ stem: 'TEAMS-ROOMS-PRO', description: 'Microsoft Teams Rooms Pro', price: 60, fractional: false, sub: 11 },
	{ stem: 'TEAMS-ESSENTIALS', description: 'Microsoft Teams Essentials', price: 6, fractional: false, sub: 11 },
	{ stem: 'POWERBI-PRO', description: 'Power BI Pro', price: 15, fractional: false, sub: 11 },
	{ stem: 'VISIO-P2', description: 'Visio Plan 2', price: 22.5, fractional: false, sub: 11 },
	{ stem: 'PROJECT-P3', description: 'Project Plan 3', price: 45, fractional: false, sub: 11 },
	{ stem: 'COPILOT-M365', description: 'Microsoft 365 Copilot', price: 44.9, fractional: false, sub: 11 },
	{ stem: 'AZ-BACKUP-TB', description: 'Azure Backup storage (per TB)', price: 45, fractional: true, sub: 12 },
	{
		stem: 'AZ-BLOB-HOT-TB',
		description: 'Azure Blob storage, hot tier (per TB)',
		price: 32,
		fractional: true,
		sub: 12,
	},
	{ stem: 'AZ-FILES-TB', description: 'Azure Files (per TB)', price: 95, fractional: true, sub: 12 },
	{
		stem: 'ACRONIS-BACKUP-TB',
		description: 'Acronis Cyber Protect cloud storage (per TB)',
		price: 60,
		fractional: true,
		sub: 12,
	},
	{ stem: 'AZ-VM-B2MS', description: 'Azure VM B2ms (per month)', price: 88, fractional: false, sub: 13 },
	{ stem: 'AZ-VM-D4S', description: 'Azure VM D4s v5 (per month)', price: 260, fractional: false, sub: 13 },
	{ stem: 'HOSTED-DESKTOP', description: 'Hosted Desktop (per user)', price: 65, fractional: false, sub: 13 },
	{
		stem: 'HOSTED-DESKTOP-GPU',
		description: 'Hosted Desktop with GPU (per user)',
		price: 120,
		fractional: false,
		sub: 13,
	},
	{ stem: 'HOSTED-SQL-DB', description: 'Hosted SQL database', price: 75, fractional: false, sub: 13 },
	{
		stem: 'SPLA-WIN-STD-2C',
		description: 'SPLA Windows Server Standard (2-core pack)',
		price: 2.1,
		fractional: false,
		sub: 13,
	},
	{
		stem: 'SPLA-SQL-STD-2C',
		description: 'SPLA SQL Server Standard (2-core pack)',
		price: 14,
		fractional: false,
		sub: 13,
	},
	{ stem: 'SPLA-RDS-SAL', description: 'SPLA Remote Desktop Services SAL', price: 6.2, fractional: false, sub: 13 },
	{ stem: 'DOMAIN-COM-AU', description: '.com.au domain registration', price: 3.5, fractional: false, sub: 14 },
	{ stem: 'DOMAIN-CO-NZ', description: '.co.nz domain registration', price: 3, fractional: false, sub: 14 },
	{ stem: 'DOMAIN-CO-UK', description: '.co.uk domain registration', price: 1.5, fractional: false, sub: 14 },
	{ stem: 'DOMAIN-COM', description: '.com domain registration', price: 2, fractional: false, sub: 14 },
	{ stem: 'SSL-DV', description: 'SSL certificate (domain validated)', price: 8, fractional: false, sub: 14 },
	{ stem: 'SSL-WILDCARD', description: 'Wildcard SSL certificate', price: 25, fractional: false, sub: 14 },
	{
		stem: 'MIMECAST-EMAIL-SEC',
		description: 'Mimecast Email Security (per mailbox)',
		price: 4.2,
		fractional: false,
		sub: 16,
	},
	{
		stem: 'VEEAM-M365-SEAT',
		description: 'Veeam Backup for Microsoft 365 (per user)',
		price: 3.9,
		fractional: false,
		sub: 12,
	},
	{
		stem: 'DROPSUITE-ARCHIVE',
		description: 'Dropsuite email archiving (per user)',
		price: 3.2,
		fractional: false,
		sub: 12,
	},
	{ stem: 'KEEPER-BUS', description: 'Keeper Business password manager', price: 5.5, fractional: false, sub: 16 },
	{ stem: 'SENTINELONE-CORE', description: 'SentinelOne Core (per endpoint)', price: 6.5, fractional: false, sub: 16 },
	{ stem: 'HUNTRESS-EDR', description: 'Huntress Managed EDR (per endpoint)', price: 5.8, fractional: false, sub: 16 },
	{ stem: 'VOIP-SEAT', description: 'Hosted VoIP seat', price: 19, fractional: false, sub: 13 },
];
const TERMS: Array<{ code: string; label: string; factor: number }> = [
	{ code: 'MTH', label: 'monthly term', factor: 1.2 },
	{ code: 'ANN', label: 'annual term', factor: 1 },
	{ code: '3YR', label: 'three-year term', factor: 0.9 },
	{ code: 'NFP', label: 'not-for-profit', factor: 0.6 },
];

/** SKUs Atria sends that ConnectWise has no product for (CW06). */
const UNKNOWN_SKUS = [
	'VEEAM-365-BACKUP',
	'DROPBOX-BUS-ADV',
	'ZOOM-PRO',
	'XERO-STANDARD',
	'ADOBE-CC-ALLAPPS',
	'GOOGLE-WS-STARTER',
	'SLACK-PRO',
	'JIRA-STD',
];

const FIRST_WORDS = [
	'Bluegum',
	'Kauri',
	'Wattle',
	'Totara',
	'Kōwhai',
	'Ironbark',
	'Harbour',
	'Meridian',
	'Southern',
	'Coastal',
	'Summit',
	'Redgum',
	'Pōhutukawa',
	'Thames',
	'Severn',
	'Pennine',
	'Highland',
	"O'Connor",
	"D'Arcy",
	'Riverside',
	'Banksia',
	'Jarrah',
	'Rimu',
	'Mataī',
	'Tasman',
	'Coral',
	'Outback',
	'Kiwi',
	'Waratah',
	'Acacia',
	'Ngaio',
	'Clyde',
	'Avon',
	'Mersey',
	'Cotswold',
	'Brindabella',
	'Zürich',
	'Łódź',
	'Tūī',
	'Kererū',
];
const SECOND_WORDS = [
	'Accounting',
	'Legal',
	'Dental',
	'Plumbing',
	'Logistics',
	'Freight',
	'Veterinary',
	'Engineering',
	'Brewing',
	'Motors',
	'Design',
	'Physio',
	'Realty',
	'Builders',
	'Medical',
	'Pharmacy',
	'Electrical',
	'Consulting',
	'Architects',
	'Childcare',
	'Pottery',
	'Tours',
	'Surveyors',
	'Insurance',
	'Café',
	'Joinery',
];
const NAME_SUFFIXES = ['Pty Ltd', 'Ltd', 'Limited', '& Co', 'Group', 'Partners', 'Trust', '& Sons'];
const SITES = ['Head office', 'Auckland', 'Wellington', 'Sydney', 'Brisbane', 'Manchester', 'Leeds', 'Christchurch'];

const TYPE_MANAGED = { id: 3, name: 'Managed Services' };
const TYPE_CLOUD = { id: 7, name: GENERATED_AGREEMENT_TYPE };
const TYPE_LEGACY = { id: 9, name: 'Legacy Hosting' };

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function monthStart(year: number, month: number): string {
	return `${year}-${pad2(month)}-01T00:00:00Z`;
}

function ordinal(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** agreementId, productIdentifier (UTF-16 order), quantity, then who pays and the days (absent first). */
export function compareExpectedAdditions(x: ExpectedAddition, y: ExpectedAddition): number {
	return (
		x.agreementId - y.agreementId ||
		ordinal(x.productIdentifier, y.productIdentifier) ||
		x.quantity - y.quantity ||
		ordinal(x.billCustomer ?? 'Billable', y.billCustomer ?? 'Billable') ||
		(x.lessIncluded ?? 0) - (y.lessIncluded ?? 0) ||
		ordinal(x.effectiveDay ?? '', y.effectiveDay ?? '') ||
		ordinal(x.cancelledDay ?? '', y.cancelledDay ?? '')
	);
}

function lettersOnly(word: string): string {
	return word.replace(/[^\p{L}]/gu, '');
}

function validate(o: GenerateOptions): Required<GenerateOptions> {
	const changedFraction = o.changedFraction ?? 0.1;
	const caseFraction = o.caseFraction ?? 0.02;
	const catalogSize = o.catalogSize ?? 200;
	const int = (v: number, name: string, lo: number, hi: number): void => {
		if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${name} must be an integer in [${lo}, ${hi}]`);
	};
	int(o.customers, 'customers', 1, 999_999);
	int(catalogSize, 'catalogSize', 10, STEMS.length * TERMS.length * 20);
	int(o.linesPerCustomer, 'linesPerCustomer', 1, Math.min(200, catalogSize - 3));
	if (!Number.isFinite(o.seed)) throw new RangeError('seed must be a finite number');
	if (!(changedFraction >= 0 && changedFraction <= 1)) throw new RangeError('changedFraction must be in [0, 1]');
	if (!(caseFraction >= 0 && caseFraction * LINE_CASES.length <= 1)) {
		throw new RangeError(`caseFraction must be in [0, ${1 / LINE_CASES.length}]`);
	}
	return { ...o, changedFraction, caseFraction, catalogSize };
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
	const r = {} as Record<K, number>;
	for (const k of keys) r[k] = 0;
	return r;
}

// ---------------------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------------------

export function generateDataset(options: GenerateOptions): Dataset {
	return generateDatasetWithCases(options).dataset;
}

export function generateDatasetWithCases(options: GenerateOptions): { dataset: Dataset; planted: PlantedCases } {
	const o = validate(options);
	const rng = new Rng(o.seed);
	const cf = o.caseFraction;

	// --- catalog ---------------------------------------------------------------------------------------------
	const catalog: CwCatalogItem[] = [];
	const regular: Array<{ item: CwCatalogItem; fractional: boolean }> = [];
	let catalogId = 100;
	const subOf = (id: number): { id: number; name: string } => {
		const s = SUBCATEGORIES.find((x) => x.id === id) ?? SUBCATEGORIES[0];
		return { id: s.id, name: s.name };
	};
	const addItem = (
		identifier: string,
		description: string,
		price: number,
		sub: number,
		productClass: CwCatalogItem['productClass'],
		inactiveFlag: boolean,
		typeIndex: number,
	): CwCatalogItem => {
		catalogId += rng.int(1, 3);
		const item: CwCatalogItem = {
			id: catalogId,
			identifier,
			description,
			customerDescription: description,
			inactiveFlag,
			price,
			cost: round(price * 78) / 100,
			productClass,
			subcategory: subOf(sub),
			type: { id: PRODUCT_TYPES[typeIndex].id, name: PRODUCT_TYPES[typeIndex].name },
			_info: { lastUpdated: monthStart(2026, rng.int(1, 9)) },
		};
		catalog.push(item);
		return item;
	};
	for (let k = 0; k < o.catalogSize; k++) {
		const stem = STEMS[k % STEMS.length];
		const term = TERMS[floor(k / STEMS.length) % TERMS.length];
		const generation = floor(k / (STEMS.length * TERMS.length));
		const identifier = `${stem.stem}-${term.code}${generation > 0 ? `-G${generation + 1}` : ''}`;
		const price = round(stem.price * term.factor * 100) / 100;
		const item = addItem(
			identifier,
			`${stem.description} (${term.label})`,
			price,
			stem.sub,
			stem.fractional ? 'Agreement' : 'NonInventory',
			false,
			stem.stem.startsWith('SPLA') ? 1 : 0,
		);
		regular.push({ item, fractional: stem.fractional });
	}
	const bundleItem = addItem('BUNDLE-M365-STARTER', 'Microsoft 365 starter bundle', 19, 11, 'Bundle', false, 0);
	const inactiveItem = addItem('LEGACY-HOSTED-EXCH', 'Legacy Hosted Exchange mailbox', 8, 13, 'NonInventory', true, 0);
	const onsiteItem = addItem('ONSITE-SUPPORT', 'Onsite support (per hour)', 165, 15, 'Service', false, 2);
	const workstationItem = addItem('MANAGED-WORKSTATION', 'Managed workstation', 45, 15, 'Agreement', false, 2);
	/** Only ever in NON-billable rows: Atria does not manage it, its additions are left alone. */
	const internalItem = addItem(
		'INTERNAL-USE-LICENCE',
		'Internal use licence (not billed)',
		0,
		11,
		'NonInventory',
		false,
		0,
	);

	// --- state -----------------------------------------------------------------------------------------------
	const companies: CwCompany[] = [];
	const agreements: CwAgreement[] = [];
	const additions: CwAddition[] = [];
	const finalQuantity: number[] = [];
	const created: ExpectedAddition[] = [];
	const rows: AtriaRow[] = [];
	const codesAllowed: Record<string, string[]> = {};
	const codesNotAllowed: Record<string, string[]> = {};

	const planted: PlantedCases = {
		customers: o.customers,
		lines: o.customers * o.linesPerCustomer,
		customerCases: zeroRecord([...CUSTOMER_CASES, 'normal'] as const),
		noAgreementVariants: zeroRecord(NO_AGREEMENT_VARIANTS),
		noCompanyVariants: zeroRecord(NO_COMPANY_VARIANTS),
		lineCases: zeroRecord([...LINE_CASES, 'normal'] as const),
		skuLessLinesCw14: 0,
		skuLessLinesCw04: 0,
		changed: 0,
		unchanged: 0,
		removedService: 0,
		removedAlreadyZero: 0,
		unmanagedAdditions: 0,
		nonBillableRows: 0,
		caseVariants: 0,
		extraCompanies: 0,
	};

	/** Catalog indexes of regular SKUs sent in a billable row so far: Atria manages them. */
	const managedList: number[] = [];
	const managedSeen = new Uint8Array(regular.length);

	let companyId = 250;
	let agreementId = 1000;
	let additionId = 5000;
	let extraIndex = o.customers;
	let noAgreementTurn = 0;
	let noCompanyTurn = 0;
	let noBillingTurn = 0;
	let noSkuTurn = 0;

	const makeCompany = (identifier: string, name: string, deletedFlag: boolean): CwCompany => {
		companyId += rng.int(1, 3);
		const c: CwCompany = {
			id: companyId,
			identifier,
			name,
			status: deletedFlag ? { id: 5, name: 'Inactive' } : { id: 1, name: 'Active' },
			deletedFlag,
			_info: { lastUpdated: monthStart(rng.int(2019, 2026), rng.int(1, 9)) },
		};
		companies.push(c);
		return c;
	};
	const makeAgreement = (
		c: CwCompany,
		type: { id: number; name: string },
		label: string,
		status: CwAgreementStatus = 'Active',
	): CwAgreement => {
		agreementId += rng.int(1, 2);
		const startYear = rng.int(2018, 2025);
		const a: CwAgreement = {
			id: agreementId,
			name: `${c.name} - ${label}`.slice(0, 50),
			type: { ...type },
			company: { id: c.id, identifier: c.identifier, name: c.name },
			agreementStatus: status,
			cancelledFlag: status === 'Cancelled',
			parentAgreement: null,
			billingCycle: { id: 1, name: 'Monthly' },
			prorateFlag: false,
			startDate: monthStart(startYear, rng.int(1, 12)),
			endDate: status === 'Active' ? null : monthStart(2026, rng.int(1, 9)),
			_info: { lastUpdated: monthStart(2026, rng.int(1, 9)) },
		};
		agreements.push(a);
		return a;
	};
	/** Adds an addition; its final quantity defaults to its current one (untouched). Returns its index. */
	const makeAddition = (a: CwAgreement, item: CwCatalogItem, quantity: number, cancelled = false): number => {
		additionId += 1;
		const effectiveYear = max(toNumber(a.startDate.slice(0, 4)), rng.int(2018, 2025));
		additions.push({
			id: additionId,
			agreementId: a.id,
			product: { id: item.id, identifier: item.identifier },
			quantity,
			lessIncluded: 0,
			unitPrice: item.price,
			unitCost: item.cost,
			billCustomer: 'Billable',
			effectiveDate: monthStart(effectiveYear, rng.int(1, 12)),
			cancelledDate: cancelled ? monthStart(rng.int(2025, 2026), rng.int(1, 9)) : null,
			description: item.description,
			invoiceDescription: item.customerDescription,
			taxableFlag: true,
			agreementStatus: a.agreementStatus,
			_info: { lastUpdated: monthStart(2026, rng.int(1, 9)) },
		});
		finalQuantity.push(quantity);
		return additions.length - 1;
	};
	const quantityFor = (fractional: boolean): number =>
		fractional ? rng.int(1, 60) / 4 : rng.chance(0.6) ? rng.int(1, 10) : rng.int(11, 120);
	const otherQuantity = (q: number, fractional: boolean): number => {
		const delta = fractional ? rng.int(1, 12) / 4 : rng.int(1, max(2, round(q * 0.3)));
		const down = q - delta;
		return rng.chance(0.5) && down > 0 ? down : q + delta;
	};
	/** The SKU as Atria sends it: now and then in another letter case or with surrounding spaces. */
	const skuAsSent = (identifier: string): string => {
		if (!rng.chance(cf)) return identifier;
		planted.caseVariants++;
		return rng.chance(0.5) ? identifier.toLowerCase() : ` ${identifier} `;
	};

	// --- customers -------------------------------------------------------------------------------------------
	for (let i = 0; i < o.customers; i++) {
		const w1 = rng.pick(FIRST_WORDS);
		const w2 = rng.pick(SECOND_WORDS);
		const name = `${w1} ${w2} ${rng.pick(NAME_SUFFIXES)}`;
		const number = String(i + 1);
		const code = `${lettersOnly(w1).toUpperCase().slice(0, 6)}${number.padStart(5, '0')}`;
		const identifier = `${(w1 + w2).replace(/[^\p{L}']/gu, '').slice(0, 24)}${number}`;
		const allowed: string[] = [];
		const notAllowed: string[] = [];
		const both = (codeName: string): void => {
			allowed.push(codeName);
			notAllowed.push(codeName);
		};

		// Customer-level case.
		const draw = rng.next();
		const ccase: CustomerCase | 'normal' =
			draw < cf
				? 'noBillingId'
				: draw < 2 * cf
					? 'noCompany'
					: draw < 3 * cf
						? 'noAgreement'
						: draw < 4 * cf
							? 'twoAgreements'
							: 'normal';
		planted.customerCases[ccase]++;

		let billingId: string | null = identifier;
		/** The agreement the sync works on. */
		let chosen: CwAgreement | null = null;
		/** An agreement holding copies of the lines that must stay untouched. */
		let side: CwAgreement | null = null;
		if (ccase === 'noBillingId') {
			billingId = [null, '', '   '][noBillingTurn++ % 3];
			if (rng.chance(0.5)) side = makeAgreement(makeCompany(identifier, name, false), TYPE_CLOUD, 'Cloud Services');
			both('CW04');
		} else if (ccase === 'noCompany') {
			const variant = (['missing', 'missing', 'tooLong', 'bothQuotes'] as const)[noCompanyTurn++ % 4];
			planted.noCompanyVariants[variant]++;
			if (variant === 'tooLong') {
				billingId = `${lettersOnly(w1 + w2).toUpperCase()}-SERVICES-GROUP-${number}`.padEnd(31, 'X');
			} else if (variant === 'bothQuotes') {
				billingId = `${lettersOnly(w1).slice(0, 10)}"${lettersOnly(w2).slice(0, 10)}'${number}`;
				// The company exists, but its identifier cannot be put in a query: still CW14.
				if (rng.chance(0.5)) side = makeAgreement(makeCompany(billingId, name, false), TYPE_CLOUD, 'Cloud Services');
			}
			both('CW14');
		} else if (ccase === 'noAgreement') {
			const variant = NO_AGREEMENT_VARIANTS[noAgreementTurn++ % NO_AGREEMENT_VARIANTS.length];
			planted.noAgreementVariants[variant]++;
			const c = makeCompany(identifier, name, variant === 'deleted');
			if (variant === 'otherType') side = makeAgreement(c, rng.chance(0.7) ? TYPE_MANAGED : TYPE_LEGACY, 'Managed IT');
			else if (variant === 'cancelled') side = makeAgreement(c, TYPE_CLOUD, 'Cloud Services', 'Cancelled');
			else if (variant === 'expired') side = makeAgreement(c, TYPE_CLOUD, 'Cloud Services', 'Expired');
			else side = makeAgreement(c, TYPE_CLOUD, 'Cloud Services');
			both('CW14');
		} else {
			const c = makeCompany(identifier, name, false);
			if (rng.chance(0.1)) {
				const other = makeAgreement(c, TYPE_MANAGED, 'Managed IT');
				makeAddition(other, workstationItem, rng.int(2, 40));
				planted.unmanagedAdditions++;
			}
			if (ccase === 'twoAgreements') {
				// Sometimes an expired agreement of the type with a lower id: never chosen.
				if (rng.chance(0.5)) side = makeAgreement(c, TYPE_CLOUD, 'Cloud (old)', 'Expired');
				chosen = makeAgreement(c, TYPE_CLOUD, 'Cloud Services');
				const second = makeAgreement(c, TYPE_CLOUD, 'Cloud (second site)');
				side = side ?? second;
				if (side !== second) {
					makeAddition(second, regular[rng.int(0, regular.length - 1)].item, rng.int(1, 20));
				}
				both('ACW01');
			} else {
				chosen = makeAgreement(c, TYPE_CLOUD, 'Cloud Services');
			}
			if (rng.chance(cf)) {
				planted.caseVariants++;
				billingId = rng.chance(0.5) ? identifier.toLowerCase() : ` ${identifier} `;
			}
		}

		const pushRow = (sku: string | null, description: string, q: number, last: number, billable = true): void => {
			rows.push({
				customerCode: code,
				customerName: name,
				customerAccountCode: billingId,
				productSku: sku,
				summaryDescription: description,
				thisMonthCount: q,
				lastMonthCount: last,
				billableFlag: billable,
			});
		};
		const markManaged = (index: number): void => {
			if (!managedSeen[index]) {
				managedSeen[index] = 1;
				managedList.push(index);
			}
		};
		const noSkuRow = (): void => {
			const sku = [null, '', '  '][noSkuTurn++ % 3];
			pushRow(
				sku,
				rng.pick(['Project labour', 'SMS credits', 'Printer monitoring', 'Ad-hoc consulting']),
				rng.int(1, 50),
				0,
			);
		};

		// Distinct regular SKUs for the lines.
		const lineIndexes: number[] = [];
		const usedIndex = new Set<number>();
		while (lineIndexes.length < o.linesPerCustomer) {
			const k = rng.int(0, regular.length - 1);
			if (!usedIndex.has(k)) {
				usedIndex.add(k);
				lineIndexes.push(k);
			}
		}
		const usedOtherSkus = new Set<string>();

		for (let j = 0; j < o.linesPerCustomer; j++) {
			const k = lineIndexes[j];
			const { item, fractional } = regular[k];

			if (chosen === null) {
				// Company/agreement problem or no billing identifier: rows are sent, nothing is written.
				if (rng.chance(cf)) {
					noSkuRow();
					if (ccase === 'noBillingId') planted.skuLessLinesCw04++;
					else {
						planted.skuLessLinesCw14++;
						both('CW05');
					}
					continue;
				}
				const q = quantityFor(fractional);
				if (side && rng.chance(0.7)) makeAddition(side, item, otherQuantity(q, fractional));
				pushRow(skuAsSent(item.identifier), item.description, q, q);
				markManaged(k);
				continue;
			}

			const lineDraw = floor(rng.next() / (cf || 1));
			let kind: LineCase | 'normal' = cf > 0 && lineDraw < LINE_CASES.length ? LINE_CASES[lineDraw] : 'normal';
			if (kind === 'bundle' && usedOtherSkus.has(bundleItem.identifier)) kind = 'normal';
			planted.lineCases[kind]++;

			if (kind === 'noSku') {
				noSkuRow();
				both('CW05');
				continue;
			}
			if (kind === 'bundle') {
				usedOtherSkus.add(bundleItem.identifier);
				pushRow(bundleItem.identifier, 'Microsoft 365 starter bundle', rng.int(1, 10), 1);
				both('CW12');
				continue;
			}
			if (kind === 'unknownProduct') {
				let unknown = rng.chance(0.25) ? inactiveItem.identifier : rng.pick(UNKNOWN_SKUS);
				if (usedOtherSkus.has(unknown)) unknown = `${rng.pick(UNKNOWN_SKUS)}-${j + 1}`;
				usedOtherSkus.add(unknown);
				const q = rng.int(1, 30);
				pushRow(unknown, `${unknown.toLowerCase().replace(/-/g, ' ')} licences`, q, q);
				both('CW06');
				continue;
			}

			// A split line needs at least two units to share out.
			const q = quantityFor(fractional) + (kind === 'splitRows' ? (fractional ? 0.5 : 2) : 0);
			markManaged(k);
			if (kind === 'cancelledOnly') {
				// The only line stopped before the period: a person ended it, so nothing is added (ACW06).
				makeAddition(chosen, item, quantityFor(fractional), true);
				pushRow(skuAsSent(item.identifier), item.description, q, 0);
				both('ACW06');
				continue;
			}
			if (kind === 'newService') {
				pushRow(skuAsSent(item.identifier), item.description, q, 0);
				allowed.push('CW08');
				notAllowed.push('CW22');
				created.push({
					agreementId: chosen.id,
					productIdentifier: item.identifier,
					quantity: q,
					billCustomer: 'Billable',
					lessIncluded: 0,
					effectiveDay: GENERATED_PERIOD_START,
					cancelledDay: null,
				});
				continue;
			}
			if (kind === 'zeroRow') {
				const before = quantityFor(fractional);
				const index = makeAddition(chosen, item, before);
				finalQuantity[index] = 0;
				pushRow(skuAsSent(item.identifier), item.description, 0, before);
				both('CW20');
				continue;
			}

			// normal, duplicate, cancelledWithActive, splitRows: an active addition exists.
			const changed = rng.chance(o.changedFraction);
			const before = changed ? otherQuantity(q, fractional) : q;
			if (kind === 'cancelledWithActive') makeAddition(chosen, item, quantityFor(fractional), true);
			const primary = makeAddition(chosen, item, before);
			finalQuantity[primary] = q;
			if (kind === 'duplicate') {
				const copy = makeAddition(chosen, item, rng.chance(0.5) ? q : quantityFor(fractional));
				finalQuantity[copy] = 0;
				both('ACW02');
			}
			if (kind === 'splitRows') {
				const unit = fractional ? 0.25 : 1;
				const firstPart = unit * rng.int(1, round(q / unit) - 1);
				const site = rng.int(0, SITES.length - 2);
				pushRow(skuAsSent(item.identifier), `${item.description} - ${SITES[site]}`, firstPart, firstPart);
				pushRow(skuAsSent(item.identifier), `${item.description} - ${SITES[site + 1]}`, q - firstPart, q - firstPart);
			} else {
				pushRow(skuAsSent(item.identifier), item.description, q, before);
			}
			if (changed) {
				planted.changed++;
				both('CW07');
			} else {
				planted.unchanged++;
				both('CW09');
			}
			if (ccase === 'twoAgreements' && side && rng.chance(0.5)) makeAddition(side, item, otherQuantity(q, fractional));
		}

		if (chosen !== null) {
			// Removed services: a product Atria manages (sent in an earlier billable row) absent from these lines.
			const pickManaged = (): number | null => {
				for (let tries = 0; tries < 20 && managedList.length > 0; tries++) {
					const k = managedList[rng.int(0, managedList.length - 1)];
					if (!usedIndex.has(k)) {
						usedIndex.add(k);
						return k;
					}
				}
				return null;
			};
			if (rng.chance(cf)) {
				const k = pickManaged();
				if (k !== null) {
					const index = makeAddition(chosen, regular[k].item, quantityFor(regular[k].fractional));
					finalQuantity[index] = 0;
					planted.removedService++;
					both('CW20');
				}
			}
			if (rng.chance(cf)) {
				const k = pickManaged();
				if (k !== null) {
					makeAddition(chosen, regular[k].item, 0);
					planted.removedAlreadyZero++;
				}
			}
			if (rng.chance(0.25)) {
				makeAddition(chosen, onsiteItem, rng.int(1, 20));
				planted.unmanagedAdditions++;
			}
			if (rng.chance(cf)) {
				makeAddition(chosen, internalItem, rng.int(1, 20));
				planted.unmanagedAdditions++;
			}
		}

		// Non-billable rows: dropped before anything else; were they counted, quantities and codes would change.
		if (rng.chance(2 * cf)) {
			const variant = rng.int(0, 2);
			const q = rng.int(1, 5);
			if (variant === 0)
				pushRow(regular[lineIndexes[0]].item.identifier, 'Internal staff licences (not billed)', q, q, false);
			else if (variant === 1) pushRow(null, 'Atria platform fee (internal)', 1, 1, false);
			else pushRow(internalItem.identifier, internalItem.description, q, q, false);
			planted.nonBillableRows++;
		}

		// A ConnectWise company that is not an Atria customer: never touched.
		if (rng.chance(cf)) {
			extraIndex++;
			const ew1 = rng.pick(FIRST_WORDS);
			const ew2 = rng.pick(SECOND_WORDS);
			const extra = makeCompany(
				`${(ew1 + ew2).replace(/[^\p{L}']/gu, '').slice(0, 24)}${extraIndex}`,
				`${ew1} ${ew2} Ltd`,
				false,
			);
			const a = makeAgreement(extra, TYPE_CLOUD, 'Cloud Services');
			const count = rng.int(1, 3);
			for (let n = 0; n < count; n++)
				makeAddition(a, regular[(lineIndexes[0] + n * 7) % regular.length].item, rng.int(1, 25));
			planted.extraCompanies++;
		}

		codesAllowed[code] = allowed.sort(ordinal);
		codesNotAllowed[code] = notAllowed.sort(ordinal);
	}

	// --- expected ------------------------------------------------------------------------------------------
	const kept: ExpectedAddition[] = [];
	for (let n = 0; n < additions.length; n++) {
		const a = additions[n];
		kept.push({
			agreementId: a.agreementId,
			productIdentifier: a.product.identifier,
			quantity: finalQuantity[n],
			billCustomer: a.billCustomer,
			lessIncluded: a.lessIncluded ?? 0,
			effectiveDay: a.effectiveDate ? a.effectiveDate.slice(0, 10) : null,
			cancelledDay: a.cancelledDate ? a.cancelledDate.slice(0, 10) : null,
		});
	}
	const notAllowedAdditions = kept.slice().sort(compareExpectedAdditions);
	const allowedAdditions = kept.concat(created).sort(compareExpectedAdditions);
	const createAllowed: ExpectedOutcome = { additions: allowedAdditions, codesByCustomer: codesAllowed };
	const createNotAllowed: ExpectedOutcome = { additions: notAllowedAdditions, codesByCustomer: codesNotAllowed };

	const dataset: Dataset = {
		name: `generated-${o.customers}x${o.linesPerCustomer}-seed${o.seed}`,
		connectwise: {
			companies,
			agreementTypes: [
				{ ...TYPE_MANAGED, inactiveFlag: false },
				{ id: 4, name: 'Block Hours', inactiveFlag: false },
				{ ...TYPE_CLOUD, inactiveFlag: false },
				{ ...TYPE_LEGACY, inactiveFlag: true },
			],
			agreements,
			additions,
			catalog,
			subcategories: SUBCATEGORIES.map((s) => ({ ...s })),
			productTypes: PRODUCT_TYPES.map((t) => ({ ...t })),
		},
		atria: {
			periodEndDay: 25,
			periods: { [GENERATED_BILLING_PERIOD_END]: rows },
			// Another array over the same row objects (copying 75k rows would double the generation time).
			defaultRows: rows.slice(),
		},
		billingPeriodEnd: GENERATED_BILLING_PERIOD_END,
		agreementType: GENERATED_AGREEMENT_TYPE,
		expected: { createAllowed, createNotAllowed },
	};
	return { dataset, planted };
}

// ---------------------------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------------------------

function countCodes(outcome: ExpectedOutcome | undefined): Record<string, number> {
	const counts: Record<string, number> = {};
	if (!outcome) return counts;
	for (const list of Object.values(outcome.codesByCustomer)) {
		for (const c of list) counts[c] = (counts[c] ?? 0) + 1;
	}
	return counts;
}

/** Counts the situations present in any dataset, from its data and its expected codes. */
export function countCases(dataset: Dataset): DatasetCaseCounts {
	const rows = dataset.atria.periods[dataset.billingPeriodEnd] ?? [];
	const billable = rows.filter((r) => r.billableFlag);
	const cw = dataset.connectwise;
	const type = dataset.agreementType.trim().toLowerCase();
	return {
		customers: new Set(billable.map((r) => r.customerCode)).size,
		billableRows: billable.length,
		nonBillableRows: rows.length - billable.length,
		skuLessBillableRows: billable.filter((r) => r.productSku == null || r.productSku.trim() === '').length,
		companies: cw.companies.length,
		deletedCompanies: cw.companies.filter((c) => c.deletedFlag).length,
		agreements: cw.agreements.length,
		agreementsOfType: cw.agreements.filter((a) => a.type.name.trim().toLowerCase() === type).length,
		cancelledAgreements: cw.agreements.filter((a) => a.cancelledFlag).length,
		additions: cw.additions.length,
		cancelledAdditions: cw.additions.filter((a) => a.cancelledDate != null).length,
		catalog: cw.catalog.length,
		inactiveCatalogItems: cw.catalog.filter((c) => c.inactiveFlag).length,
		bundles: cw.catalog.filter((c) => c.productClass === 'Bundle').length,
		codes: {
			createAllowed: countCodes(dataset.expected?.createAllowed),
			createNotAllowed: countCodes(dataset.expected?.createNotAllowed),
		},
	};
}
