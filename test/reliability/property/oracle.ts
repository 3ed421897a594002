import type { AtriaRow, CwAddition, CwState } from '../../../sandbox/model';
import { AGREEMENT_TYPE } from './world';

/**
 * What ConnectWise must hold after a correct sync of a world, worked out from README "How it works" directly
 * (not from the planner's code): the quantity of every existing addition, and the additions to be created.
 *
 * - Rule 8, who comes through: the customers with rows this period, and those with a billing identifier that
 *   had rows with a SKU only in the period before (they left), unless a customer of this period has that
 *   billing identifier (re-coded). If this period has no rows at all (CW15), nothing changes anywhere.
 * - Rules 2-5: a customer is processed only if its billing identifier is set, used by no other customer of
 *   those (else ACW03), at most 30 characters and quotable, and names a live company (the lowest id) with an
 *   active, uncancelled agreement of the type (the lowest id).
 * - Rule 6, what bills in the period (dates compared by their UTC day): a line bills in the period when its
 *   effective day (if any) is on or before the period's last day and its cancelled day (if any) on or after
 *   its first day. A line with both days inside the period is a one-time charge. A *candidate* bills in the
 *   period, is not a one-time charge, is `Billable`, and has a quantity and a unit price that are not
 *   negative. A line bills on the days from its effective day to its cancelled day, both included.
 * - Rule 7, per SKU the customer reports this period (case and spaces ignored; q = its rows' thisMonthCount
 *   summed; lastMonthCount is not a quantity):
 *   - the target is the candidate that bills longest (no cancelled date, else the latest cancelled day; ties
 *     to one not at 0, then to the lowest id); its overlapping candidates are the others
 *     that bill on a day in common with it; a candidate that does not overlap it is left alone;
 *   - an overlapping candidate not at 0, at a unit price other than the target's: nothing changes for the
 *     product (ACW07);
 *   - else the target keeps its quantity when it is within the Quantity Tolerance of q (CW09), else it is set
 *     to q (0 when q is exactly 0); every overlapping candidate whose quantity is not exactly 0 is set to 0
 *     (ACW02), whatever the tolerance;
 *   - no candidate but some line of the product (any state, who pays or sign): nothing changes (ACW06);
 *   - no line of the product at all and q not 0: one `Billable` line with quantity q is created when Allow
 *     Creating Additions is on, the catalog's first active item of that key is not a Bundle, and the SKU is
 *     quotable and at most 60 characters.
 * - Rule 8, removed services: the managed SKUs are those of every row of this period and of the period before,
 *   for any customer. A managed SKU a processed customer does not report this period is handled as above
 *   with q = 0 (so: target and overlapping same-price candidates to 0, nothing when prices differ, never a
 *   create). Products no row names are never touched.
 * - Anything else (other agreements, lines that are not candidates, lines of products not in question) keeps
 *   its quantity.
 */
export interface Outcome {
	/** Quantity of every addition that existed, by id. */
	quantities: Map<number, number>;
	/** Additions to be created, as `agreementId|key|quantity|billCustomer`, sorted. */
	creates: string[];
}

export interface Period {
	start: string;
	end: string;
}

export interface OracleOptions {
	allowCreateAdditions: boolean;
	quantityTolerance: number;
	period: Period;
}

const key = (value: string) => value.normalize('NFC').trim().toLowerCase();
const quotable = (value: string) => !/\p{Cc}/u.test(value) && !(value.includes('"') && value.includes("'"));
const trimmed = (value: string | null) => (value === null ? '' : value.trim());

/** What the oracle reads of a line (the sandbox's CwAddition and the core's Addition both fit). */
interface Line {
	id: number;
	agreementId: number;
	product: { identifier: string };
	quantity: number;
	billCustomer: CwAddition['billCustomer'];
	unitPrice?: number | null;
	effectiveDate?: string | null;
	cancelledDate?: string | null;
}

/** The UTC day of a ConnectWise date (`yyyy-MM-ddTHH:mm:ssZ`), or null for none. */
function day(date: string | null | undefined): string | null {
	if (date === null || date === undefined || date === '') return null;
	const match = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}Z$/.exec(date);
	if (!match) throw new Error(`the oracle reads only ConnectWise dates, not ${date}`);
	return match[1];
}

/** The days a line bills, both included; null: without limit on that side. */
function span(line: Line): { from: string | null; to: string | null } {
	return { from: day(line.effectiveDate), to: day(line.cancelledDate) };
}

