import { createEntry } from '../../../nodes/core/log/entry';
import { closeRun, filterByLevel, summarizeRun, toLogRow } from '../../../nodes/core/log/run';
import { context } from '../fixtures';

describe('run log', () => {
	const start = createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' });
	const update = { ...createEntry(context, 'CW07', { customerCode: 'A', sku: 'S', quantityBefore: 2, quantityAfter: 5, unitPrice: 10 }), outcome: 'applied' as const };
	const create = { ...createEntry(context, 'CW08', { customerCode: 'B', sku: 'T', quantityAfter: 1.5 }), outcome: 'applied' as const };
	const planned = { ...createEntry(context, 'CW07', { customerCode: 'C', sku: 'S', quantityBefore: 1, quantityAfter: 9, unitPrice: 10 }), outcome: 'planned' as const };
	const unchanged = createEntry(context, 'CW09', { customerCode: 'A', lineDescription: 'x' });
	const warn = createEntry(context, 'CW06', { customerCode: 'A', sku: 'Z' });
	const error = createEntry(context, 'CW10', { customerCode: 'B', error: 'HTTP 400' });

	it('closes with CW23 and the status of everything before it', () => {
		expect(closeRun([start, update], context).status).toBe('Success');
		expect(closeRun([start, update, warn], context).status).toBe('Completed with warnings');
		const closed = closeRun([start, warn, error], context);
		expect(closed.status).toBe('Failed');
		expect(closed.entries.at(-1)?.message).toBe('Billing Process Completed with status Failed');
	});

	it('filters by minimum level', () => {
		expect(filterByLevel([start, unchanged, warn, error], 'Info').map((e) => e.code)).toEqual(['CW01', 'CW06', 'CW10']);
		expect(filterByLevel([start, unchanged, warn, error], 'Warn').map((e) => e.code)).toEqual(['CW06', 'CW10']);
		expect(filterByLevel([start, unchanged, warn, error], 'Verbose')).toHaveLength(4);
	});

	it('summarises counts, quantity and revenue change over applied writes only', () => {
		const summary = summarizeRun([start, update, create, planned, unchanged, warn, error], 'Failed');
		expect(summary.countsByCode).toEqual({ CW01: 1, CW06: 1, CW07: 2, CW08: 1, CW09: 1, CW10: 1 });
		expect(summary.countsByLevel).toEqual({ Verbose: 1, Info: 4, Warn: 1, Error: 1 });
		expect(summary.quantityChange).toBe(4.5);
		expect(summary.monthlyRevenueChange).toBe(30);
		expect(summary.writesWithoutPrice).toBe(1);
		expect(summary.billingPeriodEnd).toBe('2026-10-25');
		expect(summary.customers).toBe(3);
	});

	it('flattens an entry with empty cells for what it lacks', () => {
		const row = toLogRow(warn);
		expect(row).toMatchObject({ code: 'CW06', level: 'Warn', customerCode: 'A', sku: 'Z', quantityBefore: null, additionId: null });
	});
});
