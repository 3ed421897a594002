import { z } from 'zod';
import { MAX_QUANTITY } from '../atria/rows';
import { cwCodeSchema, logEntrySchema } from './logEntry';

/**
 * A customer's plan, as Reconcile Agreement hands it to Apply Additions (and Apply hands it on, with what it did).
 * The schemas are the one definition: the core's types are inferred from them, and Apply checks every item
 * against them on the way in, since any node (Code, Set, an approval) can stand between the two.
 */

/**
 * The plan item format this version writes and reads (3: the log packed, see itemLog.ts). A plan of another format
 * is refused, never guessed at.
 */
export const PLAN_FORMAT: number = 3;

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

export const REVIEW_DECISIONS = ['auto', 'hold'] as const;
export const lineReviewSchema = z.object({
	decision: z.enum(REVIEW_DECISIONS),
	/** The policy's rules that held the line, in words (empty for `auto`). */
	reasons: z.array(z.string()),
});
export type LineReview = z.infer<typeof lineReviewSchema>;

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
	/** Per unit per month: the addition's own, else the catalog item's; absent when neither is known. */
	unitPrice: z.number().finite().optional(),
	unitCost: z.number().finite().optional(),
	/** What the write changes per month (see the log entry's fields of the same names); absent when unknown. */
	monthlyRevenueChange: z.number().finite().optional(),
	monthlyCostChange: z.number().finite().optional(),
	/** For a write: whether the review policy lets it through (`auto`) or holds it for approval, and why. */
	review: lineReviewSchema.optional(),
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
		/** The line was held by the review policy and applied because a person approved it. */
		approved: z.literal(true).optional(),
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
	/** Not written because the review policy holds it and no one approved it (ACW11). */
	z.object({
		lineId: z.string().min(1),
		status: z.literal('held'),
		code: z.literal('ACW11'),
		reason: z.string(),
	}),
	z.object({
		lineId: z.string().min(1),
		status: z.literal('failed'),
		error: z.string(),
		code: z.enum(['CW10', 'CW11', 'CW12']).optional(),
	}),
]);
export type LineOutcome = z.infer<typeof lineOutcomeSchema>;

const money = z.number().finite();
export const customerMoneySchema = z.object({
	/** Invoiced per month by the agreement's Billable lines of the period, where their price is known. */
	monthlyRevenueBefore: money,
	/** Sum over the planned writes with a known price (or cost). */
	monthlyRevenueChange: money,
	monthlyCostChange: money,
	/** Planned writes whose price is unknown, so the revenue change leaves them out. */
	writesWithoutPrice: z.number().int().nonnegative(),
});
export type CustomerMoney = z.infer<typeof customerMoneySchema>;

export const customerReviewSchema = z.object({
	/** True when any planned write is held for approval. */
	needsApproval: z.boolean(),
	/** Rules that held the whole customer (first billing month, customer thresholds); line rules are on the lines. */
	reasons: z.array(z.string()),
	/** The held lines: what an approval approves (Apply Additions' Approved Line IDs). */
	heldLineIds: z.array(z.string()),
	/** What the held lines change per month, where their price is known. */
	heldRevenueChange: money,
});
export type CustomerReview = z.infer<typeof customerReviewSchema>;

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
	/** The customer's money: what its agreement bills per month now, and what the planned writes change. */
	money: customerMoneySchema.optional(),
	/** The review policy's verdict on the customer: route items with `needsApproval` to a person. */
	review: customerReviewSchema.optional(),
	/** Every entry for this customer in the order they were decided; line entries carry their lineId. */
	log: z.array(logEntrySchema),
});
export type CustomerPlan = z.infer<typeof customerPlanSchema>;
