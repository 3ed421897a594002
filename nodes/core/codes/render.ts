import { codeDefinition, type CwCode, type EntryField, type EntryFields } from './catalogue';
import { formatMoney, formatMoneyChange } from '../util/money';
import { formatQuantity } from '../util/quantity';

const PLACEHOLDER = /\{[^}]*\}/g;

/** A code's template split once into its literal parts: rendering is then a concatenation, not a regex per entry. */
interface Template {
	literals: string[];
	slots: readonly EntryField[];
	/** The slots' readers, in step with `slots`. */
	readers: ReadonlyArray<FieldReader>;
	/**
	 * The message up to its second placeholder, for the last text of the first one: nearly every template starts
	 * with the customer, and a plan renders its customer's entries one after another, so they share this head.
	 */
	lastFirstText: string | undefined;
	lastHead: string;
}

type FieldReader = (fields: EntryFields) => EntryFields[EntryField];

/**
 * Each field read by its own plain property load. Read as `fields[field]`, one site sees every field name and
 * its cache gives up (a global lookup per placeholder of every entry); each reader here sees one name, and
 * nearly always one kind of object (a log entry).
 */
const READERS: { readonly [F in EntryField]-?: (fields: EntryFields) => EntryFields[F] } = {
	customerCode: (fields) => fields.customerCode,
	customerName: (fields) => fields.customerName,
	billingIdentifier: (fields) => fields.billingIdentifier,
	sku: (fields) => fields.sku,
	lineDescription: (fields) => fields.lineDescription,
	quantityBefore: (fields) => fields.quantityBefore,
	quantityAfter: (fields) => fields.quantityAfter,
	agreementId: (fields) => fields.agreementId,
	agreementName: (fields) => fields.agreementName,
	additionId: (fields) => fields.additionId,
	agreementType: (fields) => fields.agreementType,
	billingPeriodEnd: (fields) => fields.billingPeriodEnd,
	error: (fields) => fields.error,
	status: (fields) => fields.status,
	property: (fields) => fields.property,
	rule: (fields) => fields.rule,
	unitPrice: (fields) => fields.unitPrice,
	unitCost: (fields) => fields.unitCost,
	monthlyRevenueChange: (fields) => fields.monthlyRevenueChange,
	monthlyCostChange: (fields) => fields.monthlyCostChange,
	review: (fields) => fields.review,
	reviewReason: (fields) => fields.reviewReason,
	cancelledDate: (fields) => fields.cancelledDate,
	reason: (fields) => fields.reason,
	lastUpdated: (fields) => fields.lastUpdated,
	updatedBy: (fields) => fields.updatedBy,
};

const TEMPLATES = new Map<CwCode, Template>();

function templateOf(code: CwCode): Template {
	let template = TEMPLATES.get(code);
	if (template === undefined) {
		const { template: text, slots } = codeDefinition(code);
		template = {
			literals: text.split(PLACEHOLDER),
			slots,
			readers: slots.map((slot): FieldReader => READERS[slot]),
			lastFirstText: undefined,
			lastHead: '',
		};
		TEMPLATES.set(code, template);
	}
	return template;
}

/** The text of the template's slot at `index` ('' past its last slot). */
function slotText(template: Template, index: number, fields: EntryFields): string {
	if (index >= template.slots.length) return '';
	const field = template.slots[index];
	const value = template.readers[index](fields);
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
	const { literals } = template;
	if (literals.length === 1) return literals[0];
	let message = headOf(template, slotText(template, 0, fields));
	for (let index = 2; index < literals.length; index++)
		message += slotText(template, index - 1, fields) + literals[index];
	return message;
}
