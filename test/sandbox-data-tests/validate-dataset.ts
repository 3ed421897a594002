/**
 * Structural checks for any Dataset (demo or generated). Returns a list of problems: empty means valid.
 * Not a test file itself: demo.test.ts and generator.test.ts run it.
 */
import type { AtriaRow, CwAddition, Dataset, ExpectedAddition, ExpectedOutcome } from '../sandbox/model';
import { compareExpectedAdditions } from '../sandbox/data/generator';

export const UTC_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
export const KNOWN_CODES = [
	'ACW01',
	'ACW02',
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

function duplicates<T>(values: T[]): T[] {
	const seen = new Set<T>();
	const dup = new Set<T>();
	for (const v of values) {
		if (seen.has(v)) dup.add(v);
		seen.add(v);
	}
	return [...dup];
}

/** Multiset of "agreementId|productIdentifier" keys. */
function keyCounts(items: Array<{ agreementId: number; productIdentifier: string }>): Map<string, number> {
	const m = new Map<string, number>();
	for (const i of items) {
		const k = `${i.agreementId}|${i.productIdentifier}`;
		m.set(k, (m.get(k) ?? 0) + 1);
	}
	return m;
}

function activeStart(ds: Dataset): ExpectedAddition[] {
	return ds.connectwise.additions
		.filter((a) => a.cancelledDate == null)
		.map((a) => ({ agreementId: a.agreementId, productIdentifier: a.product.identifier, quantity: a.quantity }));
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
		if (!Number.isFinite(a.quantity) || a.quantity < 0) p(`addition ${a.id} quantity ${a.quantity}`);
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
	const byCustomer = new Map<string, AtriaRow>();
	for (const r of rows) {
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
	const customers = [...new Set(billableRows(ds).map((r) => r.customerCode))].sort();
	const start = activeStart(ds);
	const startKeys = keyCounts(start);
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
			if (!Number.isFinite(e.quantity) || e.quantity < 0) p(`${mode}: bad quantity ${e.quantity}`);
		}
		const keys = Object.keys(outcome.codesByCustomer).sort();
		if (JSON.stringify(keys) !== JSON.stringify(customers))
			p(`${mode}: codesByCustomer keys are not the billable customers`);
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

	// Create not allowed: the same active additions as at the start (no addition created, none cancelled).
	const notAllowed = ds.expected.createNotAllowed;
	const notAllowedKeys = keyCounts(notAllowed.additions);
	if (notAllowedKeys.size !== startKeys.size || [...startKeys].some(([k, n]) => notAllowedKeys.get(k) !== n)) {
		p('createNotAllowed: additions are not exactly the starting active additions');
	}
	// Create allowed: the starting additions plus one per CW08, each an active, non-Bundle catalog product.
	const allowed = ds.expected.createAllowed;
	const allowedKeys = keyCounts(allowed.additions);
	let createdCount = 0;
	for (const [k, n] of allowedKeys) {
		const before = startKeys.get(k) ?? 0;
		if (n < before) p(`createAllowed: ${k} lost an addition`);
		if (n > before) {
			createdCount += n - before;
			const identifier = k.slice(k.indexOf('|') + 1);
			const item = cw.catalog.find((c) => c.identifier === identifier);
			if (!item || item.inactiveFlag || item.productClass === 'Bundle')
				p(`createAllowed: created ${k} is not an active addable product`);
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
	// Additions of products Atria does not manage keep their quantities, in both modes.
	const managed = new Set(
		billableRows(ds)
			.filter((r) => !isBlank(r.productSku))
			.map((r) => norm(r.productSku as string)),
	);
	const unmanagedStart = start.filter((e) => !managed.has(norm(e.productIdentifier)));
	for (const [mode, outcome] of [
		['createAllowed', allowed],
		['createNotAllowed', notAllowed],
	] as Array<[string, ExpectedOutcome]>) {
		const unmanagedEnd = outcome.additions.filter((e) => !managed.has(norm(e.productIdentifier)));
		if (JSON.stringify(unmanagedEnd) !== JSON.stringify(unmanagedStart.slice().sort(compareExpectedAdditions))) {
			p(`${mode}: an addition of a product Atria does not manage changed`);
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
