/**
 * What a run asked of the sandbox (from its journals) against the least it could have asked.
 *
 * The lower bound of requests:
 * - Atria: two requests, the period and the one before it (services that left are seen from it);
 * - agreement types: one;
 * - companies, catalog items, agreements: the batched `in (...)` reads. A batch's URL must stay under the
 *   client's URL limit (2,000 characters), so with `room` = limit - the URL's length without list values, and
 *   each value's length as sent (quoted, percent-encoded) plus a separator (`%2C`, 3), n values need at least
 *   ceil((sum of value lengths + 3n) / (room + 3)) URLs: the same as ceil(n / values per URL) with values per
 *   URL = (room + 3) / (mean value length + 3). (The last value of a batch needs no separator, hence + 3 on
 *   both sides.) The URL's fixed part is measured on the requests actually sent, so the bound uses the same
 *   API base, fields and ordering as the client;
 * - additions reads: one per agreement the sync works on (no endpoint lists additions across agreements);
 * - writes: one PATCH per addition whose quantity changes (CW07, CW20, ACW02) and one POST per new addition
 *   (CW08), counted by the generator's own construction;
 * - the verification reads a safe sync needs (nodes/core/apply/applier.ts), all additions reads: Check Before
 *   Creating re-reads an agreement once before its first new addition (a plan applied late or twice must not add
 *   a product twice), and every POST is checked by reading its agreement (a create that raced another execution
 *   is settled: the lowest id stays). One of each per agreement with new additions and per new addition. Updates
 *   of a plan made moments before read nothing more (a plan older than two minutes would read its agreement once
 *   more; the benchmark applies its plans as soon as they are made). A sync without these reads would be
 *   cheaper and unsafe, so the bound counts them; `withoutSafetyReads` is the bound without them.
 */
import { DEFAULT_MAX_URL_LENGTH } from '../../nodes/core/connectwise/batching';
import { quote } from '../../nodes/core/connectwise/conditions';
import type { JournalEntry } from '../../sandbox';

