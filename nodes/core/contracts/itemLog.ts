import { codeDefinition, isCwCode, type EntryFields } from '../codes/catalogue';
import { renderMessage } from '../codes/render';
import { WRITE_ACTIONS } from '../plan/types';
import type { LogEntry } from './logEntry';
import { unsetEntry, unsetEntryCopy } from '../log/entry';

/**
 * Log entries as n8n items carry them: an entry keeps only what its item does not already say. n8n keeps every
 * node's output of an execution in memory and in its database, so a plan's log written out in full (the
 * customer, the line, the rendered message on every entry) would be most of the execution's data. Here an
 * entry about a plan line leaves out what the line and the plan say, every entry leaves out its run, a
 * timestamp equal to the one before it, a level its code gives, and a message its code and fields render. An
 * entry that then says nothing but its line (a line's own entry: same code as the line, outcome "planned" when
 * the line writes, nothing else of its own) is that line's ID alone, e.g. "L2". Packing is lossless:
 * unpackLog(context, packLog(context, entries)) gives the entries back, field for field, whatever they hold (a
 * message a person edited stays; one equal to its rendering is the same as none, and comes back absent).
 */

/** A packed entry: the code, and each field that differs from what the item says (null: absent though the item has it). */
export type PackedFields = { code: string } & { [field: string]: unknown };
/** A packed entry, or the ID of the line whose own entry it is. */
export type PackedEntry = PackedFields | string;

/** What an item says that its entries repeat. */
export interface LogContext {
	runId: string;
	customer?: { code: string; name: string; billingIdentifier: string | null } | null;
	agreementType?: string;
	agreement?: { id: number; name: string } | null;
	lines?: ReadonlyArray<PackLine>;
}

/** The fields of a plan line that its entries repeat. */
export interface PackLine {
	lineId: string;
	code?: string;
	action?: string;
	sku: string | null;
	lineDescription: string;
	quantityBefore: number | null;
	quantityAfter: number | null;
	agreementId?: number;
	additionId?: number;
	unitPrice?: number;
	unitCost?: number;
	monthlyRevenueChange?: number;
	monthlyCostChange?: number;
	review?: { decision: string; reasons: string[] };
	error?: string;
	reason?: string;
}

/** Every field of an entry, in the order of the one literal entries are made from (unsetEntry). */
const ENTRY_KEYS = Object.keys(unsetEntry()) as ReadonlyArray<keyof LogEntry>;

/** Fields derived rather than compared: the code is always kept; time, level and message have their own rules. */
const DERIVED = new Set<string>(['timestamp', 'code', 'level', 'message']);

type Base = Partial<Record<keyof LogEntry, unknown>>;

function linesById(context: LogContext): Map<string, PackLine> {
	return new Map((context.lines ?? []).map((line) => [line.lineId, line]));
}

/** What the item says of an entry (about a line, when it names one the item has). */
function baseOf(context: LogContext, line: PackLine | undefined): Base {
	const base: Base = { runId: context.runId };
	if (context.customer) {
		base.customerCode = context.customer.code;
		base.customerName = context.customer.name;
		base.billingIdentifier = context.customer.billingIdentifier ?? undefined;
		base.agreementType = context.agreementType;
	}
	if (!line) return base;
	base.sku = line.sku ?? undefined;
	base.lineDescription = line.lineDescription;
	base.quantityBefore = line.quantityBefore ?? undefined;
	base.quantityAfter = line.quantityAfter ?? undefined;
	base.agreementId = line.agreementId;
	base.agreementName = context.agreement?.name;
	base.additionId = line.additionId;
	base.unitPrice = line.unitPrice;
	base.unitCost = line.unitCost;
	base.monthlyRevenueChange = line.monthlyRevenueChange;
	base.monthlyCostChange = line.monthlyCostChange;
	base.review = line.review?.decision;
	base.reviewReason =
		line.review && line.review.reasons.length > 0 ? line.review.reasons.join('; ') : undefined;
	base.error = line.error;
	base.reason = line.reason;
	return base;
}