export function billsInPeriod(line: Line, period: Period): boolean {
	const { from, to } = span(line);
	return (from === null || from <= period.end) && (to === null || to >= period.start);
}

/** Rule 6: a line that can receive Atria's quantity. */
export function isCandidate(line: Line, period: Period): boolean {
	const { from, to } = span(line);
	const oneTime = from !== null && to !== null && from >= period.start && to <= period.end;
	return billsInPeriod(line, period) && !oneTime && line.billCustomer === 'Billable' && line.quantity >= 0 && (line.unitPrice ?? 0) >= 0;
}

/** Two lines bill on a day in common. */
export function overlap(a: Line, b: Line): boolean {
	const [x, y] = [span(a), span(b)];
	const from = [x.from, y.from].filter((value): value is string => value !== null).sort().pop() ?? null;
	const to = [x.to, y.to].filter((value): value is string => value !== null).sort()[0] ?? null;
	return from === null || to === null || from <= to;
}

/** The candidate that bills longest: no cancelled date, else the latest cancelled day; ties to the lowest id. */
function longest(candidates: readonly Line[]): Line | undefined {
	return [...candidates].sort((a, b) => {
		const [x, y] = [day(a.cancelledDate), day(b.cancelledDate)];
		if (x !== y) return x === null ? -1 : y === null ? 1 : x > y ? -1 : 1;
		return a.id - b.id;
	})[0];
}

const lowestId = <T extends { id: number }>(list: T[]) => [...list].sort((a, b) => a.id - b.id)[0];

interface Customer {
	identifier: string;
	/** This period's quantity by SKU key. */
	lines: Map<string, { sku: string; quantity: number }>;
}

/** Rule 8: the customers that come through, with what they report this period. */
function customersOf(rows: readonly AtriaRow[], previousRows: readonly AtriaRow[]): Customer[] {
	const customers = new Map<string, Customer>();
	for (const row of rows) {
		const code = key(row.customerCode);
		const customer = customers.get(code) ?? { identifier: trimmed(row.customerAccountCode), lines: new Map() };
		customers.set(code, customer);
		if (customer.identifier === '') customer.identifier = trimmed(row.customerAccountCode);
		const sku = trimmed(row.productSku);
		if (sku === '') continue;
		const line = customer.lines.get(key(sku)) ?? { sku, quantity: 0 };
		line.quantity += row.thisMonthCount;
		customer.lines.set(key(sku), line);
	}
	const gone = new Map<string, Customer & { skus: number }>();
	for (const row of previousRows) {
		const code = key(row.customerCode);
		if (customers.has(code)) continue;
		const customer = gone.get(code) ?? { identifier: trimmed(row.customerAccountCode), lines: new Map(), skus: 0 };
		gone.set(code, customer);
		if (customer.identifier === '') customer.identifier = trimmed(row.customerAccountCode);
		if (trimmed(row.productSku) !== '') customer.skus += 1;
	}
	const current = new Set([...customers.values()].map((customer) => key(customer.identifier)).filter((identifier) => identifier !== ''));
	const left = [...gone.values()].filter((customer) => customer.identifier !== '' && customer.skus > 0 && !current.has(key(customer.identifier)));
	return [...customers.values(), ...left.map(({ identifier, lines }) => ({ identifier, lines }))];
}

