import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The reliability figures for the README: each test file counts what it tried (only after a case's assertions
 * passed) and, when it ends, merges its section into results/summary.json. Jest runs files in parallel
 * workers, so the merge takes a lock file. Only counts go in (no times or dates), so the file changes only
 * when the tests do.
 */
export const RESULTS_DIR = join(__dirname, '..', 'results');
export const SUMMARY_FILE = join(RESULTS_DIR, 'summary.json');
const LOCK_FILE = `${SUMMARY_FILE}.lock`;

export type Section = Record<string, number | string | string[]>;

export class Tally {
	private readonly counts: Record<string, number> = {};
	private readonly lists: Record<string, Set<string>> = {};

	add(name: string, amount = 1): void {
		this.counts[name] = (this.counts[name] ?? 0) + amount;
	}

	/** Distinct values seen (e.g. the fault kinds or CW codes exercised), listed sorted. */
	note(name: string, value: string): void {
		(this.lists[name] ??= new Set()).add(value);
	}

	section(): Section {
		const section: Section = {};
		for (const name of Object.keys(this.counts).sort()) section[name] = this.counts[name];
		for (const name of Object.keys(this.lists).sort()) section[name] = [...this.lists[name]].sort();
		return section;
	}
}

interface SummaryFile {
	about: string;
	totals: Record<string, number>;
	sections: Record<string, Section>;
}

const ABOUT =
	'Written by the reliability tests (test/reliability). Every count is of cases that ran and passed their assertions. totals adds up the counts of the same name across sections.';

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withLock(work: () => void): Promise<void> {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const started = Date.now();
	for (;;) {
		try {
			closeSync(openSync(LOCK_FILE, 'wx'));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			// A lock left by a killed run is stale after a few seconds: merging takes milliseconds.
			const age = Date.now() - statSync(LOCK_FILE, { throwIfNoEntry: false })!.mtimeMs;
			if (age > 5000 || Date.now() - started > 10_000) unlinkSync(LOCK_FILE);
			await sleep(10);
		}
	}
	try {
		work();
	} finally {
		unlinkSync(LOCK_FILE);
	}
}

function readSummary(): SummaryFile {
	try {
		const parsed = JSON.parse(readFileSync(SUMMARY_FILE, 'utf8')) as SummaryFile;
		return { about: ABOUT, totals: {}, sections: parsed.sections ?? {} };
	} catch {
		return { about: ABOUT, totals: {}, sections: {} };
	}
}

function totalsOf(sections: Record<string, Section>): Record<string, number> {
	const totals: Record<string, number> = {};
	for (const section of Object.values(sections)) {
		for (const [name, value] of Object.entries(section)) if (typeof value === 'number') totals[name] = (totals[name] ?? 0) + value;
	}
	return Object.fromEntries(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)));
}

/** Replaces one section of results/summary.json and recomputes the totals. */
export async function recordSection(name: string, section: Section): Promise<void> {
	await withLock(() => {
		const summary = readSummary();
		summary.sections[name] = section;
		summary.sections = Object.fromEntries(Object.entries(summary.sections).sort(([a], [b]) => a.localeCompare(b)));
		summary.totals = totalsOf(summary.sections);
		const temporary = `${SUMMARY_FILE}.${process.pid}.tmp`;
		writeFileSync(temporary, `${JSON.stringify(summary, null, '\t')}\n`);
		renameSync(temporary, SUMMARY_FILE);
	});
}
