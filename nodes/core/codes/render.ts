import { codeDefinition, type CwCode, type EntryFields } from './catalogue';
import { formatMoney, formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';

const PLACEHOLDER = /\{[^}]*\}/g;

/** Each template split once into its literal parts: rendering is then a concatenation, not a regex per entry. */
const LITERALS = new Map<CwCode, string[]>();

function literalsOf(code: CwCode): string[] {
	let parts = LITERALS.get(code);
	if (parts === undefined) {
		parts = codeDefinition(code).template.split(PLACEHOLDER);
		LITERALS.set(code, parts);
	}
	return parts;
}

function slotText(fields: EntryFields, field: keyof EntryFields): string {
	const value = fields[field];
	if (value === undefined || value === null) return '';
	if (typeof value === 'number') {
		if (field === 'quantityBefore' || field === 'quantityAfter' || field === 'unitPrice')
			return formatQuantity(value);
		if (field === 'unitCost') return formatMoney(value);
		if (field === 'monthlyRevenueChange' || field === 'monthlyCostChange')
			return formatMoneyChange(value);
		return String(value);
	}
	return value;
}

/** Fills a code's template, placeholder by placeholder, from the entry's typed fields. */
export function renderMessage(code: CwCode, fields: EntryFields): string {
	const { slots } = codeDefinition(code);
	const literals = literalsOf(code);
	let message = literals[0];
	for (let index = 1; index < literals.length; index++) {
		const field = slots[index - 1];
		message += (field === undefined ? '' : slotText(fields, field)) + literals[index];
	}
	return message;
}
