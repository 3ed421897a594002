import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { levelRank, type LogLevel } from '../../nodes/core/codes/levels';
import { toCsv } from '../../nodes/core/log/csv';
import type { LogEntry } from '../../nodes/core/log/entry';
import { summarizeRun } from '../../nodes/core/log/run';
import { DEFAULT_REVIEW_POLICY } from '../../nodes/core/plan/review';
import { customerMoney, type CustomerMoney } from '../../nodes/core/report/customers';
import { renderHtmlReport, reportFileName } from '../../nodes/core/report/html';
import { launchChromium, type Browser } from './chromium';
import { buildDemoReport, type BuiltReport } from './demoReport';
import { syntheticRun } from './entries';

/**
 * The report as the admin sees it: Debian's Chromium, headless, opening the file from disk (as from an email
 * attachment), driven by playwright-core. The demo run is the sandbox's demo MSP through the core sync.
 */
jest.setTimeout(120_000);

const PIXELWORKS_NAME = "PixelWorks <script>alert('x')</script> Ltd";
const SCREENSHOT = resolve(__dirname, 'results', 'report.png');
const COLUMN = { time: 0, level: 1, code: 2, customer: 3, sku: 4, message: 5 } as const;

let browser: Browser;
let folder: string;

beforeAll(async () => {
	browser = await launchChromium();
	folder = mkdtempSync(join(tmpdir(), 'cw-report-'));
});

afterAll(async () => {
	await browser?.close();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The cells of the rows the table shows, in order. */
async function visibleRows(page: Page): Promise<string[][]> {
	return page.$$eval('#entries-body tr.entry', (rows) => rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (cell) => cell.textContent ?? '')));
}

function column(rows: string[][], name: keyof typeof COLUMN): string[] {
	return rows.map((cells) => cells[COLUMN[name]]);
}

/** Stable sort, as the page sorts: equal keys keep log order. */
function sortedBy(entries: readonly LogEntry[], key: (entry: LogEntry) => string, direction = 1): LogEntry[] {
	return [...entries].sort((a, b) => (key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0));
}

