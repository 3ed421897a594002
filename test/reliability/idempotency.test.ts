import { codesOfKind } from '../../nodes/core/codes/catalogue';
import type { LogEntry } from '../../nodes/core/log/entry';
import { runSync } from '../nodes/workflow';
import { type FaultKind, type FaultRule, type FaultStage } from '../../sandbox';
import type { CwState } from '../../sandbox/model';
import { runCoreSync } from '../support/coreSync';
import { FAST } from './faults/matrix';
import { CLEAN_STATUS, faultDataset } from './support/faultDataset';
import { duplicatesCreated, expectedLines, missingLines, stateLines, writesIn } from '../support/outcome';
import { Tally } from './support/summary';
import { suiteSandbox } from './support/suiteSandbox';

/**
 * Running again is always safe: a second run over the same data writes nothing, and a run that dies partway
 * (every request from the Nth on fails, whether or not the server processed it) leaves ConnectWise in a state
 * the next run completes exactly, without a duplicate.
 */
const dataset = faultDataset();
const expected = expectedLines(dataset.expected!.createAllowed.additions);
const WRITE_CODES: ReadonlySet<string> = codesOfKind('write');
/** One write per CW07, CW08, CW20 and ACW02 of the hand-written expectation. */
const WRITES_IN_CLEAN_RUN = Object.values(dataset.expected!.createAllowed.codesByCustomer)
	.flat()
	.filter((code) => WRITE_CODES.has(code)).length;
const tally = new Tally();

/** Every request from the (after + 1)th on fails: the run is "killed" there. */
function killAfter(after: number, kind: FaultKind, stage: FaultStage): FaultRule {
	return { kind, stage, calls: Array.from({ length: 400 }, (_, index) => after + 1 + index), ...(kind === 429 ? { retryAfterSeconds: 0 } : {}) };
}

/** Quantity of each addition by id (lines with a cancelled date too: one ahead still bills and is updated). */
function byId(state: CwState): Map<number, number> {
	return new Map(state.additions.map((addition) => [addition.id, addition.quantity]));
}

/** Every write the log calls applied is in ConnectWise, with the quantity the log gives. */
function appliedWritesHold(entries: LogEntry[], state: CwState): void {
	const quantities = byId(state);
	for (const entry of entries.filter((item) => WRITE_CODES.has(item.code) && item.outcome === 'applied')) {
		expect({ addition: entry.additionId, quantity: quantities.get(entry.additionId!) }).toEqual({ addition: entry.additionId, quantity: entry.quantityAfter });
	}
}

