/**
 * A deliberately naive, rule-by-rule transcription of the reconcile rules, used ONLY to cross-check the two
 * oracles of this folder (the hand-written demo expectation and the generator's constructed expectation).
 * It is not the project's planner and must not be used as one: it reads the dataset directly (no HTTP, no
 * pagination, no batching) and is written for clarity, not speed. If it disagrees with the hand-written demo
 * expectation, find out which one misreads the rules; do not "fix" the demo by copying its output.
 */
import type { CwAddition, Dataset, ExpectedAddition, ExpectedOutcome } from '../sandbox/model';
import { compareExpectedAdditions, QUANTITY_TOLERANCE } from '../sandbox/data/generator';
import { billableRows, isBlank, norm } from './validate-dataset';

function hasBothQuotes(value: string): boolean {
	return value.includes('"') && value.includes("'");
}

export function referenceReconcile(ds: Dataset, createAllowed: boolean): ExpectedOutcome {
	const cw = ds.connectwise;
	const rows = billableRows(ds); // rule 1
	const additions: CwAddition[] = cw.additions.map((a) => ({ ...a, product: { ...a.product } }));
	let nextId = Math.max(0, ...additions.map((a) => a.id)) + 1;
	// Rule 7: every SKU in any billable row of the period, any customer, any quantity.
	const managed = new Set(rows.filter((r) => !isBlank(r.productSku)).map((r) => norm(r.productSku as string)));
	const codesByCustomer: Record<string, string[]> = {};

	// Rule 2: group by customer code (first appearance order).
	const customers = new Map<string, typeof rows>();
	for (const r of rows) {
		const list = customers.get(r.customerCode) ?? [];
		list.push(r);
		customers.set(r.customerCode, list);
	}

	for (const [code, customerRows] of customers) {
		const codes: string[] = (codesByCustomer[code] = []);
		const billingId = customerRows[0].customerAccountCode;
		if (billingId == null || billingId.trim() === '') {
			codes.push('CW04');
			continue;
		}
		// Rule 3: CW05 per SKU-less row; sum per SKU (trimmed, case-insensitive), keeping the first description.
		const lines = new Map<string, { sku: string; quantity: number }>();
		for (const r of customerRows) {
			if (isBlank(r.productSku)) {
				codes.push('CW05');
				continue;
			}
			const sku = (r.productSku as string).trim();
			const line = lines.get(norm(sku));
			if (line) line.quantity += r.thisMonthCount;
			else lines.set(norm(sku), { sku, quantity: r.thisMonthCount });
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
		const candidates = cw.agreements
			.filter(
				(a) =>
					a.company.id === company.id &&
					norm(a.type.name) === norm(ds.agreementType) &&
					!a.cancelledFlag &&
					a.agreementStatus === 'Active',
			)
			.sort((a, b) => a.id - b.id);
		if (candidates.length === 0) {
			codes.push('CW14');
			continue;
		}
		if (candidates.length > 1) codes.push('ACW01');
		const agreement = candidates[0];
		const active = (): CwAddition[] =>
			additions.filter((a) => a.agreementId === agreement.id && a.cancelledDate == null).sort((a, b) => a.id - b.id);

		// Rule 6.
		for (const [key, line] of lines) {
			const q = line.quantity;
			const matches = active().filter((a) => norm(a.product.identifier) === key);
			if (matches.length > 0) {
				const primary = matches[0];
				if (Math.abs(primary.quantity - q) <= QUANTITY_TOLERANCE) codes.push('CW09');
				else if (q === 0) {
					codes.push('CW20');
					primary.quantity = 0;
				} else {
					codes.push('CW07');
					primary.quantity = q;
				}
				for (const dup of matches.slice(1)) {
					if (dup.quantity !== 0) {
						dup.quantity = 0;
						codes.push('ACW02');
					}
				}
				continue;
			}
			const item = hasBothQuotes(line.sku)
				? undefined
				: cw.catalog.find((c) => !c.inactiveFlag && norm(c.identifier) === key);
			if (!item) codes.push('CW06');
			else if (item.productClass === 'Bundle') codes.push('CW12');
			else if (q === 0) {
				// nothing at all
			} else if (createAllowed) {
				codes.push('CW08');
				additions.push({
					id: nextId++,
					agreementId: agreement.id,
					product: { id: item.id, identifier: item.identifier },
					quantity: q,
					billCustomer: 'Billable',
					cancelledDate: null,
				});
			} else codes.push('CW22');
		}
		// Rule 7.
		for (const a of active()) {
			const key = norm(a.product.identifier);
			if (managed.has(key) && !lines.has(key) && a.quantity !== 0) {
				a.quantity = 0;
				codes.push('CW20');
			}
		}
	}

	for (const codes of Object.values(codesByCustomer)) codes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	const result: ExpectedAddition[] = additions
		.filter((a) => a.cancelledDate == null)
		.map((a) => ({ agreementId: a.agreementId, productIdentifier: a.product.identifier, quantity: a.quantity }))
		.sort(compareExpectedAdditions);
	return { additions: result, codesByCustomer };
}