describe('the demo run report in headless Chromium', () => {
	let demo: BuiltReport;
	let page: Page;
	const dialogs: string[] = [];
	const pageErrors: string[] = [];
	const requests: string[] = [];
	let url: string;

	beforeAll(async () => {
		demo = await buildDemoReport();
		const file = join(folder, reportFileName(demo.summary));
		writeFileSync(file, demo.html);
		url = pathToFileURL(file).href;
		page = await browser.context.newPage();
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('console', (message) => {
			if (message.type() === 'error') pageErrors.push(message.text());
		});
		page.on('request', (request) => requests.push(request.url()));
	});

	beforeEach(async () => {
		await page.goto(url);
	});

	afterAll(() => {
		// Whatever the tests did, nothing ever ran the markup in the data.
		expect(dialogs).toEqual([]);
		expect(pageErrors).toEqual([]);
	});

	it('opens with every entry, and asks for nothing but its own file', async () => {
		const rows = await visibleRows(page);
		expect(rows).toHaveLength(demo.entries.length);
		expect(column(rows, 'code')).toEqual(demo.entries.map((entry) => entry.code));
		expect(await page.textContent('#entries-status')).toBe(`Showing ${demo.entries.length} of ${demo.entries.length} entries`);
		expect(requests.filter((request) => request !== url)).toEqual([]);
		expect(await page.textContent('.status')).toBe(demo.summary.status);
	});

	it('sorts by code (ascending, then descending), level, customer and SKU', async () => {
		await page.getByRole('columnheader', { name: 'Code' }).getByRole('button').click();
		expect(column(await visibleRows(page), 'code')).toEqual(sortedBy(demo.entries, (entry) => entry.code).map((entry) => entry.code));
		expect(await page.getAttribute('th[data-sort="code"]', 'aria-sort')).toBe('ascending');
		await page.click('th[data-sort="code"] button');
		expect(column(await visibleRows(page), 'code')).toEqual(sortedBy(demo.entries, (entry) => entry.code, -1).map((entry) => entry.code));
		expect(await page.getAttribute('th[data-sort="code"]', 'aria-sort')).toBe('descending');

		await page.click('th[data-sort="level"] button');
		const ranks = column(await visibleRows(page), 'level').map((level) => -levelRank(level as LogLevel));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(ranks[0]).toBe(-levelRank('Error'));

		await page.click('th[data-sort="customer"] button');
		const customers = (await visibleRows(page)).map((cells) => cells[COLUMN.customer]);
		const named = customers.filter((customer) => customer !== '');
		expect(customers.slice(0, named.length)).toEqual(named); // the run's own entries (no customer) last
		const names = await page.$$eval('#entries-body .customer-name', (spans) => spans.map((span) => (span.textContent ?? '').toLowerCase()));
		expect(names).toEqual([...names].sort());

		await page.click('th[data-sort="sku"] button');
		const skus = column(await visibleRows(page), 'sku');
		const withSku = demo.entries.filter((entry) => entry.sku).map((entry) => entry.sku!.toLowerCase());
		expect(skus.slice(0, withSku.length).map((sku) => sku.toLowerCase())).toEqual([...withSku].sort());
	});

	it('searches code and message: "CW04" shows the CW04 lines', async () => {
		await page.fill('#entries-search', 'CW04');
		const rows = await visibleRows(page);
		const expected = demo.entries.filter((entry) => `${entry.code} ${entry.message}`.toLowerCase().includes('cw04'));
		expect(expected.length).toBeGreaterThan(0);
		expect(column(rows, 'code')).toEqual(expected.map((entry) => entry.code));
		expect(new Set(column(rows, 'code'))).toEqual(new Set(['CW04']));
		expect(await page.textContent('#entries-status')).toBe(`Showing ${expected.length} of ${demo.entries.length} entries`);
		// A SKU is found through the message, as the search of Atria's ConnectWise Manage Billing job finds a product code.
		await page.fill('#entries-search', 'hosted-desktop');
		expect(column(await visibleRows(page), 'message').every((message) => message.toLowerCase().includes('hosted-desktop'))).toBe(true);
		expect((await visibleRows(page)).length).toBeGreaterThan(0);
	});

	it('filters to Warn and downloads exactly the rows shown, in their order, as CSV', async () => {
		// By its accessible name, as a screen reader user finds it: the level and its count.
		await page.getByRole('button', { name: `Warn ${demo.summary.countsByLevel.Warn}`, exact: true }).click();
		const warn = demo.entries.filter((entry) => entry.level === 'Warn');
		expect(column(await visibleRows(page), 'level')).toEqual(warn.map(() => 'Warn'));
		expect(await page.getAttribute('button[data-level="Warn"]', 'aria-pressed')).toBe('true');
		expect(await page.getAttribute('button[data-level="All"]', 'aria-pressed')).toBe('false');

		await page.click('th[data-sort="code"] button');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
		expect(download.suggestedFilename()).toBe(reportFileName(demo.summary, 'csv'));
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv).toBe(toCsv(sortedBy(warn, (entry) => entry.code)));
		const lines = csv.trimEnd().split('\n');
		expect(lines).toHaveLength(warn.length + 1);
		expect(lines.slice(1).every((line) => line.split(',')[2] === 'Warn')).toBe(true);
	});

	it('shows a customer name holding <script> as text, and runs nothing', async () => {
		await page.fill('#entries-search', 'PIXELWORKS');
		const name = page.getByText(PIXELWORKS_NAME, { exact: true }).first();
		expect(await name.isVisible()).toBe(true);
		expect(await name.textContent()).toBe(PIXELWORKS_NAME);
		expect(await page.locator('#entries-body script, #entries-body img').count()).toBe(0);
		expect(await page.locator('script').count()).toBe(2);
		expect(dialogs).toEqual([]);
	});

	it('links each code to how to resolve it', async () => {
		await page.locator('#entries-body a[href="#code-CW04"]').first().click();
		expect(page.url().endsWith('#code-CW04')).toBe(true);
		const legend = page.locator('#code-CW04');
		expect(await legend.textContent()).toContain('Locate the Company in ConnectWise, copy the CompanyID.');
		const box = await legend.boundingBox();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y).toBeLessThan(1000);
		await legend.getByRole('button', { name: 'Show CW04 entries' }).click();
		expect(new Set(column(await visibleRows(page), 'code'))).toEqual(new Set(['CW04']));
	});

	it('prints without its controls', async () => {
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.controls').isVisible()).toBe(false);
		expect(await page.locator('#entries-body tr.entry').first().isVisible()).toBe(true);
		await page.emulateMedia({ media: 'screen' });
	});

	it('saves the README screenshot (test/report/results/report.png) when it is missing or UPDATE_REPORT_SCREENSHOT=1', async () => {
		// Sorted by level: the error first, then the warnings, as the admin reviews them.
		await page.click('th[data-sort="level"] button');
		// From the top: the run's money, applied and held, then the money per customer.
		await page.evaluate(() => window.scrollTo(0, 0));
		const png = await page.screenshot();
		expect(png.length).toBeGreaterThan(10_000);
		if (existsSync(SCREENSHOT) && process.env.UPDATE_REPORT_SCREENSHOT !== '1') return;
		mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
		writeFileSync(SCREENSHOT, png);
	});
});

