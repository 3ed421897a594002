import { createHash } from 'node:crypto';
import { codeDefinition, type CwCode } from '../codes/catalogue';
import { LOG_LEVELS, levelRank, type LogLevel } from '../codes/levels';
import type { LogEntry } from '../log/entry';
import type { MoneyGroup, RunStatus, RunSummary } from '../log/run';
import { formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';
import { CLIENT_SCRIPT } from './clientScript';
import { customerMoneySection } from './customers';
import { escapeHtml, escapeJsonForScript } from './escape';
import { reportPayloadJson } from './payload';
import { REPORT_STYLES } from './styles';

/** Most severe first: Atria's guide reviews through errors, then warnings, then information. */
const REVIEW_ORDER: readonly LogLevel[] = [...LOG_LEVELS].reverse();

const STATUS_CLASS: Record<RunStatus, string> = {
	Success: 'status-success',
	'Completed with warnings': 'status-warnings',
	Failed: 'status-failed',
};

/**
 * Only the page's own inline script may run (by its hash) and nothing may be fetched: the page works offline
 * and as an attachment, and even a value that slipped past escaping could not run or call out.
 */
function contentSecurityPolicy(script: string): string {
	const hash = createHash('sha256').update(script, 'utf8').digest('base64');
	return `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** A file-name-safe run id: letters, digits, dot, dash and underscore. */
function safeForFileName(text: string): string {
	return (
		text
			.replace(/[^A-Za-z0-9._-]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'run'
	);
}

/** `cw-log-<period end>-<run id>.html`; the CSV the page downloads has the same name with `.csv`. */
export function reportFileName(summary: RunSummary, extension: 'html' | 'csv' = 'html'): string {
	return `cw-log-${safeForFileName(summary.billingPeriodEnd ?? 'unknown-period')}-${safeForFileName(summary.runId)}.${extension}`;
}

function utcTime(timestamp: string | undefined): string {
	return timestamp === undefined ? '—' : timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

function signedQuantity(quantity: number): string {
	return quantity > 0 ? `+${formatQuantity(quantity)}` : formatQuantity(quantity);
}

function fact(label: string, value: string, note = '', className = ''): string {
	return `<div class="fact${className ? ` ${className}` : ''}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}${note ? `<small>${escapeHtml(note)}</small>` : ''}</dd></div>`;
}

/** "+44.00", or "unknown" when none of the lines has a price. */
function groupRevenue(group: MoneyGroup): string {
	return group.lines > 0 && group.linesWithoutPrice === group.lines
		? 'unknown'
		: formatMoneyChange(group.monthlyRevenueChange);
}

/** "3 lines, cost +30.00": what the money fact's value does not say. */
function groupNote(group: MoneyGroup, extra = ''): string {
	const cost =
		group.lines > 0 && group.linesWithoutCost < group.lines
			? `, cost ${formatMoneyChange(group.monthlyCostChange)}`
			: '';
	const unpriced =
		group.linesWithoutPrice > 0 && group.linesWithoutPrice < group.lines
			? `, ${group.linesWithoutPrice} without a unit price left out`
			: '';
	return `${plural(group.lines, 'line')}${extra}${cost}${unpriced}`;
}

/**
 * The review split as facts: what was applied without a person, approved by one, dry run, and held. Held is
 * always shown (none waiting is worth knowing); the others when they have lines.
 */
function reviewFacts(summary: RunSummary): string {
	const { held } = summary;
	const facts = [
		summary.applied.lines > 0 &&
			fact('Applied', groupRevenue(summary.applied), groupNote(summary.applied), 'review-applied'),
		summary.approved.lines > 0 &&
			fact(
				'Approved and applied',
				groupRevenue(summary.approved),
				groupNote(summary.approved),
				'review-approved',
			),
		summary.dryRun.lines > 0 &&
			fact(
				'Dry run',
				groupRevenue(summary.dryRun),
				groupNote(summary.dryRun, ', nothing written'),
				'review-dry-run',
			),
		fact(
			'Held for approval',
			held.lines > 0 ? groupRevenue(held) : 'none',
			held.lines > 0
				? groupNote(held, ` of ${plural(held.customers, 'customer')}, not written`)
				: 'no line waits for a person',
			held.lines > 0 ? 'review-held' : '',
		),
	];
	return facts.filter((item): item is string => item !== false).join('\n');
}

function levelClass(level: LogLevel): string {
	return `level-${level.toLowerCase()}`;
}

function plural(count: number, one: string): string {
	return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** The codes of the run, most severe level first, then by code. */
function codesInReviewOrder(summary: RunSummary): CwCode[] {
	return (Object.keys(summary.countsByCode) as CwCode[]).sort(
		(a, b) =>
			levelRank(codeDefinition(b).level) - levelRank(codeDefinition(a).level) || a.localeCompare(b),
	);
}

function runHeader(entries: readonly LogEntry[], summary: RunSummary): string {
	const period = summary.billingPeriodEnd ?? 'unknown';
	const dryRun = entries.some((entry) => entry.outcome === 'dryRun');
	const unpriced =
		summary.writesWithoutPrice > 0
			? `${plural(summary.writesWithoutPrice, 'write')} without a unit price left out`
			: 'from unit prices';
	const uncosted =
		summary.writesWithoutCost > 0
			? `${plural(summary.writesWithoutCost, 'write')} without a unit cost left out`
			: 'from unit costs';
	return `<header class="run-header">
<div>
<h1>Atria to ConnectWise billing: CW log</h1>
<p class="subtitle">Billing period ending <strong>${escapeHtml(period)}</strong> · run <code>${escapeHtml(summary.runId)}</code>${dryRun ? ' · <strong>dry run</strong>: nothing was written' : ''}</p>
</div>
<p class="status ${STATUS_CLASS[summary.status]}">${escapeHtml(summary.status)}</p>
</header>
<section aria-labelledby="run-heading">
<h2 id="run-heading" class="visually-hidden">Run</h2>
<dl class="facts">
${fact('Started', utcTime(entries[0]?.timestamp), 'UTC, first entry')}
${fact('Finished', utcTime(entries[entries.length - 1]?.timestamp), 'UTC, last entry')}
${fact('Customers processed', String(summary.customers))}
${fact('Log entries', String(entries.length))}
${fact('Quantity change', signedQuantity(summary.quantityChange), 'sum of after − before over writes')}
${fact('Monthly revenue change', formatMoneyChange(summary.monthlyRevenueChange), unpriced)}
${fact('Monthly cost change', formatMoneyChange(summary.monthlyCostChange), uncosted)}
${reviewFacts(summary)}
</dl>
</section>`;
}

function countsSection(summary: RunSummary): string {
	const levels = REVIEW_ORDER.map(
		(level) =>
			`<li><span><span class="badge ${levelClass(level)}">${level}</span><span class="n">${summary.countsByLevel[level]}</span></span></li>`,
	).join('');
	const codes = codesInReviewOrder(summary)
		.map((code) => {
			const { level } = codeDefinition(code);
			return `<li><a href="#code-${code}" class="${levelClass(level)}" title="${escapeHtml(`${level}: how to resolve ${code}`)}"><strong>${code}</strong><span class="n">${summary.countsByCode[code]}</span></a></li>`;
		})
		.join('');
	return `<section aria-labelledby="counts-heading">
<h2 id="counts-heading">Entries per level and code</h2>
<ul class="counts" aria-label="Entries per level">${levels}</ul>
<ul class="counts" aria-label="Entries per code">${codes}</ul>
</section>`;
}

function entriesSection(summary: RunSummary, total: number): string {
	const levelButtons = ['All', ...REVIEW_ORDER]
		.map((level) => {
			const count = level === 'All' ? total : summary.countsByLevel[level as LogLevel];
			return `<button type="button" data-level="${level}" aria-pressed="${level === 'All'}">${level}<span class="n"> ${count}</span></button>`;
		})
		.join('');
	const sortable = (key: string, label: string) =>
		`<th scope="col" data-sort="${key}" aria-sort="none"><button type="button">${label}</button></th>`;
	return `<section id="entries" aria-labelledby="entries-heading">
<h2 id="entries-heading">Log entries</h2>
<noscript><p class="noscript">This table is built by the page's script. Open the file in a browser with scripts allowed, or use the CSV log, which has the same rows.</p></noscript>
<div class="controls needs-script">
<div class="search"><label class="control-label" for="entries-search">Search code and message</label><input id="entries-search" type="search" placeholder="e.g. CW04 or a SKU" autocomplete="off"></div>
<div><span class="control-label" id="levels-label">Level: review errors, then warnings, then information</span><div class="levels" role="group" aria-labelledby="levels-label">${levelButtons}</div></div>
<button type="button" id="download-csv" class="download" title="The entries that match the search and level filter, as CSV">Download CSV</button>
</div>
<p id="entries-status" role="status" aria-live="polite"></p>
<div class="table-wrap">
<table>
<caption class="visually-hidden">CW log entries; the sortable columns have buttons in their headers</caption>
<thead><tr>${sortable('time', 'Time (UTC)')}${sortable('level', 'Level')}${sortable('code', 'Code')}${sortable('customer', 'Customer')}${sortable('sku', 'SKU')}<th scope="col">Message</th><th scope="col">Quantity</th><th scope="col">Outcome</th><th scope="col" title="Monthly revenue change of the line, and its cost change">Money / month</th><th scope="col" title="The review policy's decision: auto (no review), hold (waits for approval) or approved, and why">Review</th></tr></thead>
<tbody id="entries-body"></tbody>
</table>
</div>
<button type="button" id="entries-more" class="more needs-script" hidden>Show more entries</button>
</section>`;
}

function legendSection(summary: RunSummary): string {
	const articles = codesInReviewOrder(summary).map((code) => {
		const definition = codeDefinition(code);
		const count = summary.countsByCode[code] ?? 0;
		return `<article id="code-${code}" class="${levelClass(definition.level)}">
<header><h3>${code}</h3><span class="badge ${levelClass(definition.level)}">${definition.level}</span><span class="n">${plural(count, 'entry').replace(/entrys$/, 'entries')}</span><button type="button" class="needs-script" data-show-code="${code}">Show ${code} entries</button></header>
<p class="occurs">Occurs when: ${escapeHtml(definition.occurs)}</p>
<p><strong>How to resolve:</strong> ${escapeHtml(definition.howToResolve)}</p>
</article>`;
	});
	return `<section aria-labelledby="codes-heading">
<h2 id="codes-heading">How to resolve each code</h2>
<div class="legend">
${articles.join('\n')}
</div>
</section>`;
}

/**
 * The run's review report: one self-contained HTML page (inline styles and script, the entries as JSON,
 * no requests) with the run header (with the money applied, approved and held), counts per level and code,
 * the money per customer (sortable by any column), the entries table (sort by code, level, customer and SKU;
 * search code and message; filter by level; download the rows shown as CSV) and how to resolve each code. Every text is escaped or set as text, so entries holding markup show as text.
 */
export function renderHtmlReport(entries: readonly LogEntry[], summary: RunSummary): string {
	return [...htmlReportParts(entries, summary)].join('');
}

/**
 * The same page as UTF-8 bytes, made part by part: at 5,000 customers the page is about 60 MB, and held as one
 * string (two bytes a character once any character is outside Latin-1) with its parts it took several times that.
 */
export function renderHtmlReportBuffer(entries: readonly LogEntry[], summary: RunSummary): Buffer {
	const buffers: Buffer[] = [];
	for (const part of htmlReportParts(entries, summary)) buffers.push(Buffer.from(part, 'utf8'));
	return Buffer.concat(buffers);
}

function* htmlReportParts(entries: readonly LogEntry[], summary: RunSummary): Generator<string> {
	const title = `CW log: period ending ${summary.billingPeriodEnd ?? 'unknown'}, ${summary.status}`;
	yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(CLIENT_SCRIPT)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<main>
${runHeader(entries, summary)}
${countsSection(summary)}
${customerMoneySection(entries, summary)}
${entriesSection(summary, entries.length)}
${legendSection(summary)}
<footer>Run ${escapeHtml(summary.runId)} · ${entries.length} entries · a self-contained page: it makes no requests and works offline.</footer>
</main>
<script type="application/json" id="report-data">`;
	for (const json of reportPayloadJson(entries, reportFileName(summary, 'csv')))
		yield escapeJsonForScript(json);
	yield `</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
