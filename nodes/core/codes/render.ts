import { codeDefinition, type CwCode, type EntryFields } from './catalogue';
import { formatQuantity } from '../util/quantity';

const PLACEHOLDER = /\{[^}]*\}/g;

function slotText(fields: EntryFields, field: keyof EntryFields): string {
	const value = fields[field];
	if (value === undefined || value === null) return '';
	if (typeof value === 'number') {
		return field === 'quantityBefore' || field === 'quantityAfter' || field === 'unitPrice'
			? formatQuantity(value)
			: String(value);
	}
	return value;
}

/** Fills a code's seed template, placeholder by placeholder, from the entry's typed fields. */
export function renderMessage(code: CwCode, fields: EntryFields): string {
	const { template, slots } = codeDefinition(code);
	let index = 0;
	return template.replace(PLACEHOLDER, () => {
		const field = slots[index++];
		return field === undefined ? '' : slotText(fields, field);
	});
}