describe('the money per customer table of a run with held lines, in headless Chromium', () => {
	let demo: BuiltReport;
	let page: Page;
	const pageErrors: string[] = [];

	beforeAll(async () => {
		demo = await buildDemoReport('demo-review', DEFAULT_REVIEW_POLICY);
		const file = join(folder, reportFileName(demo.summary));
		writeFileSync(file, demo.html);
		page = await browser.context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
		await page.goto(pathToFileURL(file).href);
	});

	afterAll(async () => {
		expect(pageErrors).toEqual([]);
		await page?.close();
	});

	/** The customer codes of the table's rows, in the order shown. */
	const shownCodes = () => page.$$eval('#customers-table tbody tr', (rows) => rows.map((row) => row.querySelector('.customer-code')?.textContent ?? ''));

	/** The page's order: by the key, unknown amounts last either way, ties in customer code order. */
	function expectedOrder(key: (customer: CustomerMoney) => number | null, direction: 1 | -1): string[] {
		const customers = customerMoney(demo.entries);
		return customers
			.map((customer, index) => ({ customer, index, value: key(customer) }))
			.sort((a, b) => {
				if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
				return (a.value - b.value) * direction || a.index - b.index;
			})
			.map(({ customer }) => customer.customerCode);
	}
	const revenue = ({ money }: CustomerMoney) => {
		const written = money.applied.lines + money.approved.lines + money.dryRun.lines;
		if (written === 0) return 0;
		return money.writesWithoutPrice === written ? null : money.monthlyRevenueChange;
	};

	it('lists the customers with a line written or held, by code, the held ones among them', async () => {
		expect(demo.summary.held.lines).toBeGreaterThan(0);
		expect(demo.summary.applied.lines).toBeGreaterThan(0);
		const codes = customerMoney(demo.entries).map((customer) => customer.customerCode);
		expect(await shownCodes()).toEqual(codes);
		expect(await page.textContent('#customers-table tfoot')).toContain('All customers');
	});

	it('sorts by revenue change, ascending then descending, and says so in aria-sort', async () => {
		const header = page.getByRole('columnheader', { name: /^Revenue change/ });
		await header.getByRole('button').click();
		const ascending = await shownCodes();
		expect(ascending).toEqual(expectedOrder(revenue, 1));
		expect(await header.getAttribute('aria-sort')).toBe('ascending');
		const values = await page.$$eval('#customers-table tbody tr td:nth-of-type(1)', (cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
		expect(values).toEqual([...values].sort((a, b) => a - b));
		expect(values[0]).toBeLessThan(values[values.length - 1]);

		await header.getByRole('button').click();
		expect(await shownCodes()).toEqual(expectedOrder(revenue, -1));
		expect(await header.getAttribute('aria-sort')).toBe('descending');
		expect(await page.getAttribute('th[data-customer-sort="customer"]', 'aria-sort')).toBe('none');
	});

	it('sorts by held lines and by customer, and leaves the entries table as it was', async () => {
		const entriesBefore = await visibleRows(page);
		await page.click('th[data-customer-sort="held"] button');
		await page.click('th[data-customer-sort="held"] button');
		expect(await shownCodes()).toEqual(expectedOrder(({ money }) => money.held.lines, -1));
		const firstHeld = customerMoney(demo.entries).filter((customer) => customer.money.held.lines > 0).length;
		const heldCounts = await page.$$eval('#customers-table tbody tr', (rows) => rows.map((row) => Number(row.querySelector('td.count.held')?.textContent ?? 0)));
		expect(heldCounts.slice(0, firstHeld).every((count) => count > 0)).toBe(true);
		expect(heldCounts.slice(firstHeld).every((count) => count === 0)).toBe(true);

		await page.click('th[data-customer-sort="customer"] button');
		const names = await page.$$eval('#customers-table tbody th', (cells) => cells.map((cell) => cell.getAttribute('data-value') ?? ''));
		expect(names).toEqual([...names].sort());
		expect(await visibleRows(page)).toEqual(entriesBefore);
		expect(await page.getAttribute('#entries th[data-sort="customer"]', 'aria-sort')).toBe('none');
	});

	it("shows each entry's money and review decision in the entries table", async () => {
		await page.fill('#entries-search', 'ACW11');
		const rows = await page.$$eval('#entries-body tr.entry', (trs) => trs.map((tr) => ({ money: tr.querySelector('td.money')?.textContent ?? '', review: tr.querySelector('td.review .decision')?.textContent ?? '' })));
		expect(rows).toHaveLength(demo.summary.held.lines);
		expect(rows.every((row) => row.review === 'hold')).toBe(true);
		expect(rows.every((row) => /^[+-]?[\d,]+\.\d\d/.test(row.money))).toBe(true);
	});
});

describe('a 5,000-entry report in headless Chromium', () => {
	it('opens and sorts (times printed, not asserted), shows rows a page at a time and downloads all matching rows', async () => {
		const { entries, status } = syntheticRun(5000);
		const summary = summarizeRun(entries, status);
		const html = renderHtmlReport(entries, summary);
		const file = join(folder, reportFileName(summary));
		writeFileSync(file, html);
		const page = await browser.context.newPage();

		const started = Date.now();
		await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
		const openMs = Date.now() - started;
		const navigation = await page.evaluate(() => {
			const timing = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			return { domContentLoaded: timing.domContentLoadedEventEnd, load: timing.loadEventEnd };
		});
		expect(await page.textContent('#entries-status')).toBe('Showing 5000 of 5000 entries');
		expect(await page.locator('#entries-body tr.entry').count()).toBe(200);

		/** Click (or an event), then wait for the next frame after layout: what the admin waits for. */
		const timeAction = (selector: string) =>
			page.evaluate(
				(target) =>
					new Promise<number>((done) => {
						const begin = performance.now();
						if (target === 'beforeprint') window.dispatchEvent(new Event('beforeprint'));
						else (document.querySelector(target) as HTMLElement).click();
						void document.body.offsetHeight;
						requestAnimationFrame(() => setTimeout(() => done(performance.now() - begin), 0));
					}),
				selector,
			);
		const sorts: Record<string, number> = {};
		for (const key of ['code', 'level', 'customer', 'sku']) sorts[key] = await timeAction(`th[data-sort="${key}"] button`);
		const codes = await page.$$eval('#entries-body tr.entry td.code', (cells) => cells.map((cell) => cell.textContent ?? ''));
		expect(codes).toHaveLength(200);
		const filterWarn = await timeAction('button[data-level="Warn"]');
		const warn = entries.filter((entry) => entry.level === 'Warn');
		expect(await page.textContent('#entries-status')).toBe(`Showing ${warn.length} of 5000 entries`);

		// Scrolling to the end of the table shows the next page of rows.
		await page.locator('#entries-more').scrollIntoViewIfNeeded();
		await page.waitForFunction(() => document.querySelectorAll('#entries-body tr.entry').length > 200);
		const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
		const csv = readFileSync((await download.path())!, 'utf8');
		expect(csv.trimEnd().split('\n')).toHaveLength(warn.length + 1);

		await page.click('button[data-level="All"]');
		const renderAll = await timeAction('beforeprint');
		expect(await page.locator('#entries-body tr.entry').count()).toBe(5000);
		await page.close();

		const figure = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
		console.log(
			[
				`HTML report, ${entries.length} entries, ${(html.length / 1024 / 1024).toFixed(2)} MB, headless Chromium:`,
				`  open (goto until load)       ${figure(openMs)}   (DOMContentLoaded ${navigation.domContentLoaded.toFixed(0)} ms, load ${navigation.load.toFixed(0)} ms after navigation start)`,
				...Object.entries(sorts).map(([key, ms]) => `  sort by ${key.padEnd(20)} ${figure(ms)}`),
				`  filter to Warn               ${figure(filterWarn)}`,
				`  all 5000 rows (before print) ${figure(renderAll)}`,
			].join('\n'),
		);
	});
});
