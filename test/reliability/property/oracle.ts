import type { AtriaRow, CwAddition, CwState } from '../../sandbox/model';
import { AGREEMENT_TYPE } from './world';

/**
 * What ConnectWise must hold after a correct sync of a world, worked out from the rules directly (not from
 * the planner's code): the quantity of every existing addition, and the additions to be created.
 *
 * - A customer is processed only if its billing identifier is set, used by no other customer (else ACW03),
 *   at most 30 characters and quotable, and names a live company (the lowest id) with an active, uncancelled
 *   agreement of the type (the lowest id).
 * - Per SKU (case and spaces ignored) Atria's rows are summed. If the agreement has active additions of the
 *   product, the lowest id gets the quantity and the others 0; if not, and the quantity is not 0, one is
 *   created when allowed and the catalog's first active item of that key is not a Bundle and the SKU is
 *   quotable and at most 60 characters.
 * - Active additions of a product the customer does not report are set to 0 only if some customer of the
 *   period reports that SKU (Atria manages it); all else is left alone.
 */
export interface Outcome {
	/** Quantity of every addition that existed, by id. */
	quantities: Map<number, number>;
	/** Additions to be created, as `agreementId|key|quantity`, sorted. */
	creates: string[];
}

const key = (value: string) => value.normalize('NFC').trim().toLowerCase();
const quotable = (value: string) => !/\p{Cc}/u.test(value) && !(value.includes('"') && value.includes("'"));
const trimmed = (value: string | null) => (value === null ? '' : value.trim());

export function expectedOutcome(cw: CwState, rows: readonly AtriaRow[], allowCreateAdditions: boolean): Outcome {
	const quantities = new Map(cw.additions.map((addition) => [addition.id, addition.quantity]));
	const creates: string[] = [];

	const managed = new Set(rows.map((row) => trimmed(row.productSku)).filter((sku) => sku !== '').map(key));
	const customers = new Map<string, { identifier: string; lines: Map<string, { sku: string; quantity: number }> }>();
	for (const row of rows) {
		const customer = customers.get(row.customerCode) ?? { identifier: trimmed(row.customerAccountCode), lines: new Map() };
		customers.set(row.customerCode, customer);
		const sku = trimmed(row.productSku);
		if (sku === '') continue;
		const line = customer.lines.get(key(sku)) ?? { sku, quantity: 0 };
		line.quantity += row.thisMonthCount;
		customer.lines.set(key(sku), line);
	}
	const users = new Map<string, number>();
	for (const { identifier } of customers.values()) if (identifier !== '') users.set(key(identifier), (users.get(key(identifier)) ?? 0) + 1);

	const lowestId = <T extends { id: number }>(list: T[]) => [...list].sort((a, b) => a.id - b.id)[0];
	for (const { identifier, lines } of customers.values()) {
		if (identifier === '' || users.get(key(identifier))! > 1 || identifier.length > 30 || !quotable(identifier)) continue;
		const company = lowestId(cw.companies.filter((item) => !item.deletedFlag && key(item.identifier) === key(identifier)));
		if (!company) continue;
		const agreement = lowestId(
			cw.agreements.filter((item) => item.company.id === company.id && item.type.id === AGREEMENT_TYPE.id && !item.cancelledFlag && item.agreementStatus === 'Active'),
		);
		if (!agreement) continue;
		const active = new Map<string, CwAddition[]>();
		for (const addition of [...cw.additions].sort((a, b) => a.id - b.id)) {
			if (addition.agreementId !== agreement.id || addition.cancelledDate) continue;
			active.set(key(addition.product.identifier), [...(active.get(key(addition.product.identifier)) ?? []), addition]);
		}
		for (const [skuKey, { sku, quantity }] of lines) {
			const existing = active.get(skuKey);
			if (existing) {
				existing.forEach((addition, index) => quantities.set(addition.id, index === 0 ? quantity : 0));
				continue;
			}
			if (Math.abs(quantity) < 1e-9 || !allowCreateAdditions) continue;
			const item = lowestId(cw.catalog.filter((candidate) => !candidate.inactiveFlag && key(candidate.identifier) === skuKey));
			if (item && item.productClass !== 'Bundle' && quotable(sku) && sku.length <= 60) creates.push(`${agreement.id}|${skuKey}|${quantity}`);
		}
		for (const [productKey, list] of active) {
			if (lines.has(productKey) || !managed.has(productKey)) continue;
			for (const addition of list) quantities.set(addition.id, 0);
		}
	}
	return { quantities, creates: creates.sort() };
}

/** The same two parts, read from a state after a sync: existing additions by id, new ones as strings. */
export function observedOutcome(before: CwState, after: ReadonlyArray<Pick<CwAddition, 'id' | 'agreementId' | 'product' | 'quantity' | 'cancelledDate'>>): Outcome {
	const existing = new Set(before.additions.map((addition) => addition.id));
	const quantities = new Map<number, number>();
	const creates: string[] = [];
	for (const addition of after) {
		if (existing.has(addition.id)) quantities.set(addition.id, addition.quantity);
		else if (!addition.cancelledDate) creates.push(`${addition.agreementId}|${key(addition.product.identifier)}|${addition.quantity}`);
	}
	return { quantities, creates: creates.sort() };
}