export const REQUEST_KINDS = ['atria', 'types', 'companies', 'catalog', 'agreements', 'additionsRead', 'patch', 'post', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const BATCHED_KINDS = ['companies', 'catalog', 'agreements'] as const;
export type BatchedKind = (typeof BATCHED_KINDS)[number];

export const KIND_LABELS: Record<RequestKind, string> = {
	atria: 'Atria billing rows',
	types: 'CW agreement types',
	companies: 'CW companies (batched)',
	catalog: 'CW catalog (batched)',
	agreements: 'CW agreements (batched)',
	additionsRead: 'CW additions reads',
	patch: 'CW PATCH additions',
	post: 'CW POST additions',
	other: 'CW other',
};

/** `%2C`: what a comma between two list values costs in the URL. */
const SEPARATOR_LENGTH = encodeURIComponent(',').length;

export function classifyCw(entry: Pick<JournalEntry, 'method' | 'route'>): RequestKind {
	const { method, route } = entry;
	if (method === 'GET' && route === 'finance/agreements/types') return 'types';
	if (method === 'GET' && route === 'company/companies') return 'companies';
	if (method === 'GET' && route === 'procurement/catalog') return 'catalog';
	if (method === 'GET' && route === 'finance/agreements') return 'agreements';
	if (method === 'GET' && /^finance\/agreements\/\d+\/additions$/.test(route)) return 'additionsRead';
	if (method === 'PATCH' && /^finance\/agreements\/\d+\/additions\/\d+$/.test(route)) return 'patch';
	if (method === 'POST' && /^finance\/agreements\/\d+\/additions$/.test(route)) return 'post';
	return 'other';
}

export interface KindCount {
	/** Every request that reached the simulator, throttled ones included. */
	sent: number;
	/** Answered 429 by the simulator's rate limit. */
	throttled: number;
}

export interface JournalSummary {
	byKind: Record<RequestKind, KindCount>;
	/** ConnectWise requests, all kinds. */
	cwSent: number;
	cwThrottled: number;
	/** Status counts of ConnectWise answers, e.g. {"200": 3000, "429": 2}. */
	cwStatuses: Record<string, number>;
	/** Additions reads of an agreement already read in this run: the re-read before creating. */
	additionsReReads: number;
	/** Agreements whose additions were re-read. */
	agreementsReRead: number;
	/** Batched reads: the URL's length without list values (same for every batch of a route), and batches sent. */
	batches: Record<BatchedKind, { batches: number; pagesAfterFirst: number; fixedUrlLength: number | null; longestUrl: number }>;
	/** Arrival time of the first and last ConnectWise request (ms since epoch). */
	cwFirstArrival: number | null;
	cwLastArrival: number | null;
	timeline: Timeline;
}

/** When ConnectWise saw what, in seconds from its first request: where the wall time went. */
export interface Timeline {
	/** Last read before the first write (the snapshot), and the first write. */
	lastReadBeforeWritesS: number | null;
	firstWriteS: number | null;
	lastRequestS: number | null;
	/** Sum of the pauses longer than 1 s between two arrivals: waiting for the rate window (or for the client). */
	idleS: number;
	longestIdleS: number;
}

const IDLE_GAP_MS = 1000;

export function timelineOf(cw: readonly JournalEntry[]): Timeline {
	const arrivals = cw.map((entry) => ({ at: Date.parse(entry.startedAt), write: entry.method !== 'GET' })).sort((a, b) => a.at - b.at);
	if (arrivals.length === 0) return { lastReadBeforeWritesS: null, firstWriteS: null, lastRequestS: null, idleS: 0, longestIdleS: 0 };
	const origin = arrivals[0].at;
	const firstWrite = arrivals.find((arrival) => arrival.write);
	const readsBefore = arrivals.filter((arrival) => !arrival.write && (firstWrite === undefined || arrival.at <= firstWrite.at));
	let idle = 0;
	let longest = 0;
	for (let i = 1; i < arrivals.length; i++) {
		const gap = arrivals[i].at - arrivals[i - 1].at;
		if (gap > IDLE_GAP_MS) idle += gap;
		longest = Math.max(longest, gap);
	}
	return {
		lastReadBeforeWritesS: readsBefore.length > 0 ? (readsBefore[readsBefore.length - 1].at - origin) / 1000 : null,
		firstWriteS: firstWrite ? (firstWrite.at - origin) / 1000 : null,
		lastRequestS: (arrivals[arrivals.length - 1].at - origin) / 1000,
		idleS: idle / 1000,
		longestIdleS: longest / 1000,
	};
}

function emptyCounts(): Record<RequestKind, KindCount> {
	const counts = {} as Record<RequestKind, KindCount>;
	for (const kind of REQUEST_KINDS) counts[kind] = { sent: 0, throttled: 0 };
	return counts;
}

/**
 * The encoded `in (...)` list of a batched query, e.g. `%22A%22%2C%22B%22` for `identifier in ("A","B")`:
 * quoted values may contain parentheses, so the list ends at the first `)` outside quotes.
 */
export function encodedInListLength(rawQuery: string): number | null {
	const conditions = new URLSearchParams(rawQuery).get('conditions');
	if (conditions === null) return null;
	const start = conditions.indexOf(' in (');
	if (start < 0) return null;
	let quoteChar: string | null = null;
	const from = start + ' in ('.length;
	for (let i = from; i < conditions.length; i++) {
		const c = conditions[i];
		if (quoteChar !== null) {
			if (c === quoteChar) quoteChar = null;
		} else if (c === '"' || c === "'") quoteChar = c;
		else if (c === ')') return encodeURIComponent(conditions.slice(from, i)).length;
	}
	return null;
}

export function summarizeJournals(cw: readonly JournalEntry[], atria: readonly JournalEntry[], cwOrigin: string): JournalSummary {
	const byKind = emptyCounts();
	const cwStatuses: Record<string, number> = {};
	const additionsReads = new Map<string, number>();
	const batches = {} as JournalSummary['batches'];
	for (const kind of BATCHED_KINDS) batches[kind] = { batches: 0, pagesAfterFirst: 0, fixedUrlLength: null, longestUrl: 0 };
	let first: number | null = null;
	let last: number | null = null;

	for (const entry of atria) {
		byKind.atria.sent++;
		if (entry.status === 429) byKind.atria.throttled++;
	}
	for (const entry of cw) {
		const kind = classifyCw(entry);
		byKind[kind].sent++;
		cwStatuses[String(entry.status)] = (cwStatuses[String(entry.status)] ?? 0) + 1;
		const arrival = Date.parse(entry.startedAt);
		first = first === null ? arrival : Math.min(first, arrival);
		last = last === null ? arrival : Math.max(last, arrival);
		if (entry.status === 429) {
			byKind[kind].throttled++;
			continue;
		}
		if (kind === 'additionsRead') additionsReads.set(entry.route, (additionsReads.get(entry.route) ?? 0) + 1);
		if (kind === 'companies' || kind === 'catalog' || kind === 'agreements') {
			const page = Number(new URLSearchParams(entry.query).get('page') ?? '1');
			const figures = batches[kind];
			if (page > 1) {
				figures.pagesAfterFirst++;
				continue;
			}
			figures.batches++;
			const urlLength = `${cwOrigin}${entry.path}?${entry.query}`.length;
			figures.longestUrl = Math.max(figures.longestUrl, urlLength);
			const listLength = encodedInListLength(entry.query);
			if (listLength !== null) figures.fixedUrlLength ??= urlLength - listLength;
		}
	}
	let reReads = 0;
	let agreementsReRead = 0;
	for (const count of additionsReads.values()) {
		if (count > 1) {
			reReads += count - 1;
			agreementsReRead++;
		}
	}
	const cwSent = cw.length;
	const cwThrottled = cw.filter((entry) => entry.status === 429).length;
	return {
		byKind,
		cwSent,
		cwThrottled,
		cwStatuses,
		additionsReReads: reReads,
		agreementsReRead,
		batches,
		cwFirstArrival: first,
		cwLastArrival: last,
		timeline: timelineOf(cw),
	};
}

export interface BatchBound {
	values: number;
	meanEncodedLength: number;
	/** Characters left for the list in one URL. */
	room: number;
	valuesPerUrl: number;
	lowerBound: number;
}

/** Values as the client sends them: strings quoted, both percent-encoded. */
export function encodedValueLength(value: string | number): number {
	return encodeURIComponent(typeof value === 'number' ? String(value) : quote(value)).length;
}

/** ceil((sum of lengths + 3n) / (room + 3)); see the file comment. */
export function batchLowerBound(valueLengths: readonly number[], fixedUrlLength: number, maxUrlLength = DEFAULT_MAX_URL_LENGTH): BatchBound {
	const n = valueLengths.length;
	const room = maxUrlLength - fixedUrlLength;
	const total = valueLengths.reduce((sum, length) => sum + length, 0);
	const mean = n === 0 ? 0 : total / n;
	return {
		values: n,
		meanEncodedLength: mean,
		room,
		valuesPerUrl: n === 0 ? 0 : (room + SEPARATOR_LENGTH) / (mean + SEPARATOR_LENGTH),
		lowerBound: n === 0 ? 0 : Math.ceil((total + SEPARATOR_LENGTH * n) / (room + SEPARATOR_LENGTH)),
	};
}

/** What the dataset requires, independent of the client. */
export interface DatasetNeeds {
	/** Encoded lengths of the distinct values each batched read must carry. */
	batchedValueLengths: Record<BatchedKind, number[]>;
	/** Agreements the sync works on: one additions read each. */
	chosenAgreements: number;
	/** Agreements that get at least one new addition: one re-read each before creating (Check Before Creating). */
	agreementsWithCreates: number;
	patches: number;
	posts: number;
}

/** The additions reads safety adds to the bound (see the file comment). */
export interface SafetyReads {
	/** One per agreement that gets a new addition, before its first create. */
	beforeCreating: number;
	/** One per new addition, after its POST. */
	afterEachCreate: number;
	total: number;
}

export interface LowerBound {
	/** Requests by kind; additions reads include the safety reads. */
	byKind: Record<RequestKind, number>;
	batches: Record<BatchedKind, BatchBound>;
	safetyReads: SafetyReads;
	total: number;
	cwTotal: number;
	/** The bound of a sync that skipped the safety reads (the figure reported before they were counted). */
	withoutSafetyReads: number;
}

export function lowerBound(needs: DatasetNeeds, summary: JournalSummary, maxUrlLength = DEFAULT_MAX_URL_LENGTH): LowerBound {
	const batches = {} as Record<BatchedKind, BatchBound>;
	for (const kind of BATCHED_KINDS) {
		// No request of the kind sent (nothing to look up): the bound is 0, and so is the fixed part's use.
		const fixed = summary.batches[kind].fixedUrlLength ?? maxUrlLength;
		batches[kind] = batchLowerBound(needs.batchedValueLengths[kind], fixed, maxUrlLength);
	}
	const byKind: Record<RequestKind, number> = {
		atria: 2,
		types: 1,
		companies: batches.companies.lowerBound,
		catalog: batches.catalog.lowerBound,
		agreements: batches.agreements.lowerBound,
		additionsRead: 0,
		patch: needs.patches,
		post: needs.posts,
		other: 0,
	};
	const safetyReads: SafetyReads = {
		beforeCreating: needs.agreementsWithCreates,
		afterEachCreate: needs.posts,
		total: needs.agreementsWithCreates + needs.posts,
	};
	byKind.additionsRead = needs.chosenAgreements + safetyReads.total;
	const total = REQUEST_KINDS.reduce((sum, kind) => sum + byKind[kind], 0);
	return { byKind, batches, safetyReads, total, cwTotal: total - byKind.atria, withoutSafetyReads: total - safetyReads.total };
}
