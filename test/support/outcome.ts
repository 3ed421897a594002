import type { LogEntry } from '../../nodes/core/log/entry';
import { normalizeKey } from '../../nodes/core/util/keys';
import type { JournalEntry } from '../sandbox';
import type { CwAddition, CwState, Dataset, ExpectedAddition } from '../sandbox/model';

/**
 * What a run left in ConnectWise, in a form tests compare exactly: one `agreement|product|quantity` string per
 * active addition, sorted. Two active additions of one product stay two strings, so a duplicate shows.
 */
export type StateLines = string[];

function line(agreementId: number, product: string, quantity: number): string {
	return `${agreementId}|${product}|${quantity}`;
}

function sorted(lines: string[]): string[] {
	return [...lines].sort();
}

export function activeLines(additions: readonly CwAddition[]): StateLines {
	return sorted(additions.filter((addition) => !addition.cancelledDate).map((addition) => line(addition.agreementId, addition.product.identifier, addition.quantity)));
}

export function stateLines(state: CwState): StateLines {
	return activeLines(state.additions);
}

export function expectedLines(additions: readonly ExpectedAddition[]): StateLines {
	return sorted(additions.map((addition) => line(addition.agreementId, addition.productIdentifier, addition.quantity)));
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
	const seed = dataset.connectwise.additions.filter((addition) => !addition.cancelledDate && touches(untouched, addition.agreementId, addition.product.identifier));
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
 * Agreement+product pairs with more active additions than both the seed and the expected outcome have: a
 * duplicate some run created. Empty when nothing was duplicated.
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
