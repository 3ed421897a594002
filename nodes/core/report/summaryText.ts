import { isAtLeast } from '../codes/levels';
import { messageOf, type LogEntry } from '../log/entry';
import { entryMoney, type MoneyGroup, type RunSummary } from '../log/run';
import { formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';

/** Warn and Error entries listed in the text; the full log goes to the sink. */
export const ATTENTION_SHOWN = 50;

/** Held lines listed in the text: enough to decide on a month's usual changes, short enough for a chat message. */
export const HELD_LINES_SHOWN = 10;

function count(lines: number, one = 'line'): string {
	return `${lines} ${one}${lines === 1 ? '' : 's'}`;
}

/** "monthly revenue +44.00, cost +30.00", saying how many lines had no price or cost rather than counting them as 0. */
function moneyText(group: MoneyGroup): string {
	const part = (label: string, amount: number, without: number, what: string) => {
		if (without === group.lines) return undefined;
		const note = without > 0 ? ` (${count(without)} without a unit ${what})` : '';
		return `${label} ${formatMoneyChange(amount)}${note}`;
	};
	const revenue =
		part('monthly revenue', group.monthlyRevenueChange, group.linesWithoutPrice, 'price') ??
		'monthly revenue unknown';
	const cost = part('cost', group.monthlyCostChange, group.linesWithoutCost, 'cost');
	return cost === undefined ? revenue : `${revenue}, ${cost}`;
}

function groupLine(label: string, group: MoneyGroup, who = ''): string | undefined {
	return group.lines === 0
		? undefined
		: `${label}: ${count(group.lines)}${who}, ${moneyText(group)}`;
}

/** One held line: customer, SKU, before → after, its monthly revenue change and the rules that held it. */
function heldLine(entry: LogEntry): string {
	const revenue = entryMoney(entry).revenue;
	return [
		entry.customerCode ?? entry.customerName ?? '—',
		entry.sku ?? entry.lineDescription ?? '—',
		`${formatQuantity(entry.quantityBefore ?? 0)} → ${formatQuantity(entry.quantityAfter ?? 0)}`,
		revenue === undefined ? 'revenue unknown' : `${formatMoneyChange(revenue)} a month`,
		...(entry.reviewReason ? [entry.reviewReason] : []),
	].join(' · ');
}

/** Largest monthly revenue change first, either way; unknown money last, then in log order. */
function byMoneyAtStake(a: LogEntry, b: LogEntry): number {
	const size = (entry: LogEntry) => {
		const revenue = entryMoney(entry).revenue;
		return revenue === undefined ? -1 : Math.abs(revenue);
	};
	return size(b) - size(a);
}

/**
 * Emit CW Log's `text`: what a billing admin reads in the approval email or Slack message. The status, what was
 * applied (by the policy or by a person's approval) and what waits for approval, each with its monthly revenue and
 * cost change, the held lines largest first, then the Warn and Error entries. Held lines (ACW11) are listed once,
 * in their own section, not again among the warnings.
 */
export function summaryText(entries: readonly LogEntry[], summary: RunSummary): string {
	const heldEntries = entries.filter((entry) => entry.outcome === 'held');
	const heldShown = [...heldEntries].sort(byMoneyAtStake).slice(0, HELD_LINES_SHOWN);
	const attention = entries.filter(
		(entry) => isAtLeast(entry.level, 'Warn') && entry.outcome !== 'held',
	);
	const { held } = summary;
	const money = [
		groupLine('Applied', summary.applied),
		groupLine('Approved and applied', summary.approved),
		groupLine('Dry run, nothing written', summary.dryRun),
		groupLine('Held for approval, not written', held, ` of ${count(held.customers, 'customer')}`),
	].filter((line): line is string => line !== undefined);
	return [
		`Atria to ConnectWise billing for the period ending ${summary.billingPeriodEnd ?? 'unknown'}: ${summary.status}`,
		`${summary.customers} customers; ${Object.entries(summary.countsByLevel)
			.map(([level, levelCount]) => `${levelCount} ${level}`)
			.join(', ')}`,
		...(money.length > 0 ? money : ['No line changed.']),
		...heldShown.map((entry) => `- ${heldLine(entry)}`),
		...(heldEntries.length > heldShown.length
			? [`…and ${count(heldEntries.length - heldShown.length, 'more held line')} in the log`]
			: []),
		...(attention.length > 0 ? ['Warn and Error entries:'] : []),
		...attention
			.slice(0, ATTENTION_SHOWN)
			.map((entry) => `${entry.level} ${entry.code}: ${messageOf(entry)}`),
		...(attention.length > ATTENTION_SHOWN
			? [`…and ${attention.length - ATTENTION_SHOWN} more`]
			: []),
	].join('\n');
}

/**
 * The text for a Slack message: Slack reads `<...>` as a mention or link (`<!channel>` notifies everyone) and
 * `&` as the start of an entity, so a customer name, SKU or reason from Atria is escaped the way Slack asks.
 */
export function slackText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
