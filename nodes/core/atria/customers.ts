import { addQuantities } from '../util/quantity';
import { normalizeKey } from '../util/keys';
import type { BillingRow } from './rows';

export interface BillingLine {
	/** Null for a line without SKU (CW05). */
	sku: string | null;
	description: string;
	/** This period's quantity, summed over the customer's rows of this SKU. */
	quantity: number;
	previousQuantity: number | null;
	/** How many Atria rows were summed into this line: 0 for a SKU only the previous period had. */
	rows: number;
}

export interface BillingCustomer {
	code: string;
	name: string;
	/** The ConnectWise company identifier; null when Atria has none (CW04). */
	billingIdentifier: string | null;
	lines: BillingLine[];
}

/**
 * What a customer's plan needs to know about the whole period, whatever other customers are planned with it
 * (README "In any workflow shape"). Get Billing Data knows it from every row of the period and the one before,
 * before Customers Filter; it travels with each customer item.
 */
export interface CustomerFacts {
	/** The other Atria customers (codes, sorted) whose Billing Identifier is the same, trimmed and case-insensitive (ACW03). */
	sharesBillingIdentifierWith: readonly string[];
	/** SKUs Atria reports for any customer this period or the one before (normalized keys): only these are "removed" when absent. */
	managedSkus: ReadonlySet<string>;
}

/** A customer of the period with its period-wide facts. */
export interface PeriodCustomer extends BillingCustomer {
	facts: CustomerFacts;
}

export interface GroupingOptions {
	/** Atria customer codes to keep (trimmed, case-insensitive); empty keeps all. Get Billing Data applies its filter with filterCustomers, after the period facts. */
	customersFilter: string[];
	/** Drop lines without SKU instead of passing them on to be logged as CW05. */
	skipLinesWithoutSku: boolean;
}

/** Splits a CustomersFilter text ("ACME, GLOBEX" or one per line) into codes. */
export function parseCustomersFilter(text: string): string[] {
	return text
		.split(/[,;\n\r]+/)
		.map((code) => code.trim())
		.filter((code) => code !== '');
}

/**
 * One customer per Atria customer code, in first-seen order; lines of one SKU summed (SKUs compared trimmed
 * and case-insensitively, the first row's spelling and description kept); lines without SKU kept one per row.
 */
export function groupBillingRows(
	rows: readonly BillingRow[],
	options: GroupingOptions,
): BillingCustomer[] {
	const wanted = new Set(options.customersFilter.map(normalizeKey));
	const customers = new Map<
		string,
		{ customer: BillingCustomer; lineBySku: Map<string, BillingLine> }
	>();
	for (const row of rows) {
		const customerKey = normalizeKey(row.customerCode);
		if (wanted.size > 0 && !wanted.has(customerKey)) continue;
		let group = customers.get(customerKey);
		if (!group) {
			group = {
				customer: {
					code: row.customerCode,
					name: row.customerName,
					billingIdentifier: row.billingIdentifier,
					lines: [],
				},
				lineBySku: new Map(),
			};
			customers.set(customerKey, group);
		}
		const { customer, lineBySku } = group;
		if (customer.billingIdentifier === null && row.billingIdentifier !== null)
			customer.billingIdentifier = row.billingIdentifier;
		if (row.sku === null) {
			if (!options.skipLinesWithoutSku) {
				customer.lines.push({
					sku: null,
					description: row.description,
					quantity: row.quantity,
					previousQuantity: row.previousQuantity,
					rows: 1,
				});
			}
			continue;
		}
		const skuKey = normalizeKey(row.sku);
		const existing = lineBySku.get(skuKey);
		if (existing) {
			existing.quantity = addQuantities(existing.quantity, row.quantity);
			existing.previousQuantity =
				existing.previousQuantity === null && row.previousQuantity === null
					? null
					: addQuantities(existing.previousQuantity ?? 0, row.previousQuantity ?? 0);
			existing.rows += 1;
			continue;
		}
		const line: BillingLine = {
			sku: row.sku,
			description: row.description,
			quantity: row.quantity,
			previousQuantity: row.previousQuantity,
			rows: 1,
		};
		lineBySku.set(skuKey, line);
		customer.lines.push(line);
	}
	return [...customers.values()].map((group) => group.customer);
}

/**
 * Adds what the previous period says to this one's customers, so a service that left is seen (README rule 8):
 * a SKU a customer had then and not now becomes a line with quantity 0, and a customer that had lines then
 * and none now comes with all its SKUs at 0 (only with a billing identifier: without one nothing can be found
 * to change; and not when a customer of this period has that identifier). Customers in `notProcessed` (normalized codes: an unreadable row this period) are never added.
 */
