import { z } from 'zod';
import { MAX_QUANTITY } from '../atria/rows';
import { cwCodeSchema, logEntrySchema } from './logEntry';

/**
 * A customer's plan, as Reconcile Agreement hands it to Apply Additions (and Apply hands it on, with what it did).
 * The schemas are the one definition: the core's types are inferred from them, and Apply checks every item
 * against them on the way in, since any node (Code, Set, an approval) can stand between the two.
 */

/** The plan item format this version writes and reads. A plan of another format is refused, never guessed at. */
export const PLAN_FORMAT: number = 2;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.number().int().positive();
/** ConnectWise lines can be credits (negative) and fractional; Atria's quantities stay within its limits. */
const signedQuantity = z.number().finite().min(-MAX_QUANTITY).max(MAX_QUANTITY);

export const billingPeriodSchema = z.object({ start: date, end: date });

export const LINE_ACTIONS = [
	'update',
	'create',
	'createProduct',
	'remove',
	'unchanged',
	'skip',
] as const;
export type LineAction = (typeof LINE_ACTIONS)[number];

/** A catalog item the apply must create (once per run, however many lines need it). */
export const newProductSchema = z.object({
	identifier: z.string().trim().min(1).max(60),
	description: z.string().min(1).max(60),
	customerDescription: z.string().min(1).max(60),
	subcategoryId: id,
	typeId: id,
	price: z.number().finite().optional(),
	cost: z.number().finite().optional(),
});

export const planLineSchema = z.object({
	/** Unique within the customer's plan; log entries about this line carry it. */
	lineId: z.string().min(1),
	action: z.enum(LINE_ACTIONS),
	code: cwCodeSchema,
	sku: z.string().nullable(),
	lineDescription: z.string(),
	/** Null for a new addition. */
	quantityBefore: signedQuantity.nullable(),
	/** Null for a skipped line (ACW06 and ACW07 carry Atria's quantity). */
	quantityAfter: signedQuantity.nullable(),
	agreementId: id.optional(),
	additionId: id.optional(),
	product: z.object({ id, identifier: z.string() }).optional(),
	/** For a create whose product is not in the catalog yet: the item to create first. */
	newProduct: newProductSchema.optional(),
	unitPrice: z.number().finite().optional(),
	error: z.string().optional(),
	/** Why the line was left alone (ACW06, ACW07): the lines found instead. */
	reason: z.string().optional(),
	/** The addition's `_info.lastUpdated` when it was planned: Apply compares it before writing. */
	lastUpdated: z.string().optional(),
});
export type PlanLine = z.infer<typeof planLineSchema>;

export const customerRefSchema = z.object({
	code: z.string().min(1),
	name: z.string(),
	billingIdentifier: z.string().nullable(),
});
export type CustomerRef = z.infer<typeof customerRefSchema>;

/** What an Apply Additions did with a line: on its output, and read back when that output is applied again. */
export const lineOutcomeSchema = z.discriminatedUnion('status', [
	z.object({
		lineId: z.string().min(1),
		status: z.literal('applied'),
		additionId: id.optional(),
		quantityBefore: signedQuantity.nullable(),
		note: z.string().optional(),
		productCreated: z.object({ id, identifier: z.string() }).optional(),
	}),
	z.object({ lineId: z.string().min(1), status: z.literal('dryRun') }),
	/** Not written because the line changed since the plan (ACW08). */
	z.object({
		lineId: z.string().min(1),
		status: z.literal('skipped'),
		code: z.literal('ACW08'),
		reason: z.string(),
		quantityNow: signedQuantity.nullable(),
	}),
	z.object({
		lineId: z.string().min(1),
		status: z.literal('failed'),
		error: z.string(),
		code: z.enum(['CW10', 'CW11', 'CW12']).optional(),
	}),
]);
export type LineOutcome = z.infer<typeof lineOutcomeSchema>;

export const customerPlanSchema = z.object({
	/** PLAN_FORMAT of the version that made it. */
	planFormat: z.number().int(),
	runId: z.string().min(1),
	/** When ConnectWise was read for this plan (ISO time): how fresh what the plan saw is. */
	plannedAt: z.string().optional(),
	/** Every addition id the agreement had when it was read: Apply tells a line added since by it. */
	seenAdditionIds: z.array(id).max(100_000).optional(),
	billingPeriod: billingPeriodSchema,
	agreementType: z.string(),
	customer: customerRefSchema,
	company: z.object({ id, identifier: z.string(), name: z.string() }).nullable(),
	agreement: z.object({ id, name: z.string() }).nullable(),
	lines: z.array(planLineSchema),
	/** Every entry for this customer in the order they were decided; line entries carry their lineId. */
	log: z.array(logEntrySchema),
});
export type CustomerPlan = z.infer<typeof customerPlanSchema>;
