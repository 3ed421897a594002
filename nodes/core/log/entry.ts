import { codeDefinition, type CwCode, type EntryFields } from '../codes/catalogue';
import type { LogEntry } from '../contracts/logEntry';
import { renderMessage } from '../codes/render';

export type { LogEntry };

export interface LogContext {
	runId: string;
	/** Injected so that plans are reproducible in tests and the core stays free of hidden clocks. */
	now: () => Date;
}

export function createEntry(context: LogContext, code: CwCode, fields: EntryFields = {}): LogEntry {
	const entry = stamped(unsetEntryCopy(), context, code, isoTime(context.now()));
	entry.customerCode = fields.customerCode;
	entry.customerName = fields.customerName;
	entry.billingIdentifier = fields.billingIdentifier;
	entry.sku = fields.sku;
	entry.lineDescription = fields.lineDescription;
	entry.quantityBefore = fields.quantityBefore;
	entry.quantityAfter = fields.quantityAfter;
	entry.agreementId = fields.agreementId;
	entry.agreementName = fields.agreementName;
	entry.additionId = fields.additionId;
	entry.agreementType = fields.agreementType;
	entry.billingPeriodEnd = fields.billingPeriodEnd;
	entry.error = fields.error;
	entry.status = fields.status;
	entry.property = fields.property;
	entry.rule = fields.rule;
	entry.unitPrice = fields.unitPrice;
	entry.unitCost = fields.unitCost;
	entry.monthlyRevenueChange = fields.monthlyRevenueChange;
	entry.monthlyCostChange = fields.monthlyCostChange;
	entry.review = fields.review;
	entry.reviewReason = fields.reviewReason;
	entry.cancelledDate = fields.cancelledDate;
	entry.reason = fields.reason;
	entry.lastUpdated = fields.lastUpdated;
	entry.updatedBy = fields.updatedBy;
	return entry;
}

/** An entry's fields, each possibly unset: what an entry is before it is filled. */
export type UnsetEntry = { [Field in keyof Required<LogEntry>]: LogEntry[Field] | undefined };

/**
 * Every field of an entry unset, in one literal with every key in a fixed order: all entries share one shape,
 * which keeps a 100,000-line plan fast and small. Absent fields are undefined, which JSON (n8n items, sheets,
 * files) leaves out. The planner's entries and the entries unpacked from items are both made from it.
 */
export function unsetEntry(): UnsetEntry {
	return {
		timestamp: undefined,
		runId: undefined,
		code: undefined,
		level: undefined,
		message: undefined,
		outcome: undefined,
		lineId: undefined,
		customerCode: undefined,
		customerName: undefined,
		billingIdentifier: undefined,
		sku: undefined,
		lineDescription: undefined,
		quantityBefore: undefined,
		quantityAfter: undefined,
		agreementId: undefined,
		agreementName: undefined,
		additionId: undefined,
		agreementType: undefined,
		billingPeriodEnd: undefined,
		error: undefined,
		status: undefined,
		property: undefined,
		rule: undefined,
		unitPrice: undefined,
		unitCost: undefined,
		monthlyRevenueChange: undefined,
		monthlyCostChange: undefined,
		review: undefined,
		reviewReason: undefined,
		cancelledDate: undefined,
		reason: undefined,
		lastUpdated: undefined,
		updatedBy: undefined,
	};
}

/**
 * An entry of `code` with every other field unset, logged now or at `timestamp`. createEntry fills it from a
 * fields object; a caller that sets many fields itself (a plan line's entry) fills it directly, without a
 * fields object in between.
 */
export function blankEntry(
	context: LogContext,
	code: CwCode,
	timestamp: string = isoTime(context.now()),
): LogEntry {
	return stamped(unsetEntry(), context, code, timestamp);
}

function stamped(
	entry: UnsetEntry,
	context: LogContext,
	code: CwCode,
	timestamp: string,
): LogEntry {
	entry.timestamp = timestamp;
	entry.runId = context.runId;
	entry.code = code;
	entry.level = codeDefinition(code).level;
	return entry as LogEntry;
}

/** The template unsetEntryCopy copies: never handed out, never changed. */
const UNSET_TEMPLATE: UnsetEntry = unsetEntry();

/**
 * unsetEntry made as a copy, not by its literal: the same fields in the same order (entries keep one shape),
 * for entries that live briefly (an apply's outcomes, entries read back from items). V8 decides per object
 * literal whether the objects it makes live long, and then makes them straight in the old generation, where
 * only a full collection frees them. The planner's entries live until their plan is packed, so unsetEntry's
 * literal is made old; entries read back while a customer is applied, made there too, were 75 MB of Apply
 * Additions' heap at 5,000 customers that n8n's process grew by before a full collection. A copy is not made
 * by a literal and starts young, where it is freed cheaply.
 */
export function unsetEntryCopy(): UnsetEntry {
	return { ...UNSET_TEMPLATE };
}

/**
 * The entry's message as it is shown: the text a person set on it, else its code's template filled from its
 * own fields (an entry carries every field a template can name). Entries are not rendered when they are made:
 * a plan of 100,000 lines would render 100,000 messages that only the log's sinks and reports show, and its
 * items would carry them through every node.
 */
export function messageOf(entry: LogEntry): string {
	return entry.message ?? renderMessage(entry.code, entry);
}

// A plan of 100,000 lines logs thousands of entries in the same millisecond: format each millisecond once.
let lastTime = Number.NaN;
let lastIso = '';

/** `date.toISOString()`, formatted once per millisecond. */
export function isoTime(date: Date): string {
	const time = date.getTime();
	if (time !== lastTime) {
		lastTime = time;
		lastIso = date.toISOString();
	}
	return lastIso;
}

/** The typed fields of an entry, without what createEntry derives (time, run, code, level, message). */
export function entryFields(entry: LogEntry): EntryFields & { lineId?: string } {
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(entry)) {
		if (!DERIVED.has(key) && value !== undefined) fields[key] = value;
	}
	return fields as EntryFields & { lineId?: string };
}

const DERIVED = new Set(['timestamp', 'runId', 'code', 'level', 'message', 'outcome']);
