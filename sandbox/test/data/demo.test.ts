import type { AtriaRow, CwAddition, CwAgreement, CwCompany } from '../../model';
import { cloneDemoDataset, demoDataset, DEMO_AGREEMENT_TYPE, DEMO_BILLING_PERIOD_END } from '../../data/demo';
import {
	demoExpectedCreateAllowed,
	demoExpectedCreateNotAllowed,
	demoSituations,
	demoSituationsMarkdown,
} from '../../data/demoExpected';
import { countCases } from '../../data/generator';
import { activeLines, expectedLines, missingLines, stateLines } from '../../../test/support/outcome';
import { referenceReconcile } from './referenceReconcile';
import {
	additionsByAgreement,
	billableRows,
	isBlank,
	isCandidate,
	isUtcDate,
	loggedCustomers,
	managedSkus,
	norm,
	periodBounds,
	periodRows,
	previousBillableRows,
	previousPeriodEnd,
	previousRows,
	utcDayOf,
	validateDataset,
} from './validateDataset';

const ds = demoDataset;
const cw = ds.connectwise;
const rows = periodRows(ds);
const billable = billableRows(ds);
const before = previousBillableRows(ds);
/** Every customer the sync logs for: those of the period, then those with rows only in the period before. */
const customerCodes = loggedCustomers(ds);
const byAgreement = additionsByAgreement(ds);
const cloudType = norm(DEMO_AGREEMENT_TYPE);
const bounds = periodBounds(ds);

/** The customer's billable rows of the period. */
function rowsOf(code: string): AtriaRow[] {
	return billable.filter((r) => r.customerCode === code);
}
function billingIdOf(code: string): string | null {
	return [...billable, ...before].find((r) => r.customerCode === code)?.customerAccountCode ?? null;
}
/** Atria's quantity of a SKU for a customer this period (0 when it has none). */
function quantityOf(code: string, identifier: string): number {
	return rowsOf(code)
		.filter((r) => !isBlank(r.productSku) && norm(r.productSku as string) === norm(identifier))
		.reduce((sum, r) => sum + r.thisMonthCount, 0);
}
function companyFor(billingId: string | null): CwCompany | undefined {
	if (isBlank(billingId)) return undefined;
	return cw.companies.find((c) => norm(c.identifier) === norm(billingId as string));
}
function cloudAgreements(c: CwCompany): CwAgreement[] {
	return cw.agreements.filter((a) => a.company.id === c.id && norm(a.type.name) === cloudType);
}
function activeCloud(c: CwCompany): CwAgreement[] {
	return cloudAgreements(c).filter((a) => !a.cancelledFlag && a.agreementStatus === 'Active');
}
/** The agreement's lines that can take Atria's quantity in the period (README rule 6). */
function candidates(agreementId: number): CwAddition[] {
	return (byAgreement.get(agreementId) ?? []).filter((a) => isCandidate(a, bounds));
}
/** Every line of a product on an agreement, whatever its dates or who pays. */
function linesOf(agreementId: number, identifier: string): CwAddition[] {
	return (byAgreement.get(agreementId) ?? []).filter((a) => norm(a.product.identifier) === norm(identifier));
}
function day(value: string | null | undefined): string | null {
	return utcDayOf(value) ?? null;
}
function catalogItem(sku: string) {
	return cw.catalog.find((c) => norm(c.identifier) === norm(sku));
}
/** Customers whose company and single chosen agreement are found, with their chosen agreement. */
function processed(): Array<{ code: string; agreement: CwAgreement }> {
	const out: Array<{ code: string; agreement: CwAgreement }> = [];
	for (const code of customerCodes) {
		const c = companyFor(billingIdOf(code));
		if (!c || c.deletedFlag) continue;
		const agreements = activeCloud(c).sort((a, b) => a.id - b.id);
		if (agreements.length > 0) out.push({ code, agreement: agreements[0] });
	}
	return out;
}
/** README rule 8: the SKUs of billable rows, any customer, this period or the one before. */
const managed = managedSkus(ds);
function agreementOf(code: string): CwAgreement {
	const found = processed().find((p) => p.code === code);
	if (!found) throw new Error(`${code} is not processed`);
	return found.agreement;
}

