/**
 * The demo dataset: a small, realistic MSP ("Southern Cross Cloud", an Atria reseller in AU/NZ/UK) whose
 * ConnectWise agreements and Atria billing period 2026-10-25 (2026-09-26 to 2026-10-25) exercise every CW04-CW22
 * situation of Atria's ConnectWise Manage Billing job, and every case of the billing model (README rules 6 to 8):
 * lines with a cancel date ahead, NoCharge / DoNotBill lines, credits, lines that start later or stopped before
 * the period, prices that disagree, a line replaced during the period, included units, and services that left
 * (a retired SKU, a customer with rows only in the period before, 2026-09-25).
 *
 * The expected outcome is NOT computed here: it is written by hand in demoExpected.ts, reasoned from the
 * reconcile rules, and is the independent oracle the planner is tested against. Each customer below carries a
 * comment naming the situation it exercises; demoSituations (demoExpected.ts) is the same list for the README.
 */
import type {
	AtriaRow,
	CwAddition,
	CwAgreement,
	CwAgreementStatus,
	CwAgreementType,
	CwBillCustomer,
	CwCatalogItem,
	CwCompany,
	CwNamedRef,
	CwProductClass,
	Dataset,
} from '../model';
import { demoExpectedCreateAllowed, demoExpectedCreateNotAllowed } from './demoExpected';

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
	// A retired product: no customer reports it this period, one did in the period before (HOKI), so it is still
	// Atria's and its line goes to 0.
	item(126, 'SKYPE-BIZ-P2', 'Skype for Business Online (Plan 2)', 5.5, 4.2, SUB_M365, PT_SUBSCRIPTION),
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
	// The billing-model cases (README rules 6 to 8), one customer each.
	company(270, 'KEA-SURVEY', 'Kea Surveying Ltd'),
	company(271, 'TOTARA', 'Tōtara Chartered Accountants'),
	company(272, 'RIMU-JOINERY', 'Rimu Joinery Ltd'),
	company(273, 'KOTARE', 'Kōtare Events Ltd'),
	company(274, 'PIPIBAY', 'Pipi Bay Lodge'),
	company(275, 'HOKI-FISH', 'Hoki Fisheries Ltd'),
	company(276, 'TAKAHE', 'Takahē Tours Ltd'),
	company(277, 'MANUKA', 'Mānuka Honey Co-operative'),
	company(278, 'TUATARA', 'Tuatara Games Studio'),
	company(279, 'WEKA-LAW', 'Weka Law Partners'),
	company(280, 'KARAKA', 'Karaka Dental Group'),
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
	agreement(1025, 'KEA-SURVEY', TYPE_CLOUD, 'Kea Surveying - Cloud Services', '2023-07-01T00:00:00Z'),
	agreement(1026, 'TOTARA', TYPE_CLOUD, 'Tōtara - Cloud Services', '2022-08-01T00:00:00Z'),
	agreement(1027, 'RIMU-JOINERY', TYPE_CLOUD, 'Rimu Joinery - Cloud', '2024-02-01T00:00:00Z'),
	agreement(1028, 'KOTARE', TYPE_CLOUD, 'Kōtare Events - Cloud', '2023-05-01T00:00:00Z'),
	agreement(1029, 'PIPIBAY', TYPE_CLOUD, 'Pipi Bay Lodge - Cloud', '2025-01-01T00:00:00Z'),
	agreement(1030, 'HOKI-FISH', TYPE_CLOUD, 'Hoki Fisheries - Cloud Services', '2019-05-01T00:00:00Z'),
	agreement(1031, 'TAKAHE', TYPE_CLOUD, 'Takahē Tours - Cloud', '2021-09-01T00:00:00Z'),
	agreement(1032, 'MANUKA', TYPE_CLOUD, 'Mānuka Honey - Cloud & Hosting', '2020-03-01T00:00:00Z'),
	agreement(1033, 'TUATARA', TYPE_CLOUD, 'Tuatara Games - Cloud', '2024-09-01T00:00:00Z'),
	agreement(1034, 'WEKA-LAW', TYPE_CLOUD, 'Weka Law - Cloud Services', '2022-11-01T00:00:00Z'),
	agreement(1035, 'KARAKA', TYPE_CLOUD, 'Karaka Dental - Cloud & Hosting', '2021-04-01T00:00:00Z'),
];

// ---------------------------------------------------------------------------------------------------------------
// Agreement additions (ConnectWise /finance/agreements/{id}/additions)
// ---------------------------------------------------------------------------------------------------------------

