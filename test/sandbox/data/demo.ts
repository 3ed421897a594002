/**
 * The demo dataset: a small, realistic MSP ("Southern Cross Cloud", an Atria reseller in AU/NZ/UK) whose
 * ConnectWise agreements and Atria billing period 2026-10-25 exercise every CW04-CW22 situation of the seed.
 *
 * The expected outcome is NOT computed here: it is written by hand in demo-expected.ts, reasoned from the
 * reconcile rules, and is the independent oracle the planner is tested against. Each customer below carries a
 * comment naming the situation it exercises; demoSituations (demo-expected.ts) is the same list for the README.
 */
import type {
	AtriaRow,
	CwAddition,
	CwAgreement,
	CwAgreementStatus,
	CwAgreementType,
	CwCatalogItem,
	CwCompany,
	CwNamedRef,
	CwProductClass,
	Dataset,
} from '../model';
import { demoExpectedCreateAllowed, demoExpectedCreateNotAllowed } from './demo-expected';

export const DEMO_BILLING_PERIOD_END = '2026-10-25';
export const DEMO_AGREEMENT_TYPE = 'Cloud and Hosting Services';

// ---------------------------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------------------------

const STATUS_ACTIVE = { id: 1, name: 'Active' };
const STATUS_INACTIVE = { id: 5, name: 'Inactive' };

const TYPE_MANAGED = { id: 3, name: 'Managed Services' };
const TYPE_BLOCK_HOURS = { id: 4, name: 'Block Hours' };
const TYPE_CLOUD = { id: 7, name: DEMO_AGREEMENT_TYPE };
const TYPE_LEGACY = { id: 9, name: 'Legacy Hosting' };

const agreementTypes: CwAgreementType[] = [
	{ ...TYPE_MANAGED, inactiveFlag: false, _info: { lastUpdated: '2019-02-11T03:12:40Z' } },
	{ ...TYPE_BLOCK_HOURS, inactiveFlag: false, _info: { lastUpdated: '2019-02-11T03:13:02Z' } },
	{ ...TYPE_CLOUD, inactiveFlag: false, _info: { lastUpdated: '2020-06-30T22:41:19Z' } },
	// Retired type: a company whose only other agreement is of this type still has no agreement of the type.
	{ ...TYPE_LEGACY, inactiveFlag: true, _info: { lastUpdated: '2023-01-15T01:00:00Z' } },
];

const SUB_M365: CwNamedRef = { id: 11, name: 'Microsoft 365' };
const SUB_BACKUP: CwNamedRef = { id: 12, name: 'Cloud Backup' };
const SUB_HOSTED: CwNamedRef = { id: 13, name: 'Hosted Infrastructure' };
const SUB_DOMAINS: CwNamedRef = { id: 14, name: 'Domains & Certificates' };
const SUB_SERVICES: CwNamedRef = { id: 15, name: 'Professional Services' };
const SUB_LEGACY: CwNamedRef = { id: 16, name: 'Legacy (do not use)', inactiveFlag: true };

const PT_SUBSCRIPTION: CwNamedRef = { id: 21, name: 'Cloud Subscription' };
const PT_LICENCE: CwNamedRef = { id: 22, name: 'Licence' };
const PT_LABOUR: CwNamedRef = { id: 23, name: 'Labour' };
const PT_HARDWARE: CwNamedRef = { id: 24, name: 'Hardware', inactiveFlag: true };

const subcategories: CwNamedRef[] = [SUB_M365, SUB_BACKUP, SUB_HOSTED, SUB_DOMAINS, SUB_SERVICES, SUB_LEGACY];
const productTypes: CwNamedRef[] = [PT_SUBSCRIPTION, PT_LICENCE, PT_LABOUR, PT_HARDWARE];

// ---------------------------------------------------------------------------------------------------------------
// Product catalog (ConnectWise /procurement/catalog)
// ---------------------------------------------------------------------------------------------------------------

function item(
	id: number,
	identifier: string,
	description: string,
	price: number,
	cost: number,
	sub: CwNamedRef,
	type: CwNamedRef,
	productClass: CwProductClass = 'NonInventory',
	inactiveFlag = false,
): CwCatalogItem {
	return {
		id,
		identifier,
		description,
		customerDescription: description,
		inactiveFlag,
		price,
		cost,
		productClass,
		subcategory: { id: sub.id, name: sub.name },
		type: { id: type.id, name: type.name },
		_info: { lastUpdated: '2026-07-01T02:30:00Z', updatedBy: 'jwalsh' },
	};
}

