/**
 * Structural checks for any Dataset (demo or generated). Returns a list of problems: empty means valid.
 * Not a test file itself: demo.test.ts and generator.test.ts run it.
 */
import type { AtriaRow, CwAddition, Dataset, ExpectedAddition, ExpectedOutcome } from '../../model';
import { compareExpectedAdditions } from '../../data/generator';

export const UTC_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
export const KNOWN_CODES = [
	'ACW01',
	'ACW02',
	'ACW05',
	'ACW06',
	'ACW07',
	'CW04',
	'CW05',
	'CW06',
	'CW07',
	'CW08',
	'CW09',
	'CW12',
	'CW14',
	'CW20',
	'CW22',
];

export function norm(value: string): string {
	return value.trim().toLowerCase();
}

export function isBlank(value: string | null | undefined): boolean {
	return value == null || value.trim() === '';
}

export function isUtcDate(value: string): boolean {
	const m = UTC_DATE.exec(value);
	if (!m) return false;
	const d = new Date(value);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) + 'Z' === value;
}

export function periodRows(ds: Dataset): AtriaRow[] {
	return ds.atria.periods[ds.billingPeriodEnd] ?? [];
}

export function billableRows(ds: Dataset): AtriaRow[] {
	return periodRows(ds).filter((r) => r.billableFlag);
}

const DAY_MS = 86_400_000;

function isoDay(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** The end of the period before the dataset's: the same end day a month earlier (or that month's last day). */
export function previousPeriodEnd(ds: Dataset): string {
	const [year, month, day] = ds.billingPeriodEnd.split('-').map(Number);
	const lastOfPrevious = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
	const endDay = ds.atria.periodEndDay === 'last' ? lastOfPrevious : Math.min(day, lastOfPrevious);
	return isoDay(Date.UTC(year, month - 2, endDay));
}

/** The billing period's first and last day, `YYYY-MM-DD`. */
export function periodBounds(ds: Dataset): { start: string; end: string } {
	return { start: isoDay(Date.parse(`${previousPeriodEnd(ds)}T00:00:00Z`) + DAY_MS), end: ds.billingPeriodEnd };
}

/** The rows Atria serves for the period before (as the simulator does: the period's own rows, else defaultRows). */
export function previousRows(ds: Dataset): AtriaRow[] {
	return ds.atria.periods[previousPeriodEnd(ds)] ?? ds.atria.defaultRows ?? [];
}

export function previousBillableRows(ds: Dataset): AtriaRow[] {
	return previousRows(ds).filter((r) => r.billableFlag);
}

/**
 * The customers a sync logs for: those of the period's billable rows, then those with a Billing Identifier whose
 * billable rows are only in the period before (their services left).
 */
export function loggedCustomers(ds: Dataset): string[] {
	const now = [...new Set(billableRows(ds).map((r) => r.customerCode))];
	const seen = new Set(now);
	const gone = [
		...new Set(
			previousBillableRows(ds)
				.filter((r) => !seen.has(r.customerCode) && !isBlank(r.customerAccountCode))
				.map((r) => r.customerCode),
		),
	];
	return [...now, ...gone];
}

/** The SKUs Atria manages (README rule 8): any SKU of a billable row, any customer, this period or the one before. */
export function managedSkus(ds: Dataset): Set<string> {
	return new Set(
		[...billableRows(ds), ...previousBillableRows(ds)]
			.filter((r) => !isBlank(r.productSku))
			.map((r) => norm(r.productSku as string)),
	);
}

/** The UTC day of a ConnectWise date, null when unset, undefined when unreadable. */
export function utcDayOf(value: string | null | undefined): string | null | undefined {
	if (value == null || value === '') return null;
	return isUtcDate(value) ? value.slice(0, 10) : undefined;
}

/**
 * README rule 6: whether a line can take Atria's quantity in the period (a candidate): it bills in the period
 * (started on or before its last day, not cancelled before its first), is Billable, and neither its quantity nor
 * its unit price is negative. Lines with unreadable dates are not.
 */
