import { batchForInList } from '../../../nodes/core/connectwise/batching';
import { allOf, equals, inList, isQuotable, quote, UnquotableValueError } from '../../../nodes/core/connectwise/conditions';

describe('conditions builder', () => {
	it('quotes with the quote kind the value does not contain', () => {
		expect(quote('ACME')).toBe('"ACME"');
		expect(quote("O'Brien")).toBe(`"O'Brien"`);
		expect(quote('NCE "Annual"')).toBe(`'NCE "Annual"'`);
		expect(quote('Zürich AG')).toBe('"Zürich AG"');
		expect(quote('" or 1=1')).toBe(`'" or 1=1'`);
		expect(quote('a) or (1=1')).toBe('"a) or (1=1"');
	});

	it.each([`Bad"Id'Co`, 'line\nbreak', 'tab\there', 'nul\u0000'])('refuses %j rather than alter the query', (value) => {
		expect(isQuotable(value)).toBe(false);
		expect(() => quote(value)).toThrow(UnquotableValueError);
		expect(() => inList('identifier', ['OK', value])).toThrow(UnquotableValueError);
	});

	it('builds lists and conjunctions', () => {
		expect(inList('identifier', ['A', "B'C"])).toBe(`identifier in ("A","B'C")`);
		expect(inList('company/id', [1, 2])).toBe('company/id in (1,2)');
		expect(allOf(inList('company/id', [1]), equals('type/id', 7), equals('cancelledFlag', false))).toBe(
			'(company/id in (1)) and (type/id = 7) and (cancelledFlag = false)',
		);
		expect(() => inList('identifier', [])).toThrow(RangeError);
	});
});

describe('in-list batching by URL length', () => {
	it('keeps every batch under the limit and loses nothing', () => {
		const values = Array.from({ length: 1000 }, (_, i) => `CUSTOMER-${i}-Ünïcode "q"`);
		const fixed = 300;
		const batches = batchForInList(values, fixed, 2000);
		expect(batches.flat()).toEqual(values);
		for (const batch of batches) {
			const list = encodeURIComponent(batch.map(quote).join(','));
			expect(fixed + list.length).toBeLessThanOrEqual(2000);
		}
		// Full batches: adding the next value would have crossed the limit.
		const first = batches[0];
		const withNext = encodeURIComponent([...first, batches[1][0]].map(quote).join(','));
		expect(fixed + withNext.length).toBeGreaterThan(2000);
	});

	it('batches numbers much more densely than text', () => {
		const ids = Array.from({ length: 5000 }, (_, i) => 100000 + i);
		expect(batchForInList(ids, 300, 2000).length).toBeLessThan(40);
	});
});
