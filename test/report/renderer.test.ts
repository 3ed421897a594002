import { createHash } from 'node:crypto';
import { CODE_CATALOGUE, codeDefinition, type CwCode } from '../../nodes/core/codes/catalogue';
import { csvCell, csvHeader, csvLine, toCsv } from '../../nodes/core/log/csv';
import { LOG_ROW_COLUMNS, summarizeRun, toLogRow } from '../../nodes/core/log/run';
import { CLIENT_SCRIPT } from '../../nodes/core/report/clientScript';
import { escapeHtml, escapeJsonForScript } from '../../nodes/core/report/escape';
import { renderHtmlReport, renderHtmlReportBuffer, reportFileName } from '../../nodes/core/report/html';
import { reportPayloadJson, reportRow, type ReportPayload } from '../../nodes/core/report/payload';
import { HOSTILE, hostileRun, reviewRun, syntheticRun } from './entries';

function embeddedPayload(html: string): ReportPayload {
	const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
	if (!match) throw new Error('no report-data element');
	return JSON.parse(match[1]) as ReportPayload;
}

describe('CSV (one implementation for the CSV log and the report download)', () => {
	it('quotes cells with quotes, commas and line breaks, and doubles quotes', () => {
		expect(csvCell('plain')).toBe('plain');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
	});

	it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
		expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
		expect(csvCell('+61 2')).toBe("'+61 2");
		expect(csvCell('-2+3')).toBe("'-2+3");
		expect(csvCell('@cmd')).toBe("'@cmd");
		expect(csvCell('\tx')).toBe("'\tx");
		expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(2.5)).toBe('2.5');
		expect(csvCell(null)).toBe('');
	});

	it('writes the LOG_ROW_COLUMNS header and one line per entry', () => {
		const { entries } = hostileRun();
		const csv = toCsv(entries);
		expect(csvHeader()).toBe(LOG_ROW_COLUMNS.join(','));
		expect(csv.startsWith(`${LOG_ROW_COLUMNS.join(',')}\n`)).toBe(true);
		expect(csv.endsWith('\n')).toBe(true);
		expect(csv).toBe([csvHeader(), ...entries.map((entry) => csvLine(toLogRow(entry)))].join('\n') + '\n');
		const cw07 = csvLine(toLogRow(entries[1]));
		expect(cw07).toContain(`"'=HYPERLINK(""x"")<b>"`);
		expect(cw07).toContain(',1,2,');
	});
});

describe('escaping', () => {
	it('escapes the five HTML characters', () => {
		expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
	});

	it('embeds JSON that cannot close its script element and parses back unchanged', () => {
		const value = { text: `</script><script>alert(1)</script><!-- & \u2028\u2029` };
		const embedded = escapeJsonForScript(JSON.stringify(value));
		expect(embedded).not.toMatch(/[<>&\u2028\u2029]/);
		expect(JSON.parse(embedded)).toEqual(value);
	});
});