export function isCandidate(a: CwAddition, bounds: { start: string; end: string }): boolean {
	const from = utcDayOf(a.effectiveDate);
	const to = utcDayOf(a.cancelledDate);
	if (from === undefined || to === undefined) return false;
	const bills = (from === null || from <= bounds.end) && (to === null || to >= bounds.start);
	return bills && a.billCustomer === 'Billable' && a.quantity >= 0 && (a.unitPrice ?? 0) >= 0;
}

/** An addition as an expectation writes it. */
export function asExpected(a: CwAddition): ExpectedAddition {
	return {
		agreementId: a.agreementId,
		productIdentifier: a.product.identifier,
		quantity: a.quantity,
		billCustomer: a.billCustomer,
		lessIncluded: a.lessIncluded ?? 0,
		effectiveDay: utcDayOf(a.effectiveDate) ?? null,
		cancelledDay: utcDayOf(a.cancelledDate) ?? null,
	};
}

/** An expectation with its omitted fields filled in (a Billable line, no included units, no dates). */
function filled(e: ExpectedAddition): Required<ExpectedAddition> {
	return {
		agreementId: e.agreementId,
		productIdentifier: e.productIdentifier,
		quantity: e.quantity,
		billCustomer: e.billCustomer ?? 'Billable',
		lessIncluded: e.lessIncluded ?? 0,
		effectiveDay: e.effectiveDay ?? null,
		cancelledDay: e.cancelledDay ?? null,
	};
}

/** Everything about a line but its quantity: what a sync never changes. */
function shapeKey(e: ExpectedAddition): string {
	const f = filled(e);
	return [f.agreementId, f.productIdentifier, f.billCustomer, f.lessIncluded, f.effectiveDay ?? '-', f.cancelledDay ?? '-'].join('|');
}

/** The whole line, quantity included. */
export function lineKey(e: ExpectedAddition): string {
	return `${shapeKey(e)}|${e.quantity}`;
}

function duplicates<T>(values: T[]): T[] {
	const seen = new Set<T>();
	const dup = new Set<T>();
	for (const v of values) {
		if (seen.has(v)) dup.add(v);
		seen.add(v);
	}
	return [...dup];
}

/** Multiset of keys. */
function keyCounts(items: ExpectedAddition[], key: (e: ExpectedAddition) => string = shapeKey): Map<string, number> {
	const m = new Map<string, number>();
	for (const i of items) {
		const k = key(i);
		m.set(k, (m.get(k) ?? 0) + 1);
	}
	return m;
}

/** Every addition at the start, as an expectation writes it. */
function startLines(ds: Dataset): ExpectedAddition[] {
	return ds.connectwise.additions.map(asExpected);
}

