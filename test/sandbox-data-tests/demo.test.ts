import type { AtriaRow, CwAddition, CwAgreement, CwCompany } from '../sandbox/model';
import { cloneDemoDataset, demoDataset, DEMO_AGREEMENT_TYPE, DEMO_BILLING_PERIOD_END } from '../sandbox/data/demo';
import {
	demoExpectedCreateAllowed,
	demoExpectedCreateNotAllowed,
	demoSituations,
	demoSituationsMarkdown,
} from '../sandbox/data/demo-expected';
import { countCases } from '../sandbox/data/generator';
import { referenceReconcile } from './reference-reconcile';
import {
	additionsByAgreement,
	billableRows,
	isBlank,
	isUtcDate,
	norm,
	periodRows,
	validateDataset,
} from './validate-dataset';

const ds = demoDataset;
const cw = ds.connectwise;
const rows = periodRows(ds);
const billable = billableRows(ds);
const customerCodes = [...new Set(billable.map((r) => r.customerCode))];
const byAgreement = additionsByAgreement(ds);
const cloudType = norm(DEMO_AGREEMENT_TYPE);

function rowsOf(code: string): AtriaRow[] {
	return billable.filter((r) => r.customerCode === code);
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
function activeAdditions(agreementId: number): CwAddition[] {
	return (byAgreement.get(agreementId) ?? []).filter((a) => a.cancelledDate == null);
}
function catalogItem(sku: string) {
	return cw.catalog.find((c) => norm(c.identifier) === norm(sku));
}
/** Customers whose company and single chosen agreement are found, with their chosen agreement. */
function processed(): Array<{ code: string; agreement: CwAgreement }> {
	const out: Array<{ code: string; agreement: CwAgreement }> = [];
	for (const code of customerCodes) {
		const c = companyFor(rowsOf(code)[0].customerAccountCode);
		if (!c || c.deletedFlag) continue;
		const agreements = activeCloud(c).sort((a, b) => a.id - b.id);
		if (agreements.length > 0) out.push({ code, agreement: agreements[0] });
	}
	return out;
}
const managed = new Set(billable.filter((r) => !isBlank(r.productSku)).map((r) => norm(r.productSku as string)));

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
		expect(dates.length).toBeGreaterThan(100);
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
			const has = (agreementId: number): boolean => activeAdditions(agreementId).some((a) => a.product.id === item.id);
			return senders.some((s) => has(s.agreement.id)) && senders.some((s) => !has(s.agreement.id));
		});
		expect(withAndWithout).toBe(true);
		expect(billable.some((r) => (r.productSku ?? '').includes('"') && (r.productSku ?? '').includes("'"))).toBe(true);
	});

	it('CW07: quantity changes up and down, including fractional ones', () => {
		const changes = processed().flatMap((p) =>
			activeAdditions(p.agreement.id).map((a) => {
				const total = rowsOf(p.code)
					.filter((r) => !isBlank(r.productSku) && norm(r.productSku as string) === norm(a.product.identifier))
					.reduce((s, r) => s + r.thisMonthCount, 0);
				return { before: a.quantity, after: total };
			}),
		);
		expect(changes.some((c) => c.after > c.before && c.before > 0)).toBe(true);
		expect(changes.some((c) => c.after < c.before && c.after > 0)).toBe(true);
		expect(changes.some((c) => c.after !== c.before && !Number.isInteger(c.after) && !Number.isInteger(c.before))).toBe(
			true,
		);
	});

	it('CW08/CW22: catalog SKUs absent from the agreement', () => {
		const absent = processed().filter((p) =>
			rowsOf(p.code).some((r) => {
				if (isBlank(r.productSku) || r.thisMonthCount === 0) return false;
				const item = catalogItem(r.productSku as string);
				return (
					item !== undefined &&
					!item.inactiveFlag &&
					item.productClass !== 'Bundle' &&
					!activeAdditions(p.agreement.id).some((a) => norm(a.product.identifier) === norm(r.productSku as string))
				);
			}),
		);
		expect(absent.length).toBeGreaterThanOrEqual(2);
	});

	it('CW09: unchanged lines, including a fractional sum within tolerance', () => {
		const fractionalSums = processed().some((p) =>
			activeAdditions(p.agreement.id).some((a) => {
				const matching = rowsOf(p.code).filter(
					(r) => !isBlank(r.productSku) && norm(r.productSku as string) === norm(a.product.identifier),
				);
				const total = matching.reduce((s, r) => s + r.thisMonthCount, 0);
				return matching.length > 1 && total !== a.quantity && Math.abs(total - a.quantity) <= 0.0001;
			}),
		);
		expect(fractionalSums).toBe(true);
		expect(processed().some((p) => activeAdditions(p.agreement.id).some((a) => a.quantity === 1.5))).toBe(true);
	});

	it('CW14: missing company, no agreement of the type, cancelled-only agreement, deleted company, unqueryable and too-long identifiers', () => {
		const ids = customerCodes.map((c) => rowsOf(c)[0].customerAccountCode).filter((id): id is string => !isBlank(id));
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
		const removed = processed().some((p) => {
			const skus = new Set(
				rowsOf(p.code)
					.filter((r) => !isBlank(r.productSku))
					.map((r) => norm(r.productSku as string)),
			);
			return activeAdditions(p.agreement.id).some(
				(a) => a.quantity > 0 && managed.has(norm(a.product.identifier)) && !skus.has(norm(a.product.identifier)),
			);
		});
		expect(removed).toBe(true);
		expect(billable.some((r) => r.thisMonthCount === 0 && r.lastMonthCount > 0 && !isBlank(r.productSku))).toBe(true);
	});

	it('ACW01: two active agreements of the type for one customer', () => {
		expect(cw.companies.some((c) => activeCloud(c).length >= 2)).toBe(true);
	});

	it('cancelled additions: one beside an active one, one alone', () => {
		const cancelled = cw.additions.filter((a) => a.cancelledDate != null);
		const beside = cancelled.some((c) =>
			activeAdditions(c.agreementId).some((a) => a.product.id === c.product.id && a.id > c.id),
		);
		const alone = cancelled.some((c) => !activeAdditions(c.agreementId).some((a) => a.product.id === c.product.id));
		expect(beside).toBe(true);
		expect(alone).toBe(true);
	});

	it('ACW02: duplicate active additions of one product on one agreement', () => {
		const dup = [...byAgreement.keys()].some((id) => {
			const seen = new Set<number>();
			return activeAdditions(id).some((a) => (seen.has(a.product.id) ? true : (seen.add(a.product.id), false)));
		});
		expect(dup).toBe(true);
	});

	it('an addition of a product Atria does not manage, and non-billable rows', () => {
		expect(
			processed().some((p) => activeAdditions(p.agreement.id).some((a) => a.product.identifier === 'ONSITE-SUPPORT')),
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
		const ids = customerCodes.map((c) => rowsOf(c)[0].customerAccountCode).filter((id): id is string => !isBlank(id));
		expect(ids.some((id) => !companyFor(id) && cw.companies.some((c) => norm(c.identifier).includes(norm(id))))).toBe(
			true,
		);
	});
});