/** baseOf, made once per line of the item (a line's entries share it) and once for the entries of no line. */
function basesOf(context: LogContext): (line: PackLine | undefined) => Base {
	const bases = new Map<PackLine | undefined, Base>();
	return (line) => {
		let base = bases.get(line);
		if (base === undefined) {
			base = baseOf(context, line);
			bases.set(line, base);
		}
		return base;
	};
}

function fieldsOf(entry: LogEntry): EntryFields {
	return entry as EntryFields;
}

/** The level an entry of this code has when createEntry makes it. */
function levelOf(code: string): string | undefined {
	return isCwCode(code) ? codeDefinition(code).level : undefined;
}

/**
 * A message kept by the packed entry: one a person set, unless it is what the entry's code and fields render
 * (then it is the same as none, and rendered where the entry is shown).
 */
function ownMessage(entry: LogEntry): string | undefined {
	const { message } = entry;
	if (message === undefined || !isCwCode(entry.code)) return message;
	return message === renderMessage(entry.code, fieldsOf(entry)) ? undefined : message;
}

export function packLog(context: LogContext, entries: readonly LogEntry[]): PackedEntry[] {
	const lines = linesById(context);
	const baseFor = basesOf(context);
	let previousTime: string | undefined;
	return entries.map((entry) => {
		const record = entry as unknown as Record<string, unknown>;
		const line = entry.lineId === undefined ? undefined : lines.get(entry.lineId);
		const base = baseFor(line);
		const packed: PackedFields = { code: entry.code };
		if (entry.timestamp !== previousTime) packed.timestamp = entry.timestamp;
		previousTime = entry.timestamp;
		for (const key of ENTRY_KEYS) {
			if (DERIVED.has(key)) continue;
			const value = record[key];
			const given = base[key];
			if (value === given || (value === undefined && given === undefined)) continue;
			(packed as Record<string, unknown>)[key] = value === undefined ? null : value;
		}
		if (entry.level !== levelOf(entry.code)) packed.level = entry.level;
		const message = ownMessage(entry);
		if (message !== undefined) packed.message = message;
		return line !== undefined && isLineOwnEntry(packed, line) ? line.lineId : packed;
	});
}

/** A line's own entry as packed: its code, and outcome "planned" when the line writes (as the planner logs it). */
function ownEntry(line: PackLine): PackedFields {
	const own: PackedFields = { code: line.code ?? '' };
	if (line.action !== undefined && (WRITE_ACTIONS as ReadonlySet<string>).has(line.action))
		own.outcome = 'planned';
	own.lineId = line.lineId;
	return own;
}

/** True when a packed entry says only what its line's own entry says. */
function isLineOwnEntry(packed: PackedFields, line: PackLine): boolean {
	const own = ownEntry(line);
	let keys = 0;
	for (const key in packed) {
		if (packed[key] !== own[key]) return false;
		keys++;
	}
	return keys === Object.keys(own).length;
}

/** A line ID that names no line of the item cannot be unpacked; it stays an entry of its own that says so. */
function expand(element: PackedEntry, lines: ReadonlyMap<string, PackLine>): PackedFields {
	if (typeof element !== 'string') return element;
	const line = lines.get(element);
	return line === undefined ? { code: '', lineId: element } : ownEntry(line);
}

export function unpackLog(context: LogContext, packed: readonly PackedEntry[]): LogEntry[] {
	const lines = linesById(context);
	const baseFor = basesOf(context);
	let time = '';
	return packed.map((element) => {
		const item = expand(element, lines);
		const lineId = typeof item.lineId === 'string' ? item.lineId : undefined;
		const base = baseFor(lineId === undefined ? undefined : lines.get(lineId));
		const stamp = item.timestamp;
		if (typeof stamp === 'string') time = stamp;
		const entry: Record<string, unknown> = unsetEntryCopy();
		for (const key of ENTRY_KEYS) {
			if (key === 'timestamp') entry[key] = time;
			else if (key === 'code') entry[key] = item.code;
			else if (key in item) entry[key] = item[key] === null ? undefined : item[key];
			else entry[key] = base[key];
		}
		entry.level = 'level' in item ? item.level : levelOf(item.code);
		entry.message = 'message' in item && item.message !== null ? item.message : undefined;
		return entry as unknown as LogEntry;
	});
}
