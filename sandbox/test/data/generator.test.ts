import type { Dataset } from '../../model';
import {
	countCases,
	CUSTOMER_CASES,
	generateDataset,
	generateDatasetWithCases,
	LINE_CASES,
	NO_AGREEMENT_VARIANTS,
	NO_COMPANY_VARIANTS,
	type PlantedCases,
} from '../../data/generator';
import { referenceReconcile } from './referenceReconcile';
import { billableRows, isBlank, norm, validateDataset } from './validateDataset';

/** Lines per customer: distinct SKUs (trimmed, case-insensitive) plus SKU-less rows, billable only. */
function linesPerCustomer(ds: Dataset): Map<string, number> {
	const skus = new Map<string, Set<string>>();
	const noSku = new Map<string, number>();
	for (const r of billableRows(ds)) {
		if (isBlank(r.productSku)) noSku.set(r.customerCode, (noSku.get(r.customerCode) ?? 0) + 1);
		else {
			const set = skus.get(r.customerCode) ?? new Set<string>();
			set.add(norm(r.productSku as string));
			skus.set(r.customerCode, set);
		}
	}
	const out = new Map<string, number>();
	for (const code of new Set([...skus.keys(), ...noSku.keys()]))
		out.set(code, (skus.get(code)?.size ?? 0) + (noSku.get(code) ?? 0));
	return out;
}

/** Within tolerance of an expected count: relative for large counts, absolute slack for small ones. */
function near(actual: number, expected: number): boolean {
	return Math.abs(actual - expected) <= Math.max(0.25 * expected, 4 * Math.sqrt(expected) + 3);
}

describe('generator: determinism and size', () => {
	it('gives byte-identical JSON for the same seed and different data for another seed', () => {
		const a = JSON.stringify(generateDataset({ customers: 300, linesPerCustomer: 6, seed: 7 }));
		const b = JSON.stringify(generateDataset({ customers: 300, linesPerCustomer: 6, seed: 7 }));
		const c = JSON.stringify(generateDataset({ customers: 300, linesPerCustomer: 6, seed: 8 }));
		expect(a).toBe(b);
		expect(c).not.toBe(a);
		expect(JSON.stringify(generateDataset({ customers: 300, linesPerCustomer: 6, seed: 0 }))).not.toBe(
			JSON.stringify(generateDataset({ customers: 300, linesPerCustomer: 6, seed: 1 })),
		);
	});

	it('does not use Math.random', () => {
		const spy = jest.spyOn(Math, 'random');
		generateDataset({ customers: 50, linesPerCustomer: 5, seed: 3 });
		expect(spy).not.toHaveBeenCalled();
		spy.mockRestore();
	});

	it('generates 5,000 customers x 15 lines in well under 2 s, the same bytes twice', () => {
		generateDataset({ customers: 200, linesPerCustomer: 15, seed: 1 }); // warm up
		const t0 = performance.now();
		const { dataset, planted } = generateDatasetWithCases({ customers: 5000, linesPerCustomer: 15, seed: 2026 });
		const elapsed = performance.now() - t0;
		expect(elapsed).toBeLessThan(2000);
		expect(planted.customers).toBe(5000);
		const lines = linesPerCustomer(dataset);
		expect(lines.size).toBe(5000);
		expect([...lines.values()].every((n) => n === 15)).toBe(true);
		expect(
			dataset.connectwise.catalog.filter((c) => c.productClass !== 'Bundle' && !c.inactiveFlag).length,
		).toBeGreaterThanOrEqual(200);
		const again = generateDataset({ customers: 5000, linesPerCustomer: 15, seed: 2026 });
		expect(JSON.stringify(again.connectwise)).toBe(JSON.stringify(dataset.connectwise));
		expect(JSON.stringify(again.atria.periods)).toBe(JSON.stringify(dataset.atria.periods));
		expect(JSON.stringify(again.expected)).toBe(JSON.stringify(dataset.expected));
	});

	it('is structurally valid at 1,000 customers x 15 lines', () => {
		expect(validateDataset(generateDataset({ customers: 1000, linesPerCustomer: 15, seed: 2026 }))).toEqual([]);
	});

	it('honours catalogSize, customers and linesPerCustomer', () => {
		const ds = generateDataset({ customers: 40, linesPerCustomer: 3, seed: 11, catalogSize: 60 });
		expect(ds.connectwise.catalog).toHaveLength(60 + 5);
		const lines = linesPerCustomer(ds);
		expect(lines.size).toBe(40);
		expect([...lines.values()].every((n) => n === 3)).toBe(true);
		expect(new Set(ds.connectwise.catalog.map((c) => c.identifier)).size).toBe(65);
	});

	it('rejects invalid options', () => {
		expect(() => generateDataset({ customers: 0, linesPerCustomer: 5, seed: 1 })).toThrow(RangeError);
		expect(() => generateDataset({ customers: 10, linesPerCustomer: 2.5, seed: 1 })).toThrow(RangeError);
		expect(() => generateDataset({ customers: 10, linesPerCustomer: 500, seed: 1 })).toThrow(RangeError);
		expect(() => generateDataset({ customers: 10, linesPerCustomer: 5, seed: Number.NaN })).toThrow(RangeError);
		expect(() => generateDataset({ customers: 10, linesPerCustomer: 5, seed: 1, caseFraction: 0.5 })).toThrow(
			RangeError,
		);
		expect(() => generateDataset({ customers: 10, linesPerCustomer: 5, seed: 1, changedFraction: 1.5 })).toThrow(
			RangeError,
		);
	});
});