describe('demo dataset: shape', () => {
	it('is structurally valid (ids, references, dates, lengths, expected lists)', () => {
		expect(validateDataset(ds)).toEqual([]);
	});

	it('has the configured period, period end day and agreement type', () => {
		expect(ds.billingPeriodEnd).toBe('2026-10-25');
		expect(DEMO_BILLING_PERIOD_END).toBe('2026-10-25');
		expect(ds.atria.periodEndDay).toBe(25);
		expect(ds.agreementType).toBe('Cloud and Hosting Services');
		expect(ds.atria.defaultRows).toEqual(ds.atria.periods['2026-10-25']);
		expect(bounds).toEqual({ start: '2026-09-26', end: '2026-10-25' });
		expect(previousPeriodEnd(ds)).toBe('2026-09-25');
		expect(Object.keys(ds.atria.periods).sort()).toEqual(['2026-09-25', '2026-10-25']);
	});

	it('gives the period before each row with a Last Month Count at that count, plus what only it had', () => {
		const then = previousRows(ds);
		const fromLastMonth = rows.filter((r) => r.lastMonthCount > 0).map((r) => ({ ...r, thisMonthCount: r.lastMonthCount }));
		expect(then.slice(0, fromLastMonth.length)).toEqual(fromLastMonth);
		const only = then.slice(fromLastMonth.length);
		expect(only.map((r) => `${r.customerCode} ${r.productSku}`)).toEqual([
			'HOKI SKYPE-BIZ-P2',
			'TAKAHE M365-BS',
			'TAKAHE DOMAIN-CO-NZ',
			'TAKAHE null',
		]);
		// The retired SKU: in no row of the period, for any customer.
		expect(rows.some((r) => norm(r.productSku ?? '') === 'skype-biz-p2')).toBe(false);
		// The customer that left: rows only in the period before.
		expect(rows.some((r) => r.customerCode === 'TAKAHE')).toBe(false);
	});

	it('is a realistic MSP: enough customers, several agreement types, one inactive', () => {
		expect(customerCodes.length).toBeGreaterThanOrEqual(12);
		expect(cw.agreementTypes.map((t) => t.name)).toEqual(
			expect.arrayContaining(['Cloud and Hosting Services', 'Managed Services']),
		);
		expect(cw.agreementTypes.some((t) => t.inactiveFlag)).toBe(true);
		expect(cw.subcategories.length).toBeGreaterThanOrEqual(3);
		expect(cw.productTypes.length).toBeGreaterThanOrEqual(3);
		expect(cw.catalog.every((c) => typeof c.price === 'number' && typeof c.cost === 'number')).toBe(true);
	});

	it('uses realistic id ranges', () => {
		expect(Math.min(...cw.companies.map((c) => c.id))).toBeGreaterThanOrEqual(250);
		expect(Math.min(...cw.agreements.map((a) => a.id))).toBeGreaterThanOrEqual(1000);
		expect(Math.min(...cw.additions.map((a) => a.id))).toBeGreaterThanOrEqual(5000);
		expect(Math.min(...cw.catalog.map((c) => c.id))).toBeGreaterThanOrEqual(100);
	});

	it('writes every date in the exact UTC format', () => {
		const dates = [
			...cw.agreements.flatMap((a) => [a.startDate, a.endDate]),
			...cw.additions.flatMap((a) => [a.effectiveDate, a.cancelledDate, a._info?.lastUpdated]),
			...cw.companies.map((c) => c._info?.lastUpdated),
		].filter((d): d is string => typeof d === 'string');
		expect(dates.length).toBeGreaterThan(150);
		expect(dates.filter((d) => !isUtcDate(d))).toEqual([]);
		expect(isUtcDate('2026-10-25T00:00:00.000Z')).toBe(false);
		expect(isUtcDate('2026-02-30T00:00:00Z')).toBe(false);
	});

	it('writes every string in Unicode NFC (composed non-ASCII letters)', () => {
		const strings: string[] = [];
		JSON.stringify(ds, (_k, v: unknown) => {
			if (typeof v === 'string') strings.push(v);
			return v;
		});
		expect(strings.filter((s) => s.normalize('NFC') !== s)).toEqual([]);
	});

	it('cloneDemoDataset is a deep, independent copy', () => {
		const copy = cloneDemoDataset();
		expect(copy).toEqual(ds);
		copy.connectwise.additions[0].quantity = 999;
		expect(ds.connectwise.additions[0].quantity).not.toBe(999);
	});
});

