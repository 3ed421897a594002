import { z } from 'zod';
import { CODE_CATALOGUE, type CwCode } from '../codes/catalogue';
import { LOG_LEVELS } from '../codes/levels';

/**
 * The typed fields a log entry carries. Message templates are filled from these and only these, so a message
 * can never say something the entry's columns do not. The schema is the one definition: the type is inferred.
 */
export const entryFieldsSchema = z.object({
	customerCode: z.string().optional(),
	customerName: z.string().optional(),
	/** Atria's Billing Identifier, i.e. the ConnectWise company identifier. */
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
	/** The error reported by an API or a validation, already free of secrets. */
	error: z.string().optional(),
	/** The run's final status (CW23). */
	status: z.string().optional(),
	/** The name of a credential or parameter field (CW18). */
	property: z.string().optional(),
	/** The agreement selection rule (ACW01). */
	rule: z.string().optional(),
	/** The line's price and cost per unit per month: the addition's own, else the catalog item's. */
	unitPrice: z.number().optional(),
	unitCost: z.number().optional(),
	/**
	 * What the write changes per month: invoiced units (Billable lines, less included units) times the unit price,
	 * and units times the unit cost. Absent when the price (or cost) is unknown.
	 */
	monthlyRevenueChange: z.number().optional(),
	monthlyCostChange: z.number().optional(),
	/**
	 * Reconcile Agreement's review policy on a write: `auto` (applied without review), `hold` (waits for a
	 * person's approval) or `approved` (held, then approved and applied); with the rules that held it.
	 */
	review: z.enum(['auto', 'hold', 'approved']).optional(),
	reviewReason: z.string().optional(),
	/** The day a line stops billing, `YYYY-MM-DD` (ACW05). */
	cancelledDate: z.string().optional(),
	/** What was found instead of a line that can take Atria's quantity (ACW06, ACW07), or what changed (ACW08). */
	reason: z.string().optional(),
	/** When and by whom ConnectWise says a line was last changed (ACW09). */
	lastUpdated: z.string().optional(),
	updatedBy: z.string().optional(),
});
export type EntryFields = z.infer<typeof entryFieldsSchema>;
export type EntryField = keyof EntryFields;

/** A code of the catalogue (checked against it, so a hand-made item cannot carry an unknown code). */
export const cwCodeSchema = z
	.string()
	.refine(
		(code) => CODE_CATALOGUE.has(code as CwCode),
		'unknown log code',
	) as unknown as z.ZodType<CwCode>;

/** What a written line's entry says happened to it. */
export const ENTRY_OUTCOMES = ['planned', 'applied', 'dryRun', 'held'] as const;

/**
 * One line of the audit log. Flat and JSON-serialisable: it travels in n8n items and lands in sheets and
 * tables as it is. Never carries a secret: only the fields below, all of them business data.
 */
export const logEntrySchema = entryFieldsSchema
	.extend({
		timestamp: z.string(),
		runId: z.string(),
		code: cwCodeSchema,
		level: z.enum(LOG_LEVELS),
		/**
		 * Absent: the code's template filled from the entry's fields, rendered where the entry is shown (log rows,
		 * reports, summaries; `messageOf`). Set only when a person (or a workflow) gave the entry other text.
		 */
		message: z.string().optional(),
		/**
		 * For CW07, CW08, CW20 and ACW02: `planned` in a plan, `applied` once written, `dryRun` when a dry run
		 * skipped the write; `held` on ACW11, a write the review policy kept back. Absent for codes that describe
		 * no write.
		 */
		outcome: z.enum(ENTRY_OUTCOMES).optional(),
		/** The plan line the entry is about, so the applier can put each write's outcome in its place. */
		lineId: z.string().optional(),
	})
	.strip();
export type LogEntry = z.infer<typeof logEntrySchema>;