describe('renderHtmlReport', () => {
	const { entries, status } = hostileRun();
	const summary = summarizeRun(entries, status);
	const html = renderHtmlReport(entries, summary);

	it('never puts a hostile name, SKU, description or error into the page as markup', () => {
		for (const text of Object.values(HOSTILE)) expect(html).not.toContain(text);
		expect(html).not.toContain('<img');
		expect(html).not.toContain('<!--');
		expect(html.match(/<script/g)).toHaveLength(2);
		expect(html.match(/<\/script/g)).toHaveLength(2);
		// The run id is text in the page too, escaped.
		expect(html).toContain('run &lt;&quot;&amp;&#39;&gt;');
	});

	it('carries every entry as JSON that reads back exactly, with its CSV line', () => {
		const payload = embeddedPayload(html);
		expect(payload.rows).toHaveLength(entries.length);
		expect(payload.rows[1]).toMatchObject({ customerName: HOSTILE.customerName, sku: HOSTILE.sku, lineDescription: HOSTILE.lineDescription, change: '1.00 → 2.00', outcome: 'applied' });
		expect(payload.rows[3].message).toContain(HOSTILE.error);
		expect(payload.csvHeader).toBe(csvHeader());
		expect(payload.rows.map((row) => row.csv)).toEqual(entries.map((entry) => csvLine(toLogRow(entry))));
		expect(payload.csvFileName).toBe(reportFileName(summary, 'csv'));
	});

	it('has the run header, counts, the entries table with its controls, and the legend', () => {
		expect(html).toContain('<h1>Atria to ConnectWise billing: CW log</h1>');
		expect(html).toContain('<strong>2026-10-25</strong>');
		expect(html).toContain(`<p class="status status-failed">Failed</p>`);
		for (const label of ['Started', 'Finished', 'Customers processed', 'Quantity change', 'Monthly revenue change']) expect(html).toContain(`<dt>${label}</dt>`);
		expect(html).toContain('<dd>2026-10-26 22:00:00<small>UTC, first entry</small></dd>');
		expect(html).toContain('<dd>2026-10-26 22:00:04<small>UTC, last entry</small></dd>');
		expect(html).toContain('<dd>+1.00<small>');
		expect(html).toContain('<dd>+10.00<small>from unit prices</small></dd>');
		for (const key of ['time', 'code', 'level', 'customer', 'sku']) expect(html).toMatch(new RegExp(`<th scope="col" data-sort="${key}" aria-sort="none"><button type="button">`));
		expect(html).toContain('<label class="control-label" for="entries-search">Search code and message</label>');
		for (const level of ['All', 'Error', 'Warn', 'Info', 'Verbose']) expect(html).toContain(`data-level="${level}"`);
		expect(html).toContain('id="download-csv"');
		expect(html).toContain('@media print');
		for (const code of Object.keys(summary.countsByCode) as CwCode[]) {
			expect(html).toContain(`<a href="#code-${code}"`);
			expect(html).toContain(`<article id="code-${code}"`);
			expect(html).toContain(escapeHtml(codeDefinition(code).howToResolve));
			expect(html).toContain(escapeHtml(codeDefinition(code).occurs));
		}
		// The legend lists the codes of the run, not the whole catalogue.
		const absent = [...CODE_CATALOGUE.keys()].filter((code) => !(code in summary.countsByCode));
		for (const code of absent) expect(html).not.toContain(`id="code-${code}"`);
	});

	it("lists the legend most severe first, as Atria's ConnectWise Manage Billing job reviews errors, then warnings, then information", () => {
		const order = [...html.matchAll(/<article id="code-([A-Z0-9]+)"/g)].map((match) => match[1]);
		expect(order).toEqual(['CW12', 'CW05', 'CW01', 'CW07', 'CW23']);
	});

	it('asks for nothing outside the page and lets only its own script run', () => {
		expect(html).not.toMatch(/(src|href|action)="(?!#)/);
		expect(html).not.toMatch(/https?:|url\(|@import/);
		const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
		const hash = createHash('sha256').update(script, 'utf8').digest('base64');
		expect(html).toContain(`script-src 'sha256-${hash}'`);
		expect(html).toContain(`default-src 'none'`);
		expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
		expect(CLIENT_SCRIPT).toContain('textContent');
	});

	it('names the file after the period and a file-safe run id', () => {
		expect(reportFileName(summary)).toBe('cw-log-2026-10-25-run.html');
		expect(reportFileName(summarizeRun(syntheticRun(10, 'demo-2026-11-24T23:20:21.476Z').entries, 'Success'))).toBe('cw-log-2026-10-25-demo-2026-11-24T23-20-21.476Z.html');
		expect(reportFileName({ ...summary, billingPeriodEnd: null, runId: '../../etc/passwd' }, 'csv')).toBe('cw-log-unknown-period-..-..-etc-passwd.csv');
	});
});

/** The text of each cell of each row of a table section, tags dropped and entities read back. */
function tableRows(html: string, tableId: string, part: 'thead' | 'tbody' | 'tfoot'): string[][] {
	const table = new RegExp(`<table id="${tableId}">([\\s\\S]*?)</table>`).exec(html)![1];
	const section = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(table)![1];
	const text = (cell: string) =>
		cell
			.replace(/<[^>]+>/g, ' ')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&')
			.replace(/\s+/g, ' ')
			.trim();
	return [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1])));
}

