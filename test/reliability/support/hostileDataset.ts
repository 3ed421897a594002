import type { AtriaRow, CwAddition, CwAgreement, CwCatalogItem, CwCompany, Dataset, ExpectedAddition } from '../../../sandbox/model';

/**
 * A small dataset whose names, billing identifiers and SKUs are built to break a careless client: quotes of
 * both kinds, an SQL-style `" or 1=1`, parentheses, commas, the `*` `%` `_` wildcards of ConnectWise's `like`,
 * control characters, non-ASCII letters and over-long values; decoys that a wildcard or `contains` match would
 * wrongly hit; negative, huge and fractional quantities and a duplicated row. The expected outcome below is
 * written by hand from the rules, as the demo's is.
 */
export const HOSTILE_PERIOD_END = '2026-10-25';
export const HOSTILE_AGREEMENT_TYPE = 'Cloud & "Hosting" (AU)';

const TYPE = { id: 7, name: HOSTILE_AGREEMENT_TYPE };

/** Values that can never be put in a ConnectWise query: they hold both quote kinds or a control character. */
export const UNQUOTABLE = {
	bothQuotesCompany: `Both"Kinds'Co`,
	controlCompany: 'NEW\nLINE',
	bothQuotesSku: `BOTH"SKU'S`,
	controlSku: 'CTRL\tSKU',
};
export const TOO_LONG_IDENTIFIER = 'L'.repeat(31);
export const TOO_LONG_SKU = 'S'.repeat(61);
export const TOO_LONG_CUSTOMER_CODE = 'X'.repeat(201);

const companies: CwCompany[] = (
	[
		[201, `" or 1=1`],
		[202, `O'Neil`],
		[203, 'ACME*'],
		[204, 'ACME-STAR'], // decoy for ACME* read as a wildcard
		[205, '100%'],
		[206, '1000'], // decoy for 100% read as a wildcard
		[207, '(PAREN)'],
		[208, 'Ünïcødé-Ωmega'],
		[209, 'A,B'],
		[210, UNQUOTABLE.bothQuotesCompany],
		[211, UNQUOTABLE.controlCompany],
		[212, 'ALLGOOD'],
		[213, 'A'], // decoys for A,B split at its comma
		[214, 'B'],
	] as Array<[number, string]>
).map(([id, identifier]) => ({ id, identifier, name: `Company ${id}`, status: { id: 1, name: 'Active' }, deletedFlag: false }));

const agreements: CwAgreement[] = companies.map((company) => ({
	id: company.id + 100,
	name: `Cloud ${company.id}`,
	type: { ...TYPE },
	company: { id: company.id, identifier: company.identifier, name: company.name },
	agreementStatus: 'Active',
	cancelledFlag: false,
	startDate: '2024-01-01T00:00:00Z',
}));

const catalogIdentifiers: Array<[number, string]> = [
	[401, `SKU" or 1=1`],
	[402, `SKU'S`],
	[403, 'SKU*'],
	[404, 'SKU-STAR'], // decoy
	[405, '50%OFF'],
	[406, '50XOFF'], // decoy
	[407, '(SKU)'],
	[408, 'Ñandú-Café-日本'],
	[409, UNQUOTABLE.bothQuotesSku],
	[410, UNQUOTABLE.controlSku],
	[411, 'PLAIN-1'],
	[412, 'SKU_1'],
	[413, 'SKUX1'], // decoy for the _ wildcard
	[414, 'FRACTION'],
	[415, 'DUPED'],
];
const catalog: CwCatalogItem[] = catalogIdentifiers.map(([id, identifier]) => ({
	id,
	identifier,
	description: `Product ${id}`,
	inactiveFlag: false,
	price: 10,
	productClass: 'NonInventory',
}));

function addition(id: number, agreementId: number, identifier: string, quantity: number): CwAddition {
	const product = catalog.find((item) => item.identifier === identifier)!;
	return { id, agreementId, product: { id: product.id, identifier }, quantity, unitPrice: 10, billCustomer: 'Billable', effectiveDate: '2024-01-01T00:00:00Z', cancelledDate: null };
}