describe('demo dataset: the hand-written expectation', () => {
	it('is the one attached to the dataset', () => {
		expect(ds.expected?.createAllowed).toBe(demoExpectedCreateAllowed);
		expect(ds.expected?.createNotAllowed).toBe(demoExpectedCreateNotAllowed);
	});

	it('lists the additions created only when creating is allowed', () => {
		const key = (e: { agreementId: number; productIdentifier: string; quantity: number }): string =>
			`${e.agreementId}|${e.productIdentifier}|${e.quantity}`;
		const notAllowed = new Set(demoExpectedCreateNotAllowed.additions.map(key));
		const extra = demoExpectedCreateAllowed.additions.filter((e) => !notAllowed.has(key(e))).map(key);
		expect(extra).toEqual([
			'1004|NCE-M365-BP "Annual"|3',
			'1008|DEFENDER-O365-P1|8',
			'1011|SPLA WIN SVR STD|4',
			'1020|HOSTED-DESKTOP|4',
		]);
	});

	it('leaves every agreement of an unprocessed customer or type untouched', () => {
		const chosen = new Set(processed().map((p) => p.agreement.id));
		const start = cw.additions
			.filter((a) => a.cancelledDate == null && !chosen.has(a.agreementId))
			.map((a) => `${a.agreementId}|${a.product.identifier}|${a.quantity}`)
			.sort();
		for (const outcome of [demoExpectedCreateAllowed, demoExpectedCreateNotAllowed]) {
			const end = outcome.additions
				.filter((e) => !chosen.has(e.agreementId))
				.map((e) => `${e.agreementId}|${e.productIdentifier}|${e.quantity}`)
				.sort();
			expect(end).toEqual(start);
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
			CW04: 3,
			CW05: 5,
			CW06: 3,
			CW07: 9,
			CW08: 4,
			CW09: 15,
			CW12: 1,
			CW14: 6,
			CW20: 2,
		});
		expect(counts.codes.createNotAllowed.CW22).toBe(4);
		expect(counts.codes.createNotAllowed.CW08).toBeUndefined();
		expect(counts.deletedCompanies).toBe(1);
		expect(counts.cancelledAgreements).toBe(1);
		expect(counts.cancelledAdditions).toBe(3);
		expect(counts.bundles).toBe(1);
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
	});
});
