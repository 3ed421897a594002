import { codeDefinition, type CwCode, type EntryField, type EntryFields } from './catalogue';
import { formatMoney, formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';

const PLACEHOLDER = /\{[^}]*\}/g;

/** A code's template split once into its literal parts: rendering is then a concatenation, not a regex per entry. */
interface Template {
	literals: string[];
	slots: readonly EntryField[];
	/**
	 * The message up to its second placeholder, for the last text of the first one: nearly every template starts
	 * with the customer, and a plan renders its customer's entries one after another, so they share this head.
	 */
	lastFirstText: string | undefined;
	lastHead: string;
}

const TEMPLATES = new Map<CwCode, Template>();

function templateOf(code: CwCode): Template {
	let template = TEMPLATES.get(code);
	if (template === undefined) {
		const { template: text, slots } = codeDefinition(code);
		template = { literals: text.split(PLACEHOLDER), slots, lastFirstText: undefined, lastHead: '' };
		TEMPLATES.set(code, template);
	}
	return template;
}

function slotText(fields: EntryFields, field: EntryField | undefined): string {
	if (field === undefined) return '';
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

/** The template's first literal, first placeholder and second literal. */
function headOf(template: Template, firstText: string): string {
	if (firstText !== template.lastFirstText) {
		template.lastFirstText = firstText;
		template.lastHead = template.literals[0] + firstText + template.literals[1];
	}
	return template.lastHead;
}

/** Fills a code's template, placeholder by placeholder, from the entry's typed fields. */
export function renderMessage(code: CwCode, fields: EntryFields): string {
	const template = templateOf(code);
	const { literals, slots } = template;
	if (literals.length === 1) return literals[0];
	let message = headOf(template, slotText(fields, slots[0]));
	for (let index = 2; index < literals.length; index++)
		message += slotText(fields, slots[index - 1]) + literals[index];
	return message;
}
