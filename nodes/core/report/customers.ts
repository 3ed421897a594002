import type { LogEntry } from '../log/entry';
import {
	moneyGroupOf,
	summarizeMoney,
	type MoneyGroup,
	type MoneySplit,
	type RunSummary,
} from '../log/run';
import { formatMoneyChange } from '../util/money';
import { escapeHtml } from './escape';

/** One customer's lines written, approved and held, and what they change per month. */
export interface CustomerMoney {
	customerCode: string;
	customerName: string;
	money: MoneySplit;
}

/**
 * The customers with a line written (or dry run) or held, by customer code, each with its money split. A customer
 * whose lines all stayed as they were changes nothing and is left out, so the table shows what needs reading.
 */
export function customerMoney(entries: readonly LogEntry[]): CustomerMoney[] {
	const names = new Map<string, string>();
	const lines = new Map<string, LogEntry[]>();
	for (const entry of entries) {
		const code = entry.customerCode ?? '';
		if (entry.customerName && !names.has(code)) names.set(code, entry.customerName);
		if (moneyGroupOf(entry) === undefined) continue;
		const list = lines.get(code);
		if (list) list.push(entry);
		else lines.set(code, [entry]);
	}
	return [...lines]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([customerCode, list]) => ({
			customerCode,
			customerName: names.get(customerCode) ?? '',
			money: summarizeMoney(list),
		}));
}

/** Written lines: applied without a person, approved, or dry run; their money is the customer's change. */
function writtenLines(money: MoneySplit): number {
	return money.applied.lines + money.approved.lines + money.dryRun.lines;
}

/**
 * A money cell: the amount, "—" when there is no line, or "unknown" when no line has a price (sorted last either
 * way); a note says how many lines were left out for want of one. `data-value` holds the number the page's script sorts by.
 */
function moneyCell(amount: number, lines: number, without: number, what: string): string {
	// No line of the kind: nothing changes, which sorts as 0.
	if (lines === 0) return '<td class="money zero" data-value="0">—</td>';
	if (without === lines)
		return `<td class="money unknown" data-value="">unknown<small>no unit ${what}</small></td>`;
	const note =
		without > 0
			? `<small>${without} line${without === 1 ? '' : 's'} without a unit ${what}</small>`
			: '';
	const sign = amount < 0 ? ' negative' : amount > 0 ? ' positive' : ' zero';
	return `<td class="money${sign}" data-value="${amount}">${escapeHtml(formatMoneyChange(amount))}${note}</td>`;
}

function countCell(count: number, className = ''): string {
	return `<td class="count${count === 0 ? ' zero' : ''}${className}" data-value="${count}">${count}</td>`;
}

interface Column {
	key: string;
	label: string;
	title: string;
	type: 'text' | 'number';
	cell: (money: MoneySplit) => string;
	/** The totals row's cell, from the run's summary. */
	total: (summary: RunSummary) => string;
}

function revenueCell(
	money: Pick<MoneySplit, 'monthlyRevenueChange' | 'writesWithoutPrice'>,
	lines: number,
) {
	return moneyCell(money.monthlyRevenueChange, lines, money.writesWithoutPrice, 'price');
}

function costCell(
	money: Pick<MoneySplit, 'monthlyCostChange' | 'writesWithoutCost'>,
	lines: number,
) {
	return moneyCell(money.monthlyCostChange, lines, money.writesWithoutCost, 'cost');
}

function heldRevenueCell(held: MoneyGroup): string {
	return moneyCell(held.monthlyRevenueChange, held.lines, held.linesWithoutPrice, 'price');
}

