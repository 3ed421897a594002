import { cloneDemoDataset } from '../../sandbox/data/demo';
import { startSandbox, type Sandbox } from '../../sandbox';
import { runCoreSync } from '../support/coreSync';
import { expectedExcept, expectedLines, stateLines } from '../support/outcome';
import { messageOf } from '../../nodes/core/log/entry';

const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 1500 };

const expectedAdditions = () => expectedLines(cloneDemoDataset().expected!.createAllowed.additions);

/**
 * The customers whose agreement the sync reaches, from the hand-written oracle: every code but those logged
 * before an agreement is found (CW04, CW05, CW14, ACW03). In the demo each has its own agreement.
 */
function customersReachingAnAgreement(): number {
	const before = new Set(['CW04', 'CW05', 'CW14', 'ACW03']);
	return Object.values(cloneDemoDataset().expected!.createAllowed.codesByCustomer).filter((codes) => codes.some((code) => !before.has(code))).length;
}

describe('the core under faults', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('reads exactly the batched lower bound of requests', async () => {
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true });
		const reads = sandbox.cw.journal().filter((entry) => entry.method === 'GET');
		const byRoute = (pattern: RegExp) => reads.filter((entry) => pattern.test(entry.route)).length;
		const additionsRead = reads.filter((entry) => /additions$/.test(entry.route)).map((entry) => entry.route).sort();
		const chosen = result.plans.flatMap((plan) => (plan.agreement ? [`finance/agreements/${plan.agreement.id}/additions`] : [])).sort();
		expect(byRoute(/^finance\/agreements\/types$/)).toBe(1);
		expect(byRoute(/^company\/companies$/)).toBe(1);
		expect(byRoute(/^finance\/agreements$/)).toBe(1);
		expect(byRoute(/^procurement\/catalog$/)).toBe(1);
		// Exactly one read per agreement the plans chose, as many as the oracle's customers that reach one.
		expect(additionsRead).toEqual(chosen);
		expect(chosen).toHaveLength(customersReachingAnAgreement());
		expect(reads).toHaveLength(4 + chosen.length);
		// The period and the one before it (what a customer had then and not now is a service that left).
		expect(sandbox.atria.journal().map((entry) => entry.path).sort()).toEqual(['/api/billing/2026-09-25', '/api/billing/2026-10-25']);
	});

	it('never duplicates an addition when every create succeeds but its answer is lost', async () => {
		sandbox.cw.setFaults([{ method: 'POST', path: 'finance/agreements/*/additions', kind: 'reset', stage: 'after' }]);
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, ...fast });
		expect(stateLines(sandbox.cw.state())).toEqual(expectedAdditions());
		const created = result.entries.filter((entry) => entry.code === 'CW08');
		expect(created.length).toBeGreaterThan(0);
		for (const entry of created) expect(entry.outcome).toBe('applied');
		const posts = sandbox.cw.journal().filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(created.length);
	});

	it('retries a create whose first attempt never reached the application', async () => {
		sandbox.cw.setFaults([{ method: 'POST', path: 'finance/agreements/*/additions', kind: 503, times: 1 }]);
		await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, ...fast });
		expect(stateLines(sandbox.cw.state())).toEqual(expectedAdditions());
	});

	it('survives 429 bursts and transient 5xx on every read and write, ending in the exact state', async () => {
		sandbox.cw.setFaults([
			{ kind: 429, calls: [1, 2, 5, 9], retryAfterSeconds: 0 },
			{ method: 'GET', kind: 502, probability: 0.2 },
			{ method: 'PATCH', kind: 500, probability: 0.3 },
			{ method: 'GET', kind: 'malformed', probability: 0.1 },
		]);
		sandbox.atria.setFaults([{ kind: 503, times: 2 }]);
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, ...fast, retry: { ...fast.retry, maxAttempts: 10 } });
		expect(stateLines(sandbox.cw.state())).toEqual(expectedAdditions());
		expect(result.requests.retries).toBeGreaterThan(0);
		expect(result.entries.filter((entry) => entry.code === 'CW10')).toEqual([]);
	});

	it('confines a persistent additions-read failure to its customer (CW10) while the rest completes', async () => {
		const victim = 1001;
		sandbox.cw.setFaults([{ method: 'GET', path: `finance/agreements/${victim}/additions`, kind: 500 }]);
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, ...fast });
		const failures = result.entries.filter((entry) => entry.code === 'CW10');
		const state = sandbox.cw.state();
		if (!state.agreements.some((agreement) => agreement.id === victim)) throw new Error(`the demo has no agreement ${victim}`);
		expect(failures.length).toBe(1);
		expect(failures[0].agreementId).toBe(victim);
		expect(result.status).toBe('Failed');
		// Everything else exactly as expected, and the victim's agreement exactly as seeded.
		expect(stateLines(state)).toEqual(expectedExcept(cloneDemoDataset(), { agreementId: victim }));
	});

	it('stops with CW02 when ConnectWise refuses the keys, and CW03 when Atria refuses the token', async () => {
		const cw = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, cwCredential: { privateKey: 'wrong-key' } });
		expect(cw.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW02', 'CW23']);
		expect(messageOf(cw.entries[1])).toMatch(/^Failed to connect to Connectwise: Error reported was : reading agreement types: HTTP 401/);
		expect(JSON.stringify(cw.entries)).not.toContain('wrong-key');
		const atria = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, atriaToken: 'bad-token' });
		expect(atria.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW03', 'CW23']);
		expect(JSON.stringify(atria.entries)).not.toContain('bad-token');
	});

	it('stops with CW21 for an agreement type ConnectWise does not have', async () => {
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, agreementType: 'Nonexistent "Type"' });
		expect(result.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW21', 'CW23']);
		expect(sandbox.cw.journal().filter((entry) => entry.method !== 'GET')).toEqual([]);
	});
});
