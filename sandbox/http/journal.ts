import type { FaultKind, FaultStage } from './faults';

/** A status code, or what happened instead of a response. */
export type JournalStatus = number | 'reset' | 'hang';

export interface JournalEntry {
	/** Arrival order, from 1. */
	seq: number;
	method: string;
	/** The URL path without the query. */
	path: string;
	/** The path relative to the API base, as fault and latency rules see it. */
	route: string;
	/** The raw query string without `?`; empty when none. */
	query: string;
	status: JournalStatus;
	durationMs: number;
	fault?: FaultKind;
	faultStage?: FaultStage;
	/** ISO timestamp of arrival. */
	startedAt: string;
	/** The request body as sent; empty when none. Lets tests check exactly what a client wrote. */
	requestBody: string;
}

/** Every API request a simulator saw, in arrival order. Admin calls are not journaled. */
export class Journal {
	private entries: JournalEntry[] = [];
	private seq = 0;

	/** Numbers requests on arrival; restarts at 1 after clear() so a test can count from its own start. */
	nextSeq(): number {
		return ++this.seq;
	}

	record(entry: JournalEntry): void {
		this.entries.push(entry);
	}

	/** Entries are recorded when a request finishes, so sort by arrival to keep the order tests expect. */
	list(): JournalEntry[] {
		return [...this.entries].sort((a, b) => a.seq - b.seq).map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.entries = [];
		this.seq = 0;
	}
}
