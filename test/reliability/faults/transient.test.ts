import { type FaultKind } from '../../../sandbox';
import { runCoreSync } from '../../support/coreSync';
import { CLEAN_STATUS, cleanCodes, faultDataset } from '../support/faultDataset';
import { codesByCustomer, duplicatesCreated, expectedLines, faultsIn, missingLines, stateLines } from '../../support/outcome';
import { Tally } from '../support/summary';
import { suiteSandbox } from '../support/suiteSandbox';
import { FAST, HANG_TIMEOUT_MS, ruleFor, STAGES, TIMEOUT_MS, TRANSIENT_KINDS, type Stage } from './matrix';

/**
 * A few occurrences of a transient fault at any stage are retried, and the sync ends exactly where a clean
 * sync ends: the demo's expected ConnectWise state, the same codes per customer, the same status.
 */
const dataset = faultDataset();
const expected = expectedLines(dataset.expected!.createAllowed.additions);
const tally = new Tally();

/** Occurrences per case: a burst of three 429s, two of anything else. */
const timesFor = (kind: FaultKind) => (kind === 429 ? 3 : 2);

interface Case {
	stage: Stage;
	kind: FaultKind;
	/** The server processed the request and the fault replaced its answer (writes only). */
	after: boolean;
}

const cases: Case[] = [
	...STAGES.flatMap((stage) => TRANSIENT_KINDS.map((kind) => ({ stage, kind, after: false }))),
	// A write that went through but whose answer was lost: 429 and 4xx never come after processing.
	...STAGES.filter((stage) => stage.name === 'patch' || stage.name === 'post').flatMap((stage) =>
		([500, 502, 503, 'reset', 'hang', 'malformed'] as FaultKind[]).map((kind) => ({ stage, kind, after: true })),
	),
];

describe('transient faults at every stage are retried and the sync ends in the exact expected state', () => {
	const sandbox = suiteSandbox(() => ({ dataset }), 'faults.transient', tally);

	it.each(cases.map((c) => [c.stage.label, String(c.kind), c.after ? 'after processing' : 'before processing', c] as const))(
		'%s, %s (%s)',
		async (_stage, _kind, _when, { stage, kind, after }) => {
			const times = timesFor(kind);
			const simulator = stage.simulator === 'atria' ? sandbox.atria : sandbox.cw;
			simulator.setFaults([ruleFor(stage, kind, { times, after })]);

			const result = await runCoreSync({
				cwUrl: sandbox.cw.url,
				atriaUrl: sandbox.atria.url,
				allowCreateAdditions: true,
				retry: { ...FAST, maxAttempts: 5 },
				timeoutMs: kind === 'hang' ? HANG_TIMEOUT_MS : TIMEOUT_MS,
			});

			// The fault really happened, as often as asked.
			expect(faultsIn(simulator.journal())).toHaveLength(times);
			// A lost create is recovered by re-reading the agreement, not by the executor's retries.
			if (!(stage.name === 'post' && after)) expect(result.requests.retries + result.requests.throttled).toBeGreaterThan(0);

			const state = sandbox.cw.state();
			expect(stateLines(state)).toEqual(expected);
			expect(duplicatesCreated(state, dataset)).toEqual([]);
			expect(codesByCustomer(result.entries)).toEqual(cleanCodes());
			expect(result.entries.filter((entry) => entry.level === 'Error')).toEqual([]);
			expect(result.status).toBe(CLEAN_STATUS);
			expect(result.entries.at(-1)).toMatchObject({ code: 'CW23', status: CLEAN_STATUS });
			if (stage.name === 'post' && after) {
				// Each create went through once: the lost answers were found by re-reading, never by posting again.
				const creates = Object.values(cleanCodes()).flat().filter((code) => code === 'CW08').length;
				expect(sandbox.cw.journal().filter((entry) => entry.method === 'POST')).toHaveLength(creates);
			}

			tally.add('transientCases');
			tally.add('faultsInjected', times);
			tally.add('linesLost', missingLines(expected, stateLines(state)).length);
			tally.add('duplicatesCreated', duplicatesCreated(state, dataset).length);
			tally.note('stages', stage.label);
			tally.note('kinds', String(kind));
		},
	);

	it('a burst of 429s on concurrent requests pauses the run once for Retry-After, then completes exactly', async () => {
		// The first four additions reads are in flight together (concurrency 4): all four are throttled.
		sandbox.cw.setFaults([{ method: 'GET', path: 'finance/agreements/*/additions', kind: 429, calls: [1, 2, 3, 4], retryAfterSeconds: 1 }]);
		const started = Date.now();
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, retry: FAST, timeoutMs: TIMEOUT_MS });
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThan(4000);
		expect(result.requests.throttled).toBe(4);
		expect(stateLines(sandbox.cw.state())).toEqual(expected);
		expect(result.status).toBe(CLEAN_STATUS);
		tally.add('transientCases');
		tally.add('faultsInjected', 4);
	});
});
