import { z } from 'zod';
import { MAX_QUANTITY } from '../atria/rows';
import { fastSafeParse } from '../util/fastParse';
import { packLines, unpackLines, type SharedProducts } from './itemLines';
import { packLog, unpackLog, type LogContext, type PackedEntry } from './itemLog';
import { logEntrySchema, type LogEntry } from './logEntry';
import {
	billingPeriodSchema,
	customerPlanSchema,
	customerRefSchema,
	lineOutcomeSchema,
	PLAN_FORMAT,
	planLineSchema,
	type CustomerPlan,
} from './plan';

export { billingPeriodSchema, customerRefSchema, logEntrySchema };
export { fastSafeParse };

/**
 * The three item kinds, what one node hands the next (Get Billing Data's customer item, Reconcile Agreement's
 * plan item, any of them for Emit CW Log), checked again on the way in: a user can put any node (Code, Set, an
 * approval step) between ours, so nothing reaches the core unvalidated.
 */
const quantity = z.number().finite().min(0).max(MAX_QUANTITY);
export const billingLineSchema = z.object({
	sku: z.string().nullable(),
	description: z.string(),
	quantity,
	previousQuantity: quantity.nullable(),
	rows: z.number().int().nonnegative(),
});

/** Said of a period fact an item lacks: Get Billing Data has written them on every item since they existed. */
const FROM_OLDER_NODE = {
	required_error:
		'missing: the item comes from an older Get Billing Data; run Get Billing Data again',
};

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

/** Said of a plan item of another format: a plan is never guessed at. */
const PLAN_FORMAT_MESSAGE = {
	required_error: `missing: the item comes from an older Reconcile Agreement; run Reconcile Agreement again`,
	invalid_type_error: `must be the number ${PLAN_FORMAT}`,
};

/**
 * An entry as an item carries it (see itemLog.ts): the code and what the item does not say. Checked in full
 * once unpacked, so nothing unvalidated reaches the core.
 */
const packedEntrySchema = z.union([
	z.string().min(1),
	z.object({ code: z.string() }).passthrough(),
]) as unknown as z.ZodType<PackedEntry>;
const fullLogSchema = z.array(logEntrySchema);

/** Unpacks an item's log in its context and checks every entry, reporting a bad one at `log.<index>.<field>`. */
function unpackChecked(
	context: LogContext,
	packed: PackedEntry[],
	ctx: z.RefinementCtx,
): LogEntry[] {
	const lineIds = new Set((context.lines ?? []).map((line) => line.lineId));
	const unknownLine = packed.findIndex(
		(element) => typeof element === 'string' && !lineIds.has(element),
	);
	if (unknownLine >= 0) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['log', unknownLine],
			message: `names line ${JSON.stringify(packed[unknownLine])}, which is not one of the item's lines`,
		});
		return z.NEVER;
	}
	const parsed = fastSafeParse(fullLogSchema, unpackLog(context, packed));
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues)
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['log', ...issue.path],
			message: issue.message,
		});
	return z.NEVER;
}

/**
 * Reconcile Agreement's item: one customer's plan (customer null: only the run's log), or Apply Additions' own
 * output (with `outcomes`) when it is applied again; its log packed (toPlanItem). A plan of another format is
 * refused with a clear message.
 */
export const planItemSchema = z.preprocess(
	withLinesUnpacked,
	customerPlanSchema
		.extend({
			planFormat: z.number(PLAN_FORMAT_MESSAGE).refine(
				(format) => format === PLAN_FORMAT,
				(format) => ({
					message: `plan format ${format} is not known to this version of Apply Additions (it reads format ${PLAN_FORMAT}): run Reconcile Agreement of the same version again`,
				}),
			),
			billingPeriod: billingPeriodSchema.nullable(),
			customer: customerRefSchema.nullable(),
			/** Present when the item is an Apply Additions output applied again: what was done with each line. */
			outcomes: z.array(lineOutcomeSchema).optional(),
			log: z.array(packedEntrySchema),
		})
		.transform((item, ctx) => ({ ...item, log: unpackChecked(item, item.log, ctx) })),
);
export type PlanItem = z.output<typeof planItemSchema>;

/** An item with its plan lines in full (itemLines.ts), before the plan's schema checks them. */
function withLinesUnpacked(item: unknown): unknown {
	if (typeof item !== 'object' || item === null || !('lines' in item)) return item;
	const agreement = (item as { agreement?: unknown }).agreement;
	const agreementId =
		typeof agreement === 'object' &&
		agreement !== null &&
		'id' in agreement &&
		typeof agreement.id === 'number'
			? agreement.id
			: undefined;
	return { ...item, lines: unpackLines(agreementId, (item as { lines: unknown }).lines) };
}

/** A plan (or an apply's result) as an item: the same fields, its lines and log packed. */
export function toPlanItem<T extends Omit<CustomerPlan, 'billingPeriod' | 'customer'> & LogContext>(
	plan: T & { log: readonly LogEntry[] },
	products?: SharedProducts,
): Omit<T, 'log' | 'lines'> & { lines: unknown[]; log: PackedEntry[] } {
	return {
		...plan,
		lines: packLines(plan.agreement?.id, plan.lines, products),
		log: packLog(plan, plan.log),
	};
}

/**
 * Any of our items, for Emit CW Log: only the log matters there. A plan item's log is packed and unpacked in
 * its context; other items (Get Billing Data's) carry their entries whole.
 */
export const loggedItemSchema = z
	.object({ planFormat: z.unknown().optional(), log: z.array(packedEntrySchema) })
	.passthrough()
	.transform((item, ctx) => {
		const billingPeriodEnd = periodEndOf(item.billingPeriod);
		if (item.planFormat !== PLAN_FORMAT)
			return { log: unpackChecked({ runId: '' }, item.log, ctx), billingPeriodEnd };
		const context = fastSafeParse(planLogContextSchema, withLinesUnpacked(item));
		if (!context.success) {
			for (const issue of context.error.issues)
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
			return z.NEVER;
		}
		return { log: unpackChecked(context.data, item.log, ctx), billingPeriodEnd };
	});

/** The period an item is about (our items carry it), for a log whose CW01 travels on another item. */
function periodEndOf(value: unknown): string | undefined {
	const parsed = fastSafeParse(billingPeriodSchema, value);
	return parsed.success ? parsed.data.end : undefined;
}

/** What a plan item's packed log is unpacked with. */
const planLogContextSchema = z.object({
	runId: z.string(),
	customer: customerRefSchema.nullable(),
	agreementType: z.string(),
	agreement: z.object({ id: z.number(), name: z.string() }).nullable(),
	lines: z.array(planLineSchema),
});

/** One line per problem, naming the item and field, for the error message. */
export function describeItemError(error: z.ZodError, itemIndex: number, what: string): string {
	const issue = error.issues[0];
	const path = issue?.path.join('.') ?? '';
	return `input item ${itemIndex + 1} is not ${what}: ${path ? `${path}: ` : ''}${issue?.message ?? 'unexpected shape'}`;
}