describe('renderHtmlReport: money and review', () => {
	const { entries, status } = reviewRun();
	const summary = summarizeRun(entries, status);
	const html = renderHtmlReport(entries, summary);

	it('shows the applied, approved and held lines apart in the header, with their monthly revenue and cost', () => {
		expect(html).toContain('<dt>Monthly revenue change</dt><dd>-76.00<small>1 write without a unit price left out</small></dd>');
		expect(html).toContain('<dt>Monthly cost change</dt><dd>-40.00<small>1 write without a unit cost left out</small></dd>');
		expect(html).toContain('<dt>Applied</dt><dd>+44.00<small>2 lines, cost +30.00, 1 without a unit price left out</small></dd>');
		expect(html).toContain('<dt>Approved and applied</dt><dd>-120.00<small>1 line, cost -70.00</small></dd>');
		expect(html).toContain('<div class="fact review-held"><dt>Held for approval</dt><dd>-58.00<small>2 lines of 2 customers, not written, cost -60.00</small></dd>');
		expect(html).not.toContain('<dt>Dry run</dt>');
	});

	it('says when nothing is held, and shows a dry run apart', () => {
		const { entries: plain, status: plainStatus } = hostileRun();
		expect(renderHtmlReport(plain, summarizeRun(plain, plainStatus))).toContain('<dt>Held for approval</dt><dd>none<small>no line waits for a person</small></dd>');
		const dry = entries.map((entry) => (entry.outcome === 'applied' ? { ...entry, outcome: 'dryRun' as const, review: undefined } : entry));
		const dryHtml = renderHtmlReport(dry, summarizeRun(dry, status));
		expect(dryHtml).toContain('<dt>Dry run</dt><dd>-76.00<small>3 lines, nothing written, cost -40.00, 1 without a unit price left out</small></dd>');
		expect(tableRows(dryHtml, 'customers-table', 'thead')[0]).toEqual(['Customer', 'Revenue change', 'Cost change', 'Applied', 'Approved', 'Dry run', 'Held', 'Held revenue change']);
	});

	it('has a money per customer table: each customer with a line written or held, by code, and the totals', () => {
		expect(tableRows(html, 'customers-table', 'thead')).toEqual([['Customer', 'Revenue change', 'Cost change', 'Applied', 'Approved', 'Held', 'Held revenue change']]);
		expect(tableRows(html, 'customers-table', 'tbody')).toEqual([
			['Acme Pty Ltd ACME', '+44.00', '+30.00', '1', '0', '1', '-73.00'],
			[`${HOSTILE.customerName} EVIL`, 'unknown no unit price', 'unknown no unit cost', '1', '0', '1', '+15.00'],
			['Kauri Builders KAURI', '-120.00', '-70.00', '0', '1', '0', '—'],
		]);
		expect(tableRows(html, 'customers-table', 'tfoot')).toEqual([['All customers', '-76.00 1 line without a unit price', '-40.00 1 line without a unit cost', '2', '1', '2', '-58.00']]);
	});

	it('makes every column of the customer table sortable, with the values the script sorts by', () => {
		for (const key of ['customer', 'revenue', 'cost', 'applied', 'approved', 'held', 'heldRevenue']) expect(html).toMatch(new RegExp(`<th scope="col" data-customer-sort="${key}" data-type="(text|number)" aria-sort="none" title="[^"]*"><button type="button">`));
		expect(html).toContain('<td class="money positive" data-value="44">+44.00</td>');
		expect(html).toContain('<td class="money negative" data-value="-120">-120.00</td>');
		expect(html).toContain('<td class="money unknown" data-value="">unknown<small>no unit price</small></td>');
		expect(html).toContain('<th scope="row" class="customer" data-value="acme pty ltd acme">');
		// The entries table's sort attribute is its own: clicking one table never sorts the other.
		expect(html.match(/data-sort="customer"/g)).toHaveLength(1);
	});

	it('never puts the hostile customer name into the table as markup', () => {
		for (const text of Object.values(HOSTILE)) expect(html).not.toContain(text);
		expect(html).not.toContain('<img');
		expect(html.match(/<script/g)).toHaveLength(2);
		expect(html).toContain(escapeHtml(HOSTILE.customerName));
	});

	it('says so when no line was written or held', () => {
		const { entries: quiet } = syntheticRun(3);
		const none = quiet.filter((entry) => entry.outcome === undefined);
		expect(renderHtmlReport(none, summarizeRun(none, 'Success'))).toContain('<p class="empty-note">No line was written or held in this run.</p>');
	});

	it("gives the entries table each line's money and review decision, and the CSV the LOG_ROW_COLUMNS with them", () => {
		expect(html).toContain('<th scope="col" title="Monthly revenue change of the line, and its cost change">Money / month</th>');
		const payload = embeddedPayload(html);
		const byCode = (code: string) => payload.rows.filter((row) => row.code === code);
		expect(byCode('CW07')[0]).toMatchObject({ revenue: '+44.00', cost: '+30.00', prices: 'unit price 22.00, unit cost 15.00', review: 'auto', reviewReason: '' });
		expect(byCode('ACW11')[0]).toMatchObject({ revenue: '-73.00', cost: '-60.00', review: 'hold', reviewReason: 'monthly revenue decreases by 73.00', outcome: 'held' });
		expect(byCode('ACW11')[1]).toMatchObject({ revenue: '+15.00', cost: '', review: 'hold', reviewReason: HOSTILE.error });
		expect(byCode('CW20')[0]).toMatchObject({ revenue: '-120.00', review: 'approved' });
		expect(byCode('CW08')[0]).toMatchObject({ revenue: '', cost: '', prices: '' });
		// A line left as it was changes no money, though its price is known.
		expect(byCode('CW09')[0]).toMatchObject({ revenue: '', prices: 'unit price 22.00' });
		for (const column of ['unitPrice', 'unitCost', 'monthlyRevenueChange', 'monthlyCostChange', 'review', 'reviewReason']) expect(payload.csvHeader.split(',')).toContain(column);
		expect(byCode('ACW11')[0].csv).toContain(',36.5,30,-73,-60,hold,monthly revenue decreases by 73.00');
	});

	it('shows an older entry without the money fields at quantity change × unit price, as the summary counts it', () => {
		const older = entries.map((entry) => (entry.code === 'CW07' && entry.outcome === 'applied' ? { ...entry, monthlyRevenueChange: undefined, monthlyCostChange: undefined } : entry));
		const olderHtml = renderHtmlReport(older, summarizeRun(older, status));
		expect(embeddedPayload(olderHtml).rows.find((row) => row.code === 'CW07')).toMatchObject({ revenue: '+44.00', cost: '+30.00' });
		expect(tableRows(olderHtml, 'customers-table', 'tbody')[0]).toEqual(['Acme Pty Ltd ACME', '+44.00', '+30.00', '1', '0', '1', '-73.00']);
	});
});