const additions: CwAddition[] = [
	addition(5101, 301, `SKU" or 1=1`, 3),
	addition(5102, 301, 'SKU-STAR', 7),
	addition(5103, 302, 'SKU_1', 1),
	addition(5104, 302, 'SKUX1', 4),
	addition(5105, 303, '50XOFF', 2),
	addition(5106, 304, 'PLAIN-1', 9),
	addition(5107, 306, 'PLAIN-1', 9),
	addition(5108, 310, 'PLAIN-1', 1),
	addition(5109, 311, 'PLAIN-1', 1),
	addition(5110, 313, 'PLAIN-1', 1),
	addition(5111, 314, 'PLAIN-1', 1),
	addition(5112, 308, 'Ñandú-Café-日本', 1),
	addition(5113, 312, 'FRACTION', 1),
];

function row(customerCode: string, customerName: string, identifier: string | null, sku: string | null, quantity: number): AtriaRow {
	return {
		customerCode,
		customerName,
		customerAccountCode: identifier,
		productSku: sku,
		summaryDescription: `${sku ?? 'no SKU'} for ${customerName}`,
		thisMonthCount: quantity,
		lastMonthCount: 0,
		billableFlag: true,
	};
}

const rows: AtriaRow[] = [
	row(`C" or 1=1`, `Robert'); DROP TABLE Students;--`, `" or 1=1`, `SKU" or 1=1`, 5),
	row(`C" or 1=1`, `Robert'); DROP TABLE Students;--`, `" or 1=1`, `SKU'S`, 2),
	row(`C" or 1=1`, `Robert'); DROP TABLE Students;--`, `" or 1=1`, 'SKU*', 1),
	row(`O'NEIL`, `O'Neil "The Plumber"`, `O'Neil`, 'SKU_1', 2),
	row(`O'NEIL`, `O'Neil "The Plumber"`, `O'Neil`, '50%OFF', 3),
	row('STAR*', 'Star', 'ACME*', '(SKU)', 4),
	row('PCT%', 'Percent', '100%', 'PLAIN-1', 6),
	row('(PAREN)', 'Paren (Pty) Ltd', '(PAREN)', 'PLAIN-1', 1),
	row('ÜNÏ', 'Ünïcødé Ωmega 日本', 'Ünïcødé-Ωmega', 'Ñandú-Café-日本', 2),
	row('COMMA', 'Comma, Inc.', 'A,B', 'PLAIN-1', 2),
	row('BOTH', 'Both quotes', UNQUOTABLE.bothQuotesCompany, 'PLAIN-1', 5),
	row('CTRL', 'Control char', UNQUOTABLE.controlCompany, 'PLAIN-1', 5),
	row('LONGID', 'Long identifier', TOO_LONG_IDENTIFIER, 'PLAIN-1', 5),
	row('ALLGOOD', 'All Good', 'ALLGOOD', UNQUOTABLE.bothQuotesSku, 1),
	row('ALLGOOD', 'All Good', 'ALLGOOD', UNQUOTABLE.controlSku, 1),
	row('ALLGOOD', 'All Good', 'ALLGOOD', TOO_LONG_SKU, 1),
	row('ALLGOOD', 'All Good', 'ALLGOOD', 'FRACTION', 2.5),
	// The same row twice: Atria's lines of one SKU are summed, so this is 2.
	row('ALLGOOD', 'All Good', 'ALLGOOD', 'DUPED', 1),
	row('ALLGOOD', 'All Good', 'ALLGOOD', 'DUPED', 1),
	row('MULTI\nLINE', 'Multi\nline "name"', '', 'PLAIN-1', 1),
	// Unreadable quantities: each row is CW13 and its customer is not processed, so its other (readable) lines
	// change nothing either, and the line Atria could not state is not taken for a removed service.
	row('NEGATIVE', 'Negative', 'ACME-STAR', 'PLAIN-1', -1),
	row('NEGATIVE', 'Negative', 'ACME-STAR', 'SKU_1', 1),
	row('HUGE', 'Huge', '1000', 'PLAIN-1', 1e12),
	row('HUGE', 'Huge', '1000', 'FRACTION', 1),
	// An over-long customer code: CW13.
	row(TOO_LONG_CUSTOMER_CODE, 'Long code', 'A', 'PLAIN-1', 1),
];

