import { createEntry } from '../../../nodes/core/log/entry';
import { closeRun, filterByLevel, summarizeRun, toLogRow } from '../../../nodes/core/log/run';
import { context } from '../fixtures';
import { messageOf } from '../../../nodes/core/log/entry';

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
		expect(messageOf(closed.entries.at(-1)!)).toBe('Billing Process Completed with status Failed');
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

describe('summarizeRun: money and the review split', () => {
	type Fields = Parameters<typeof createEntry>[2];
	const write = (code: 'CW07' | 'CW08' | 'CW20' | 'ACW02', outcome: 'planned' | 'applied' | 'dryRun', fields: Fields) => ({ ...createEntry(context, code, fields), outcome });
	const held = (fields: Fields) => ({ ...createEntry(context, 'ACW11', { review: 'hold', reviewReason: 'new line', ...fields }), outcome: 'held' as const });
	const start = createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' });

	// An increase that went through, one a person approved, a held decrease and a held new line.
	const auto = write('CW07', 'applied', { customerCode: 'A', sku: 'S1', quantityBefore: 2, quantityAfter: 5, unitPrice: 10, unitCost: 6, monthlyRevenueChange: 30, monthlyCostChange: 18, review: 'auto' });
	const approved = write('CW20', 'applied', { customerCode: 'B', sku: 'S2', quantityBefore: 4, quantityAfter: 0, unitPrice: 25, unitCost: 20, monthlyRevenueChange: -100, monthlyCostChange: -80, review: 'approved' });
	const heldDecrease = held({ customerCode: 'C', sku: 'S3', quantityBefore: 10, quantityAfter: 8, unitPrice: 22, unitCost: 15, monthlyRevenueChange: -44, monthlyCostChange: -30, reviewReason: 'monthly revenue decreases by 44.00' });
	const heldNewLine = held({ customerCode: 'C', sku: 'S4', quantityBefore: 0, quantityAfter: 3, unitPrice: 5, unitCost: 2, monthlyRevenueChange: 15, monthlyCostChange: 6 });
	const heldOther = held({ customerCode: 'D', sku: 'S5', quantityBefore: 1, quantityAfter: 0, monthlyRevenueChange: undefined, reviewReason: 'set to 0 from 1.00' });

	it('splits the writes into applied, approved and held, each with its lines and money', () => {
		const summary = summarizeRun([start, auto, approved, heldDecrease, heldNewLine, heldOther], 'Completed with warnings');
		expect(summary.applied).toEqual({ lines: 1, monthlyRevenueChange: 30, monthlyCostChange: 18, linesWithoutPrice: 0, linesWithoutCost: 0 });
		expect(summary.approved).toEqual({ lines: 1, monthlyRevenueChange: -100, monthlyCostChange: -80, linesWithoutPrice: 0, linesWithoutCost: 0 });
		expect(summary.held).toEqual({ lines: 3, customers: 2, monthlyRevenueChange: -29, monthlyCostChange: -24, linesWithoutPrice: 1, linesWithoutCost: 1 });
		expect(summary.dryRun).toEqual({ lines: 0, monthlyRevenueChange: 0, monthlyCostChange: 0, linesWithoutPrice: 0, linesWithoutCost: 0 });
		// The totals are what was written: held lines change nothing yet.
		expect(summary.quantityChange).toBe(-1);
		expect(summary.monthlyRevenueChange).toBe(-70);
		expect(summary.monthlyCostChange).toBe(-62);
		expect(summary.writesWithoutPrice).toBe(0);
		expect(summary.writesWithoutCost).toBe(0);
	});

	it('counts a dry run apart, and planned entries (a plan not applied) nowhere', () => {
		const dry = write('CW07', 'dryRun', { customerCode: 'A', sku: 'S1', quantityBefore: 2, quantityAfter: 5, monthlyRevenueChange: 30, monthlyCostChange: 18, unitPrice: 10, unitCost: 6, review: 'auto' });
		const planned = write('CW08', 'planned', { customerCode: 'E', sku: 'S9', quantityAfter: 1, unitPrice: 99, monthlyRevenueChange: 99, review: 'hold' });
		const summary = summarizeRun([start, dry, planned, heldDecrease], 'Completed with warnings');
		expect(summary.dryRun).toEqual({ lines: 1, monthlyRevenueChange: 30, monthlyCostChange: 18, linesWithoutPrice: 0, linesWithoutCost: 0 });
		expect(summary.applied.lines).toBe(0);
		expect(summary.approved.lines).toBe(0);
		expect(summary.held).toMatchObject({ lines: 1, customers: 1, monthlyRevenueChange: -44 });
		// Like before, the totals include what a dry run would write.
		expect(summary.monthlyRevenueChange).toBe(30);
		expect(summary.quantityChange).toBe(3);
	});

	it("prefers the entry's monthly revenue change (invoiced units) to quantity change × price", () => {
		// 1 -> 3 at 10 with 2 included units: ConnectWise invoices 0 -> 1, +10, where (3 - 1) × 10 would say +20.
		const included = write('CW07', 'applied', { customerCode: 'A', sku: 'S1', quantityBefore: 1, quantityAfter: 3, unitPrice: 10, unitCost: 4, monthlyRevenueChange: 10, monthlyCostChange: 8 });
		const summary = summarizeRun([included], 'Success');
		expect(summary.monthlyRevenueChange).toBe(10);
		expect(summary.monthlyCostChange).toBe(8);
	});

	it('falls back to quantity change × unit price (and cost) for an older entry without the money fields', () => {
		const older = write('CW07', 'applied', { customerCode: 'A', sku: 'S1', quantityBefore: 2, quantityAfter: 5, unitPrice: 10, unitCost: 7 });
		const olderHeld = held({ customerCode: 'B', sku: 'S2', quantityBefore: 6, quantityAfter: 4, unitPrice: 2.5 });
		const summary = summarizeRun([older, olderHeld], 'Completed with warnings');
		expect(summary.applied).toMatchObject({ lines: 1, monthlyRevenueChange: 30, monthlyCostChange: 21, linesWithoutPrice: 0 });
		expect(summary.held).toMatchObject({ lines: 1, monthlyRevenueChange: -5, linesWithoutPrice: 0, linesWithoutCost: 1 });
	});

	it('leaves out, and counts, the writes whose price or cost is unknown', () => {
		const noPrice = write('CW08', 'applied', { customerCode: 'A', sku: 'NEW', quantityAfter: 2 });
		const costOnly = write('CW07', 'applied', { customerCode: 'A', sku: 'S1', quantityBefore: 1, quantityAfter: 2, unitCost: 3, monthlyCostChange: 3 });
		const summary = summarizeRun([noPrice, costOnly, auto], 'Success');
		expect(summary.monthlyRevenueChange).toBe(30);
		expect(summary.monthlyCostChange).toBe(21);
		expect(summary.writesWithoutPrice).toBe(2);
		expect(summary.writesWithoutCost).toBe(1);
		expect(summary.applied).toMatchObject({ lines: 3, linesWithoutPrice: 2, linesWithoutCost: 1 });
		expect(summary.quantityChange).toBe(6);
	});

	it('keeps credits and reductions negative', () => {
		const credit = write('ACW02', 'applied', { customerCode: 'A', sku: 'S1', quantityBefore: 3, quantityAfter: 0, unitPrice: 19.99, monthlyRevenueChange: -59.97, monthlyCostChange: -30, review: 'approved' });
		const discountLine = write('CW07', 'applied', { customerCode: 'A', sku: 'DISC', quantityBefore: 1, quantityAfter: 2, unitPrice: -15, monthlyRevenueChange: -15 });
		const summary = summarizeRun([credit, discountLine], 'Success');
		expect(summary.monthlyRevenueChange).toBe(-74.97);
		expect(summary.approved.monthlyRevenueChange).toBe(-59.97);
		expect(summary.applied.monthlyRevenueChange).toBe(-15);
		expect(summary.monthlyCostChange).toBe(-30);
	});

	it('rounds money totals to the cent only once, after adding the lines', () => {
		// Three lines of 0.3333 a month: 0.9999 in all, shown as 1.00, not 3 × 0.33.
		const third = (sku: string) => write('CW07', 'applied', { customerCode: 'A', sku, quantityBefore: 0, quantityAfter: 1, unitPrice: 0.3333, monthlyRevenueChange: 0.3333, monthlyCostChange: 0.1 });
		const summary = summarizeRun([third('X'), third('Y'), third('Z')], 'Success');
		expect(summary.monthlyRevenueChange).toBe(1);
		expect(summary.applied.monthlyRevenueChange).toBe(1);
		expect(summary.monthlyCostChange).toBe(0.3);
		const drift = summarizeRun([0.1, 0.2].map((amount, index) => held({ customerCode: 'A', sku: `H${index}`, quantityBefore: 0, quantityAfter: 1, monthlyRevenueChange: amount, monthlyCostChange: amount })), 'Success');
		expect(drift.held.monthlyRevenueChange).toBe(0.3);
	});

	it('is all zeros for a run without writes', () => {
		const summary = summarizeRun([start], 'Success');
		expect(summary).toMatchObject({ monthlyRevenueChange: 0, monthlyCostChange: 0, writesWithoutPrice: 0, writesWithoutCost: 0 });
		for (const group of [summary.applied, summary.approved, summary.held, summary.dryRun]) expect(group).toMatchObject({ lines: 0, monthlyRevenueChange: 0, monthlyCostChange: 0 });
		expect(summary.held.customers).toBe(0);
	});
});
