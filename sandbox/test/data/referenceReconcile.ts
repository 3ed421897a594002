/**
 * A deliberately naive, rule-by-rule transcription of the README rules ("How it works", rules 1 to 8), used ONLY
 * to cross-check the two oracles of this folder (the hand-written demo expectation and the generator's
 * constructed expectation). It is not the project's planner and must not be used as one: it reads the dataset
 * directly (no HTTP, no pagination, no batching), was written from the README text, not from the planner's
 * code, and is written for clarity, not speed. If it disagrees with the hand-written demo expectation, find out
 * which one misreads the rules; do not "fix" the demo by copying its output.
 */
import type { AtriaRow, CwAddition, Dataset, ExpectedOutcome } from '../../model';
import { compareExpectedAdditions, QUANTITY_TOLERANCE } from '../../data/generator';
import {
	asExpected,
	billableRows,
	isBlank,
	isCandidate,
	managedSkus,
	norm,
	periodBounds,
	previousBillableRows,
	utcDayOf,
} from './validateDataset';

function hasBothQuotes(value: string): boolean {
	return value.includes('"') && value.includes("'");
}

/** The days a line bills, as far as its dates say: `from` null is "always has", `to` null is "open-ended". */
interface Span {
	from: string | null;
	to: string | null;
}

function spanOf(a: CwAddition): Span {
	return { from: utcDayOf(a.effectiveDate) ?? null, to: utcDayOf(a.cancelledDate) ?? null };
}

/** Whether two lines bill on a day in common. */
function overlap(x: CwAddition, y: CwAddition): boolean {
	const a = spanOf(x);
	const b = spanOf(y);
	const from = [a.from, b.from].filter((d): d is string => d !== null).sort().at(-1) ?? null;
	const to = [a.to, b.to].filter((d): d is string => d !== null).sort()[0] ?? null;
	return from === null || to === null || from <= to;
}

/** Rule 7: the candidate that bills longest (no cancelled date, else the latest); ties to the lowest id. */
function targetOf(candidates: CwAddition[]): CwAddition {
	return candidates.slice().sort((x, y) => {
		const xt = utcDayOf(x.cancelledDate) ?? null;
		const yt = utcDayOf(y.cancelledDate) ?? null;
		if (xt !== yt) {
			if (xt === null) return -1;
			if (yt === null) return 1;
			return xt > yt ? -1 : 1;
		}
		return x.id - y.id;
	})[0];
}

interface Line {
	sku: string;
	quantity: number;
}