export function withPreviousPeriod(
	current: readonly BillingCustomer[],
	previous: readonly BillingCustomer[],
	notProcessed: ReadonlySet<string> = new Set(),
): BillingCustomer[] {
	const previousByCode = new Map(
		previous.map((customer) => [normalizeKey(customer.code), customer]),
	);
	const departed = (lines: readonly BillingLine[], present: ReadonlySet<string>): BillingLine[] =>
		lines
			.filter(
				(line): line is BillingLine & { sku: string } =>
					line.sku !== null && !present.has(normalizeKey(line.sku)),
			)
			.map((line) => ({
				sku: line.sku,
				description: line.description,
				quantity: 0,
				previousQuantity: line.quantity,
				rows: 0,
			}));
	const merged = current.map((customer) => {
		const before = previousByCode.get(normalizeKey(customer.code));
		if (!before) return customer;
		const present = new Set(
			customer.lines.flatMap((line) => (line.sku === null ? [] : [normalizeKey(line.sku)])),
		);
		const gone = departed(before.lines, present);
		return gone.length === 0 ? customer : { ...customer, lines: [...customer.lines, ...gone] };
	});
	const seen = new Set(current.map((customer) => normalizeKey(customer.code)));
	// A customer of this period with the same Billing Identifier (the company re-coded in Atria) owns that
	// agreement now: its own lines decide, and the departed code neither zeroes them nor makes them ACW03.
	const identifierKey = (customer: BillingCustomer) =>
		normalizeKey(customer.billingIdentifier?.trim() ?? '');
	const currentIdentifiers = new Set(current.map(identifierKey).filter((key) => key !== ''));
	for (const customer of previous) {
		const key = normalizeKey(customer.code);
		const identifier = identifierKey(customer);
		if (
			seen.has(key) ||
			notProcessed.has(key) ||
			identifier === '' ||
			currentIdentifiers.has(identifier)
		)
			continue;
		const lines = departed(customer.lines, new Set());
		if (lines.length > 0) merged.push({ ...customer, lines });
	}
	return merged;
}

/** Every SKU of these customers' lines (any quantity), as normalized keys: the SKUs Atria manages when the list is the whole period. */
export function managedSkuKeys(customers: readonly Pick<BillingCustomer, 'lines'>[]): Set<string> {
	const keys = new Set<string>();
	for (const customer of customers)
		for (const line of customer.lines) if (line.sku !== null) keys.add(normalizeKey(line.sku));
	return keys;
}

/**
 * The period facts of each customer of a whole period's list: who else has its Billing Identifier, and the SKUs
 * Atria manages (the list's own, or `managedSkus` when given). Give it every customer of the period: a subset
 * would hide a customer sharing an identifier.
 */
export function withPeriodFacts(
	customers: readonly BillingCustomer[],
	managedSkus: ReadonlySet<string> = managedSkuKeys(customers),
): PeriodCustomer[] {
	const facts = periodFacts(customers, managedSkus);
	return customers.map((customer, index) => ({ ...customer, facts: facts[index] }));
}

/** The period facts of each customer of a whole period's list (see withPeriodFacts), in the list's order. */
export function periodFacts(
	customers: readonly BillingCustomer[],
	managedSkus: ReadonlySet<string> = managedSkuKeys(customers),
): CustomerFacts[] {
	const keys = customers.map(identifierKey);
	const codesByIdentifier = new Map<string, string[]>();
	customers.forEach((customer, index) => {
		const key = keys[index];
		if (key === null) return;
		const codes = codesByIdentifier.get(key);
		if (codes) codes.push(customer.code);
		else codesByIdentifier.set(key, [customer.code]);
	});
	const none: readonly string[] = [];
	return customers.map((customer, index) => {
		const key = keys[index];
		const codes = key === null ? undefined : codesByIdentifier.get(key);
		const sharesBillingIdentifierWith =
			codes === undefined || codes.length < 2
				? none
				: codes.filter((code) => code !== customer.code).sort(byOrdinal);
		return { sharesBillingIdentifierWith, managedSkus };
	});
}

/** The customer's Billing Identifier as a key; null when it has none. */
function identifierKey(customer: BillingCustomer): string | null {
	const identifier = customer.billingIdentifier?.trim() ?? '';
	return identifier === '' ? null : normalizeKey(identifier);
}

/** The customers Customers Filter names (codes trimmed, case-insensitive); an empty filter keeps all. */
export function filterCustomers<T extends Pick<BillingCustomer, 'code'>>(
	customers: readonly T[],
	codes: readonly string[],
): T[] {
	if (codes.length === 0) return [...customers];
	const wanted = new Set(codes.map(normalizeKey));
	return customers.filter((customer) => wanted.has(normalizeKey(customer.code)));
}

function byOrdinal(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
