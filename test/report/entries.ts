import type { CwCode } from '../../nodes/core/codes/catalogue';
import { createEntry, type LogContext, type LogEntry } from '../../nodes/core/log/entry';
import { closeRun } from '../../nodes/core/log/run';

/** Text that would be markup, a formula or a broken CSV cell if anything on the way forgot to escape it. */
export const HOSTILE = {
	customerName: `Evil <script>alert('name')</script> & "Sons" <img src=x onerror=alert(1)>`,
	sku: `=HYPERLINK("x")<b>`,
	lineDescription: `</script><script>alert('line')</script>`,
	error: `-2+3 "quoted", comma & <!-- comment --> \u2028 line`,
};

/** A fixed clock one second apart per entry, so reports built from these are reproducible. */
export function steppingContext(runId: string): LogContext {
	let tick = 0;
	return { runId, now: () => new Date(Date.UTC(2026, 9, 26, 22, 0, 0) + 1000 * tick++) };
}

const CYCLE: Array<{ code: CwCode; fields: (customer: string, index: number) => Parameters<typeof createEntry>[2] }> = [
	{ code: 'CW07', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `SKU-${i % 40}`, lineDescription: `Service ${i % 40}`, quantityBefore: i % 9, quantityAfter: (i % 9) + 1, unitPrice: 12.5, agreementId: 1000 + (i % 500), additionId: 5000 + i }) },
	{ code: 'CW09', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `SKU-${i % 40}`, lineDescription: `Service ${i % 40}`, quantityBefore: 3, quantityAfter: 3 }) },
	{ code: 'CW06', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `MISSING-${i % 25}`, lineDescription: `Unknown product ${i % 25}` }) },
	{ code: 'CW05', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, lineDescription: `Line without SKU ${i % 13}` }) },
	{ code: 'CW04', fields: (c) => ({ customerCode: c, customerName: `${c} Pty Ltd` }) },
	{ code: 'CW08', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `NEW-${i % 17}`, lineDescription: `New service ${i % 17}`, quantityAfter: 2, unitPrice: 4 }) },
	{ code: 'CW12', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `SKU-${i % 40}`, error: 'Product is inactive' }) },
	{ code: 'CW20', fields: (c, i) => ({ customerCode: c, customerName: `${c} Pty Ltd`, sku: `OLD-${i % 11}`, lineDescription: `Removed service ${i % 11}`, quantityBefore: 4, quantityAfter: 0 }) },
];

/**
 * A run of `count` entries (CW01 first, CW23 last) over 500 customers and every level, like a large MSP's
 * month: for measuring how the report copes with size.
 */
export function syntheticRun(count: number, runId = 'bench-5000'): { entries: LogEntry[]; status: ReturnType<typeof closeRun>['status'] } {
	const context = steppingContext(runId);
	const entries: LogEntry[] = [createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' })];
	for (let index = 0; entries.length < count - 1; index++) {
		const customer = `CUST${String(index % 500).padStart(4, '0')}`;
		const { code, fields } = CYCLE[index % CYCLE.length];
		const entry = createEntry(context, code, fields(customer, index));
		if (code === 'CW07' || code === 'CW08' || code === 'CW20') entry.outcome = 'applied';
		entries.push(entry);
	}
	return closeRun(entries, context);
}

/** A small run whose customer names, SKUs, descriptions and errors are hostile. */
export function hostileRun(): { entries: LogEntry[]; status: ReturnType<typeof closeRun>['status'] } {
	const context = steppingContext(`run <"&'>`);
	const customer = { customerCode: 'EVIL', customerName: HOSTILE.customerName };
	const entries = [
		createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' }),
		{ ...createEntry(context, 'CW07', { ...customer, sku: HOSTILE.sku, lineDescription: HOSTILE.lineDescription, quantityBefore: 1, quantityAfter: 2, unitPrice: 10 }), outcome: 'applied' as const },
		createEntry(context, 'CW05', { ...customer, lineDescription: HOSTILE.lineDescription }),
		createEntry(context, 'CW12', { ...customer, sku: HOSTILE.sku, error: HOSTILE.error }),
	];
	return closeRun(entries, context);
}

/**
 * A run with money and review decisions: a line applied without review and a held decrease (ACME), a line a
 * person approved (KAURI), an unpriced new line and a held new line of the hostile customer (EVIL), a customer
 * whose line stayed as it was (ZEBRA), and a line planned but never applied (TOTARA).
 */
export function reviewRun(): { entries: LogEntry[]; status: ReturnType<typeof closeRun>['status'] } {
	const context = steppingContext('run-review');
	const acme = { customerCode: 'ACME', customerName: 'Acme Pty Ltd' };
	const evil = { customerCode: 'EVIL', customerName: HOSTILE.customerName };
	const entries: LogEntry[] = [
		createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' }),
		{ ...createEntry(context, 'CW07', { ...acme, sku: 'M365-BP', lineDescription: 'Microsoft 365 Business Premium', quantityBefore: 10, quantityAfter: 12, unitPrice: 22, unitCost: 15, monthlyRevenueChange: 44, monthlyCostChange: 30, review: 'auto' }), outcome: 'applied' },
		{ ...createEntry(context, 'ACW11', { ...acme, sku: 'M365-E3', lineDescription: 'Microsoft 365 E3', quantityBefore: 10, quantityAfter: 8, unitPrice: 36.5, unitCost: 30, monthlyRevenueChange: -73, monthlyCostChange: -60, review: 'hold', reviewReason: 'monthly revenue decreases by 73.00' }), outcome: 'held' },
		{ ...createEntry(context, 'CW20', { customerCode: 'KAURI', customerName: 'Kauri Builders', sku: 'BACKUP-1TB', lineDescription: 'Backup 1 TB', quantityBefore: 2, quantityAfter: 0, unitPrice: 60, unitCost: 35, monthlyRevenueChange: -120, monthlyCostChange: -70, review: 'approved', reviewReason: 'set to 0 from 2.00' }), outcome: 'applied' },
		{ ...createEntry(context, 'CW08', { ...evil, sku: HOSTILE.sku, lineDescription: HOSTILE.lineDescription, quantityAfter: 2, review: 'auto' }), outcome: 'applied' },
		{ ...createEntry(context, 'ACW11', { ...evil, sku: 'NEW-2', lineDescription: 'New service', quantityBefore: 0, quantityAfter: 3, unitPrice: 5, monthlyRevenueChange: 15, review: 'hold', reviewReason: HOSTILE.error }), outcome: 'held' },
		createEntry(context, 'CW09', { customerCode: 'ZEBRA', customerName: 'Zebra Ltd', sku: 'M365-BP', lineDescription: 'Microsoft 365 Business Premium', quantityBefore: 3, quantityAfter: 3, unitPrice: 22 }),
		{ ...createEntry(context, 'CW07', { customerCode: 'TOTARA', customerName: 'Totara Ltd', sku: 'M365-BP', quantityBefore: 1, quantityAfter: 5, unitPrice: 22, monthlyRevenueChange: 88, review: 'hold' }), outcome: 'planned' },
	];
	return closeRun(entries, context);
}