function columns(withDryRun: boolean): Column[] {
	return [
		{
			key: 'revenue',
			label: 'Revenue change',
			title: 'Monthly revenue change of the lines written (or, in a dry run, that would be)',
			type: 'number',
			cell: (money) => revenueCell(money, writtenLines(money)),
			total: (summary) => revenueCell(summary, writtenLines(summary)),
		},
		{
			key: 'cost',
			label: 'Cost change',
			title: 'Monthly cost change of the lines written (or, in a dry run, that would be)',
			type: 'number',
			cell: (money) => costCell(money, writtenLines(money)),
			total: (summary) => costCell(summary, writtenLines(summary)),
		},
		{
			key: 'applied',
			label: 'Applied',
			title: 'Lines written without review: the review policy let them through',
			type: 'number',
			cell: (money) => countCell(money.applied.lines),
			total: (summary) => countCell(summary.applied.lines),
		},
		{
			key: 'approved',
			label: 'Approved',
			title: 'Lines the review policy held that a person approved, then written',
			type: 'number',
			cell: (money) => countCell(money.approved.lines),
			total: (summary) => countCell(summary.approved.lines),
		},
		...(withDryRun
			? [
					{
						key: 'dryRun',
						label: 'Dry run',
						title: 'Lines a dry run would write',
						type: 'number' as const,
						cell: (money: MoneySplit) => countCell(money.dryRun.lines),
						total: (summary: RunSummary) => countCell(summary.dryRun.lines),
					},
				]
			: []),
		{
			key: 'held',
			label: 'Held',
			title: "Lines held for a person's approval and not written (ACW11)",
			type: 'number',
			cell: (money) => countCell(money.held.lines, money.held.lines > 0 ? ' held' : ''),
			total: (summary) => countCell(summary.held.lines, summary.held.lines > 0 ? ' held' : ''),
		},
		{
			key: 'heldRevenue',
			label: 'Held revenue change',
			title: 'Monthly revenue change of the held lines, if they are approved',
			type: 'number',
			cell: (money) => heldRevenueCell(money.held),
			total: (summary) => heldRevenueCell(summary.held),
		},
	];
}

function customerCell(customer: CustomerMoney): string {
	const name = customer.customerName || customer.customerCode || '—';
	const code =
		customer.customerName && customer.customerCode
			? `<span class="customer-code">${escapeHtml(customer.customerCode)}</span>`
			: '';
	const key = `${name} ${customer.customerCode}`.toLowerCase();
	return `<th scope="row" class="customer" data-value="${escapeHtml(key)}"><span class="customer-name">${escapeHtml(name)}</span>${code}</th>`;
}

/**
 * "Money per customer": each customer's monthly revenue and cost change and its applied, approved and held lines,
 * with the run's totals below. Rendered in the page (it reads without the script and prints); the script sorts it
 * by any column from the buttons in its headers.
 */
export function customerMoneySection(entries: readonly LogEntry[], summary: RunSummary): string {
	const customers = customerMoney(entries);
	const heading = '<h2 id="customers-heading">Money per customer</h2>';
	if (customers.length === 0)
		return `<section id="customers" aria-labelledby="customers-heading">
${heading}
<p class="empty-note">No line was written or held in this run.</p>
</section>`;
	const list = columns(summary.dryRun.lines > 0);
	const header = (key: string, label: string, title: string, type: string) =>
		`<th scope="col" data-customer-sort="${key}" data-type="${type}" aria-sort="none" title="${escapeHtml(title)}"><button type="button">${escapeHtml(label)}</button></th>`;
	const rows = customers
		.map(
			(customer) =>
				`<tr>${customerCell(customer)}${list.map((column) => column.cell(customer.money)).join('')}</tr>`,
		)
		.join('\n');
	return `<section id="customers" aria-labelledby="customers-heading">
${heading}
<p class="section-note">Per month, in the agreements' currency: the ${customers.length === 1 ? 'customer' : `${customers.length} customers`} with a line written or held. Revenue and cost change count the lines written (or, in a dry run, that would be); held lines change nothing until approved.</p>
<div class="table-wrap scroll">
<table id="customers-table">
<caption class="visually-hidden">Money per customer; the columns sort with the buttons in their headers</caption>
<thead><tr>${header('customer', 'Customer', 'Customer name and code', 'text')}${list.map((column) => header(column.key, column.label, column.title, column.type)).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">All customers</th>${list.map((column) => column.total(summary)).join('')}</tr></tfoot>
</table>
</div>
</section>`;
}
