import type { LogEntry } from '../../nodes/core/log/entry';
import { normalizeKey } from '../../nodes/core/util/keys';
import type { JournalEntry } from '../../sandbox';
import type { CwAddition, CwState, Dataset, ExpectedAddition } from '../../sandbox/model';

/**
 * What a run left in ConnectWise, in a form tests compare exactly: one string per addition of every agreement,
 * sorted, cancelled lines, lines that start later, `NoCharge` / `DoNotBill` lines and credits included:
 *
 *     agreementId|productIdentifier|billCustomer|quantity|lessIncluded|effectiveDay|cancelledDay
 *
 * Days are UTC `YYYY-MM-DD` (ConnectWise dates are compared by their UTC day), `-` when the date is not set;
 * lessIncluded absent reads 0. Two additions of one product stay two strings, so a duplicate shows, and a line
 * that should have been left alone (a credit, a future line, a cancelled one) shows when it changes.
 */
export type StateLines = string[];

/** The fields of an addition that a line compares, whether read from ConnectWise or written in an expectation. */
interface LineFields {
	agreementId: number;
	product: string;
	billCustomer: string;
	quantity: number;
	lessIncluded: number;
	effectiveDay: string | null;
	cancelledDay: string | null;
}

function line(fields: LineFields): string {
	const { agreementId, product, billCustomer, quantity, lessIncluded, effectiveDay, cancelledDay } = fields;
	return `${agreementId}|${product}|${billCustomer}|${quantity}|${lessIncluded}|${effectiveDay ?? '-'}|${cancelledDay ?? '-'}`;
}

/** The UTC day of a ConnectWise date, or the text itself when it is not a date (so it still shows). */
export function utcDay(value: string | null | undefined): string | null {
	if (value === null || value === undefined || value === '') return null;
	const time = Date.parse(value);
	return Number.isNaN(time) ? value : new Date(time).toISOString().slice(0, 10);
}

function sorted(lines: string[]): string[] {
	return [...lines].sort();
}

function additionLine(addition: CwAddition): string {
	return line({
		agreementId: addition.agreementId,
		product: addition.product.identifier,
		billCustomer: addition.billCustomer,
		quantity: addition.quantity,
		lessIncluded: addition.lessIncluded ?? 0,
		effectiveDay: utcDay(addition.effectiveDate),
		cancelledDay: utcDay(addition.cancelledDate),
	});
}

/**
 * The lines of these additions, every one of them (the name is from when only active additions were compared;
 * a line with a cancelled date can still bill, so there is no "active" test here any more).
 */
export function activeLines(additions: readonly CwAddition[]): StateLines {
	return sorted(additions.map(additionLine));
}

/** The same as activeLines: every addition's line. */
export const additionLines = activeLines;

export function stateLines(state: CwState): StateLines {
	return activeLines(state.additions);
}

/** An expectation's lines; omitted fields read as a Billable line without included units or dates. */
export function expectedLines(additions: readonly ExpectedAddition[]): StateLines {
	return sorted(
		additions.map((addition) =>
			line({
				agreementId: addition.agreementId,
				product: addition.productIdentifier,
				billCustomer: addition.billCustomer ?? 'Billable',
				quantity: addition.quantity,
				lessIncluded: addition.lessIncluded ?? 0,
				effectiveDay: addition.effectiveDay ?? null,
				cancelledDay: addition.cancelledDay ?? null,
			}),
		),
	);
}

/** Which lines a confined failure leaves as they were: a whole agreement, or one product on it. */
export interface Untouched {
	agreementId: number;
	product?: string;
}

function touches(untouched: Untouched, agreementId: number, product: string): boolean {
	return agreementId === untouched.agreementId && (untouched.product === undefined || normalizeKey(product) === normalizeKey(untouched.product));
}

/**
 * The exact state after a run whose failure stayed with `untouched`: the expected outcome everywhere else, the
 * seed's lines there. Written from the dataset's hand-made oracle, never from what the run did.
 */
export function expectedExcept(dataset: Dataset, untouched: Untouched): StateLines {
	const expected = dataset.expected!.createAllowed.additions.filter((addition) => !touches(untouched, addition.agreementId, addition.productIdentifier));
	const seed = dataset.connectwise.additions.filter((addition) => touches(untouched, addition.agreementId, addition.product.identifier));
	return sorted([...expectedLines(expected), ...activeLines(seed)]);
}

function countByProduct(lines: StateLines): Map<string, number> {
	const counts = new Map<string, number>();
	for (const entry of lines) {
		const [agreementId, product] = entry.split('|');
		const key = `${agreementId}|${normalizeKey(product)}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/**
 * Agreement+product pairs with more additions than both the seed and the expected outcome have: a duplicate
 * some run created. Empty when nothing was duplicated.
 */
export function duplicatesCreated(state: CwState, dataset: Pick<Dataset, 'connectwise' | 'expected'>): string[] {
	const seed = countByProduct(activeLines(dataset.connectwise.additions));
	const expected = countByProduct(expectedLines(dataset.expected?.createAllowed.additions ?? []));
	const found: string[] = [];
	for (const [key, count] of countByProduct(stateLines(state))) {
		if (count > Math.max(seed.get(key) ?? 0, expected.get(key) ?? 0)) found.push(`${key} x${count}`);
	}
	return found;
}

/** Lines of `expected` missing from `actual` (a multiset difference): what a run lost. */
export function missingLines(expected: StateLines, actual: StateLines): string[] {
	const left = [...actual];
	const missing: string[] = [];
	for (const entry of expected) {
		const index = left.indexOf(entry);
		if (index === -1) missing.push(entry);
		else left.splice(index, 1);
	}
	return missing;
}

/** The codes logged per customer code, sorted with repeats; run-level entries (no customer) left out. */
export function codesByCustomer(entries: ReadonlyArray<Pick<LogEntry, 'code' | 'customerCode'>>): Record<string, string[]> {
	const codes: Record<string, string[]> = {};
	for (const entry of entries) {
		if (entry.code === 'CW01' || entry.code === 'CW23' || !entry.customerCode) continue;
		(codes[entry.customerCode] ??= []).push(entry.code);
	}
	for (const list of Object.values(codes)) list.sort();
	return codes;
}

export function writesIn(journal: readonly JournalEntry[]): JournalEntry[] {
	return journal.filter((entry) => entry.method !== 'GET');
}

export function faultsIn(journal: readonly JournalEntry[]): JournalEntry[] {
	return journal.filter((entry) => entry.fault !== undefined);
}