describe('demo dataset: every situation occurs', () => {
	it('CW04: no billing identifier, null and empty/whitespace', () => {
		expect(rows.some((r) => r.customerAccountCode === null)).toBe(true);
		expect(
			rows.some(
				(r) => r.customerAccountCode !== null && r.customerAccountCode.trim() === '' && r.customerAccountCode !== '',
			),
		).toBe(true);
		expect(rows.some((r) => r.customerAccountCode === '')).toBe(true);
		// A CW04 customer also has a SKU-less row, which must not be reported.
		expect(billable.some((r) => r.customerAccountCode === null && r.productSku === null)).toBe(true);
	});

	it('CW05: billable lines without SKU: null, empty, whitespace', () => {
		const withId = billable.filter((r) => !isBlank(r.customerAccountCode));
		expect(withId.some((r) => r.productSku === null)).toBe(true);
		expect(withId.some((r) => r.productSku === '')).toBe(true);
		expect(withId.some((r) => r.productSku !== null && r.productSku !== '' && r.productSku.trim() === '')).toBe(true);
	});

	it('CW06: unknown SKU, SKU only inactive in the catalog, SKU with both quote kinds', () => {
		expect(billable.some((r) => !isBlank(r.productSku) && !catalogItem(r.productSku as string))).toBe(true);
		const inactive = cw.catalog.filter((c) => c.inactiveFlag);
		expect(inactive.length).toBeGreaterThanOrEqual(1);
		// The inactive SKU is sent by a customer without an addition for it, and by one with an active addition.
		const withAndWithout = inactive.some((item) => {
			const senders = processed().filter((p) =>
				rowsOf(p.code).some((r) => norm(r.productSku ?? '') === norm(item.identifier)),
			);
			const has = (agreementId: number): boolean => candidates(agreementId).some((a) => a.product.id === item.id);
			return senders.some((s) => has(s.agreement.id)) && senders.some((s) => !has(s.agreement.id));
		});
		expect(withAndWithout).toBe(true);
		expect(billable.some((r) => (r.productSku ?? '').includes('"') && (r.productSku ?? '').includes("'"))).toBe(true);
	});

	it('CW07: quantity changes up and down, including fractional ones', () => {
		const changes = processed().flatMap((p) =>
			candidates(p.agreement.id).map((a) => ({ before: a.quantity, after: quantityOf(p.code, a.product.identifier) })),
		);
		expect(changes.some((c) => c.after > c.before && c.before > 0)).toBe(true);
		expect(changes.some((c) => c.after < c.before && c.after > 0)).toBe(true);
		expect(changes.some((c) => c.after !== c.before && !Number.isInteger(c.after) && !Number.isInteger(c.before))).toBe(
			true,
		);
		// A fractional count below 1 against a whole line (a tolerance must never read it as 0).
		expect(changes.some((c) => c.after > 0 && c.after < 1 && Number.isInteger(c.before) && c.before > 1)).toBe(true);
	});

	it('CW08/CW22: catalog SKUs absent from the agreement', () => {
		const absent = processed().filter((p) =>
			rowsOf(p.code).some((r) => {
				if (isBlank(r.productSku) || r.thisMonthCount === 0) return false;
				const item = catalogItem(r.productSku as string);
				const sku = r.productSku as string;
				return (
					item !== undefined &&
					!(sku.includes('"') && sku.includes("'")) &&
					!item.inactiveFlag &&
					item.productClass !== 'Bundle' &&
					linesOf(p.agreement.id, r.productSku as string).length === 0
				);
			}),
		);
		expect(absent.map((p) => p.code)).toEqual(['OBRIEN', 'HARBOUR', 'PIXELWORKS']);
	});

	it('CW09: unchanged lines, including a fractional sum within tolerance', () => {
		const fractionalSums = processed().some((p) =>
			candidates(p.agreement.id).some((a) => {
				const matching = rowsOf(p.code).filter(
					(r) => !isBlank(r.productSku) && norm(r.productSku as string) === norm(a.product.identifier),
				);
				const total = matching.reduce((s, r) => s + r.thisMonthCount, 0);
				return matching.length > 1 && total !== a.quantity && Math.abs(total - a.quantity) <= 0.0001;
			}),
		);
		expect(fractionalSums).toBe(true);
		expect(processed().some((p) => candidates(p.agreement.id).some((a) => a.quantity === 1.5))).toBe(true);
	});

	it('CW14: missing company, no agreement of the type, cancelled-only agreement, deleted company, unqueryable and too-long identifiers', () => {
		const ids = customerCodes.map(billingIdOf).filter((id): id is string => !isBlank(id));
		expect(ids.some((id) => !companyFor(id))).toBe(true);
		expect(ids.some((id) => id.trim().length > 30)).toBe(true);
		expect(ids.some((id) => id.includes('"') && id.includes("'") && companyFor(id) !== undefined)).toBe(true);
		const companies = ids.map(companyFor).filter((c): c is CwCompany => c !== undefined);
		expect(
			companies.some(
				(c) => !c.deletedFlag && cloudAgreements(c).length === 0 && cw.agreements.some((a) => a.company.id === c.id),
			),
		).toBe(true);
		expect(
			companies.some(
				(c) =>
					cloudAgreements(c).length > 0 &&
					cloudAgreements(c).every((a) => a.cancelledFlag && a.agreementStatus === 'Cancelled'),
			),
		).toBe(true);
		expect(companies.some((c) => c.deletedFlag && activeCloud(c).length > 0)).toBe(true);
	});

	it('CW20: a managed addition absent from the rows, and a row at 0 with a positive last month', () => {
		const skusOf = (code: string, source: AtriaRow[]): Set<string> =>
			new Set(
				source
					.filter((r) => r.customerCode === code && !isBlank(r.productSku))
					.map((r) => norm(r.productSku as string)),
			);
		// Managed through another customer's rows this period, absent from this customer's rows in both periods.
		const removed = processed().some((p) =>
			candidates(p.agreement.id).some(
				(a) =>
					a.quantity > 0 &&
					billable.some((r) => norm(r.productSku ?? '') === norm(a.product.identifier)) &&
					!skusOf(p.code, billable).has(norm(a.product.identifier)) &&
					!skusOf(p.code, before).has(norm(a.product.identifier)),
			),
		);
		expect(removed).toBe(true);
		expect(billable.some((r) => r.thisMonthCount === 0 && r.lastMonthCount > 0 && !isBlank(r.productSku))).toBe(true);
	});

	it('CW20: a retired SKU (only in the period before, on an agreement) and a customer with rows only then', () => {
		const now = new Set(billable.filter((r) => !isBlank(r.productSku)).map((r) => norm(r.productSku as string)));
		const retired = [...managed].filter((sku) => !now.has(sku));
		expect(retired).toEqual(['skype-biz-p2']);
		expect(candidates(agreementOf('HOKI').id).filter((a) => norm(a.product.identifier) === 'skype-biz-p2')).toHaveLength(1);
		const gone = customerCodes.filter((code) => rowsOf(code).length === 0);
		expect(gone).toEqual(['TAKAHE']);
		const lines = candidates(agreementOf('TAKAHE').id);
		expect(lines.filter((a) => managed.has(norm(a.product.identifier)) && a.quantity > 0)).toHaveLength(2);
		expect(lines.some((a) => !managed.has(norm(a.product.identifier)))).toBe(true);
		expect(before.some((r) => r.customerCode === 'TAKAHE' && r.productSku === null)).toBe(true);
	});

	it('ACW01: two active agreements of the type for one customer', () => {
		expect(cw.companies.some((c) => activeCloud(c).length >= 2)).toBe(true);
	});

	it('lines that stopped before the period: one beside a line of the period (lower id), one alone', () => {
		const stopped = cw.additions.filter((a) => day(a.cancelledDate) !== null && (day(a.cancelledDate) as string) < bounds.start);
		const beside = stopped.some((c) =>
			candidates(c.agreementId).some((a) => a.product.id === c.product.id && a.id > c.id),
		);
		const alone = stopped.some((c) => linesOf(c.agreementId, c.product.identifier).length === 1);
		expect(beside).toBe(true);
		expect(alone).toBe(true);
	});

	it('ACW02: duplicate lines of one product, both billing in the period at one price', () => {
		const dup = [...byAgreement.keys()].some((id) => {
			const seen = new Set<string>();
			return candidates(id).some((a) => {
				const key = `${a.product.id}|${a.unitPrice}`;
				return seen.has(key) ? true : (seen.add(key), false);
			});
		});
		expect(dup).toBe(true);
	});

	it('an addition of a product Atria does not manage, and non-billable rows', () => {
		expect(
			processed().some((p) => candidates(p.agreement.id).some((a) => a.product.identifier === 'ONSITE-SUPPORT')),
		).toBe(true);
		expect(managed.has('onsite-support')).toBe(false);
		expect(
			rows.some((r) => !r.billableFlag && !isBlank(r.productSku) && managed.has(norm(r.productSku as string))),
		).toBe(true);
		expect(
			rows.some((r) => !r.billableFlag && !isBlank(r.productSku) && !managed.has(norm(r.productSku as string))),
		).toBe(true);
	});

	it('several rows with the same SKU for one customer', () => {
		const multi = customerCodes.some((code) => {
			const skus = rowsOf(code)
				.filter((r) => !isBlank(r.productSku))
				.map((r) => norm(r.productSku as string));
			return new Set(skus).size < skus.length;
		});
		expect(multi).toBe(true);
	});

	it('quotes, spaces and non-ASCII letters in codes, SKUs and names', () => {
		expect(cw.companies.some((c) => c.identifier.includes("'") && !c.identifier.includes('"'))).toBe(true);
		expect(cw.catalog.some((c) => c.identifier.includes('"') && !c.identifier.includes("'"))).toBe(true);
		expect(cw.catalog.some((c) => c.identifier.includes(' '))).toBe(true);
		for (const letters of ['Zürich', 'Māori', 'Łódź']) {
			expect(cw.companies.some((c) => c.identifier.includes(letters))).toBe(true);
			expect(rows.some((r) => r.customerAccountCode?.includes(letters))).toBe(true);
		}
		expect(customerCodes.some((c) => /[^\x20-\x7e]/.test(c))).toBe(true);
		expect(rows.some((r) => r.customerName.includes('<script>'))).toBe(true);
		expect(rows.some((r) => r.customerName.includes('&'))).toBe(true);
		expect(cw.companies.every((c) => c.identifier.length <= 30)).toBe(true);
		expect(cw.catalog.every((c) => c.identifier.length <= 60)).toBe(true);
	});

	it('case-insensitive, trimmed matching: identifier and SKUs differing only in case or spaces', () => {
		const id = (r: AtriaRow): string => r.customerAccountCode ?? '';
		expect(
			rows.some((r) =>
				cw.companies.some((c) => c.identifier !== id(r) && c.identifier.toLowerCase() === id(r).toLowerCase()),
			),
		).toBe(true);
		expect(
			rows.some(
				(r) =>
					r.customerAccountCode !== null &&
					r.customerAccountCode !== r.customerAccountCode.trim() &&
					r.customerAccountCode.trim() !== '',
			),
		).toBe(true);
		expect(
			billable.some(
				(r) =>
					!isBlank(r.productSku) &&
					cw.catalog.some((c) => c.identifier !== r.productSku && c.identifier.toLowerCase() === r.productSku),
			),
		).toBe(true);
		expect(billable.some((r) => !isBlank(r.productSku) && r.productSku !== (r.productSku as string).trim())).toBe(true);
	});

	it('a Bundle product and a decoy company whose identifier only contains a customer identifier', () => {
		expect(cw.catalog.some((c) => c.productClass === 'Bundle' && managed.has(norm(c.identifier)))).toBe(true);
		const ids = customerCodes.map(billingIdOf).filter((id): id is string => !isBlank(id));
		expect(ids.some((id) => !companyFor(id) && cw.companies.some((c) => norm(c.identifier).includes(norm(id))))).toBe(
			true,
		);
	});
});

