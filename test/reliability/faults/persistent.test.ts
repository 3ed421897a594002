import type { LogEntry } from '../../../nodes/core/log/entry';
import { type FaultKind } from '../../../sandbox';
import { runCoreSync } from '../../support/coreSync';
import { CLEAN_STATUS, cleanCodes, faultDataset } from '../support/faultDataset';
import {
	activeLines,
	codesByCustomer,
	duplicatesCreated,
	expectedExcept,
	expectedLines,
	faultsIn,
	missingLines,
	stateLines,
	writesIn,
} from '../../support/outcome';
import { Tally } from '../support/summary';
import { suiteSandbox } from '../support/suiteSandbox';
import { ALL_KINDS, ERROR_TEXT, FAST, HANG_TIMEOUT_MS, ruleFor, runStopCode, STAGES, TIMEOUT_MS, type Stage } from './matrix';
import { messageOf } from '../../../nodes/core/log/entry';

/**
 * A fault that never clears is logged with its CW code and stays with what it hit: a run-wide read stops the
 * run before any write (CW03 / CW02 / CW13), an additions read fails its customer (CW10), a write fails its
 * line (CW10 for a PATCH, CW12 for a POST), and everything else completes exactly.
 */
const dataset = faultDataset();
const seedLines = activeLines(dataset.connectwise.additions);
const fullExpected = expectedLines(dataset.expected!.createAllowed.additions);
const tally = new Tally();

/** The clean codes with one of the customer's codes replaced by the failure's (or all of them, for a read). */
function codesAfterFailure(stage: Stage): Record<string, string[]> {
	const codes = cleanCodes();
	if (stage.reach === 'run') return {};
	const { customerCode, code } = stage.reach;
	if (stage.name === 'additionsRead') return { ...codes, [customerCode]: [code] };
	const replaced = stage.name === 'patch' ? 'CW07' : 'CW08';
	const list = [...codes[customerCode]];
	list.splice(list.indexOf(replaced), 1, code);
	return { ...codes, [customerCode]: list.sort() };
}

function errorsOf(entries: LogEntry[]): LogEntry[] {
	return entries.filter((entry) => entry.level === 'Error');
}