describe('generator: structure and expectation', () => {
	const seeds = [1, 2, 3, 42];
	it.each(seeds)('seed %i: structurally valid, identifiers realistic', (seed) => {
		const ds = generateDataset({ customers: 400, linesPerCustomer: 8, seed, caseFraction: 0.05 });
		expect(validateDataset(ds)).toEqual([]);
		const codes = new Set(billableRows(ds).map((r) => r.customerCode));
		expect(codes.size).toBe(400);
		expect(ds.connectwise.companies.every((c) => c.identifier.length <= 30 && /\p{L}/u.test(c.identifier))).toBe(true);
	});

	it.each(seeds)('seed %i: its constructed expectation agrees with the rule-by-rule reference', (seed) => {
		const ds = generateDataset({ customers: 400, linesPerCustomer: 8, seed, caseFraction: 0.08, changedFraction: 0.3 });
		expect(referenceReconcile(ds, true)).toEqual(ds.expected?.createAllowed);
		expect(referenceReconcile(ds, false)).toEqual(ds.expected?.createNotAllowed);
	});

	it('with caseFraction 0 and changedFraction 0 everything is unchanged', () => {
		const ds = generateDataset({ customers: 100, linesPerCustomer: 5, seed: 5, caseFraction: 0, changedFraction: 0 });
		const counts = countCases(ds);
		expect(counts.codes.createAllowed).toEqual({ CW09: 500 });
		expect(counts.codes.createNotAllowed).toEqual({ CW09: 500 });
		expect(ds.expected?.createAllowed.additions).toEqual(ds.expected?.createNotAllowed.additions);
	});

	it('plants every case when asked for many', () => {
		const { dataset, planted } = generateDatasetWithCases({
			customers: 600,
			linesPerCustomer: 10,
			seed: 9,
			caseFraction: 0.1,
		});
		for (const c of CUSTOMER_CASES) expect(planted.customerCases[c]).toBeGreaterThan(0);
		for (const c of LINE_CASES) expect(planted.lineCases[c]).toBeGreaterThan(0);
		for (const v of NO_AGREEMENT_VARIANTS) expect(planted.noAgreementVariants[v]).toBeGreaterThan(0);
		for (const v of NO_COMPANY_VARIANTS) expect(planted.noCompanyVariants[v]).toBeGreaterThan(0);
		expect(planted.removedService).toBeGreaterThan(0);
		expect(planted.removedAlreadyZero).toBeGreaterThan(0);
		expect(planted.nonBillableRows).toBeGreaterThan(0);
		expect(planted.caseVariants).toBeGreaterThan(0);
		expect(planted.extraCompanies).toBeGreaterThan(0);
		const counts = countCases(dataset);
		for (const code of ['ACW01', 'ACW02', 'ACW06', 'CW04', 'CW05', 'CW06', 'CW07', 'CW08', 'CW09', 'CW12', 'CW14', 'CW20']) {
			expect(counts.codes.createAllowed[code]).toBeGreaterThan(0);
		}
		expect(counts.codes.createNotAllowed.CW22).toBe(counts.codes.createAllowed.CW08);
		expect(counts.deletedCompanies).toBe(planted.noAgreementVariants.deleted);
	});
});

