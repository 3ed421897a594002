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
	const definition = codeDefinition(code);
	// One literal with every key in a fixed order: all entries share one shape, which keeps a 100,000-line plan
	// fast and small. Absent fields are undefined, which JSON (n8n items, sheets, files) leaves out.
	return {
		timestamp: isoTime(context.now()),
		runId: context.runId,
		code,
		level: definition.level,
		message: renderMessage(code, fields),
		outcome: undefined,
		lineId: undefined,
		customerCode: fields.customerCode,
		customerName: fields.customerName,
		billingIdentifier: fields.billingIdentifier,
		sku: fields.sku,
		lineDescription: fields.lineDescription,
		quantityBefore: fields.quantityBefore,
		quantityAfter: fields.quantityAfter,
		agreementId: fields.agreementId,
		agreementName: fields.agreementName,
		additionId: fields.additionId,
		agreementType: fields.agreementType,
		billingPeriodEnd: fields.billingPeriodEnd,
		error: fields.error,
		status: fields.status,
		property: fields.property,
		rule: fields.rule,
		unitPrice: fields.unitPrice,
		unitCost: fields.unitCost,
		monthlyRevenueChange: fields.monthlyRevenueChange,
		monthlyCostChange: fields.monthlyCostChange,
		review: fields.review,
		reviewReason: fields.reviewReason,
		cancelledDate: fields.cancelledDate,
		reason: fields.reason,
		lastUpdated: fields.lastUpdated,
		updatedBy: fields.updatedBy,
	};
}

// A plan of 100,000 lines logs thousands of entries in the same millisecond: format each millisecond once.
let lastTime = Number.NaN;
let lastIso = '';

function isoTime(date: Date): string {
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
