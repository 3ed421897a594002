import { z } from 'zod';
import { CODE_CATALOGUE, type CwCode } from '../core/codes/catalogue';
import { LOG_LEVELS } from '../core/codes/levels';
import type { LogEntry } from '../core/log/entry';
import { MAX_QUANTITY } from '../core/atria/rows';

/**
 * What one node hands the next, checked again on the way in: a user can put any node (Code, Set, an
 * approval step) between ours, so nothing reaches the core unvalidated.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const quantity = z.number().finite().min(0).max(MAX_QUANTITY);
const signedQuantity = z.number().finite().min(-MAX_QUANTITY).max(MAX_QUANTITY);
const id = z.number().int().positive();

export const billingPeriodSchema = z.object({ start: date, end: date });

export const logEntrySchema: z.ZodType<LogEntry> = z
	.object({
		timestamp: z.string(),
		runId: z.string(),
		code: z.string().refine((code) => CODE_CATALOGUE.has(code as CwCode), 'unknown log code'),
		level: z.enum(LOG_LEVELS),
		message: z.string(),
		outcome: z.enum(['planned', 'applied', 'dryRun']).optional(),
		lineId: z.string().optional(),
		customerCode: z.string().optional(),
		customerName: z.string().optional(),
		billingIdentifier: z.string().optional(),
		sku: z.string().optional(),
		lineDescription: z.string().optional(),
		quantityBefore: z.number().optional(),
		quantityAfter: z.number().optional(),
		agreementId: z.number().optional(),
		agreementName: z.string().optional(),
		additionId: z.number().optional(),
		agreementType: z.string().optional(),
		billingPeriodEnd: z.string().optional(),
		error: z.string().optional(),
		status: z.string().optional(),
		property: z.string().optional(),
		rule: z.string().optional(),
		unitPrice: z.number().optional(),
		cancelledDate: z.string().optional(),
		reason: z.string().optional(),
		lastUpdated: z.string().optional(),
		updatedBy: z.string().optional(),
	})
	.strip() as unknown as z.ZodType<LogEntry>;

export const customerRefSchema = z.object({
	code: z.string().min(1),
	name: z.string(),
	billingIdentifier: z.string().nullable(),
});

export const billingLineSchema = z.object({
	sku: z.string().nullable(),
	description: z.string(),
	quantity,
	previousQuantity: quantity.nullable(),
	rows: z.number().int().nonnegative(),
});

/** Said of a period fact an item lacks: Get Billing Data has written them on every item since they existed. */
const FROM_OLDER_NODE = { required_error: 'missing: the item comes from an older Get Billing Data; run Get Billing Data again' };

/**
 * Facts about the whole period, known before Customers Filter or any node between Get Billing Data and Reconcile
 * Agreement chose which customers go on: the same on every item of a run.
 */
export const periodFactsSchema = z.object(
	{
		/** SKUs Atria reports for any customer this period or the one before (trimmed, lower case), sorted. */
		managedSkus: z.array(z.string(), FROM_OLDER_NODE),
	},
	FROM_OLDER_NODE,
);
export type PeriodFacts = z.infer<typeof periodFactsSchema>;

/** Get Billing Data's customer: the reference plus who else in Atria has its Billing Identifier. */
export const billingCustomerSchema = customerRefSchema.extend({
	/** Other Atria customer codes with the same Billing Identifier (trimmed, case-insensitive), sorted: ACW03 when any. */
	sharesBillingIdentifierWith: z.array(z.string().min(1), FROM_OLDER_NODE),
});

/** Get Billing Data's item: one customer of the period (or none, carrying only the run's log). */
export const customerItemSchema = z.object({
	runId: z.string().min(1),
	/** Null only when the period could not be chosen or read (an item carrying the failure's log). */
	billingPeriod: billingPeriodSchema.nullable(),
	period: periodFactsSchema,
	customer: billingCustomerSchema.nullable(),
	lines: z.array(billingLineSchema),
	log: z.array(logEntrySchema),
});
export type CustomerItem = z.infer<typeof customerItemSchema>;

export const planLineSchema = z.object({
	lineId: z.string().min(1),
	action: z.enum(['update', 'create', 'createProduct', 'remove', 'unchanged', 'skip']),
	code: z.string().refine((code) => CODE_CATALOGUE.has(code as CwCode), 'unknown log code') as unknown as z.ZodType<CwCode>,
	sku: z.string().nullable(),
	lineDescription: z.string(),
	// ConnectWise lines can be credits (negative) and fractional; Atria's quantities stay within its limits.
	quantityBefore: signedQuantity.nullable(),
	quantityAfter: signedQuantity.nullable(),
	agreementId: id.optional(),
	additionId: id.optional(),
	product: z.object({ id, identifier: z.string() }).optional(),
	newProduct: z
		.object({
			identifier: z.string().trim().min(1).max(60),
			description: z.string().min(1).max(60),
			customerDescription: z.string().min(1).max(60),
			subcategoryId: id,
			typeId: id,
			price: z.number().finite().optional(),
			cost: z.number().finite().optional(),
		})
		.optional(),
	unitPrice: z.number().finite().optional(),
	error: z.string().optional(),
	reason: z.string().optional(),
	lastUpdated: z.string().optional(),
});

/** What an earlier Apply Additions did with a line, when its output comes into Apply again. */
const lineOutcomeSchema = z.discriminatedUnion('status', [
	z.object({
		lineId: z.string().min(1),
		status: z.literal('applied'),
		additionId: id.optional(),
		quantityBefore: signedQuantity.nullable(),
		note: z.string().optional(),
		productCreated: z.object({ id, identifier: z.string() }).optional(),
	}),
	z.object({ lineId: z.string().min(1), status: z.literal('dryRun') }),
	z.object({ lineId: z.string().min(1), status: z.literal('skipped'), code: z.literal('ACW08'), reason: z.string(), quantityNow: signedQuantity.nullable() }),
	z.object({ lineId: z.string().min(1), status: z.literal('failed'), error: z.string(), code: z.enum(['CW10', 'CW11', 'CW12']).optional() }),
]);

/** Reconcile Agreement's item: one customer's plan (customer null: only the run's log). */
export const planItemSchema = z.object({
	runId: z.string().min(1),
	plannedAt: z.string().optional(),
	seenAdditionIds: z.array(id).max(100_000).optional(),
	billingPeriod: billingPeriodSchema.nullable(),
	agreementType: z.string(),
	customer: customerRefSchema.nullable(),
	company: z.object({ id, identifier: z.string(), name: z.string() }).nullable(),
	agreement: z.object({ id, name: z.string() }).nullable(),
	lines: z.array(planLineSchema),
	log: z.array(logEntrySchema),
	/** Present when the item is an Apply Additions output applied again: what was done with each line. */
	outcomes: z.array(lineOutcomeSchema).optional(),
});
export type PlanItem = z.infer<typeof planItemSchema>;

/** Any of our items, for Emit CW Log: only the log matters there. */
export const loggedItemSchema = z.object({ log: z.array(logEntrySchema) });

/** One line per problem, naming the item and field, for the error message. */
export function describeItemError(error: z.ZodError, itemIndex: number, what: string): string {
	const issue = error.issues[0];
	const path = issue?.path.join('.') ?? '';
	return `input item ${itemIndex + 1} is not ${what}: ${path ? `${path}: ` : ''}${issue?.message ?? 'unexpected shape'}`;
}