export function expectedOutcome(cw: CwState, rows: readonly AtriaRow[], previousRows: readonly AtriaRow[], options: OracleOptions): Outcome {
	const { period } = options;
	const quantities = new Map(cw.additions.map((addition) => [addition.id, addition.quantity]));
	const creates: string[] = [];
	// CW15: an empty period is a failed bill run, not every customer leaving.
	if (rows.length === 0) return { quantities, creates };

	const managed = new Set([...rows, ...previousRows].map((row) => trimmed(row.productSku)).filter((sku) => sku !== '').map(key));
	const customers = customersOf(rows, previousRows);
	const users = new Map<string, number>();
	for (const { identifier } of customers) if (identifier !== '') users.set(key(identifier), (users.get(key(identifier)) ?? 0) + 1);

	for (const { identifier, lines } of customers) {
		if (identifier === '' || users.get(key(identifier))! > 1 || identifier.length > 30 || !quotable(identifier)) continue;
		const company = lowestId(cw.companies.filter((item) => !item.deletedFlag && key(item.identifier) === key(identifier)));
		if (!company) continue;
		const agreement = lowestId(
			cw.agreements.filter((item) => item.company.id === company.id && item.type.id === AGREEMENT_TYPE.id && !item.cancelledFlag && item.agreementStatus === 'Active'),
		);
		if (!agreement) continue;
		const byProduct = new Map<string, CwAddition[]>();
		for (const addition of cw.additions) {
			if (addition.agreementId !== agreement.id) continue;
			const productKey = key(addition.product.identifier);
			byProduct.set(productKey, [...(byProduct.get(productKey) ?? []), addition]);
		}

		const billed = new Map<string, { sku: string; quantity: number }>(lines);
		for (const productKey of managed) if (!billed.has(productKey)) billed.set(productKey, { sku: productKey, quantity: 0 });

		for (const [skuKey, { sku, quantity: q }] of billed) {
			const all = byProduct.get(skuKey) ?? [];
			if (all.length === 0) {
				if (q === 0 || !options.allowCreateAdditions) continue;
				const item = lowestId(cw.catalog.filter((candidate) => !candidate.inactiveFlag && key(candidate.identifier) === skuKey));
				if (item && item.productClass !== 'Bundle' && quotable(sku) && sku.length <= 60) creates.push(`${agreement.id}|${skuKey}|${q}|Billable`);
				continue;
			}
			const candidates = all.filter((line) => isCandidate(line, period));
			const first = longest(candidates);
			const asLongNotZero = candidates.filter((line) => first !== undefined && day(line.cancelledDate) === day(first.cancelledDate) && line.quantity !== 0);
			const target = longest(asLongNotZero) ?? first;
			if (!target) continue; // ACW06: a person decided how this product bills.
			const overlapping = all.filter((line) => line.id !== target.id && isCandidate(line, period) && overlap(line, target));
			if (overlapping.some((line) => line.quantity !== 0 && (line.unitPrice ?? 0) !== (target.unitPrice ?? 0))) continue; // ACW07
			if (Math.abs(target.quantity - q) > options.quantityTolerance) quantities.set(target.id, q);
			for (const duplicate of overlapping) if (duplicate.quantity !== 0) quantities.set(duplicate.id, 0);
		}
	}
	return { quantities, creates: creates.sort() };
}

type AfterLine = Pick<CwAddition, 'id' | 'agreementId' | 'product' | 'quantity' | 'cancelledDate' | 'billCustomer'>;

/** The same two parts, read from a state after a sync: existing additions by id, new ones as strings. */
export function observedOutcome(before: CwState, after: readonly AfterLine[]): Outcome {
	const existing = new Set(before.additions.map((addition) => addition.id));
	const quantities = new Map<number, number>();
	const creates: string[] = [];
	for (const addition of after) {
		if (existing.has(addition.id)) quantities.set(addition.id, addition.quantity);
		// A new addition is Billable and open-ended: anything else shows in the string.
		else creates.push(`${addition.agreementId}|${key(addition.product.identifier)}|${addition.quantity}|${addition.billCustomer}${addition.cancelledDate ? '|cancelled' : ''}`);
	}
	return { quantities, creates: creates.sort() };
}

/**
 * Pairs of lines that bill one product twice: on one agreement, both candidates (rule 6), at the same unit
 * price, billing on a day in common, and (with `nonZero`) both with a quantity that is not 0. As `id+id`.
 */
export function doubleBilling(additions: readonly Line[], period: Period, nonZero: boolean): string[] {
	const lines = additions.filter((line) => isCandidate(line, period) && (!nonZero || line.quantity !== 0));
	const pairs: string[] = [];
	for (const [index, a] of lines.entries()) {
		for (const b of lines.slice(index + 1)) {
			if (a.agreementId !== b.agreementId || key(a.product.identifier) !== key(b.product.identifier)) continue;
			if ((a.unitPrice ?? 0) !== (b.unitPrice ?? 0) || !overlap(a, b)) continue;
			pairs.push(`${Math.min(a.id, b.id)}+${Math.max(a.id, b.id)}`);
		}
	}
	return pairs.sort();
}

/** The lines of a state before a sync that are not candidates (rule 6), with their quantities. */
export function nonCandidates(before: CwState, period: Period): Map<number, number> {
	return new Map(before.additions.filter((line) => !isCandidate(line, period)).map((line) => [line.id, line.quantity]));
}