/** What sets an addition apart from a plain Billable, open-ended line at the catalog price. */
interface AdditionOptions {
	/** The last day the line bills (UTC `yyyy-MM-ddTHH:mm:ssZ`); default none (open-ended). */
	cancelledDate?: string | null;
	/** Default 'Billable'. */
	billCustomer?: CwBillCustomer;
	/** Default the catalog price; negative for a discount line. */
	unitPrice?: number;
	/** Included units; default 0. */
	lessIncluded?: number;
	/** Default the catalog description. */
	description?: string;
}

function addition(
	id: number,
	agreementId: number,
	identifier: string,
	quantity: number,
	effectiveDate: string,
	options: AdditionOptions = {},
): CwAddition {
	const p = product(identifier);
	const a = agreements.find((x) => x.id === agreementId);
	if (!a) throw new Error(`demo: no agreement ${agreementId}`);
	return {
		id,
		agreementId,
		product: { id: p.id, identifier: p.identifier },
		quantity,
		lessIncluded: options.lessIncluded ?? 0,
		unitPrice: options.unitPrice ?? p.price,
		unitCost: p.cost,
		billCustomer: options.billCustomer ?? 'Billable',
		effectiveDate,
		cancelledDate: options.cancelledDate ?? null,
		description: options.description ?? p.description,
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
	// 1011 Thames Vet: an inactive catalog product still billed; lines that stopped before the period never match
	addition(5030, 1011, 'LEGACY-HOSTED-EXCH', 11, '2019-10-01T00:00:00Z'),
	addition(5031, 1011, 'EXO-P1', 4, '2019-10-01T00:00:00Z', { cancelledDate: '2025-06-30T00:00:00Z' }),
	addition(5032, 1011, 'EXO-P1', 6, '2025-07-01T00:00:00Z'),
	addition(5033, 1011, 'SPLA WIN SVR STD', 2, '2020-01-01T00:00:00Z', { cancelledDate: '2025-11-25T00:00:00Z' }),
	addition(5034, 1011, 'M365-BP', 5, '2021-01-01T00:00:00Z', { cancelledDate: '2024-03-31T00:00:00Z' }),
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
	// 1025 Kea Surveying: notice given, the line cancels at month end (after the period): it still bills.
	addition(5052, 1025, 'M365-BS', 10, '2023-07-01T00:00:00Z', { cancelledDate: '2026-10-31T00:00:00Z' }),
	// 1026 Tōtara: internal licences on a NoCharge line (lower id) beside the paid line of the same product.
	addition(5053, 1026, 'M365-BP', 3, '2022-08-01T00:00:00Z', {
		billCustomer: 'NoCharge',
		description: 'Microsoft 365 Business Premium - practice staff (no charge)',
	}),
	addition(5054, 1026, 'M365-BP', 15, '2022-08-01T00:00:00Z'),
	// 1027 Rimu Joinery: a credit (negative quantity, lower id) beside EXO-P1, a discount (negative price) beside
	// M365-BB.
	addition(5055, 1027, 'EXO-P1', -2, '2026-08-01T00:00:00Z', {
		description: 'Exchange Online (Plan 1) - 2 mailboxes credited for the migration',
	}),
	addition(5056, 1027, 'EXO-P1', 8, '2024-02-01T00:00:00Z'),
	addition(5057, 1027, 'M365-BB', 5, '2024-02-01T00:00:00Z'),
	addition(5058, 1027, 'M365-BB', 5, '2026-01-01T00:00:00Z', {
		unitPrice: -1.8,
		description: 'Microsoft 365 Business Basic - 20% trade association discount',
	}),
	// 1028 Kōtare Events: the current line and a line that starts after the period (the new office's seats).
	addition(5059, 1028, 'M365-BS', 6, '2023-05-01T00:00:00Z'),
	addition(5060, 1028, 'M365-BS', 10, '2026-12-01T00:00:00Z', {
		description: 'Microsoft 365 Business Standard - Tauranga office (from December)',
	}),
	// 1029 Pipi Bay Lodge
	addition(5061, 1029, 'AZ-BACKUP-TB', 3, '2025-01-01T00:00:00Z'),
	// 1030 Hoki Fisheries: a retired product still on the agreement.
	addition(5062, 1030, 'M365-BB', 4, '2019-05-01T00:00:00Z'),
	addition(5063, 1030, 'SKYPE-BIZ-P2', 6, '2019-05-01T00:00:00Z'),
	// 1031 Takahē Tours: the customer left Atria after the period ending 2026-09-25.
	addition(5064, 1031, 'M365-BS', 3, '2021-09-01T00:00:00Z'),
	addition(5065, 1031, 'DOMAIN-CO-NZ', 1, '2021-09-01T00:00:00Z'),
	addition(5066, 1031, 'ONSITE-SUPPORT', 2, '2021-09-01T00:00:00Z'),
	// 1032 Mānuka Honey: for each product, its only line is not a Billable line of the period.
	addition(5067, 1032, 'EXO-P2', 2, '2020-03-01T00:00:00Z', {
		billCustomer: 'NoCharge',
		description: 'Exchange Online (Plan 2) - shared mailboxes (no charge)',
	}),
	addition(5068, 1032, 'TEAMS-PHONE-STD', 4, '2020-03-01T00:00:00Z', {
		billCustomer: 'DoNotBill',
		description: 'Teams Phone - billed with the phone system agreement',
	}),
	addition(5069, 1032, 'DEFENDER-O365-P1', -5, '2026-07-01T00:00:00Z', {
		description: 'Defender for Office 365 (Plan 1) - promotional credit',
	}),
	addition(5070, 1032, 'M365-E3', 8, '2026-12-15T00:00:00Z', {
		description: 'Microsoft 365 E3 - upgrade scheduled for December',
	}),
	addition(5071, 1032, 'SSL-WILDCARD', 1, '2023-03-01T00:00:00Z', { cancelledDate: '2026-08-31T00:00:00Z' }),
	// 1033 Tuatara Games: two Billable lines of one product at different prices, both billing now.
	addition(5072, 1033, 'M365-BP', 10, '2024-09-01T00:00:00Z', {
		unitPrice: 33,
		description: 'Microsoft 365 Business Premium - seats at the 2024 price',
	}),
	addition(5073, 1033, 'M365-BP', 4, '2025-09-01T00:00:00Z'),
	// 1034 Weka Law: a line that stopped during the period and its replacement from the next day (same price).
	addition(5074, 1034, 'M365-BS', 5, '2022-11-01T00:00:00Z', { cancelledDate: '2026-10-10T00:00:00Z' }),
	addition(5075, 1034, 'M365-BS', 7, '2026-10-11T00:00:00Z'),
	// 1035 Karaka Dental: two desktops included in the practice plan.
	addition(5076, 1035, 'HOSTED-DESKTOP', 6, '2021-04-01T00:00:00Z', {
		lessIncluded: 2,
		description: 'Hosted Desktop - 2 included in the practice plan',
	}),
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
	// THAMESVET: an addition of an INACTIVE catalog product is updated (11->9, CW07). EXO-P1 5031 (lower id)
	// stopped in 2025 and is never matched: 5032 unchanged (CW09). 'SPLA WIN SVR STD' (SKU with spaces) has only
	// a line that stopped on 2025-11-25: a person ended it, so nothing is added and ACW06 says so (both modes).
	// M365-BP, managed, stopped in 2024: no line of the period to set to 0, nothing.
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

	// The billing model (README rules 6 to 8): the period is 2026-09-26 to 2026-10-25.

	// KEA: the only M365-BS line (5052) has a cancelled date after the period (notice given, 2026-10-31): it still
	// bills, so it takes Atria's count, 10->12 (CW07), and ACW05 warns that it stops on 2026-10-31. With creating
	// allowed, no second line is added.
	...rowsFor({ code: 'KEA', name: 'Kea Surveying Ltd', billingId: 'KEA-SURVEY' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 12, 10],
	]),
	// TOTARA: a NoCharge M365-BP line (5053, internal licences, lower id) and the Billable one (5054): the Billable
	// line takes Atria's count, 15->17 (CW07); the NoCharge line is untouched (not a duplicate).
	...rowsFor({ code: 'TOTARA', name: 'Tōtara Chartered Accountants', billingId: 'TOTARA' }, [
		['M365-BP', 'Microsoft 365 Business Premium', 17, 15],
	]),
	// RIMU: a credit line of EXO-P1 (5055, quantity -2, lower id) and a discount line of M365-BB (5058, price
	// -1.8) beside the normal lines: EXO-P1 5056 8->9, M365-BB 5057 5->6 (CW07 each); the credits are untouched.
	...rowsFor({ code: 'RIMU', name: 'Rimu Joinery Ltd', billingId: 'RIMU-JOINERY' }, [
		['EXO-P1', 'Exchange Online (Plan 1)', 9, 8],
		['M365-BB', 'Microsoft 365 Business Basic', 6, 5],
	]),
	// KOTARE: M365-BS has the current line (5059) and one that starts on 2026-12-01 (5060): the current one takes
	// Atria's count, 6->7 (CW07); the future one is untouched.
	...rowsFor({ code: 'KOTARE', name: 'Kōtare Events Ltd', billingId: 'KOTARE' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 7, 6],
	]),
	// PIPI: a fractional count against a whole one: 3 -> 0.5 TB (CW07), not a removal.
	...rowsFor({ code: 'PIPI', name: 'Pipi Bay Lodge', billingId: 'PIPIBAY' }, [
		['AZ-BACKUP-TB', 'Azure Backup - reservations system (TB)', 0.5, 3],
	]),
	// HOKI: M365-BB unchanged (CW09). SKYPE-BIZ-P2 is retired: no customer reports it this period, HOKI did in the
	// period before (2026-09-25, below), so it is Atria's and HOKI no longer has it: 6->0 (CW20).
	...rowsFor({ code: 'HOKI', name: 'Hoki Fisheries Ltd', billingId: 'HOKI-FISH' }, [
		['M365-BB', 'Microsoft 365 Business Basic', 4, 4],
	]),
	// TAKAHE has no rows this period, only in the period before (below): its Atria lines go to 0, M365-BS 3->0 and
	// DOMAIN-CO-NZ 1->0 (CW20 each); ONSITE-SUPPORT is not Atria's and stays; its SKU-less line is not reported.

	// MANUKA: Atria bills five products whose only line on the agreement cannot take its count, so nothing is
	// changed or added, in both modes, and ACW06 names the line each time: EXO-P2 is NoCharge (5067),
	// TEAMS-PHONE-STD DoNotBill (5068), DEFENDER-O365-P1 a credit (5069, -5), M365-E3 starts on 2026-12-15 (5070),
	// SSL-WILDCARD stopped on 2026-08-31 (5071).
	...rowsFor({ code: 'MANUKA', name: 'Mānuka Honey Co-operative', billingId: 'MANUKA' }, [
		['EXO-P2', 'Exchange Online (Plan 2)', 3, 2],
		['TEAMS-PHONE-STD', 'Microsoft Teams Phone Standard', 4, 4],
		['DEFENDER-O365-P1', 'Defender for Office 365 (Plan 1)', 5, 5],
		['M365-E3', 'Microsoft 365 E3', 8, 0],
		['SSL-WILDCARD', '*.manukahoney.co.nz certificate', 1, 1],
	]),
	// TUATARA: two Billable M365-BP lines billing now at different prices (5072 at 33, 5073 at 36.3): nobody can
	// say which line 15 belongs on, so nothing is changed (ACW07).
	...rowsFor({ code: 'TUATARA', name: 'Tuatara Games Studio', billingId: 'TUATARA' }, [
		['M365-BP', 'Microsoft 365 Business Premium', 15, 14],
	]),
	// WEKA: M365-BS 5074 stopped on 2026-10-10 and its replacement 5075 started on 2026-10-11 (same price): both
	// bill in the period but on no common day, so the replacement takes Atria's count, 7->8 (CW07), and the old
	// line is left alone (not a duplicate).
	...rowsFor({ code: 'WEKA', name: 'Weka Law Partners', billingId: 'WEKA-LAW' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 8, 5],
	]),
	// KARAKA: HOSTED-DESKTOP with 2 included units: the quantity becomes Atria's count, 6->9 (CW07), and the
	// included units stay 2 (ConnectWise invoices 7).
	...rowsFor({ code: 'KARAKA', name: 'Karaka Dental Group', billingId: 'KARAKA' }, [
		['HOSTED-DESKTOP', 'Hosted Desktop - clinic and front desk', 9, 6],
	]),
];

