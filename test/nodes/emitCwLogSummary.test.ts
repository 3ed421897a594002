import { createEntry, type LogEntry } from '../../nodes/core/log/entry';
import { MANUAL_TRIGGER_TYPE, packageNodeType, runWorkflow } from '../n8n/harness';
import { steppingContext } from '../report/entries';
import { connect, EMIT_TYPE, TEST_NODE_TYPES } from './workflow';

/**
 * Emit CW Log's summary item for a run with held and approved lines, from hand-made items (as Apply Additions
 * gives them): the money split in its fields, the held lines in its text, and the report beside it.
 */
type Fields = Parameters<typeof createEntry>[2];
const context = steppingContext('run-review');
const entry = (code: Parameters<typeof createEntry>[1], fields: Fields, outcome?: LogEntry['outcome']): LogEntry => ({ ...createEntry(context, code, fields), ...(outcome && { outcome }) });

const acme = { customerCode: 'ACME', customerName: 'Acme Pty Ltd' };
const kauri = { customerCode: 'KAURI', customerName: 'Kauri Builders' };
const items = [
	{ log: [entry('CW01', { billingPeriodEnd: '2026-10-25' })] },
	{
		customer: { code: 'ACME' },
		log: [
			entry('CW07', { ...acme, sku: 'M365-BP', quantityBefore: 10, quantityAfter: 12, unitPrice: 22, unitCost: 15, monthlyRevenueChange: 44, monthlyCostChange: 30, review: 'auto' }, 'applied'),
			entry('ACW11', { ...acme, sku: 'M365-E3', lineDescription: 'Microsoft 365 E3', quantityBefore: 10, quantityAfter: 8, unitPrice: 36.5, unitCost: 30, monthlyRevenueChange: -73, monthlyCostChange: -60, review: 'hold', reviewReason: 'monthly revenue decreases by 73.00' }, 'held'),
		],
	},
	{
		customer: { code: 'KAURI' },
		log: [entry('CW20', { ...kauri, sku: 'BACKUP-1TB', lineDescription: 'Backup 1 TB', quantityBefore: 2, quantityAfter: 0, unitPrice: 60, unitCost: 35, monthlyRevenueChange: -120, monthlyCostChange: -70, review: 'approved', reviewReason: 'set to 0 from 2.00' }, 'applied')],
	},
];

describe('Emit CW Log: the summary of a run with held and approved lines', () => {
	it('carries the money split, lists the held lines in its text and attaches the report', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{ name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: {} },
					{ name: 'Applied', type: EMIT_TYPE, parameters: { items: JSON.stringify(items) } },
					{ name: 'Emit CW Log', type: packageNodeType('emitCwLog'), parameters: {} },
				],
				connections: { Start: connect('Applied'), Applied: connect('Emit CW Log') },
			},
			{ nodeTypes: TEST_NODE_TYPES },
		);
		expect(result.error).toBeUndefined();
		const [summary] = result.items('Emit CW Log', 1);
		expect(summary.json).toMatchObject({
			status: 'Completed with warnings',
			monthlyRevenueChange: -76,
			monthlyCostChange: -40,
			applied: { lines: 1, monthlyRevenueChange: 44, monthlyCostChange: 30 },
			approved: { lines: 1, monthlyRevenueChange: -120, monthlyCostChange: -70 },
			held: { lines: 1, customers: 1, monthlyRevenueChange: -73, monthlyCostChange: -60 },
			dryRun: { lines: 0 },
		});
		const text = String(summary.json.text).split('\n');
		expect(text).toEqual([
			'Atria to ConnectWise billing for the period ending 2026-10-25: Completed with warnings',
			'2 customers; 0 Verbose, 3 Info, 2 Warn, 0 Error',
			'Applied: 1 line, monthly revenue +44.00, cost +30.00',
			'Approved and applied: 1 line, monthly revenue -120.00, cost -70.00',
			'Held for approval, not written: 1 line of 1 customer, monthly revenue -73.00, cost -60.00',
			'- ACME · M365-E3 · 10.00 → 8.00 · -73.00 a month · monthly revenue decreases by 73.00',
			'Warn and Error entries:',
			expect.stringMatching(/^Warn CW20: Kauri Builders\| Line located for Backup 1 TB with Product ID BACKUP-1TB /),
		]);
		// The held line stays among the summary's Warn and Error rows, for a workflow that posts them.
		expect((summary.json.attention as Array<{ code: string }>).map((row) => row.code)).toEqual(['ACW11', 'CW20']);
		const html = Buffer.from(summary.binary!.report.data, 'base64').toString('utf8');
		expect(html).toContain('<dt>Held for approval</dt><dd>-73.00<small>1 line of 1 customer, not written, cost -60.00</small></dd>');
		expect(html).toContain('<table id="customers-table">');
		// The log rows carry each line's money and review decision.
		const rows = result.json('Emit CW Log', 0);
		expect(rows.find((row) => row.code === 'ACW11')).toMatchObject({ outcome: 'held', review: 'hold', monthlyRevenueChange: -73, monthlyCostChange: -60, reviewReason: 'monthly revenue decreases by 73.00' });
		expect(rows.find((row) => row.code === 'CW20')).toMatchObject({ outcome: 'applied', review: 'approved', unitPrice: 60, unitCost: 35 });
	});
});

describe('Emit CW Log on a branch of the customers (the held ones, without the run start)', () => {
	it("names the period from the items' billing period when CW01 travels on another branch", async () => {
		const branch = items.slice(1).map((item) => ({ ...item, billingPeriod: { start: '2026-09-26', end: '2026-10-25' } }));
		const result = await runWorkflow(
			{
				nodes: [
					{ name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: {} },
					{ name: 'Held', type: EMIT_TYPE, parameters: { items: JSON.stringify(branch) } },
					{ name: 'Emit CW Log', type: packageNodeType('emitCwLog'), parameters: { attachHtmlReport: false } },
				],
				connections: { Start: connect('Held'), Held: connect('Emit CW Log') },
			},
			{ nodeTypes: TEST_NODE_TYPES },
		);
		expect(result.error).toBeUndefined();
		const [summary] = result.json('Emit CW Log', 1);
		expect(summary.billingPeriodEnd).toBe('2026-10-25');
		expect(String(summary.text).split('\n')[0]).toBe('Atria to ConnectWise billing for the period ending 2026-10-25: Completed with warnings');
	});
});
