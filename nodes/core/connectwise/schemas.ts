import { z } from 'zod';
import { fastReader } from '../util/fastParse';

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
 * How the client reads one kind of record: the schema (the reference, and its messages), and its direct reading
 * (fastParse.ts): exactly what the schema gives for a record that plainly passes, without zod's allocations
 * (several times a record's size, and a large run reads about 100,000 records), or undefined for any other
 * value, which the schema then reads and explains (test/core/connectwise/recordsDirect.test.ts compares them).
 */
export interface RecordReader<T> {
	schema: z.ZodType<T>;
	direct: (value: unknown) => T | undefined;
}

function readerOf<T>(schema: z.ZodType<T>): RecordReader<T> {
	return { schema, direct: fastReader(schema) };
}

export const companyReader = readerOf(companySchema);
export const agreementReader = readerOf(agreementSchema);
export const additionReader = readerOf(additionSchema);
export const catalogItemReader = readerOf(catalogItemSchema);
export const agreementTypeReader = readerOf(agreementTypeSchema);
export const namedRefReader = readerOf(namedRefSchema);

/** Turns a zod failure into a short description of where the data was wrong, without the data itself. */
export function describeSchemaError(error: z.ZodError, what: string): string {
	const issue = error.issues[0];
	const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
	return `${what}: ${issue?.message ?? 'unexpected shape'}${where}`;
}
