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

const FIELDS = Object.keys(ALIASES) as Array<keyof BillingRow>;
const [CODE, NAME, IDENTIFIER, SKU, DESCRIPTION, QUANTITY, PREVIOUS, BILLABLE] = FIELDS.map(
	(_, i) => i,
);

/** A field's accepted name: the field's position in FIELDS, and the name's rank among its aliases (lower wins). */
interface Alias {
	field: number;
	rank: number;
}

const ALIAS_BY_NAME = new Map<string, Alias>(
	FIELDS.flatMap((field, index) =>
		ALIASES[field].map((name, rank) => [name, { field: index, rank }] as const),
	),
);

/** Keys as rows spell them, with their alias or null: every row repeats the same few, so each is lowered once. */
const aliasOfKey = new Map<string, Alias | null>();
const KEYS_REMEMBERED = 1024;

function aliasOf(key: string): Alias | null {
	let alias = aliasOfKey.get(key);
	if (alias === undefined) {
		alias = ALIAS_BY_NAME.get(key.toLowerCase()) ?? null;
		if (aliasOfKey.size < KEYS_REMEMBERED) aliasOfKey.set(key, alias);
	}
	return alias;
}

/** The row being read, field by field (in FIELDS order): reused, since a row is read in one go. */
const values: unknown[] = FIELDS.map(() => undefined);
const ranks: number[] = FIELDS.map(() => Number.POSITIVE_INFINITY);

/**
 * Puts the row's fields in `values`: for each field, the value of its first alias the row has (the last of
 * several keys that differ only in letter case). Keys that are no alias are never read.
 */
function canonicalize(raw: Record<string, unknown>): unknown[] {
	values.fill(undefined);
	ranks.fill(Number.POSITIVE_INFINITY);
	for (const key in raw) {
		if (!Object.hasOwn(raw, key)) continue;
		const alias = aliasOf(key);
		if (alias === null || alias.rank > ranks[alias.field]) continue;
		ranks[alias.field] = alias.rank;
		values[alias.field] = raw[key];
	}
	return values;
}

/** The canonical fields as an object, for rowSchema. */
function candidateOf(fields: readonly unknown[]): Record<keyof BillingRow, unknown> {
	const row = {} as Record<keyof BillingRow, unknown>;
	FIELDS.forEach((field, index) => (row[field] = fields[index]));
	return row;
}

/**
 * What rowSchema makes of a row, computed directly for the values it plainly accepts, or undefined for any
 * other row (which rowSchema then reads, and explains when it refuses it). The direct path exists for memory:
 * zod allocates several kilobytes per row, and at 75,000 rows a period that garbage outgrew the rows tenfold.
 * It accepts nothing rowSchema refuses and gives what rowSchema gives (test/core/atria/rowsDirect.test.ts
 * compares them); anything unusual (a NaN, an object, a quantity in words) goes to rowSchema.
 */
function readPlainRow(row: readonly unknown[]): BillingRow | undefined {
	const customerCode = plainText(row[CODE]);
	if (customerCode === undefined) return undefined;
	const code = customerCode.trim();
	if (code.length < 1 || code.length > 200) return undefined;
	const customerName = plainOptionalText(row[NAME]);
	const billingIdentifier = plainOptionalText(row[IDENTIFIER]);
	const sku = plainOptionalText(row[SKU]);
	const description = plainOptionalText(row[DESCRIPTION]);
	const quantity = plainQuantity(row[QUANTITY]);
	const previous = row[PREVIOUS];
	const previousQuantity =
		previous === null || previous === undefined ? null : plainQuantity(previous);
	const billable = plainFlag(row[BILLABLE]);
	if (
		customerName === undefined ||
		billingIdentifier === undefined ||
		sku === undefined ||
		description === undefined ||
		quantity === undefined ||
		previousQuantity === undefined ||
		billable === undefined
	)
		return undefined;
	return {
		customerCode: code,
		customerName,
		billingIdentifier: billingIdentifier === '' ? null : billingIdentifier,
		sku: sku === '' ? null : sku,
		description,
		quantity,
		previousQuantity,
		billable,
	};
}

/** `text`'s reading: a string, or a finite number as text. */
function plainText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** Text, null or missing, trimmed ('' for null or missing). */
function plainOptionalText(value: unknown): string | undefined {
	if (value === null || value === undefined) return '';
	return plainText(value)?.trim();
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function plainQuantity(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && DECIMAL.test(value.trim())
				? Number(value.trim())
				: undefined;
	return number !== undefined && Number.isFinite(number) && number >= 0 && number <= MAX_QUANTITY
		? number
		: undefined;
}

const FLAG_TEXT: Record<string, boolean> = {
	true: true,
	True: true,
	TRUE: true,
	'1': true,
	false: false,
	False: false,
	FALSE: false,
	'0': false,
};

function plainFlag(value: unknown): boolean | undefined {
	if (value === null || value === undefined) return true;
	if (typeof value === 'boolean') return value;
	if (value === 1) return true;
	if (value === 0) return false;
	return typeof value === 'string' && Object.hasOwn(FLAG_TEXT, value)
		? FLAG_TEXT[value]
		: undefined;
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
	const fields = canonicalize(raw as Record<string, unknown>);
	const plain = readPlainRow(fields);
	return plain !== undefined ? { ok: true, row: plain } : readBySchema(candidateOf(fields), index);
}

/**
 * parseRow with rowSchema alone, without the direct path: the reference reading parseRow must agree with
 * (the tests compare them).
 */
export function parseRowBySchema(raw: unknown, index: number): RowResult {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
		return { ok: false, error: `row ${index + 1} is not an object` };
	return readBySchema(candidateOf(canonicalize(raw as Record<string, unknown>)), index);
}

function readBySchema(candidate: Record<keyof BillingRow, unknown>, index: number): RowResult {
	const parsed = rowSchema.safeParse(candidate);
	if (parsed.success) return { ok: true, row: parsed.data };
	const issue = parsed.error.issues[0];
	const field = String(issue?.path[0] ?? 'row');
	// zod says only "invalid input" when no alternative of a union fits: say what the field should be.
	const expected = EXPECTED_VALUE[field as keyof BillingRow];
	const value = (candidate as Record<string, unknown>)[field];
	const problem =
		issue?.code === 'invalid_union' && expected !== undefined
			? value === undefined || value === null
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