// ---------------------------------------------------------------------------------------------------------------
// Atria billing rows for the period before, ending 2026-09-25
// ---------------------------------------------------------------------------------------------------------------

export const DEMO_PREVIOUS_PERIOD_END = '2026-09-25';

/**
 * The period before: each row of the period that had a Last Month Count, with that count (its own last month
 * unknown, taken as the same), plus what only the period before had: the retired SKU and a customer that left.
 */
const previousRows: AtriaRow[] = [
	...rows
		.filter((r) => r.lastMonthCount > 0)
		.map((r) => ({ ...r, thisMonthCount: r.lastMonthCount })),
	// HOKI still had the retired Skype for Business plan; nobody has it this period.
	...rowsFor({ code: 'HOKI', name: 'Hoki Fisheries Ltd', billingId: 'HOKI-FISH' }, [
		['SKYPE-BIZ-P2', 'Skype for Business Online (Plan 2)', 6, 6],
	]),
	// TAKAHE's last period with Atria.
	...rowsFor({ code: 'TAKAHE', name: 'Takahē Tours Ltd', billingId: 'TAKAHE' }, [
		['M365-BS', 'Microsoft 365 Business Standard', 3, 3],
		['DOMAIN-CO-NZ', 'takahetours.co.nz', 1, 1],
		[null, 'Tour booking site hosting', 1, 1],
	]),
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
		periods: { [DEMO_BILLING_PERIOD_END]: cloneRows(rows), [DEMO_PREVIOUS_PERIOD_END]: cloneRows(previousRows) },
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
