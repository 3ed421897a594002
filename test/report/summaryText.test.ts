import { createEntry, type LogEntry } from '../../nodes/core/log/entry';
import { closeRun, summarizeRun } from '../../nodes/core/log/run';
import { HELD_LINES_SHOWN, slackText, summaryText } from '../../nodes/core/report/summaryText';
import { steppingContext } from './entries';

/**
 * Emit CW Log's `text`: what a billing admin reads in the approval email or Slack message. Short, one fact a line,
 * the held lines listed with their money and why they wait.
 */
type Fields = Parameters<typeof createEntry>[2];
const context = steppingContext('run-text');
const start = () => createEntry(context, 'CW01', { billingPeriodEnd: '2026-10-25' });
const write = (code: 'CW07' | 'CW08' | 'CW20' | 'ACW02', outcome: 'applied' | 'dryRun', fields: Fields): LogEntry => ({ ...createEntry(context, code, fields), outcome });
const held = (fields: Fields): LogEntry => ({ ...createEntry(context, 'ACW11', { review: 'hold', ...fields }), outcome: 'held' });

function textOf(entries: LogEntry[]): string {
	const closed = closeRun(entries, context);
	return summaryText(closed.entries, summarizeRun(closed.entries, closed.status));
}

describe('the summary text', () => {
	const increase = write('CW07', 'applied', { customerCode: 'ACME', sku: 'M365-BP', quantityBefore: 10, quantityAfter: 12, unitPrice: 22, unitCost: 15, monthlyRevenueChange: 44, monthlyCostChange: 30, review: 'auto' });
	const approved = write('CW20', 'applied', { customerCode: 'KAURI', sku: 'BACKUP-1TB', quantityBefore: 2, quantityAfter: 0, unitPrice: 60, unitCost: 35, monthlyRevenueChange: -120, monthlyCostChange: -70, review: 'approved', reviewReason: 'set to 0 from 2.00' });
	const decrease = held({ customerCode: 'BLUEGUM', sku: 'M365-E3', quantityBefore: 10, quantityAfter: 8, unitPrice: 36.5, unitCost: 30, monthlyRevenueChange: -73, monthlyCostChange: -60, reviewReason: 'monthly revenue decreases by 73.00' });
	const newLine = held({ customerCode: 'BLUEGUM', sku: 'EXCH-P1', quantityBefore: 0, quantityAfter: 3, unitPrice: 1234.5, monthlyRevenueChange: 3703.5, reviewReason: 'new line' });

	it('says the status, then applied, approved and held lines apart with their monthly revenue and cost', () => {
		const text = textOf([start(), increase, approved, decrease, newLine]);
		const lines = text.split('\n');
		expect(lines[0]).toBe('Atria to ConnectWise billing for the period ending 2026-10-25: Completed with warnings');
		expect(lines[1]).toBe('3 customers; 0 Verbose, 3 Info, 3 Warn, 0 Error');
		expect(lines).toContain('Applied: 1 line, monthly revenue +44.00, cost +30.00');
		expect(lines).toContain('Approved and applied: 1 line, monthly revenue -120.00, cost -70.00');
		expect(lines).toContain('Held for approval, not written: 2 lines of 1 customer, monthly revenue +3,630.50, cost -60.00 (1 line without a unit cost)');
	});

	it('lists each held line: customer, SKU, before → after, its monthly revenue change and why it waits, largest first', () => {
		const lines = textOf([start(), increase, decrease, newLine]).split('\n');
		const at = lines.indexOf('Held for approval, not written: 2 lines of 1 customer, monthly revenue +3,630.50, cost -60.00 (1 line without a unit cost)');
		expect(lines.slice(at + 1, at + 3)).toEqual([
			'- BLUEGUM · EXCH-P1 · 0.00 → 3.00 · +3,703.50 a month · new line',
			'- BLUEGUM · M365-E3 · 10.00 → 8.00 · -73.00 a month · monthly revenue decreases by 73.00',
		]);
	});

	it('does not repeat the held lines among the warnings, which it still lists', () => {
		const failed = createEntry(context, 'CW12', { customerCode: 'KAURI', sku: 'NEW-1', error: 'Product is inactive' });
		const text = textOf([start(), decrease, failed]);
		expect(text).not.toContain('Warn ACW11');
		expect(text).toContain('Warn and Error entries:\nError CW12: ');
		expect(text).not.toMatch(/^Warn ACW11/m);
	});

	it(`shows at most ${HELD_LINES_SHOWN} held lines, then how many more`, () => {
		const many = Array.from({ length: HELD_LINES_SHOWN + 4 }, (_, index) => held({ customerCode: `C${index % 5}`, sku: `SKU-${index}`, quantityBefore: 5, quantityAfter: 4, monthlyRevenueChange: -(index + 1), reviewReason: 'decrease' }));
		const lines = textOf([start(), ...many]).split('\n');
		expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(HELD_LINES_SHOWN);
		expect(lines).toContain('…and 4 more held lines in the log');
		expect(lines).toContain(`Held for approval, not written: ${HELD_LINES_SHOWN + 4} lines of 5 customers, monthly revenue -105.00`);
		// The largest first: the 4 left out are the smallest.
		expect(lines.find((line) => line.startsWith('- '))).toContain('-14.00 a month');
		expect(lines.some((line) => line.includes('-4.00 a month'))).toBe(false);
	});

	it('says when a price is unknown rather than counting it as 0', () => {
		const unknown = held({ customerCode: 'OBRIEN', sku: 'VOIP-SEAT', quantityBefore: 4, quantityAfter: 0, reviewReason: 'set to 0 from 4.00' });
		const unpriced = write('CW08', 'applied', { customerCode: 'OBRIEN', sku: 'NEW', quantityAfter: 2 });
		const lines = textOf([start(), unknown, unpriced, increase]).split('\n');
		expect(lines).toContain('- OBRIEN · VOIP-SEAT · 4.00 → 0.00 · revenue unknown · set to 0 from 4.00');
		expect(lines).toContain('Held for approval, not written: 1 line of 1 customer, monthly revenue unknown');
		expect(lines).toContain('Applied: 2 lines, monthly revenue +44.00 (1 line without a unit price), cost +30.00 (1 line without a unit cost)');
	});

	it('says a dry run wrote nothing, and a run without changes that nothing changed', () => {
		const dry = write('CW07', 'dryRun', { customerCode: 'ACME', sku: 'M365-BP', quantityBefore: 10, quantityAfter: 12, monthlyRevenueChange: 44, monthlyCostChange: 30, unitPrice: 22, unitCost: 15 });
		expect(textOf([start(), dry]).split('\n')).toContain('Dry run, nothing written: 1 line, monthly revenue +44.00, cost +30.00');
		const quiet = textOf([start(), createEntry(context, 'CW09', { customerCode: 'ACME', sku: 'M365-BP', quantityBefore: 3, quantityAfter: 3 })]);
		expect(quiet.split('\n')).toContain('No line changed.');
		expect(quiet).not.toContain('Held');
		expect(quiet).not.toContain('Warn and Error entries');
	});

	it('falls back to the line description when a held line has no SKU', () => {
		const noSku = held({ customerCode: 'ACME', lineDescription: 'Hosted desktop', quantityBefore: 2, quantityAfter: 1, monthlyRevenueChange: -10, reviewReason: 'decrease' });
		expect(textOf([start(), noSku])).toContain('- ACME · Hosted desktop · 2.00 → 1.00 · -10.00 a month · decrease');
	});
});

describe('the summary text for Slack', () => {
	it('escapes what Slack reads as a mention, a link or an entity, and keeps the rest', () => {
		expect(slackText('Held: <!channel> & <https://evil.example|click> stays at 3.00 → 2.00')).toBe('Held: &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; stays at 3.00 → 2.00');
		expect(slackText('plain')).toBe('plain');
	});
});
