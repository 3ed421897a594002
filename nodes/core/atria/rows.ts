import { z } from 'zod';

/**
 * Atria's billing summary rows. Atria does not publish its JSON, so field names are matched
 * case-insensitively and with the aliases of the assumed contract (../shared/reference/atria-api.md); this
 * file is the one place those assumptions live.
 */
export interface BillingRow {
	customerCode: string;
	customerName: string;
	billingIdentifier: string | null;
	sku: string | null;
	description: string;
	quantity: number;
	previousQuantity: number | null;
	billable: boolean;
}

const ALIASES: Record<keyof BillingRow, string[]> = {
	customerCode: ['customercode', 'customershortcode'],
	customerName: ['customername'],
	billingIdentifier: ['customeraccountcode', 'billingidentifier'],
	sku: ['productsku', 'sku', 'stockcode'],
	description: ['summarydescription', 'summarygrouping', 'linedescription'],
	quantity: ['thismonthcount', 'quantity'],
	previousQuantity: ['lastmonthcount'],
	billable: ['billableflag', 'billable'],
};

/** Above this a quantity is a data error, not a licence count. */
export const MAX_QUANTITY = 1_000_000_000;

const text = z.union([z.string(), z.number().transform(String)]);
const optionalText = z.union([text, z.null(), z.undefined()]).transform((value) => {
	if (value === null || value === undefined) return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
});
const quantity = z
	.union([
		z.number(),
		z
			.string()
			.trim()
			.regex(/^-?\d+(\.\d+)?$/)
			.transform(Number),
	])
	.pipe(z.number().finite().nonnegative().max(MAX_QUANTITY));
const flag = z.union([
	z.boolean(),
	z
		.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '1', '0'])
		.transform(
			(value) => value === 'true' || value === 'True' || value === 'TRUE' || value === '1',
		),
	z.literal(1).transform(() => true),
	z.literal(0).transform(() => false),
]);

const rowSchema = z.object({
	customerCode: text.pipe(z.string().trim().min(1).max(200)),
	customerName: z.union([text, z.null(), z.undefined()]).transform((value) => (value ?? '').trim()),
	billingIdentifier: optionalText,
	sku: optionalText,
	description: z.union([text, z.null(), z.undefined()]).transform((value) => (value ?? '').trim()),
	quantity,
	previousQuantity: z
		.union([quantity, z.null(), z.undefined()])
		.transform((value) => value ?? null),
	billable: z.union([flag, z.undefined(), z.null()]).transform((value) => value ?? true),
});

function canonicalize(raw: Record<string, unknown>): Record<string, unknown> {
	const byLowerName = new Map(
		Object.entries(raw).map(([key, value]) => [key.toLowerCase(), value]),
	);
	const row: Record<string, unknown> = {};
	for (const [field, aliases] of Object.entries(ALIASES)) {
		const alias = aliases.find((name) => byLowerName.has(name));
		row[field] = alias === undefined ? undefined : byLowerName.get(alias);
	}
	return row;
}

/** What each field must be, for messages about a row that is not. */
const EXPECTED_VALUE: Record<keyof BillingRow, string> = {
	customerCode: 'text',
	customerName: 'text',
	billingIdentifier: 'text',
	sku: 'text',
	description: 'text',
	quantity: 'a number',
	previousQuantity: 'a number',
	billable: 'true or false',
};

export type RowResult =
	| { ok: true; row: BillingRow }
	| { ok: false; error: string; customerCode?: string; customerName?: string; sku?: string };

export function parseRow(raw: unknown, index: number): RowResult {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		return { ok: false, error: `row ${index + 1} is not an object` };
	const candidate = canonicalize(raw as Record<string, unknown>);
	const parsed = rowSchema.safeParse(candidate);
	if (parsed.success) return { ok: true, row: parsed.data };
	const issue = parsed.error.issues[0];
	const field = String(issue?.path[0] ?? 'row');
	// zod says only "invalid input" when no alternative of a union fits: say what the field should be.
	const expected = EXPECTED_VALUE[field as keyof BillingRow];
	const problem =
		issue?.code === 'invalid_union' && expected !== undefined
			? candidate[field] === undefined || candidate[field] === null
				? 'is missing'
				: `is not ${expected}`
			: (issue?.message.toLowerCase() ?? 'is invalid');
	// A number is as good a customer code as text (the schema reads it as text too).
	const asText = (value: unknown) =>
		typeof value === 'string'
			? value
			: typeof value === 'number' && Number.isFinite(value)
				? String(value)
				: undefined;
	return {
		ok: false,
		error: `row ${index + 1}: ${field} ${problem}`,
		customerCode: asText(candidate.customerCode),
		customerName: asText(candidate.customerName),
		sku: asText(candidate.sku),
	};
}

/** The list of rows: a plain array, or wrapped as `{ items: [...] }` or `{ data: [...] }`. */
export function unwrapRows(body: unknown): unknown[] | null {
	if (Array.isArray(body)) return body;
	if (body !== null && typeof body === 'object') {
		for (const [key, value] of Object.entries(body)) {
			if ((key.toLowerCase() === 'items' || key.toLowerCase() === 'data') && Array.isArray(value))
				return value;
		}
	}
	return null;
}
