import { z } from 'zod';

/**
 * What the client accepts from ConnectWise. Only the fields the sync uses are required; anything else on a
 * record is dropped. A record that does not match fails the whole response (CW13), because a half-read
 * snapshot could plan a wrong quantity.
 */
const id = z.number().int().positive();
const nullableString = z.string().nullable().optional();
const nullableNumber = z.number().finite().nullable().optional();

export const companySchema = z.object({
	id,
	identifier: z.string(),
	name: z.string(),
	deletedFlag: z.boolean().optional(),
});
export type Company = z.infer<typeof companySchema>;

export const agreementTypeSchema = z.object({
	id,
	name: z.string(),
	inactiveFlag: z.boolean().optional(),
});
export type AgreementType = z.infer<typeof agreementTypeSchema>;

export const agreementSchema = z.object({
	id,
	name: z.string(),
	type: z.object({ id, name: z.string().optional() }),
	company: z.object({ id, identifier: z.string().optional(), name: z.string().optional() }),
	agreementStatus: z.string().optional(),
	cancelledFlag: z.boolean().optional(),
	startDate: nullableString,
});
export type Agreement = z.infer<typeof agreementSchema>;

/** Who pays for an addition's units: only Billable lines are invoiced. */
export const BILL_CUSTOMER_VALUES = ['Billable', 'DoNotBill', 'NoCharge'] as const;
export type BillCustomer = (typeof BILL_CUSTOMER_VALUES)[number];

export const additionSchema = z.object({
	id,
	product: z.object({ id, identifier: z.string() }),
	/** May be negative (a credit line) or fractional. */
	quantity: z.number().finite(),
	/** Units included at no charge: the invoiced quantity is quantity - lessIncluded. */
	lessIncluded: nullableNumber,
	billCustomer: z.enum(BILL_CUSTOMER_VALUES),
	cancelledDate: nullableString,
	effectiveDate: nullableString,
	description: nullableString,
	unitPrice: nullableNumber,
	unitCost: nullableNumber,
	agreementId: id.optional(),
	_info: z
		.object({ lastUpdated: nullableString, updatedBy: nullableString })
		.partial()
		.nullable()
		.optional(),
});
export type Addition = z.infer<typeof additionSchema>;