describe('the report made in parts (renderHtmlReportBuffer, as Emit CW Log attaches it)', () => {
	/** The payload whole, as the page's script reads it: what the parts must add up to. */
	const payloadOf = (entries: Parameters<typeof reportRow>[0][], csvFileName: string): ReportPayload => ({ csvHeader: csvHeader(), csvFileName, rows: entries.map(reportRow) });

	it.each([0, 1, 499, 500, 501, 1234])('with %i entries: the payload JSON is JSON.stringify of the payload, and the bytes are the page', (count) => {
		const { entries, status } = syntheticRun(count);
		const summary = summarizeRun(entries, status);
		const fileName = reportFileName(summary, 'csv');
		expect([...reportPayloadJson(entries, fileName)].join('')).toBe(JSON.stringify(payloadOf(entries, fileName)));
		const html = renderHtmlReport(entries, summary);
		expect(renderHtmlReportBuffer(entries, summary).equals(Buffer.from(html, 'utf8'))).toBe(true);
		expect(embeddedPayload(html)).toEqual(payloadOf(entries, fileName));
	});

	it('escapes hostile text in every part', () => {
		const { entries, status } = hostileRun();
		const summary = summarizeRun(entries, status);
		const html = renderHtmlReportBuffer(entries, summary).toString('utf8');
		expect(html).toBe(renderHtmlReport(entries, summary));
		for (const text of Object.values(HOSTILE)) expect(html).not.toContain(text);
		expect(embeddedPayload(html)).toEqual(payloadOf(entries, reportFileName(summary, 'csv')));
	});
});