/** A line of the seed (billing since 2024-01-01), or one the sync creates (from the period's first day). */
function expected(agreementId: number, productIdentifier: string, quantity: number, created = false): ExpectedAddition {
	return { agreementId, productIdentifier, quantity, effectiveDay: created ? '2026-09-26' : '2024-01-01' };
}

export const hostileExpected: ExpectedAddition[] = [
	// " or 1=1: its SKU" or 1=1 updated, SKU'S and SKU* created; the SKU-STAR decoy untouched.
	expected(301, `SKU" or 1=1`, 5),
	expected(301, `SKU'S`, 2, true),
	expected(301, 'SKU*', 1, true),
	expected(301, 'SKU-STAR', 7),
	// O'Neil: SKU_1 updated, 50%OFF created; SKUX1 untouched.
	expected(302, '50%OFF', 3, true),
	expected(302, 'SKU_1', 2),
	expected(302, 'SKUX1', 4),
	// ACME*: (SKU) created; its 50XOFF is not Atria's.
	expected(303, '(SKU)', 4, true),
	expected(303, '50XOFF', 2),
	// The decoys ACME-STAR and 1000: their customers' rows are unreadable, so untouched.
	expected(304, 'PLAIN-1', 9),
	expected(305, 'PLAIN-1', 6, true),
	expected(306, 'PLAIN-1', 9),
	expected(307, 'PLAIN-1', 1, true),
	expected(308, 'Ñandú-Café-日本', 2),
	expected(309, 'PLAIN-1', 2, true),
	// Unqueryable companies: untouched.
	expected(310, 'PLAIN-1', 1),
	expected(311, 'PLAIN-1', 1),
	// ALLGOOD: fractional update, the duplicated row summed into one new addition of 2.
	expected(312, 'DUPED', 2, true),
	expected(312, 'FRACTION', 2.5),
	// The decoys A and B (for "A,B"), untouched.
	expected(313, 'PLAIN-1', 1),
	expected(314, 'PLAIN-1', 1),
];

export const hostileExpectedCodes: Record<string, string[]> = {
	'C" or 1=1': ['CW07', 'CW08', 'CW08'],
	"O'NEIL": ['CW07', 'CW08'],
	'STAR*': ['CW08'],
	'PCT%': ['CW08'],
	'(PAREN)': ['CW08'],
	ÜNÏ: ['CW07'],
	COMMA: ['CW08'],
	BOTH: ['CW14'],
	CTRL: ['CW14'],
	LONGID: ['CW14'],
	ALLGOOD: ['CW06', 'CW06', 'CW06', 'CW07', 'CW08'],
	'MULTI\nLINE': ['CW04'],
	NEGATIVE: ['CW13'],
	HUGE: ['CW13'],
	[TOO_LONG_CUSTOMER_CODE]: ['CW13'],
};

/** The billing identifiers and SKUs the client may put in its queries: every readable, quotable one. */
export const QUERYABLE_IDENTIFIERS = [`" or 1=1`, `O'Neil`, 'ACME*', '100%', '(PAREN)', 'Ünïcødé-Ωmega', 'A,B', 'ALLGOOD'];
export const QUERYABLE_SKUS = [`SKU" or 1=1`, `SKU'S`, 'SKU*', 'SKU_1', '50%OFF', '(SKU)', 'PLAIN-1', 'Ñandú-Café-日本', 'FRACTION', 'DUPED'];

export function hostileDataset(): Dataset {
	return structuredClone({
		name: 'hostile',
		connectwise: { companies, agreementTypes: [{ ...TYPE, inactiveFlag: false }], agreements, additions, catalog, subcategories: [], productTypes: [] },
		atria: { periodEndDay: 25, periods: { [HOSTILE_PERIOD_END]: rows }, defaultRows: null },
		billingPeriodEnd: HOSTILE_PERIOD_END,
		agreementType: HOSTILE_AGREEMENT_TYPE,
		expected: {
			createAllowed: { additions: hostileExpected, codesByCustomer: hostileExpectedCodes },
			createNotAllowed: { additions: [], codesByCustomer: {} },
		},
	});
}
