import { groupBillingRows, parseCustomersFilter } from '../../../nodes/core/atria/customers';
import { parseRow, unwrapRows, type BillingRow } from '../../../nodes/core/atria/rows';

describe('Atria rows', () => {
	it('reads canonical names, aliases and other letter cases alike', () => {
		const canonical = parseRow(
			{ customerCode: 'ACME', customerName: 'Acme', customerAccountCode: 'ACME1', productSku: 'SKU1', summaryDescription: 'Mail', thisMonthCount: 3, lastMonthCount: 2, billableFlag: true },
			0,
		);
		const aliases = parseRow({ customerShortCode: 'ACME', customerName: 'Acme', billingIdentifier: 'ACME1', sku: 'SKU1', lineDescription: 'Mail', quantity: '3', billable: 'true' }, 0);
		const pascal = parseRow({ CustomerCode: 'ACME', CustomerName: 'Acme', CustomerAccountCode: 'ACME1', ProductSku: 'SKU1', SummaryGrouping: 'Mail', ThisMonthCount: 3, BillableFlag: 1 }, 0);
		for (const result of [canonical, aliases, pascal]) {
			expect(result.ok).toBe(true);
			if (result.ok) expect([result.row.customerCode, result.row.billingIdentifier, result.row.sku, result.row.description, result.row.quantity, result.row.billable]).toEqual(['ACME', 'ACME1', 'SKU1', 'Mail', 3, true]);
		}
	});

	it.each([
		['a negative quantity', { thisMonthCount: -1 }],
		['NaN', { thisMonthCount: Number.NaN }],
		['a huge quantity', { thisMonthCount: 1e12 }],
		['a quantity that is text', { thisMonthCount: 'ten' }],
		['no customer code', { customerCode: '' }],
		['no quantity', { thisMonthCount: undefined }],
	])('rejects %s with the row number and field', (_what, change) => {
		const result = parseRow({ customerCode: 'ACME', customerName: 'Acme', productSku: 'S', thisMonthCount: 1, ...change }, 4);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/^row 5: /);
	});

	it('accepts fractional quantities, blank SKUs and blank identifiers as missing', () => {
		const result = parseRow({ customerCode: 'A', customerName: 'A', customerAccountCode: '  ', productSku: '', thisMonthCount: 2.75 }, 0);
		expect(result.ok && [result.row.billingIdentifier, result.row.sku, result.row.quantity]).toEqual([null, null, 2.75]);
	});

	it('unwraps the documented envelopes only', () => {
		expect(unwrapRows([1])).toEqual([1]);
		expect(unwrapRows({ items: [1] })).toEqual([1]);
		expect(unwrapRows({ Data: [2] })).toEqual([2]);
		expect(unwrapRows({ rows: [1] })).toBeNull();
		expect(unwrapRows('x')).toBeNull();
	});
});

describe('grouping rows by customer', () => {
	const row = (customerCode: string, sku: string | null, quantity: number, description = 'd', billingIdentifier: string | null = 'BI'): BillingRow => ({
		customerCode,
		customerName: `${customerCode} name`,
		billingIdentifier,
		sku,
		description,
		quantity,
		previousQuantity: 1,
		billable: true,
	});

	it('sums a SKU over rows (case and spaces ignored), keeps SKU-less rows apart, and filters customers', () => {
		const rows = [row('A', 'M365', 1.1, 'first'), row('A', null, 2), row('B', 'X', 1), row('a', 'm365', 2.2, 'second'), row('A', null, 3)];
		const [a, b] = groupBillingRows(rows, { customersFilter: [], skipLinesWithoutSku: false });
		expect(a.lines).toEqual([
			{ sku: 'M365', description: 'first', quantity: 3.3, previousQuantity: 2, rows: 2 },
			{ sku: null, description: 'd', quantity: 2, previousQuantity: 1, rows: 1 },
			{ sku: null, description: 'd', quantity: 3, previousQuantity: 1, rows: 1 },
		]);
		expect(b.code).toBe('B');
		expect(groupBillingRows(rows, { customersFilter: [' b '], skipLinesWithoutSku: false }).map((c) => c.code)).toEqual(['B']);
		expect(groupBillingRows(rows, { customersFilter: [], skipLinesWithoutSku: true })[0].lines).toHaveLength(1);
	});

	it('splits a CustomersFilter on commas, semicolons and new lines', () => {
		expect(parseCustomersFilter(' ACME, GLOBEX;\nINITECH \n,, ')).toEqual(['ACME', 'GLOBEX', 'INITECH']);
		expect(parseCustomersFilter('')).toEqual([]);
	});
});