const catalog: CwCatalogItem[] = [
	item(101, 'M365-BP', 'Microsoft 365 Business Premium', 36.3, 30.25, SUB_M365, PT_SUBSCRIPTION),
	item(102, 'M365-BS', 'Microsoft 365 Business Standard', 18.7, 15.58, SUB_M365, PT_SUBSCRIPTION),
	item(103, 'M365-BB', 'Microsoft 365 Business Basic', 9, 7.5, SUB_M365, PT_SUBSCRIPTION),
	item(104, 'M365-E3', 'Microsoft 365 E3', 59.9, 49.92, SUB_M365, PT_SUBSCRIPTION),
	item(105, 'EXO-P1', 'Exchange Online (Plan 1)', 6, 5, SUB_M365, PT_SUBSCRIPTION),
	item(106, 'EXO-P2', 'Exchange Online (Plan 2)', 12, 10, SUB_M365, PT_SUBSCRIPTION),
	item(107, 'EXO-ARCHIVE', 'Exchange Online Archiving', 4.5, 3.75, SUB_M365, PT_SUBSCRIPTION),
	item(108, 'DEFENDER-O365-P1', 'Microsoft Defender for Office 365 (Plan 1)', 3, 2.5, SUB_M365, PT_SUBSCRIPTION),
	item(109, 'TEAMS-PHONE-STD', 'Microsoft Teams Phone Standard', 12, 10, SUB_M365, PT_SUBSCRIPTION),
	item(110, 'AZ-BACKUP-TB', 'Azure Backup storage (per TB)', 45, 28, SUB_BACKUP, PT_SUBSCRIPTION, 'Agreement'),
	item(111, 'HOSTED-DESKTOP', 'Hosted Desktop (per user)', 65, 38, SUB_HOSTED, PT_SUBSCRIPTION, 'Agreement'),
	item(
		112,
		'DOMAIN-COM-AU',
		'.com.au domain registration (annual, billed monthly)',
		3.5,
		1.8,
		SUB_DOMAINS,
		PT_SUBSCRIPTION,
	),
	item(
		113,
		'DOMAIN-CO-NZ',
		'.co.nz domain registration (annual, billed monthly)',
		3,
		1.6,
		SUB_DOMAINS,
		PT_SUBSCRIPTION,
	),
	item(
		114,
		'DOMAIN-CO-UK',
		'.co.uk domain registration (annual, billed monthly)',
		1.5,
		0.7,
		SUB_DOMAINS,
		PT_SUBSCRIPTION,
	),
	item(115, 'SSL-WILDCARD', 'Wildcard SSL certificate', 25, 12, SUB_DOMAINS, PT_SUBSCRIPTION),
	// A product identifier with spaces.
	item(116, 'SPLA WIN SVR STD', 'SPLA Windows Server Standard (2-core pack)', 2.1, 1.4, SUB_HOSTED, PT_LICENCE),
	// A product identifier with double quotes (queryable inside single quotes).
	item(
		117,
		'NCE-M365-BP "Annual"',
		'Microsoft 365 Business Premium (NCE annual commitment)',
		33,
		27.5,
		SUB_M365,
		PT_SUBSCRIPTION,
	),
	// A product identifier with a non-ASCII letter.
	item(118, 'CAFÉ-POS-CLOUD', 'Cloud POS licence (per terminal)', 49, 30, SUB_HOSTED, PT_SUBSCRIPTION),
	// Inactive: not found for a new addition (CW06), but an existing active addition of it is still updated.
	item(
		119,
		'LEGACY-HOSTED-EXCH',
		'Legacy Hosted Exchange mailbox',
		8,
		4,
		SUB_LEGACY,
		PT_SUBSCRIPTION,
		'NonInventory',
		true,
	),
	// A Bundle cannot be an agreement addition (CW12).
	item(
		120,
		'M365-STARTER-BUNDLE',
		'Microsoft 365 Starter Bundle (Basic + backup + domain)',
		19,
		12.5,
		SUB_M365,
		PT_SUBSCRIPTION,
		'Bundle',
	),
	// Exists in the catalog, but its identifier holds both quote kinds: cannot be queried safely, so CW06.
	item(
		121,
		`SPLA-SQL-"STD"-2'CORE`,
		'SPLA SQL Server Standard (2-core, legacy import)',
		14,
		9.8,
		SUB_HOSTED,
		PT_LICENCE,
	),
	// Products Atria does not manage (never in Atria's billable data): their additions are left alone.
	item(122, 'ONSITE-SUPPORT', 'Onsite support (per hour)', 165, 70, SUB_SERVICES, PT_LABOUR, 'Service'),
	item(123, 'MANAGED-WORKSTATION', 'Managed workstation (per device)', 45, 12, SUB_SERVICES, PT_LABOUR, 'Agreement'),
	item(124, 'MANAGED-SERVER', 'Managed server (per server)', 180, 40, SUB_SERVICES, PT_LABOUR, 'Agreement'),
	item(125, 'MIMECAST-EMAIL-SEC', 'Mimecast Email Security (per mailbox)', 4.2, 2.9, SUB_M365, PT_SUBSCRIPTION),
];