describe('persistent faults are logged with their code and confined to what they hit', () => {
	const sandbox = suiteSandbox(() => ({ dataset }), 'faults.persistent', tally);

	// A request that never answers costs a timeout per attempt: shorter for those cases.
	const sync = (kind: FaultKind) =>
		runCoreSync({
			cwUrl: sandbox.cw.url,
			atriaUrl: sandbox.atria.url,
			allowCreateAdditions: true,
			// Two attempts: enough to show a fault is retried where the policy says so, then reported.
			retry: { ...FAST, maxAttempts: 2 },
			timeoutMs: kind === 'hang' ? HANG_TIMEOUT_MS : TIMEOUT_MS,
		});

	const cases = STAGES.flatMap((stage) => ALL_KINDS.map((kind) => [stage.label, String(kind), stage, kind] as const));

	it.each(cases)('%s, %s for good', async (_stage, _kind, stage: Stage, kind: FaultKind) => {
		const simulator = stage.simulator === 'atria' ? sandbox.atria : sandbox.cw;
		simulator.setFaults([ruleFor(stage, kind, { persistent: true })]);

		const result = await sync(kind);
		const state = sandbox.cw.state();
		expect(faultsIn(simulator.journal()).length).toBeGreaterThan(0);
		expect(duplicatesCreated(state, dataset)).toEqual([]);
		expect(result.status).toBe('Failed');
		expect(result.entries.at(-1)).toMatchObject({ code: 'CW23', status: 'Failed' });
		expect(messageOf(result.entries.at(-1)!)).toBe('Billing Process Completed with status Failed');

		if (stage.reach === 'run') {
			const code = runStopCode(stage, kind);
			// Atria is read before CW01 is logged; a ConnectWise read fails after it.
			expect(result.entries.map((entry) => entry.code)).toEqual(['CW01', code, 'CW23']);
			const stop = result.entries.at(-2)!;
			expect(stop.error).toMatch(ERROR_TEXT[String(kind)]);
			if (code === 'CW02') expect(stop.error).toMatch(new RegExp(`^reading ${stage.what}: `));
			// Nothing was written: ConnectWise is exactly as it was.
			expect(writesIn(sandbox.cw.journal())).toEqual([]);
			if (stage.simulator === 'atria') expect(sandbox.cw.journal()).toEqual([]);
			expect(stateLines(state)).toEqual(seedLines);
			tally.add('runStops');
		} else {
			const { untouched, code, customerCode, sku } = stage.reach;
			const failures = errorsOf(result.entries);
			expect(failures).toHaveLength(1);
			expect(failures[0]).toMatchObject({ code, customerCode, ...(sku ? { sku } : { agreementId: untouched.agreementId }) });
			expect(failures[0].error).toMatch(ERROR_TEXT[String(kind)]);
			expect(codesByCustomer(result.entries)).toEqual(codesAfterFailure(stage));
			// Everything else is exactly as a clean sync leaves it; what failed is as it was.
			const expected = expectedExcept(dataset, untouched);
			expect(stateLines(state)).toEqual(expected);
			tally.add('confinedFailures');
			tally.add('linesLost', missingLines(expected, stateLines(state)).length);
		}
		tally.add('persistentCases');
		tally.add('duplicatesCreated', duplicatesCreated(state, dataset).length);
		tally.note('stages', stage.label);
		tally.note('kinds', String(kind));
		tally.note('codes', errorsOf(result.entries)[0].code);
	});

	/**
	 * The server processes every write but its answer never arrives. A PATCH is an absolute value, so the line
	 * is right although it is reported CW10 (the client cannot know it landed). A create is found by re-reading
	 * and adopted: it is made exactly once and logged applied.
	 */
	const afterKinds: FaultKind[] = [500, 502, 503, 'reset', 'hang', 'malformed'];
	const writeStages = STAGES.filter((stage) => stage.name === 'patch' || stage.name === 'post');
	it.each(writeStages.flatMap((stage) => afterKinds.map((kind) => [stage.label, String(kind), stage, kind] as const)))(
		'%s, %s for good after processing',
		async (_stage, _kind, stage: Stage, kind: FaultKind) => {
			sandbox.cw.setFaults([ruleFor(stage, kind, { persistent: true, after: true })]);
			const result = await sync(kind);
			const state = sandbox.cw.state();
			expect(faultsIn(sandbox.cw.journal()).length).toBeGreaterThan(0);
			expect(stateLines(state)).toEqual(fullExpected);
			expect(duplicatesCreated(state, dataset)).toEqual([]);
			if (stage.name === 'post') {
				expect(errorsOf(result.entries)).toEqual([]);
				expect(codesByCustomer(result.entries)).toEqual(cleanCodes());
				expect(result.status).toBe(CLEAN_STATUS);
				const created = result.entries.find((entry) => entry.code === 'CW08' && entry.customerCode === 'OBRIEN');
				expect(created).toMatchObject({ outcome: 'applied', error: expect.stringMatching(/already existed \(the create went through although its answer was lost\)/) });
				expect(sandbox.cw.journal().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/1004/additions'))).toHaveLength(1);
			} else {
				expect(errorsOf(result.entries)).toEqual([expect.objectContaining({ code: 'CW10', customerCode: 'BLUEGUM', sku: 'M365-BP', error: expect.stringMatching(ERROR_TEXT[String(kind)]) })]);
				expect(result.status).toBe('Failed');
			}
			tally.add('persistentCases');
			tally.add('lostAnswerCases');
			tally.add('linesLost', missingLines(fullExpected, stateLines(state)).length);
			tally.add('duplicatesCreated', duplicatesCreated(state, dataset).length);
		},
	);
});
