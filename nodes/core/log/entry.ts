import { codeDefinition, type CwCode, type EntryFields } from '../codes/catalogue';
import type { LogLevel } from '../codes/levels';
import { renderMessage } from '../codes/render';

/**
 * One line of the audit log. Flat and JSON-serialisable: it travels in n8n items and lands in sheets and
 * tables as it is. Never carries a secret: only the fields below, all of them business data.
 */
export interface LogEntry extends EntryFields {
	timestamp: string;
	runId: string;
	code: CwCode;
	level: LogLevel;
	message: string;
	/**
	 * For CW07, CW08, CW20 and ACW02: `planned` in a plan, `applied` once written, `dryRun` when a dry run
	 * skipped the write. Absent for codes that describe no write.
	 */
	outcome?: 'planned' | 'applied' | 'dryRun';
	/** The plan line the entry is about, so the applier can put each write's outcome in its place. */
	lineId?: string;
}

export interface LogContext {
	runId: string;
	/** Injected so that plans are reproducible in tests and the core stays free of hidden clocks. */
	now: () => Date;
}

export function createEntry(context: LogContext, code: CwCode, fields: EntryFields = {}): LogEntry {
	const definition = codeDefinition(code);
	const entry: LogEntry = {
		timestamp: context.now().toISOString(),
		runId: context.runId,
		code,
		level: definition.level,
		message: renderMessage(code, fields),
	};
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined) (entry as unknown as Record<string, unknown>)[key] = value;
	}
	return entry;
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