describe('demo dataset: every billing-model case occurs (README rules 6 and 7)', () => {
	/** The customer's lines of one product, and Atria's quantity of it. */
	function product(code: string, identifier: string): { lines: CwAddition[]; q: number } {
		return { lines: linesOf(agreementOf(code).id, identifier), q: quantityOf(code, identifier) };
	}

	it('a: the only line has a cancelled date after the period, and Atria\'s count differs', () => {
		const { lines, q } = product('KEA', 'M365-BS');
		expect(lines).toHaveLength(1);
		expect(isCandidate(lines[0], bounds)).toBe(true);
		expect(day(lines[0].cancelledDate)! > bounds.end).toBe(true);
		expect(q).not.toBe(lines[0].quantity);
	});

	it('b: a NoCharge line with a lower id beside the Billable line of one product', () => {
		const { lines } = product('TOTARA', 'M365-BP');
		expect(lines.map((a) => a.billCustomer)).toEqual(['NoCharge', 'Billable']);
		expect(lines[0].id).toBeLessThan(lines[1].id);
		expect(lines.every((a) => day(a.effectiveDate)! <= bounds.end && a.cancelledDate == null)).toBe(true);
	});

	it('c: a credit line (negative quantity) and a discount line (negative price) beside normal lines', () => {
		const exo = product('RIMU', 'EXO-P1').lines;
		expect(exo.map((a) => a.quantity < 0)).toEqual([true, false]);
		const bb = product('RIMU', 'M365-BB').lines;
		expect(bb.map((a) => (a.unitPrice ?? 0) < 0)).toEqual([false, true]);
		expect([...exo, ...bb].every((a) => a.billCustomer === 'Billable' && a.cancelledDate == null)).toBe(true);
	});

	it('d: a line that starts after the period beside the current one', () => {
		const { lines } = product('KOTARE', 'M365-BS');
		expect(lines.map((a) => isCandidate(a, bounds))).toEqual([true, false]);
		expect(day(lines[1].effectiveDate)! > bounds.end).toBe(true);
	});

	it('e: a fractional count below 1 against a line of 3', () => {
		const { lines, q } = product('PIPI', 'AZ-BACKUP-TB');
		expect([lines.map((a) => a.quantity), q]).toEqual([[3], 0.5]);
	});

	it('g: for each product, its only line cannot take the quantity and Atria bills it', () => {
		const reasons = ['EXO-P2', 'TEAMS-PHONE-STD', 'DEFENDER-O365-P1', 'M365-E3', 'SSL-WILDCARD'].map((sku) => {
			const { lines, q } = product('MANUKA', sku);
			expect(lines).toHaveLength(1);
			expect(q).toBeGreaterThan(0);
			expect(isCandidate(lines[0], bounds)).toBe(false);
			const a = lines[0];
			if (a.billCustomer !== 'Billable') return a.billCustomer;
			if (a.quantity < 0) return 'credit';
			if (day(a.effectiveDate)! > bounds.end) return 'starts later';
			return day(a.cancelledDate)! < bounds.start ? 'stopped' : 'other';
		});
		expect(reasons).toEqual(['NoCharge', 'DoNotBill', 'credit', 'starts later', 'stopped']);
		// The existing case: THAMESVET's SPLA line stopped before the period.
		const spla = product('THAMESVET', 'SPLA WIN SVR STD');
		expect(spla.lines.map((a) => isCandidate(a, bounds))).toEqual([false]);
		expect(spla.q).toBeGreaterThan(0);
	});

	it('h: two Billable lines of one product billing now at different prices', () => {
		const { lines } = product('TUATARA', 'M365-BP');
		expect(lines.every((a) => isCandidate(a, bounds))).toBe(true);
		expect(new Set(lines.map((a) => a.unitPrice)).size).toBe(2);
	});

	it('i: a line cancelled during the period and its replacement from the next day, at one price', () => {
		const { lines } = product('WEKA', 'M365-BS');
		expect(lines.every((a) => isCandidate(a, bounds))).toBe(true);
		expect(day(lines[0].cancelledDate)! >= bounds.start && day(lines[0].cancelledDate)! <= bounds.end).toBe(true);
		const next = new Date(Date.parse(lines[0].cancelledDate!) + 86_400_000).toISOString().slice(0, 10);
		expect(day(lines[1].effectiveDate)).toBe(next);
		expect(lines[0].unitPrice).toBe(lines[1].unitPrice);
	});

	it('j: a line with included units whose quantity changes', () => {
		const { lines, q } = product('KARAKA', 'HOSTED-DESKTOP');
		expect(lines.map((a) => a.lessIncluded)).toEqual([2]);
		expect(q).not.toBe(lines[0].quantity);
	});
});

