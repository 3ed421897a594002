/** The report page's stylesheet, inlined: system fonts only, so the page asks for nothing when opened offline. */
export const REPORT_STYLES = `
:root {
	--ink: #1d2433; --muted: #5b6476; --line: #dfe3ea; --panel: #f6f7f9; --accent: #1f4f8f;
	--error: #b42318; --error-bg: #fef3f2; --warn: #a15c07; --warn-bg: #fffaeb;
	--info: #175cd3; --info-bg: #eff6ff; --verbose: #5b6476; --verbose-bg: #f2f4f7;
	--success: #067647; --success-bg: #ecfdf3;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1440px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 32px 0 12px; }
h3 { font-size: 15px; margin: 0; }
a { color: var(--accent); }
.subtitle { color: var(--muted); margin: 0; }
.run-header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; border-bottom: 1px solid var(--line); padding-bottom: 16px; }
.status { font-weight: 600; padding: 6px 12px; border-radius: 999px; white-space: nowrap; }
.status-success { color: var(--success); background: var(--success-bg); }
.status-warnings { color: var(--warn); background: var(--warn-bg); }
.status-failed { color: var(--error); background: var(--error-bg); }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 16px 0 0; }
.fact { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 0; }
.fact dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.fact dd { margin: 2px 0 0; font-size: 16px; white-space: nowrap; font-weight: 600; font-variant-numeric: tabular-nums; }
.fact dd small { display: block; white-space: normal; font-size: 12px; font-weight: 400; color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.counts li > * { display: inline-flex; gap: 6px; align-items: center; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--ink); background: #fff; }
.counts li a:hover { border-color: var(--accent); }
.counts li a.level-error { border-left: 3px solid var(--error); }
.counts li a.level-warn { border-left: 3px solid #f79009; }
.counts li a.level-info { border-left: 3px solid #84adff; }
.counts li a.level-verbose { border-left: 3px solid #d0d5dd; }
.counts + .counts { margin-top: 8px; }
.counts .n { font-variant-numeric: tabular-nums; color: var(--muted); }
.badge { display: inline-block; min-width: 58px; text-align: center; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.level-error { color: var(--error); background: var(--error-bg); }
.badge.level-warn { color: var(--warn); background: var(--warn-bg); }
.badge.level-info { color: var(--info); background: var(--info-bg); }
.badge.level-verbose { color: var(--verbose); background: var(--verbose-bg); }
.controls { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: flex-end; margin-bottom: 12px; }
.control-label { display: block; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.search input { width: 320px; max-width: 100%; padding: 7px 10px; border: 1px solid #c5cbd6; border-radius: 6px; font: inherit; }
.levels { display: flex; gap: 6px; flex-wrap: wrap; }
button { font: inherit; cursor: pointer; }
.levels button, .download { padding: 6px 12px; border: 1px solid #c5cbd6; border-radius: 6px; background: #fff; color: var(--ink); }
.levels button .n { color: var(--muted); margin-left: 1px; font-variant-numeric: tabular-nums; }
.levels button[aria-pressed="true"] { background: var(--ink); border-color: var(--ink); color: #fff; }
.levels button[aria-pressed="true"] .n { color: #d0d5dd; }
.download { margin-left: auto; background: var(--accent); border-color: var(--accent); color: #fff; font-weight: 600; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #84adff; outline-offset: 1px; }
#entries-status { color: var(--muted); margin: 0 0 8px; }
.table-wrap { border: 1px solid var(--line); border-radius: 8px; }
.more { display: block; margin: 12px auto 0; padding: 8px 16px; border: 1px solid #c5cbd6; border-radius: 6px; background: #fff; color: var(--ink); }
.more[hidden] { display: none; }
table { width: 100%; border-collapse: separate; border-spacing: 0; }
caption { text-align: left; padding: 0; }
thead th { position: sticky; top: 0; background: var(--panel); text-align: left; font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; border-bottom: 1px solid var(--line); padding: 8px 10px; white-space: nowrap; z-index: 1; }
th button { border: 0; background: none; padding: 0; color: inherit; font-weight: inherit; text-transform: inherit; letter-spacing: inherit; }
th[data-sort] button::after, th[data-customer-sort] button::after { content: "↕"; margin-left: 4px; color: #98a2b3; }
th[aria-sort="ascending"] button::after { content: "↑"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: "↓"; color: var(--ink); }
td { padding: 7px 10px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
tr.entry td:first-child { border-left: 4px solid transparent; }
tr.level-error td:first-child { border-left-color: var(--error); }
tr.level-warn td:first-child { border-left-color: #f79009; }
tr.level-info td:first-child { border-left-color: #84adff; }
tr.level-verbose td:first-child { border-left-color: #d0d5dd; }
tr.level-error { background: #fffbfa; }
tr.entry:hover { background: #f9fafb; }
td.time, td.change { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
td.change { color: var(--ink); }
td.code a { font-weight: 600; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-decoration: none; }
td.code a:hover { text-decoration: underline; }
.customer-name { display: block; }
.customer-code, td.sku { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.customer-code { color: var(--muted); }
td.sku.no-sku { font-family: inherit; font-style: italic; color: var(--muted); font-size: 13px; }
td.message { min-width: 280px; }
td.customer { min-width: 160px; }
td.outcome { color: var(--muted); font-size: 12px; }
td.empty { text-align: center; color: var(--muted); padding: 24px; }
td.money { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.money small, td.review small { display: block; font-size: 12px; color: var(--muted); white-space: normal; }
td.review { min-width: 120px; font-size: 13px; }
.decision { font-weight: 600; font-size: 12px; }
.decision.review-hold { color: var(--warn); }
.decision.review-approved { color: var(--success); }
.decision.review-auto { color: var(--muted); }
.fact.review-held { background: var(--warn-bg); border-color: #fedf89; }
.fact.review-approved { background: var(--success-bg); border-color: #abefc6; }
.section-note, .empty-note { color: var(--muted); margin: 0 0 8px; }
.table-wrap.scroll { max-height: 520px; overflow: auto; }
#customers-table th[data-type="number"] { text-align: right; }
#customers-table tbody th, #customers-table tfoot th { text-align: left; font-weight: 400; padding: 7px 10px; border-bottom: 1px solid #eef0f4; min-width: 200px; }
#customers-table td.money, #customers-table td.count { text-align: right; }
#customers-table td.count { font-variant-numeric: tabular-nums; }
#customers-table td.zero, #customers-table td.unknown { color: var(--muted); }
#customers-table td.count.held { color: var(--warn); font-weight: 600; }
#customers-table tbody tr:hover { background: #f9fafb; }
#customers-table tfoot th, #customers-table tfoot td { position: sticky; bottom: 0; background: var(--panel); border-top: 1px solid var(--line); font-weight: 600; }
.noscript { padding: 12px 16px; background: var(--warn-bg); border: 1px solid #fedf89; border-radius: 8px; }
.legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; }
.legend article { border: 1px solid var(--line); border-left-width: 4px; border-radius: 8px; padding: 12px 16px; scroll-margin-top: 16px; }
.legend article.level-error { border-left-color: var(--error); }
.legend article.level-warn { border-left-color: #f79009; }
.legend article.level-info { border-left-color: #84adff; }
.legend article.level-verbose { border-left-color: #d0d5dd; }
.legend article:target { box-shadow: 0 0 0 3px #84adff; }
.legend header { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
.legend .n { color: var(--muted); font-size: 13px; }
.legend p { margin: 8px 0 0; }
.legend .occurs { color: var(--muted); }
.legend button { margin-left: auto; border: 1px solid #c5cbd6; border-radius: 6px; background: #fff; padding: 2px 10px; font-size: 13px; }
html:not(.scripted) .needs-script { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print {
	@page { size: A4 landscape; margin: 12mm; }
	body { font-size: 10pt; }
	main { max-width: none; padding: 0; }
	.facts { grid-template-columns: repeat(6, 1fr); gap: 6px; }
	.fact dd { white-space: normal; font-size: 11pt; }
	td.message, td.customer { min-width: 0; }
	.controls, .legend button, th[data-sort] button::after, th[data-customer-sort] button::after { display: none !important; }
	.table-wrap.scroll { max-height: none; overflow: visible; }
	#customers-table tfoot th, #customers-table tfoot td { position: static; }
	.table-wrap { border: 0; }
	.more { display: none !important; }
	thead { display: table-header-group; }
	thead th { position: static; }
	tr { break-inside: avoid; }
	a { color: inherit; text-decoration: none; }
	.badge, .status, tr.entry td:first-child, .legend article { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
	.legend { display: block; }
	.legend article { break-inside: avoid; margin-bottom: 8px; }
	h2 { break-after: avoid; }
}
`;