export function validateDataset(ds: Dataset): string[] {
	const problems: string[] = [];
	const p = (msg: string): void => {
		if (problems.length < 200) problems.push(msg);
	};
	const cw = ds.connectwise;

	// --- ids ---
	const idSets: Array<[string, number[]]> = [
		['company', cw.companies.map((c) => c.id)],
		['agreement', cw.agreements.map((a) => a.id)],
		['addition', cw.additions.map((a) => a.id)],
		['catalog', cw.catalog.map((c) => c.id)],
		['agreementType', cw.agreementTypes.map((t) => t.id)],
		['subcategory', cw.subcategories.map((t) => t.id)],
		['productType', cw.productTypes.map((t) => t.id)],
	];
	for (const [what, ids] of idSets) {
		for (const d of duplicates(ids)) p(`duplicate ${what} id ${d}`);
		for (const id of ids) if (!Number.isInteger(id) || id <= 0) p(`${what} id ${id} is not a positive integer`);
	}

	// --- identifiers ---
	for (const c of cw.companies) {
		if (isBlank(c.identifier) || c.identifier.length > 30)
			p(`company ${c.id} identifier '${c.identifier}' empty or > 30`);
		if (c.identifier !== c.identifier.trim()) p(`company ${c.id} identifier has surrounding spaces`);
	}
	for (const d of duplicates(cw.companies.map((c) => norm(c.identifier)))) p(`company identifier '${d}' not unique`);
	for (const c of cw.catalog) {
		if (isBlank(c.identifier) || c.identifier.length > 60)
			p(`catalog ${c.id} identifier '${c.identifier}' empty or > 60`);
		if (c.identifier !== c.identifier.trim()) p(`catalog ${c.id} identifier has surrounding spaces`);
		if (c.subcategory && !cw.subcategories.some((s) => s.id === c.subcategory?.id && s.name === c.subcategory.name)) {
			p(`catalog ${c.id} subcategory does not exist`);
		}
		if (c.type && !cw.productTypes.some((s) => s.id === c.type?.id && s.name === c.type.name))
			p(`catalog ${c.id} type does not exist`);
	}
	for (const d of duplicates(cw.catalog.map((c) => norm(c.identifier)))) p(`catalog identifier '${d}' not unique`);
	for (const d of duplicates(cw.agreementTypes.map((t) => norm(t.name)))) p(`agreement type '${d}' not unique`);

	// --- references ---
	const companiesById = new Map(cw.companies.map((c) => [c.id, c]));
	const typesById = new Map(cw.agreementTypes.map((t) => [t.id, t]));
	const agreementsById = new Map(cw.agreements.map((a) => [a.id, a]));
	const catalogById = new Map(cw.catalog.map((c) => [c.id, c]));
	for (const a of cw.agreements) {
		const c = companiesById.get(a.company.id);
		if (!c || c.identifier !== a.company.identifier || c.name !== a.company.name)
			p(`agreement ${a.id} company reference inconsistent`);
		const t = typesById.get(a.type.id);
		if (!t || t.name !== a.type.name) p(`agreement ${a.id} type reference inconsistent`);
		if (a.cancelledFlag !== (a.agreementStatus === 'Cancelled'))
			p(`agreement ${a.id} cancelledFlag and status disagree`);
		for (const [field, value] of [
			['startDate', a.startDate],
			['endDate', a.endDate],
			['lastUpdated', a._info?.lastUpdated],
		] as const) {
			if (value != null && !isUtcDate(value)) p(`agreement ${a.id} ${field} '${value}' not UTC yyyy-MM-ddTHH:mm:ssZ`);
		}
	}
	for (const a of cw.additions) {
		const ag = agreementsById.get(a.agreementId);
		if (!ag) p(`addition ${a.id} agreement ${a.agreementId} does not exist`);
		const item = catalogById.get(a.product.id);
		if (!item || item.identifier !== a.product.identifier) p(`addition ${a.id} product reference inconsistent`);
		else if (item.productClass === 'Bundle') p(`addition ${a.id} is of a Bundle product`);
		if (ag && a.agreementStatus !== undefined && a.agreementStatus !== ag.agreementStatus)
			p(`addition ${a.id} agreementStatus differs`);
		// Negative quantities and prices are credits and discounts: allowed, as in ConnectWise.
		if (!Number.isFinite(a.quantity)) p(`addition ${a.id} quantity ${a.quantity}`);
		if (a.unitPrice !== undefined && !Number.isFinite(a.unitPrice)) p(`addition ${a.id} unitPrice ${a.unitPrice}`);
		if (a.lessIncluded !== undefined && !(Number.isFinite(a.lessIncluded) && a.lessIncluded >= 0))
			p(`addition ${a.id} lessIncluded ${a.lessIncluded}`);
		if (!['Billable', 'DoNotBill', 'NoCharge'].includes(a.billCustomer)) p(`addition ${a.id} billCustomer ${a.billCustomer}`);
		for (const [field, value] of [
			['effectiveDate', a.effectiveDate],
			['cancelledDate', a.cancelledDate],
			['lastUpdated', a._info?.lastUpdated],
		] as const) {
			if (value != null && !isUtcDate(value)) p(`addition ${a.id} ${field} '${value}' not UTC yyyy-MM-ddTHH:mm:ssZ`);
		}
	}
	for (const c of [...cw.companies, ...cw.catalog, ...cw.agreementTypes]) {
		if (c._info && !isUtcDate(c._info.lastUpdated)) p(`record ${c.id} lastUpdated '${c._info.lastUpdated}' not UTC`);
	}
	const type = cw.agreementTypes.find((t) => norm(t.name) === norm(ds.agreementType));
	if (!type || type.inactiveFlag) p(`agreement type '${ds.agreementType}' missing or inactive`);

	// --- Atria ---
	if (!/^\d{4}-\d{2}-\d{2}$/.test(ds.billingPeriodEnd)) p(`billingPeriodEnd '${ds.billingPeriodEnd}'`);
	const endDay = Number(ds.billingPeriodEnd.slice(8, 10));
	if (ds.atria.periodEndDay !== endDay && !(ds.atria.periodEndDay === 'last'))
		p('periodEndDay does not match billingPeriodEnd');
	const rows = periodRows(ds);
	if (rows.length === 0) p('no rows for the billing period');
	if (ds.atria.defaultRows && JSON.stringify(ds.atria.defaultRows) !== JSON.stringify(rows))
		p('defaultRows differ from the period rows');
	if (ds.atria.defaultRows && ds.atria.defaultRows === rows) p('defaultRows share the period rows array');
	for (const end of Object.keys(ds.atria.periods)) if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) p(`period key '${end}'`);
	const previous = ds.atria.periods[previousPeriodEnd(ds)];
	if (previous && previous === rows) p('the period before shares the period rows array');
	const byCustomer = new Map<string, AtriaRow>();
	for (const r of [...rows, ...(previous ?? [])]) {
		if (isBlank(r.customerCode)) p('row without customer code');
		if (!Number.isFinite(r.thisMonthCount) || r.thisMonthCount < 0)
			p(`row ${r.customerCode} thisMonthCount ${r.thisMonthCount}`);
		if (!Number.isFinite(r.lastMonthCount) || r.lastMonthCount < 0)
			p(`row ${r.customerCode} lastMonthCount ${r.lastMonthCount}`);
		const first = byCustomer.get(r.customerCode);
		if (!first) byCustomer.set(r.customerCode, r);
		else if (first.customerName !== r.customerName || first.customerAccountCode !== r.customerAccountCode) {
			p(`customer ${r.customerCode} rows disagree on name or billing identifier`);
		}
	}

	// --- expected ---
	if (!ds.expected) {
		p('no expected outcome');
		return problems;
	}
	const customers = loggedCustomers(ds).sort();
	const start = startLines(ds);
	const startKeys = keyCounts(start);
	const bounds = periodBounds(ds);
	for (const [mode, outcome] of [
		['createAllowed', ds.expected.createAllowed],
		['createNotAllowed', ds.expected.createNotAllowed],
	] as Array<[string, ExpectedOutcome]>) {
		const list = outcome.additions;
		for (let i = 1; i < list.length; i++) {
			if (compareExpectedAdditions(list[i - 1], list[i]) > 0) p(`${mode}: additions not sorted at ${i}`);
		}
		for (const e of list) {
			if (!agreementsById.has(e.agreementId)) p(`${mode}: agreement ${e.agreementId} does not exist`);
			if (!Number.isFinite(e.quantity)) p(`${mode}: bad quantity ${e.quantity}`);
			for (const day of [e.effectiveDay, e.cancelledDay]) {
				if (day != null && !isUtcDate(`${day}T00:00:00Z`)) p(`${mode}: bad day '${day}'`);
			}
		}
		const keys = Object.keys(outcome.codesByCustomer).sort();
		if (JSON.stringify(keys) !== JSON.stringify(customers))
			p(`${mode}: codesByCustomer keys are not the customers of the period (and those that left it)`);
		for (const [code, codes] of Object.entries(outcome.codesByCustomer)) {
			if (codes.length === 0) p(`${mode}: ${code} logs nothing`);
			const sorted = codes.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
			if (JSON.stringify(sorted) !== JSON.stringify(codes)) p(`${mode}: codes of ${code} not sorted`);
			for (const c of codes) if (!KNOWN_CODES.includes(c)) p(`${mode}: unknown code ${c} for ${code}`);
			if (mode === 'createAllowed' && codes.includes('CW22')) p(`${mode}: CW22 for ${code}`);
			if (mode === 'createNotAllowed' && codes.includes('CW08')) p(`${mode}: CW08 for ${code}`);
			if (codes.includes('CW04') && codes.length !== 1) p(`${mode}: CW04 with other codes for ${code}`);
			if (codes.includes('CW14') && codes.some((c) => c !== 'CW14' && c !== 'CW05'))
				p(`${mode}: CW14 with codes other than CW05 for ${code}`);
			if (codes.filter((c) => c === 'CW14').length > 1 || codes.filter((c) => c === 'ACW01').length > 1)
				p(`${mode}: repeated CW14/ACW01 for ${code}`);
		}
	}

	// Create not allowed: the same additions as at the start, only quantities changed (none created, none of
	// its dates, who pays or included units touched).
	const notAllowed = ds.expected.createNotAllowed;
	const notAllowedKeys = keyCounts(notAllowed.additions);
	if (notAllowedKeys.size !== startKeys.size || [...startKeys].some(([k, n]) => notAllowedKeys.get(k) !== n)) {
		p('createNotAllowed: additions are not exactly the starting additions (quantities aside)');
	}
	// Create allowed: the starting additions plus one per CW08, each an active, non-Bundle catalog product, added
	// as a Billable, open-ended line from the period's first day.
	const allowed = ds.expected.createAllowed;
	const allowedKeys = keyCounts(allowed.additions);
	let createdCount = 0;
	for (const [k, n] of allowedKeys) {
		const before = startKeys.get(k) ?? 0;
		if (n < before) p(`createAllowed: ${k} lost an addition`);
		if (n > before) {
			createdCount += n - before;
			const [agreementId, identifier, billCustomer, lessIncluded, from, to] = k.split('|');
			const item = cw.catalog.find((c) => c.identifier === identifier);
			if (!item || item.inactiveFlag || item.productClass === 'Bundle')
				p(`createAllowed: created ${k} is not an active addable product`);
			if (billCustomer !== 'Billable' || lessIncluded !== '0' || from !== bounds.start || to !== '-')
				p(`createAllowed: created ${k} is not a Billable open-ended line from ${bounds.start}`);
			if (!agreementsById.has(Number(agreementId))) p(`createAllowed: created ${k} on no agreement`);
		}
	}
	for (const k of startKeys.keys()) if (!allowedKeys.has(k)) p(`createAllowed: ${k} disappeared`);
	const cw08 = Object.values(allowed.codesByCustomer)
		.flat()
		.filter((c) => c === 'CW08').length;
	if (cw08 !== createdCount) p(`createAllowed: ${createdCount} additions created but ${cw08} CW08`);
	// Codes: identical between modes except CW08 <-> CW22.
	for (const code of customers) {
		const a = (allowed.codesByCustomer[code] ?? []).map((c) => (c === 'CW08' ? 'CW22' : c)).sort();
		const b = (notAllowed.codesByCustomer[code] ?? []).slice().sort();
		if (JSON.stringify(a) !== JSON.stringify(b)) p(`modes disagree for ${code} beyond CW08/CW22`);
	}
	// Additions of products Atria does not manage keep their quantities, in both modes; so do lines that cannot
	// take a quantity (README rule 6: stopped, starting later, not Billable, credits).
	const managed = managedSkus(ds);
	const unmanagedStart = start.filter((e) => !managed.has(norm(e.productIdentifier)));
	const frozen = cw.additions.filter((a) => !isCandidate(a, bounds)).map(asExpected);
	for (const [mode, outcome] of [
		['createAllowed', allowed],
		['createNotAllowed', notAllowed],
	] as Array<[string, ExpectedOutcome]>) {
		const unmanagedEnd = outcome.additions.filter((e) => !managed.has(norm(e.productIdentifier))).map(filled);
		if (JSON.stringify(unmanagedEnd) !== JSON.stringify(unmanagedStart.slice().sort(compareExpectedAdditions))) {
			p(`${mode}: an addition of a product Atria does not manage changed`);
		}
		const endLines = keyCounts(outcome.additions, lineKey);
		for (const [k, n] of keyCounts(frozen, lineKey)) {
			if ((endLines.get(k) ?? 0) < n) p(`${mode}: ${k} cannot take a quantity in the period but changed`);
		}
	}
	return problems;
}

/** Additions grouped by agreement id. */
export function additionsByAgreement(ds: Dataset): Map<number, CwAddition[]> {
	const m = new Map<number, CwAddition[]>();
	for (const a of ds.connectwise.additions) {
		const list = m.get(a.agreementId) ?? [];
		list.push(a);
		m.set(a.agreementId, list);
	}
	return m;
}
