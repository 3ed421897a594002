import { runSync } from '../nodes/workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';

const PIXELWORKS_NAME = "PixelWorks <script>alert('x')</script> Ltd";

/** Emit CW Log's report option, in n8n-core's WorkflowExecute against the demo sandbox. */
describe('Emit CW Log attaches the HTML report to its summary item', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('by default, as binary property "report": a text/html file named after the period and run', async () => {
		const result = await runSync(sandbox);
		expect(result.status).toBe('success');
		const [summary] = result.items('Emit CW Log', 1);
		const report = summary.binary?.report;
		expect(report).toBeDefined();
		expect(report!.mimeType).toBe('text/html');
		expect(report!.fileName).toBe(`cw-log-2026-10-25-${String(summary.json.runId).replace(/[^A-Za-z0-9._-]+/g, '-')}.html`);
		expect(report!.fileName).toMatch(/^cw-log-2026-10-25-[A-Za-z0-9._-]+\.html$/);
		const html = Buffer.from(report!.data, 'base64').toString('utf8');
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		// Every entry is in it, the one with markup in its customer name as data, never as markup.
		const rows = result.json('Emit CW Log', 0);
		const payload = JSON.parse(/<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]) as { rows: Array<{ code: string; customerName: string }> };
		expect(payload.rows.map((row) => row.code)).toEqual(rows.map((row) => row.code));
		expect(payload.rows.some((row) => row.customerName === PIXELWORKS_NAME)).toBe(true);
		expect(html).not.toContain(PIXELWORKS_NAME);
		// The log rows (output 0) carry no binary.
		expect(result.items('Emit CW Log', 0).every((item) => item.binary === undefined)).toBe(true);
	});

	it('holds every entry even when the rows output is filtered to Warn and above', async () => {
		const result = await runSync(sandbox, { emitCwLog: { minimumLevel: 'Warn', reportBinaryProperty: 'cwReport' } });
		const [summary] = result.items('Emit CW Log', 1);
		expect(summary.binary?.report).toBeUndefined();
		const html = Buffer.from(summary.binary!.cwReport.data, 'base64').toString('utf8');
		const total = Object.values(summary.json.countsByLevel as Record<string, number>).reduce((sum, count) => sum + count, 0);
		expect(html).toContain(`<dt>Log entries</dt><dd>${total}</dd>`);
		expect(result.json('Emit CW Log', 0).length).toBeLessThan(total);
	});

	it('not when "Attach HTML Report" is off', async () => {
		const result = await runSync(sandbox, { emitCwLog: { attachHtmlReport: false } });
		const [summary] = result.items('Emit CW Log', 1);
		expect(summary.binary).toBeUndefined();
		expect(summary.json.status).toBe('Failed');
	});

	it('refuses an empty binary property name', async () => {
		const result = await runSync(sandbox, { emitCwLog: { reportBinaryProperty: '  ' } });
		expect(result.status).toBe('error');
		expect(result.nodeErrors['Emit CW Log']?.message).toContain('Invalid parameter "reportBinaryProperty"');
	});
});