describe('demo dataset: the hand-written expectation', () => {
	it('is the one attached to the dataset', () => {
		expect(ds.expected?.createAllowed).toBe(demoExpectedCreateAllowed);
		expect(ds.expected?.createNotAllowed).toBe(demoExpectedCreateNotAllowed);
	});

	it('lists every addition, as the state comparison reads it (cancelled, future, NoCharge and credit lines too)', () => {
		const start = activeLines(cw.additions);
		expect(start).toEqual(stateLines(cw));
		expect(start).toHaveLength(cw.additions.length);
		expect(expectedLines(demoExpectedCreateNotAllowed.additions)).toHaveLength(cw.additions.length);
		expect(start).toContain('1025|M365-BS|Billable|10|0|2023-07-01|2026-10-31');
		expect(start).toContain('1026|M365-BP|NoCharge|3|0|2022-08-01|-');
		expect(start).toContain('1027|EXO-P1|Billable|-2|0|2026-08-01|-');
		expect(start).toContain('1035|HOSTED-DESKTOP|Billable|6|2|2021-04-01|-');
		// What a sync may change is quantities: every other field of every line is as it was.
		const shape = (line: string): string => line.split('|').filter((_field, i) => i !== 3).join('|');
		expect(expectedLines(demoExpectedCreateNotAllowed.additions).map(shape).sort()).toEqual(start.map(shape).sort());
	});

	it('lists the additions created only when creating is allowed: Billable, open-ended, from the period start', () => {
		const extra = missingLines(
			expectedLines(demoExpectedCreateAllowed.additions),
			expectedLines(demoExpectedCreateNotAllowed.additions),
		);
		expect(extra).toEqual([
			'1004|NCE-M365-BP "Annual"|Billable|3|0|2026-09-26|-',
			'1008|DEFENDER-O365-P1|Billable|8|0|2026-09-26|-',
			'1020|HOSTED-DESKTOP|Billable|4|0|2026-09-26|-',
		]);
		expect(
			missingLines(expectedLines(demoExpectedCreateNotAllowed.additions), expectedLines(demoExpectedCreateAllowed.additions)),
		).toEqual([]);
	});

	it('leaves every agreement of an unprocessed customer or type untouched', () => {
		const chosen = new Set(processed().map((p) => p.agreement.id));
		const start = activeLines(cw.additions.filter((a) => !chosen.has(a.agreementId)));
		for (const outcome of [demoExpectedCreateAllowed, demoExpectedCreateNotAllowed]) {
			expect(expectedLines(outcome.additions.filter((e) => !chosen.has(e.agreementId)))).toEqual(start);
		}
	});

	it('leaves every line that cannot take a quantity in the period as it was (README rule 6)', () => {
		const frozen = activeLines(cw.additions.filter((a) => !isCandidate(a, bounds)));
		expect(frozen).toHaveLength(12);
		for (const outcome of [demoExpectedCreateAllowed, demoExpectedCreateNotAllowed]) {
			expect(missingLines(frozen, expectedLines(outcome.additions))).toEqual([]);
		}
	});

	it('agrees with an independent rule-by-rule reference (cross-check of the hand reasoning)', () => {
		expect(referenceReconcile(ds, true)).toEqual(demoExpectedCreateAllowed);
		expect(referenceReconcile(ds, false)).toEqual(demoExpectedCreateNotAllowed);
	});

	it('counts the codes expected overall', () => {
		const counts = countCases(ds);
		expect(counts.codes.createAllowed).toEqual({
			ACW01: 1,
			ACW02: 1,
			ACW05: 1,
			ACW06: 6,
			ACW07: 1,
			CW04: 3,
			CW05: 5,
			CW06: 3,
			CW07: 17,
			CW08: 3,
			CW09: 16,
			CW12: 1,
			CW14: 6,
			CW20: 5,
		});
		expect(counts.codes.createNotAllowed.CW22).toBe(3);
		expect(counts.codes.createNotAllowed.CW08).toBeUndefined();
		expect(counts.deletedCompanies).toBe(1);
		expect(counts.cancelledAgreements).toBe(1);
		expect(counts.cancelledAdditions).toBe(6);
		expect(counts.bundles).toBe(1);
		expect(customerCodes).toHaveLength(32);
	});
});

describe('demo situations table', () => {
	it('describes every customer exactly once', () => {
		expect(demoSituations.map((s) => s.customerCode).sort()).toEqual(customerCodes.slice().sort());
		expect(demoSituations.every((s) => s.situation.length > 10)).toBe(true);
	});

	it('renders as a Markdown table with the codes of both modes, escaping HTML', () => {
		const md = demoSituationsMarkdown();
		const lines = md.trim().split('\n');
		expect(lines).toHaveLength(demoSituations.length + 2);
		expect(md).not.toContain('<script>');
		expect(md).toContain('| OBRIEN |');
		expect(lines.find((l) => l.startsWith('| PIXELWORKS |'))).toMatch(/CW08 CW09 \| CW09 CW22 \|$/);
		expect(lines.find((l) => l.startsWith('| THAMESVET |'))).toMatch(/ACW06 CW07 CW09 \| ACW06 CW07 CW09 \|$/);
		expect(lines.find((l) => l.startsWith('| TAKAHE |'))).toMatch(/CW20 CW20 \| CW20 CW20 \|$/);
	});
});