export function referenceReconcile(ds: Dataset, createAllowed: boolean): ExpectedOutcome {
	const cw = ds.connectwise;
	const bounds = periodBounds(ds);
	const rows = billableRows(ds); // rule 1
	const before = previousBillableRows(ds); // rule 8: the period before, billable rows too
	const additions: CwAddition[] = cw.additions.map((a) => ({ ...a, product: { ...a.product } }));
	let nextId = Math.max(0, ...additions.map((a) => a.id)) + 1;
	// Rule 8: every SKU in any billable row of the period or the one before, any customer, any quantity.
	const managed = managedSkus(ds);
	const codesByCustomer: Record<string, string[]> = {};

	// Group by customer code (first appearance order): the period's customers, then those only in the period before.
	const customers = new Map<string, { now: AtriaRow[]; then: AtriaRow[] }>();
	for (const r of rows) {
		const entry = customers.get(r.customerCode) ?? { now: [], then: [] };
		entry.now.push(r);
		customers.set(r.customerCode, entry);
	}
	for (const r of before) {
		const entry = customers.get(r.customerCode) ?? { now: [], then: [] };
		entry.then.push(r);
		customers.set(r.customerCode, entry);
	}

	for (const [code, { now, then }] of customers) {
		// A customer only in the period before comes through only with a Billing Identifier, without SKU-less lines.
		const gone = now.length === 0;
		const billingId = (gone ? then : now)[0].customerAccountCode;
		if (gone && isBlank(billingId)) continue;
		const codes: string[] = (codesByCustomer[code] = []);
		// Rule 2.
		if (billingId == null || billingId.trim() === '') {
			codes.push('CW04');
			continue;
		}
		// Rule 3: CW05 per SKU-less row of the period; sum per SKU (trimmed, case-insensitive).
		const lines = new Map<string, Line>();
		for (const r of now) {
			if (isBlank(r.productSku)) {
				codes.push('CW05');
				continue;
			}
			const sku = (r.productSku as string).trim();
			const line = lines.get(norm(sku));
			if (line) line.quantity += r.thisMonthCount;
			else lines.set(norm(sku), { sku, quantity: r.thisMonthCount });
		}
		// Rule 8: a SKU the customer had in the period before and not now is a line at 0.
		for (const r of then) {
			if (isBlank(r.productSku)) continue;
			const sku = (r.productSku as string).trim();
			if (!lines.has(norm(sku))) lines.set(norm(sku), { sku, quantity: 0 });
		}
		// Rule 4: company.
		const id = billingId.trim();
		const company =
			id.length > 30 || hasBothQuotes(id)
				? undefined
				: cw.companies.find((c) => !c.deletedFlag && norm(c.identifier) === norm(id));
		if (!company) {
			codes.push('CW14');
			continue;
		}
		// Rule 5: agreement.
		const agreements = cw.agreements
			.filter(
				(a) =>
					a.company.id === company.id &&
					norm(a.type.name) === norm(ds.agreementType) &&
					!a.cancelledFlag &&
					a.agreementStatus === 'Active',
			)
			.sort((a, b) => a.id - b.id);
		if (agreements.length === 0) {
			codes.push('CW14');
			continue;
		}
		if (agreements.length > 1) codes.push('ACW01');
		const agreement = agreements[0];
		const linesOf = (key: string): CwAddition[] =>
			additions
				.filter((a) => a.agreementId === agreement.id && norm(a.product.identifier) === key)
				.sort((a, b) => a.id - b.id);

		/**
		 * Rule 7 for one product and quantity q. `removed`: a managed SKU the customer does not have (rule 8), whose
		 * duplicates are set to 0 as CW20 too and which logs nothing when already at 0.
		 */
		const settle = (key: string, q: number, removed: boolean): 'done' | 'noLine' => {
			const all = linesOf(key);
			const candidates = all.filter((a) => isCandidate(a, bounds)); // rule 6
			if (candidates.length === 0) {
				if (all.length === 0) return 'noLine';
				if (q !== 0) codes.push('ACW06');
				return 'done';
			}
			const target = targetOf(candidates);
			const overlapping = candidates.filter((c) => c !== target && overlap(c, target));
			if (overlapping.some((c) => (c.unitPrice ?? 0) !== (target.unitPrice ?? 0))) {
				codes.push('ACW07');
				return 'done';
			}
			if (Math.abs(target.quantity - q) <= QUANTITY_TOLERANCE) {
				if (!removed) codes.push('CW09');
			} else if (q === 0) {
				target.quantity = 0;
				codes.push('CW20');
			} else {
				target.quantity = q;
				codes.push('CW07');
			}
			if (target.cancelledDate && q !== 0) codes.push('ACW05');
			for (const duplicate of overlapping) {
				if (duplicate.quantity !== 0) {
					duplicate.quantity = 0;
					codes.push(removed ? 'CW20' : 'ACW02');
				}
			}
			return 'done';
		};

		// Rule 7: each SKU Atria bills the customer.
		for (const [key, line] of lines) {
			const q = line.quantity;
			if (settle(key, q, false) === 'done' || q === 0) continue;
			// No line of the product at all.
			const item = hasBothQuotes(line.sku)
				? undefined
				: cw.catalog.find((c) => !c.inactiveFlag && norm(c.identifier) === key);
			if (!item) codes.push('CW06');
			else if (item.productClass === 'Bundle') codes.push('CW12');
			else if (createAllowed) {
				codes.push('CW08');
				additions.push({
					id: nextId++,
					agreementId: agreement.id,
					product: { id: item.id, identifier: item.identifier },
					quantity: q,
					lessIncluded: 0,
					billCustomer: 'Billable',
					effectiveDate: `${bounds.start}T00:00:00Z`,
					cancelledDate: null,
				});
			} else codes.push('CW22');
		}
		// Rule 8: managed SKUs on the agreement that the customer does not have are treated as q = 0.
		const removedKeys = new Set(
			additions
				.filter((a) => a.agreementId === agreement.id)
				.map((a) => norm(a.product.identifier))
				.filter((key) => managed.has(key) && !lines.has(key)),
		);
		for (const key of removedKeys) settle(key, 0, true);
	}

	for (const codes of Object.values(codesByCustomer)) codes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return { additions: additions.map(asExpected).sort(compareExpectedAdditions), codesByCustomer };
}