describe('generator: case counts', () => {
	const N = 5000;
	const M = 15;
	const cf = 0.02;
	const changedFraction = 0.1;
	let planted: PlantedCases;
	let counts: ReturnType<typeof countCases>;
	beforeAll(() => {
		const r = generateDatasetWithCases({ customers: N, linesPerCustomer: M, seed: 77 });
		planted = r.planted;
		counts = countCases(r.dataset);
	});

	it('expected codes are exactly what was planted', () => {
		const a = counts.codes.createAllowed;
		const n = counts.codes.createNotAllowed;
		expect(a.CW04).toBe(planted.customerCases.noBillingId);
		expect(a.CW14).toBe(planted.customerCases.noCompany + planted.customerCases.noAgreement);
		expect(a.ACW01).toBe(planted.customerCases.twoAgreements);
		expect(a.CW05).toBe(planted.lineCases.noSku + planted.skuLessLinesCw14);
		expect(a.CW06).toBe(planted.lineCases.unknownProduct);
		expect(a.CW07).toBe(planted.changed);
		expect(a.CW09).toBe(planted.unchanged);
		expect(a.CW08).toBe(planted.lineCases.newService);
		// A product whose only line stopped before the period: ACW06, never created (README rule 7).
		expect(a.ACW06).toBe(planted.lineCases.cancelledOnly);
		expect(n.ACW06).toBe(a.ACW06);
		expect(n.CW22).toBe(a.CW08);
		expect(a.CW12).toBe(planted.lineCases.bundle);
		expect(a.CW20).toBe(planted.lineCases.zeroRow + planted.removedService);
		expect(a.ACW02).toBe(planted.lineCases.duplicate);
		expect(counts.skuLessBillableRows).toBe(
			planted.lineCases.noSku + planted.skuLessLinesCw14 + planted.skuLessLinesCw04,
		);
		expect(counts.nonBillableRows).toBe(planted.nonBillableRows);
		expect(counts.customers).toBe(N);
	});

	it('customer cases are each about caseFraction of the customers', () => {
		for (const c of CUSTOMER_CASES) expect(near(planted.customerCases[c], N * cf)).toBe(true);
		expect(near(planted.removedService, N * cf * (1 - 4 * cf))).toBe(true);
	});

	it('line cases are each about caseFraction of the lines of found agreements', () => {
		const lines = (planted.customerCases.normal + planted.customerCases.twoAgreements) * M;
		for (const c of LINE_CASES) expect(near(planted.lineCases[c], lines * cf)).toBe(true);
		expect(planted.lineCases.normal).toBeGreaterThan(lines * (1 - LINE_CASES.length * cf) * 0.95);
	});

	it('about changedFraction of the lines with an addition changed', () => {
		const withAddition = planted.changed + planted.unchanged;
		expect(near(planted.changed, withAddition * changedFraction)).toBe(true);
		expect(planted.changed / (M * N)).toBeGreaterThan(0.06);
		expect(planted.changed / (M * N)).toBeLessThan(0.12);
	});
});