function product(identifier: string): CwCatalogItem {
	const found = catalog.find((c) => c.identifier === identifier);
	if (!found) throw new Error(`demo: no catalog item ${identifier}`);
	return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Companies (ConnectWise /company/companies)
// ---------------------------------------------------------------------------------------------------------------

function company(id: number, identifier: string, name: string, deletedFlag = false): CwCompany {
	return {
		id,
		identifier,
		name,
		status: deletedFlag ? { ...STATUS_INACTIVE } : { ...STATUS_ACTIVE },
		deletedFlag,
		_info: { lastUpdated: '2026-03-14T05:20:11Z', updatedBy: 'skaur' },
	};
}

const companies: CwCompany[] = [
	company(251, 'BLUEGUM', 'Bluegum Accounting Pty Ltd'),
	company(252, 'KAURI-LEGAL', 'Kauri Legal Limited'),
	company(253, "O'Brien", "O'Brien & Sons Plumbing"),
	company(254, 'ZürichCafé', 'Zürich Café Collective'),
	company(255, 'Māori-Trust', 'Ngā Kete Māori Trust'),
	company(256, 'Łódź-Logistics', 'Łódź Logistics UK Ltd'),
	company(257, 'HarbourView', 'Harbour View Dental'),
	company(258, 'MERIDIAN', 'Meridian Freight Pty Ltd'),
	company(259, 'KOWHAI', 'Kōwhai Design Studio'),
	company(260, 'THAMESVET', 'Thames Valley Veterinary Practice'),
	company(261, 'IRONBARK', 'Ironbark Engineering Pty Ltd'),
	company(262, 'TUIBREW', 'Tui Brewing Co'),
	company(263, 'MOAPOINT', 'Moa Point Motors', true),
	company(264, `Bad"Id'Co`, 'Quotemark Consulting'),
	company(265, 'ACORNOAK', 'Acorn & Oak Estate Agents'),
	company(266, 'PIXELWORKS', 'PixelWorks Digital Ltd'),
	// Not an Atria customer: its agreement is never touched.
	company(267, 'WALKABOUT', 'Walkabout Travel Pty Ltd'),
	// Decoy for Atria's "GHOSTGUM": matching is by equality, never contains/like.
	company(268, 'GHOSTGUMTOURS', 'Ghost Gum Tours (old record)'),
	// The ConnectWise twin of an Atria customer with no Billing Identifier (CW04): never touched.
	company(269, 'WATTLEGROVE', 'Wattle Grove Childcare'),
];

function companyRef(identifier: string): { id: number; identifier: string; name: string } {
	const c = companies.find((x) => x.identifier === identifier);
	if (!c) throw new Error(`demo: no company ${identifier}`);
	return { id: c.id, identifier: c.identifier, name: c.name };
}

// ---------------------------------------------------------------------------------------------------------------
// Agreements (ConnectWise /finance/agreements)
// ---------------------------------------------------------------------------------------------------------------

function agreement(
	id: number,
	companyIdentifier: string,
	type: { id: number; name: string },
	name: string,
	startDate: string,
	agreementStatus: CwAgreementStatus = 'Active',
	endDate: string | null = null,
): CwAgreement {
	return {
		id,
		name,
		type: { ...type },
		company: companyRef(companyIdentifier),
		agreementStatus,
		cancelledFlag: agreementStatus === 'Cancelled',
		parentAgreement: null,
		billingCycle: { id: 1, name: 'Monthly' },
		prorateFlag: false,
		startDate,
		endDate,
		_info: { lastUpdated: '2026-09-26T22:04:11Z', updatedBy: 'AtriaAPI' },
	};
}

const agreements: CwAgreement[] = [
	agreement(1001, 'BLUEGUM', TYPE_CLOUD, 'Bluegum - Cloud Services', '2021-07-01T00:00:00Z'),
	agreement(1002, 'BLUEGUM', TYPE_MANAGED, 'Bluegum - Managed IT', '2019-03-01T00:00:00Z'),
	agreement(1003, 'KAURI-LEGAL', TYPE_CLOUD, 'Kauri Legal - Cloud & Hosting', '2022-04-01T00:00:00Z'),
	agreement(1004, "O'Brien", TYPE_CLOUD, "O'Brien - Cloud Services", '2023-02-01T00:00:00Z'),
	agreement(1005, 'ZürichCafé', TYPE_CLOUD, 'Zürich Café - Cloud', '2024-05-01T00:00:00Z'),
	agreement(1006, 'Māori-Trust', TYPE_CLOUD, 'Ngā Kete - Cloud Services', '2022-09-01T00:00:00Z'),
	agreement(1007, 'Łódź-Logistics', TYPE_CLOUD, 'Łódź Logistics - Cloud', '2023-11-01T00:00:00Z'),
	agreement(1008, 'HarbourView', TYPE_CLOUD, 'Harbour View Dental - Cloud', '2021-01-01T00:00:00Z'),
	agreement(1009, 'MERIDIAN', TYPE_CLOUD, 'Meridian Freight - Cloud', '2020-08-01T00:00:00Z'),
	agreement(1010, 'KOWHAI', TYPE_CLOUD, 'Kōwhai - Cloud Services', '2024-01-01T00:00:00Z'),
	agreement(1011, 'THAMESVET', TYPE_CLOUD, 'Thames Vet - Cloud & Hosting', '2019-10-01T00:00:00Z'),
	agreement(1012, 'IRONBARK', TYPE_MANAGED, 'Ironbark - Managed IT', '2020-02-01T00:00:00Z'),
	agreement(1013, 'IRONBARK', TYPE_LEGACY, 'Ironbark - Legacy Hosting', '2017-06-01T00:00:00Z'),
	agreement(
		1014,
		'TUIBREW',
		TYPE_CLOUD,
		'Tui Brewing - Cloud',
		'2021-05-01T00:00:00Z',
		'Cancelled',
		'2026-06-30T00:00:00Z',
	),
	agreement(1015, 'MOAPOINT', TYPE_CLOUD, 'Moa Point Motors - Cloud', '2022-03-01T00:00:00Z'),
	agreement(1016, `Bad"Id'Co`, TYPE_CLOUD, 'Quotemark - Cloud', '2023-08-01T00:00:00Z'),
	// Lower id than the two active ones, but Expired: never chosen.
	agreement(
		1017,
		'ACORNOAK',
		TYPE_CLOUD,
		'Acorn & Oak - Cloud (2022)',
		'2022-01-01T00:00:00Z',
		'Expired',
		'2024-12-31T00:00:00Z',
	),
	agreement(1018, 'ACORNOAK', TYPE_CLOUD, 'Acorn & Oak - Cloud Services', '2025-01-01T00:00:00Z'),
	agreement(1019, 'ACORNOAK', TYPE_CLOUD, 'Acorn & Oak - Cloud (Lettings office)', '2025-06-01T00:00:00Z'),
	agreement(1020, 'PIXELWORKS', TYPE_CLOUD, 'PixelWorks - Cloud', '2025-03-01T00:00:00Z'),
	agreement(1021, 'WALKABOUT', TYPE_CLOUD, 'Walkabout Travel - Cloud', '2020-11-01T00:00:00Z'),
	agreement(1022, 'GHOSTGUMTOURS', TYPE_CLOUD, 'Ghost Gum Tours - Cloud (old)', '2018-04-01T00:00:00Z'),
	agreement(1023, 'WATTLEGROVE', TYPE_CLOUD, 'Wattle Grove - Cloud', '2022-02-01T00:00:00Z'),
	agreement(1024, 'MERIDIAN', TYPE_BLOCK_HOURS, 'Meridian Freight - 20h block', '2026-01-01T00:00:00Z'),
];

// ---------------------------------------------------------------------------------------------------------------
// Agreement additions (ConnectWise /finance/agreements/{id}/additions)
// ---------------------------------------------------------------------------------------------------------------

function addition(
	id: number,
	agreementId: number,
	identifier: string,
	quantity: number,
	effectiveDate: string,
	cancelledDate: string | null = null,
): CwAddition {
	const p = product(identifier);
	const a = agreements.find((x) => x.id === agreementId);
	if (!a) throw new Error(`demo: no agreement ${agreementId}`);
	return {
		id,
		agreementId,
		product: { id: p.id, identifier: p.identifier },
		quantity,
		lessIncluded: 0,
		unitPrice: p.price,
		unitCost: p.cost,
		billCustomer: 'Billable',
		effectiveDate,
		cancelledDate,
		description: p.description,
		invoiceDescription: p.customerDescription,
		taxableFlag: true,
		agreementStatus: a.agreementStatus,
		_info: { lastUpdated: '2026-09-26T22:05:37Z', updatedBy: 'AtriaAPI' },
	};
}

const additions: CwAddition[] = [
	// 1001 Bluegum (Cloud)
	addition(5001, 1001, 'M365-BP', 22, '2021-07-01T00:00:00Z'),
	addition(5002, 1001, 'EXO-P1', 5, '2021-07-01T00:00:00Z'),
	addition(5003, 1001, 'AZ-BACKUP-TB', 2.5, '2022-02-01T00:00:00Z'),
	addition(5004, 1001, 'DOMAIN-COM-AU', 1, '2021-07-01T00:00:00Z'),
	addition(5005, 1001, 'ONSITE-SUPPORT', 10, '2021-07-01T00:00:00Z'),
	addition(5006, 1001, 'MIMECAST-EMAIL-SEC', 24, '2023-03-01T00:00:00Z'),
	// 1002 Bluegum (Managed Services: another type, untouched although it holds a managed SKU)
	addition(5007, 1002, 'MANAGED-WORKSTATION', 18, '2019-03-01T00:00:00Z'),
	addition(5008, 1002, 'M365-BP', 3, '2019-03-01T00:00:00Z'),
	// 1003 Kauri Legal
	addition(5009, 1003, 'M365-BS', 21, '2022-04-01T00:00:00Z'),
	addition(5010, 1003, 'AZ-BACKUP-TB', 1.5, '2022-04-01T00:00:00Z'),
	addition(5011, 1003, 'DOMAIN-CO-NZ', 1, '2022-04-01T00:00:00Z'),
	// 1004 O'Brien
	addition(5012, 1004, 'M365-BB', 4, '2023-02-01T00:00:00Z'),
	addition(5013, 1004, 'DOMAIN-COM-AU', 1, '2023-02-01T00:00:00Z'),
	// 1005 Zürich Café
	addition(5014, 1005, 'CAFÉ-POS-CLOUD', 2, '2024-05-01T00:00:00Z'),
	addition(5015, 1005, 'M365-BB', 2, '2024-05-01T00:00:00Z'),
	addition(5016, 1005, 'AZ-BACKUP-TB', 0.3, '2024-05-01T00:00:00Z'),
	// 1006 Ngā Kete Māori Trust
	addition(5017, 1006, 'M365-BS', 8, '2022-09-01T00:00:00Z'),
	addition(5018, 1006, 'TEAMS-PHONE-STD', 4, '2023-04-01T00:00:00Z'),
	addition(5019, 1006, 'M365-E3', 3, '2022-09-01T00:00:00Z'),
	addition(5020, 1006, 'DEFENDER-O365-P1', 0, '2022-09-01T00:00:00Z'),
	addition(5021, 1006, 'EXO-ARCHIVE', 6, '2022-09-01T00:00:00Z'),
	// 1007 Łódź Logistics: M365-BP twice (a retried create), EXO-P2 twice (second already zeroed)
	addition(5022, 1007, 'M365-BP', 10, '2023-11-01T00:00:00Z'),
	addition(5023, 1007, 'M365-BP', 12, '2023-11-01T00:00:00Z'),
	addition(5024, 1007, 'EXO-P2', 2, '2023-11-01T00:00:00Z'),
	addition(5025, 1007, 'EXO-P2', 0, '2024-02-01T00:00:00Z'),
	// 1008 Harbour View Dental
	addition(5026, 1008, 'M365-E3', 5, '2021-01-01T00:00:00Z'),
	addition(5027, 1008, 'EXO-P1', 4, '2021-01-01T00:00:00Z'),
	// 1009 Meridian Freight
	addition(5028, 1009, 'M365-BS', 15, '2020-08-01T00:00:00Z'),
	// 1010 Kōwhai Design
	addition(5029, 1010, 'M365-BB', 5, '2024-01-01T00:00:00Z'),
	// 1011 Thames Vet: an inactive catalog product still billed; cancelled lines that must never match
	addition(5030, 1011, 'LEGACY-HOSTED-EXCH', 11, '2019-10-01T00:00:00Z'),
	addition(5031, 1011, 'EXO-P1', 4, '2019-10-01T00:00:00Z', '2025-06-30T00:00:00Z'),
	addition(5032, 1011, 'EXO-P1', 6, '2025-07-01T00:00:00Z'),
	addition(5033, 1011, 'SPLA WIN SVR STD', 2, '2020-01-01T00:00:00Z', '2025-11-25T00:00:00Z'),
	addition(5034, 1011, 'M365-BP', 5, '2021-01-01T00:00:00Z', '2024-03-31T00:00:00Z'),
	// 1012 / 1013 Ironbark (no agreement of the type)
	addition(5035, 1012, 'MANAGED-SERVER', 2, '2020-02-01T00:00:00Z'),
	addition(5036, 1012, 'M365-BP', 7, '2020-02-01T00:00:00Z'),
	addition(5037, 1013, 'LEGACY-HOSTED-EXCH', 3, '2017-06-01T00:00:00Z'),
	// 1014 Tui Brewing (cancelled agreement)
	addition(5038, 1014, 'M365-BS', 4, '2021-05-01T00:00:00Z'),
	// 1015 Moa Point Motors (deleted company)
	addition(5039, 1015, 'EXO-P1', 3, '2022-03-01T00:00:00Z'),
	// 1016 Quotemark (identifier with both quote kinds)
	addition(5040, 1016, 'M365-BB', 1, '2023-08-01T00:00:00Z'),
	// 1017 / 1018 / 1019 Acorn & Oak
	addition(5041, 1017, 'M365-BS', 6, '2022-01-01T00:00:00Z'),
	addition(5042, 1018, 'M365-BS', 9, '2025-01-01T00:00:00Z'),
	addition(5043, 1018, 'DOMAIN-CO-UK', 2, '2025-01-01T00:00:00Z'),
	addition(5044, 1019, 'M365-BS', 3, '2025-06-01T00:00:00Z'),
	addition(5045, 1019, 'EXO-P1', 2, '2025-06-01T00:00:00Z'),
	// 1020 PixelWorks
	addition(5046, 1020, 'M365-BB', 4, '2025-03-01T00:00:00Z'),
	// 1021 Walkabout (not in Atria)
	addition(5047, 1021, 'M365-BP', 12, '2020-11-01T00:00:00Z'),
	addition(5048, 1021, 'EXO-P1', 3, '2020-11-01T00:00:00Z'),
	// 1022 Ghost Gum Tours old record (decoy)
	addition(5049, 1022, 'M365-BB', 5, '2018-04-01T00:00:00Z'),
	// 1023 Wattle Grove (its Atria customer has no Billing Identifier)
	addition(5050, 1023, 'EXO-P1', 2, '2022-02-01T00:00:00Z'),
	// 1024 Meridian block hours (another type)
	addition(5051, 1024, 'ONSITE-SUPPORT', 20, '2026-01-01T00:00:00Z'),
];

// ---------------------------------------------------------------------------------------------------------------
// Atria billing rows for the period ending 2026-10-25
// ---------------------------------------------------------------------------------------------------------------

interface DemoCustomer {
	code: string;
	name: string;
	billingId: string | null;
}

function rowsFor(
	c: DemoCustomer,
	lines: Array<[sku: string | null, description: string, thisMonth: number, lastMonth: number, billable?: boolean]>,
): AtriaRow[] {
	return lines.map(([sku, description, thisMonth, lastMonth, billable]) => ({
		customerCode: c.code,
		customerName: c.name,
		customerAccountCode: c.billingId,
		productSku: sku,
		summaryDescription: description,
		thisMonthCount: thisMonth,
		lastMonthCount: lastMonth,
		billableFlag: billable ?? true,
	}));
}

const rows: AtriaRow[] = [
	// BLUEGUM: the happy path. M365-BP up 22->24 (CW07), Azure backup up 2.5->3.75 TB (CW07, fractional),
	// EXO-P1 and the domain unchanged (CW09). Non-billable rows (an extra M365-BP, an EXO-ARCHIVE, a line
	// without SKU) must be ignored. ONSITE-SUPPORT and MIMECAST additions are not Atria's: left alone.
	...rowsFor({ code: 'BLUEGUM', name: 'Bluegum Accounting Pty Ltd', billingId: 'BLUEGUM' }, [
		['M365-BP', 'Microsoft 365 Business Premium', 24, 22],
		['EXO-P1', 'Exchange Online (Plan 1)', 5, 5],
		['AZ-BACKUP-TB', 'Azure Backup - file and SQL vaults (TB)', 3.75, 2.5],
		['DOMAIN-COM-AU', 'bluegum.com.au', 1, 1],
		['M365-BP', 'Microsoft 365 Business Premium - internal staff (not billed)', 2, 2, false],
		['EXO-ARCHIVE', 'Exchange Online Archiving (included, not billed)', 24, 22, false],
		[null, 'Atria platform fee (internal)', 1, 1, false],
	]),
	// KAURI: several rows of one SKU summed (12 + 7 = 19 vs 21: CW07, a decrease); 1.5 TB vs 1.5 TB (CW09).
	...rowsFor({ code: 'KAURI', name: 'Kauri Legal Limited', billingId: 'KAURI-LEGAL' }, [
		['M365-BS', 'Microsoft 365 Business Standard - Auckland office', 12, 12],
		['M365-BS', 'Microsoft 365 Business Standard - Wellington office', 7, 9],
		['AZ-BACKUP-TB', 'Azure Backup storage (TB)', 1.5, 1.5],
		['DOMAIN-CO-NZ', 'kaurilegal.co.nz', 1, 1],
	]),
	// OBRIEN: company identifier with a single quote, customer name with '&'. M365-BB 4->6 (CW07); a SKU with
	// double quotes not yet on the agreement (CW08 / CW22); domain unchanged (CW09).
	...rowsFor({ code: 'OBRIEN', name: "O'Brien & Sons Plumbing", billingId: "O'Brien" }, [
		['M365-BB', 'Microsoft 365 Business Basic', 6, 4],
		['NCE-M365-BP "Annual"', 'Microsoft 365 Business Premium (NCE annual)', 3, 0],
		['DOMAIN-COM-AU', 'obrienplumbing.com.au', 1, 1],
	]),
	// ZÜRICH: non-ASCII customer code, identifier and SKU. POS 2->3 (CW07); M365-BB unchanged (CW09);
	// 0.1 + 0.2 TB = 0.30000000000000004 vs 0.3 on the agreement: within tolerance (CW09).
	...rowsFor({ code: 'ZÜRICH', name: 'Zürich Café Collective', billingId: 'ZürichCafé' }, [
		['CAFÉ-POS-CLOUD', 'Cloud POS terminals', 3, 2],
		['M365-BB', 'Microsoft 365 Business Basic', 2, 2],
		['AZ-BACKUP-TB', 'Azure Backup - POS database vault (TB)', 0.1, 0.1],
		['AZ-BACKUP-TB', 'Azure Backup - office files vault (TB)', 0.2, 0.2],
	]),
	// MĀORI: removed services. Teams Phone sent with 0 this month (4 last month): CW20. M365-E3 is on the
	// agreement but not in its rows, and is managed (Harbour View sends 'm365-e3'): CW20. DEFENDER already 0:
	// nothing. EXO-ARCHIVE appears only in non-billable rows, so Atria does not manage it: left alone.
	...rowsFor({ code: 'MĀORI', name: 'Ngā Kete Māori Trust', billingId: 'Māori-Trust' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 8, 8],
		['TEAMS-PHONE-STD', 'Microsoft Teams Phone Standard', 0, 4],
	]),
	// ŁÓDŹ: duplicate additions. M365-BP 5022 (10, lowest id: primary) -> 12 (CW07) and 5023 (12) -> 0 (ACW02);
	// EXO-P2 5024 unchanged (CW09), its duplicate 5025 is already 0 (nothing).
	...rowsFor({ code: 'ŁÓDŹ', name: 'Łódź Logistics UK Ltd', billingId: 'Łódź-Logistics' }, [
		['M365-BP', 'Microsoft 365 Business Premium', 12, 10],
		['EXO-P2', 'Exchange Online (Plan 2)', 2, 2],
	]),
	// HARBOUR: billing identifier differs from 'HarbourView' only in case; SKUs differ in case ('m365-e3': CW07
	// 5->8; 'defender-o365-p1' new: CW08 creating DEFENDER-O365-P1 / CW22) or carry spaces (' EXO-P1 ': CW09).
	...rowsFor({ code: 'HARBOUR', name: 'Harbour View Dental', billingId: 'harbourview' }, [
		['m365-e3', 'Microsoft 365 E3', 8, 5],
		[' EXO-P1 ', 'Exchange Online (Plan 1) - shared mailboxes', 4, 4],
		['defender-o365-p1', 'Defender for Office 365 (Plan 1)', 8, 0],
	]),
	// MERIDIAN: lines without SKU (null, '', whitespace): three CW05; M365-BS unchanged (CW09).
	...rowsFor({ code: 'MERIDIAN', name: 'Meridian Freight Pty Ltd', billingId: 'MERIDIAN' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 15, 15],
		[null, 'Project labour - server migration', 1, 0],
		['', 'SMS notification credits', 500, 420],
		['   ', 'Printer fleet monitoring', 3, 3],
	]),
	// KOWHAI: products ConnectWise cannot supply. Unknown SKU (CW06), a SKU only in the catalog as INACTIVE with
	// no addition (CW06), a SKU with both quote kinds (CW06 though the catalog holds it), a Bundle (CW12);
	// M365-BB unchanged (CW09).
	...rowsFor({ code: 'KOWHAI', name: 'Kōwhai Design Studio', billingId: 'KOWHAI' }, [
		['M365-BB', 'Microsoft 365 Business Basic', 5, 5],
		['VEEAM-365-BACKUP', 'Veeam Backup for Microsoft 365', 10, 10],
		['LEGACY-HOSTED-EXCH', 'Hosted Exchange mailbox (legacy)', 4, 4],
		[`SPLA-SQL-"STD"-2'CORE`, 'SQL Server Standard (2-core)', 2, 2],
		['M365-STARTER-BUNDLE', 'Microsoft 365 Starter Bundle', 1, 1],
	]),
	// THAMESVET: an active addition of an INACTIVE catalog product is updated (11->9, CW07). The cancelled EXO-P1
	// (5031, lower id) is never matched: 5032 unchanged (CW09). 'SPLA WIN SVR STD' (SKU with spaces) has only a
	// cancelled addition: new line (CW08 / CW22). The cancelled M365-BP is not a removed service.
	...rowsFor({ code: 'THAMESVET', name: 'Thames Valley Veterinary Practice', billingId: 'THAMESVET' }, [
		['LEGACY-HOSTED-EXCH', 'Hosted Exchange mailbox (legacy)', 9, 11],
		['EXO-P1', 'Exchange Online (Plan 1)', 6, 6],
		['SPLA WIN SVR STD', 'Windows Server Standard (practice server)', 4, 0],
	]),
	// IRONBARK: the company exists but has no agreement of the type (Managed Services and a retired type): CW14.
	...rowsFor({ code: 'IRONBARK', name: 'Ironbark Engineering Pty Ltd', billingId: 'IRONBARK' }, [
		['M365-BP', 'Microsoft 365 Business Premium', 9, 7],
	]),
	// TUIBREW: the only agreement of the type is cancelled: CW14, plus CW05 for its line without SKU.
	...rowsFor({ code: 'TUIBREW', name: 'Tui Brewing Co', billingId: 'TUIBREW' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 5, 4],
		[null, 'Keg monitoring sensors', 12, 12],
	]),
	// MOAPOINT: the company is deleted (deletedFlag): CW14; its agreement is untouched.
	...rowsFor({ code: 'MOAPOINT', name: 'Moa Point Motors', billingId: 'MOAPOINT' }, [
		['EXO-P1', 'Exchange Online (Plan 1)', 5, 3],
	]),
	// BADQUOTE: the billing identifier holds both quote kinds: not queryable, CW14 (the company exists!).
	...rowsFor({ code: 'BADQUOTE', name: 'Quotemark Consulting', billingId: `Bad"Id'Co` }, [
		['M365-BB', 'Microsoft 365 Business Basic', 3, 1],
	]),
	// ACORNOAK: two active agreements of the type (1018, 1019) and an expired one (1017, lower id): 1018 is used
	// (ACW01). M365-BS 9->10 (CW07); domains unchanged (CW09). 1017 and 1019 are untouched.
	...rowsFor({ code: 'ACORNOAK', name: 'Acorn & Oak Estate Agents', billingId: 'ACORNOAK' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 10, 9],
		['DOMAIN-CO-UK', 'acornoak.co.uk, acornoak-lettings.co.uk', 2, 2],
	]),
	// PIXELWORKS: customer name with <script>; billing identifier with a trailing space. New hosted desktops
	// (CW08 / CW22); a SKU in the catalog with 0 this month and no addition: nothing; M365-BB unchanged (CW09).
	...rowsFor({ code: 'PIXELWORKS', name: "PixelWorks <script>alert('x')</script> Ltd", billingId: 'PIXELWORKS ' }, [
		['M365-BB', 'Microsoft 365 Business Basic', 4, 4],
		['HOSTED-DESKTOP', 'Hosted Desktop - design team', 4, 0],
		['SSL-WILDCARD', '*.pixelworks.co.nz certificate (expired)', 0, 1],
	]),
	// GHOSTGUM: no ConnectWise company with this identifier (only 'GHOSTGUMTOURS'): CW14, plus CW05.
	...rowsFor({ code: 'GHOSTGUM', name: 'Ghost Gum Tours', billingId: 'GHOSTGUM' }, [
		['M365-BB', 'Microsoft 365 Business Basic', 2, 2],
		[null, 'Website hosting (legacy plan)', 1, 1],
	]),
	// NBPHYSIO: billing identifier longer than 30 characters: no company can match: CW14.
	...rowsFor(
		{ code: 'NBPHYSIO', name: 'Northern Beaches Physiotherapy Group', billingId: 'NORTHERN-BEACHES-PHYSIOTHERAPY-GRP' },
		[['M365-BS', 'Microsoft 365 Business Standard', 6, 6]],
	),
	// SUNSURF: no billing identifier (null): one CW04 only, its SKU-less line is not reported.
	...rowsFor({ code: 'SUNSURF', name: 'Sunshine Coast Surf School', billingId: null }, [
		['M365-BB', 'Microsoft 365 Business Basic', 3, 3],
		[null, 'Surf-cam streaming', 1, 1],
	]),
	// WATTLE: billing identifier of spaces only: CW04 (its ConnectWise twin WATTLEGROVE is untouched).
	...rowsFor({ code: 'WATTLE', name: 'Wattle Grove Childcare', billingId: '   ' }, [
		['EXO-P1', 'Exchange Online (Plan 1)', 3, 2],
	]),
	// PAUA: empty billing identifier: CW04.
	...rowsFor({ code: 'PAUA', name: 'Paua Pottery Ltd', billingId: '' }, [['DOMAIN-CO-NZ', 'pauapottery.co.nz', 1, 1]]),
];

function cloneRows(source: AtriaRow[]): AtriaRow[] {
	return source.map((r) => ({ ...r }));
}

export const demoDataset: Dataset = {
	name: 'demo',
	connectwise: {
		companies,
		agreementTypes,
		agreements,
		additions,
		catalog,
		subcategories,
		productTypes,
	},
	atria: {
		periodEndDay: 25,
		periods: { [DEMO_BILLING_PERIOD_END]: cloneRows(rows) },
		defaultRows: cloneRows(rows),
	},
	billingPeriodEnd: DEMO_BILLING_PERIOD_END,
	agreementType: DEMO_AGREEMENT_TYPE,
	expected: {
		createAllowed: demoExpectedCreateAllowed,
		createNotAllowed: demoExpectedCreateNotAllowed,
	},
};

/** A deep copy, so that a simulator may mutate its state without touching the shared demo. */
export function cloneDemoDataset(): Dataset {
	return JSON.parse(JSON.stringify(demoDataset)) as Dataset;
}