export const catalogItemSchema = z.object({
	id,
	identifier: z.string(),
	description: nullableString,
	inactiveFlag: z.boolean().optional(),
	productClass: z.string().optional(),
	price: nullableNumber,
	cost: nullableNumber,
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const namedRefSchema = z.object({
	id,
	name: z.string(),
	inactiveFlag: z.boolean().optional(),
});
export type NamedRef = z.infer<typeof namedRefSchema>;

export const systemInfoSchema = z.object({ version: z.string() }).passthrough();

export const companyInfoSchema = z.object({ Codebase: z.string() }).passthrough();

/** ConnectWise's error body, and the differently shaped throttling body. */
export const errorBodySchema = z.union([
	z.object({
		code: z.string(),
		message: z.string(),
		errors: z
			.array(
				z
					.object({
						code: z.string().optional(),
						message: z.string().optional(),
						field: z.string().optional(),
					})
					.passthrough(),
			)
			.nullable()
			.optional(),
	}),
	z.object({ error: z.string(), message: z.string() }),
]);

/**
 * A record as its schema reads it, computed directly when the record plainly matches, or undefined for any other
 * value (the schema then reads it, and explains when it refuses it). The direct path exists for memory: zod
 * allocates several times a record's size while it reads one, and a large run reads about 100,000 of them.
 * A direct reader accepts nothing its schema refuses and gives exactly what the schema gives: the same keys, in
 * the schema's order, unknown keys dropped, a key present with an undefined value kept
 * (test/core/connectwise/recordsDirect.test.ts compares them).
 */
export type DirectReader<T> = (value: unknown) => T | undefined;

/** How the client reads one kind of record: the schema (the reference, and its messages), and a direct reader. */
export interface RecordReader<T> {
	schema: z.ZodType<T>;
	direct?: DirectReader<T>;
}

/** A field's reading: the value as the schema gives it, or INVALID. Missing and undefined are the caller's. */
const INVALID = Symbol('invalid');
type FieldRead = (value: unknown) => unknown;

interface FieldSpec {
	key: string;
	read: FieldRead;
	optional: boolean;
}

type Plain = Record<string, unknown>;

/** What z.object accepts as an object; anything unusual (an array, a Map, a class instance) goes to the schema. */
function isPlainObject(value: unknown): value is Plain {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false;
	// zod takes an object with then and catch functions for a promise.
	return typeof (value as Plain).then !== 'function';
}

const readId: FieldRead = (value) =>
	typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : INVALID;
const readString: FieldRead = (value) => (typeof value === 'string' ? value : INVALID);
const readBoolean: FieldRead = (value) => (typeof value === 'boolean' ? value : INVALID);
const readFinite: FieldRead = (value) =>
	typeof value === 'number' && Number.isFinite(value) ? value : INVALID;
const readNullableString: FieldRead = (value) => (value === null ? null : readString(value));
const readNullableFinite: FieldRead = (value) => (value === null ? null : readFinite(value));
const readBillCustomer: FieldRead = (value) =>
	typeof value === 'string' && (BILL_CUSTOMER_VALUES as readonly string[]).includes(value)
		? value
		: INVALID;

const required = (key: string, read: FieldRead): FieldSpec => ({ key, read, optional: false });
const optional = (key: string, read: FieldRead): FieldSpec => ({ key, read, optional: true });

/** z.object's reading (unknown keys stripped) of the fields in `fields`, in their order. */
function readObject(value: unknown, fields: readonly FieldSpec[]): Plain | typeof INVALID {
	if (!isPlainObject(value)) return INVALID;
	const record: Plain = {};
	for (const field of fields) {
		// zod keeps an optional key that is present with an undefined value, and leaves out a missing one.
		if (!(field.key in value)) {
			if (field.optional) continue;
			return INVALID;
		}
		const raw = value[field.key];
		if (raw === undefined) {
			if (!field.optional) return INVALID;
			record[field.key] = undefined;
			continue;
		}
		const read = field.read(raw);
		if (read === INVALID) return INVALID;
		record[field.key] = read;
	}
	return record;
}

const objectOf =
	(fields: readonly FieldSpec[]): FieldRead =>
	(value) =>
		readObject(value, fields);

function directReader<T>(fields: readonly FieldSpec[]): DirectReader<T> {
	return (value) => {
		const record = readObject(value, fields);
		return record === INVALID ? undefined : (record as T);
	};
}

const COMPANY_FIELDS = [
	required('id', readId),
	required('identifier', readString),
	required('name', readString),
	optional('deletedFlag', readBoolean),
];

const AGREEMENT_FIELDS = [
	required('id', readId),
	required('name', readString),
	required('type', objectOf([required('id', readId), optional('name', readString)])),
	required(
		'company',
		objectOf([
			required('id', readId),
			optional('identifier', readString),
			optional('name', readString),
		]),
	),
	optional('agreementStatus', readString),
	optional('cancelledFlag', readBoolean),
	optional('startDate', readNullableString),
];

const readInfo = objectOf([
	optional('lastUpdated', readNullableString),
	optional('updatedBy', readNullableString),
]);

const ADDITION_FIELDS = [
	required('id', readId),
	required('product', objectOf([required('id', readId), required('identifier', readString)])),
	required('quantity', readFinite),
	optional('lessIncluded', readNullableFinite),
	required('billCustomer', readBillCustomer),
	optional('cancelledDate', readNullableString),
	optional('effectiveDate', readNullableString),
	optional('description', readNullableString),
	optional('unitPrice', readNullableFinite),
	optional('unitCost', readNullableFinite),
	optional('agreementId', readId),
	optional('_info', (value) => (value === null ? null : readInfo(value))),
];

const CATALOG_ITEM_FIELDS = [
	required('id', readId),
	required('identifier', readString),
	optional('description', readNullableString),
	optional('inactiveFlag', readBoolean),
	optional('productClass', readString),
	optional('price', readNullableFinite),
	optional('cost', readNullableFinite),
];

function readerOf<T>(schema: z.ZodType<T>, fields: readonly FieldSpec[]): RecordReader<T> {
	return { schema, direct: directReader(fields) };
}

export const companyReader = readerOf<Company>(companySchema, COMPANY_FIELDS);
export const agreementReader = readerOf<Agreement>(agreementSchema, AGREEMENT_FIELDS);
export const additionReader = readerOf<Addition>(additionSchema, ADDITION_FIELDS);
export const catalogItemReader = readerOf<CatalogItem>(catalogItemSchema, CATALOG_ITEM_FIELDS);
export const agreementTypeReader: RecordReader<AgreementType> = { schema: agreementTypeSchema };
export const namedRefReader: RecordReader<NamedRef> = { schema: namedRefSchema };

/** Turns a zod failure into a short description of where the data was wrong, without the data itself. */
export function describeSchemaError(error: z.ZodError, what: string): string {
	const issue = error.issues[0];
	const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
	return `${what}: ${issue?.message ?? 'unexpected shape'}${where}`;
}