describe('idempotency', () => {
	const sandbox = suiteSandbox(() => ({ dataset }), 'idempotency', tally);

	const sync = (options: { maxAttempts?: number; concurrency?: number } = {}) =>
		runCoreSync({
			cwUrl: sandbox.cw.url,
			atriaUrl: sandbox.atria.url,
			allowCreateAdditions: true,
			retry: { ...FAST, maxAttempts: options.maxAttempts ?? 6 },
			timeoutMs: 150,
			concurrency: options.concurrency ?? 4,
		});

	async function expectSecondRunWritesNothing(): Promise<void> {
		sandbox.cw.clearJournal();
		const again = await sync();
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		expect(again.entries.filter((entry) => WRITE_CODES.has(entry.code))).toEqual([]);
		expect(again.status).toBe(CLEAN_STATUS);
		expect(stateLines(sandbox.cw.state())).toEqual(expected);
		tally.add('secondRunsWithZeroWrites');
	}

	it('a second run over the same data makes zero writes', async () => {
		const first = await sync();
		expect(first.status).toBe(CLEAN_STATUS);
		expect(writesIn(sandbox.cw.journal()).length).toBe(WRITES_IN_CLEAN_RUN);
		await expectSecondRunWritesNothing();
	});

	/**
	 * A clean run one request at a time (concurrency 1 keeps the order the same from run to run): the run-wide
	 * reads (4), one additions read per chosen agreement (23), then the write phase: 26 writes (23 PATCHes and 3
	 * POSTs), the re-read of each agreement that gets a new addition (3) and the check after each create (3).
	 * Customers are applied a few at a time, so a create's check comes before later customers' writes, and the
	 * last request is a write: a run killed anywhere in the sweep below has lost a write.
	 */
	const REQUESTS_IN_CLEAN_RUN = 59;
	const FIRST_WRITE = 27;
	it('a clean run, one request at a time, makes a known number of requests', async () => {
		await sync({ concurrency: 1 });
		const journal = sandbox.cw.journal();
		expect(journal).toHaveLength(REQUESTS_IN_CLEAN_RUN);
		expect(journal.findIndex((entry) => entry.method !== 'GET')).toBe(FIRST_WRITE);
		expect(journal.at(-1)?.method).not.toBe('GET');
		expect(writesIn(journal)).toHaveLength(WRITES_IN_CLEAN_RUN);
	});

	/**
	 * Kill points: every request of the write phase (and the one before it), a few of the read phase. With
	 * 'reset' after processing the killed requests did land (the harshest case for creates); with 503 and
	 * 'hang' before processing they did not.
	 */
	const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, index) => from + index * step);
	const sweeps: Array<[FaultKind, FaultStage, number[]]> = [
		['reset', 'after', [0, 4, 8, 12, ...range(FIRST_WRITE - 1, REQUESTS_IN_CLEAN_RUN - 1)]],
		[503, 'before', [0, 8, ...range(FIRST_WRITE, REQUESTS_IN_CLEAN_RUN - 1, 5)]],
		['hang', 'before', [29]],
	];
	it.each(sweeps.flatMap(([kind, stage, points]) => points.map((after) => [after, String(kind), stage, kind] as const)))(
		'killed after %i requests (%s %s processing), run again: converges exactly, no duplicate',
		async (after, _kindText, stage, kind) => {
			const seedById = byId(sandbox.cw.state());
			sandbox.cw.setFaults([killAfter(after, kind, stage)]);

			// The killed run: no retries, one request at a time, so the kill lands at a definite point.
			const killed = await sync({ maxAttempts: 1, concurrency: 1 });
			const partial = sandbox.cw.state();
			expect(killed.status).toBe('Failed');
			expect(killed.entries.at(-1)).toMatchObject({ code: 'CW23', status: 'Failed' });
			expect(killed.entries.filter((entry) => entry.level === 'Error').length).toBeGreaterThan(0);
			expect(duplicatesCreated(partial, dataset)).toEqual([]);
			appliedWritesHold(killed.entries, partial);

			// Run again with the fault gone: the exact expected state.
			sandbox.cw.clearFaults();
			const rerun = await sync();
			const final = sandbox.cw.state();
			expect(stateLines(final)).toEqual(expected);
			expect(duplicatesCreated(final, dataset)).toEqual([]);
			expect(rerun.status).toBe(CLEAN_STATUS);
			appliedWritesHold(rerun.entries, final);

			// The partial state was on the way there: each addition had its old or its final quantity, and none
			// existed that the final state does not have.
			const finalById = byId(final);
			for (const [id, quantity] of byId(partial)) {
				expect(finalById.has(id)).toBe(true);
				expect([seedById.get(id), finalById.get(id)]).toContain(quantity);
			}

			// The state is exactly the expected one, so a further run is the second run above; checked on a third of them.
			if (after % 3 === 0) await expectSecondRunWritesNothing();
			tally.add('killedRunsConverged');
			tally.add('linesLost', missingLines(expected, stateLines(final)).length);
			tally.add('duplicatesCreated', duplicatesCreated(final, dataset).length);
			tally.note('killFaults', `${kind} ${stage}`);
		},
	);

	it('killed at the checks after creates only: every write is made, each create says its check could not be made, run again writes nothing', async () => {
		// The agreements that get a new addition: read by the snapshot (1st read), again before the create (2nd),
		// then checked after each create (3rd on). Only those checks fail, with the reads landing.
		const gained = new Map<number, number>();
		for (const addition of dataset.expected!.createAllowed.additions) gained.set(addition.agreementId, (gained.get(addition.agreementId) ?? 0) + 1);
		for (const addition of dataset.connectwise.additions) gained.set(addition.agreementId, (gained.get(addition.agreementId) ?? 0) - 1);
		const withCreates = [...gained].filter(([, count]) => count > 0).map(([agreementId]) => agreementId);
		expect(withCreates.length).toBeGreaterThan(0);
		sandbox.cw.setFaults(withCreates.map((agreementId) => ({ method: 'GET', path: `finance/agreements/${agreementId}/additions`, kind: 'reset', stage: 'after', calls: [3, 4, 5, 6] })));

		const killed = await sync({ maxAttempts: 1, concurrency: 1 });
		const partial = sandbox.cw.state();
		// Every write was made; only a check for a duplicate created at the same time could not be: the create's
		// entry says so, and the next run's plan would see a duplicate (ACW02).
		const creates = killed.entries.filter((entry) => entry.code === 'CW08');
		expect(creates.length).toBe([...gained.values()].filter((count) => count > 0).reduce((sum, count) => sum + count, 0));
		for (const entry of creates) expect(entry).toMatchObject({ outcome: 'applied', error: expect.stringMatching(/could not read the agreement/) });
		expect(writesIn(sandbox.cw.journal())).toHaveLength(WRITES_IN_CLEAN_RUN);
		expect(stateLines(partial)).toEqual(expected);
		expect(duplicatesCreated(partial, dataset)).toEqual([]);
		appliedWritesHold(killed.entries, partial);

		sandbox.cw.clearFaults();
		await expectSecondRunWritesNothing();
		tally.add('killedRunsConverged');
	});

	it('through the n8n nodes: a run cut off in its write phase, run again, converges exactly', async () => {
		// A 401 from the 26th request on: nothing is retried, the writes after it fail (CW10 / CW12).
		sandbox.cw.setFaults([killAfter(25, 401, 'before')]);
		const killed = await runSync(sandbox);
		expect(killed.status).toBe('success');
		const killedRows = killed.json('Emit CW Log', 0);
		expect(killedRows.filter((row) => row.code === 'CW10' || row.code === 'CW12').length).toBeGreaterThan(0);
		expect(killedRows.at(-1)?.message).toBe('Billing Process Completed with status Failed');
		expect(stateLines(sandbox.cw.state())).not.toEqual(expected);
		expect(duplicatesCreated(sandbox.cw.state(), dataset)).toEqual([]);

		sandbox.cw.clearFaults();
		const rerun = await runSync(sandbox);
		expect(rerun.status).toBe('success');
		expect(stateLines(sandbox.cw.state())).toEqual(expected);
		expect(rerun.json('Emit CW Log', 0).at(-1)?.message).toBe(`Billing Process Completed with status ${CLEAN_STATUS}`);

		sandbox.cw.clearJournal();
		await runSync(sandbox);
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		tally.add('killedRunsConverged');
		tally.add('secondRunsWithZeroWrites');
	});
});
