import { ConnectWiseSimulator } from '../../connectwise/simulator';
import type { LatencyRule } from '../../http/latency';
import { tinyCwState } from '../support/fixtures';
import { cwClient } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => {
	cw.reset();
	cw.clearLatency();
	cw.clearFaults();
	cw.clearJournal();
});

async function timed(call: () => Promise<unknown>): Promise<number> {
	const started = Date.now();
	await call();
	return Date.now() - started;
}

describe('latency', () => {
	it('delays matching requests by a fixed time', async () => {
		cw.setLatency([{ method: 'GET', path: 'company/companies', ms: 120 }]);
		expect(await timed(() => api.get('company/companies'))).toBeGreaterThanOrEqual(115);
		expect(await timed(() => api.get('company/companies/1'))).toBeLessThan(100);
		expect(cw.journal()[0].durationMs).toBeGreaterThanOrEqual(115);
	});

	it('delays by a seeded random time within min..max, the same on every run', async () => {
		const rules: LatencyRule[] = [{ path: '**', minMs: 10, maxMs: 60 }];
		const run = async () => {
			cw.clearJournal();
			cw.setLatency(rules);
			for (let call = 0; call < 6; call++) await api.get('system/info');
			return cw.journal().map((entry) => entry.durationMs);
		};
		const first = await run();
		for (const duration of first) {
			expect(duration).toBeGreaterThanOrEqual(9);
			expect(duration).toBeLessThan(150);
		}
		const second = await run();
		second.forEach((duration, index) => expect(Math.abs(duration - first[index])).toBeLessThan(25));
		expect(new Set(first.map((duration) => Math.round(duration / 10))).size).toBeGreaterThan(1);
	});

	it('refuses a rule with both ms and a range, or an inverted range', () => {
		expect(() => cw.setLatency([{ ms: 5, minMs: 1, maxMs: 2 }])).toThrow();
		expect(() => cw.setLatency([{ minMs: 50, maxMs: 10 }])).toThrow();
		expect(() => cw.setLatency([{ path: 'x' }])).toThrow();
	});
});

describe('journal', () => {
	it('records every API request with what happened', async () => {
		await api.get('company/companies?pageSize=2&conditions=id%3D1');
		await api.post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable' });
		cw.setFaults([{ path: 'company/companies/*', kind: 503 }]);
		await api.get('company/companies/1');
		await fetch(`${cw.url}/login/companyinfo/sandbox`);
		await fetch(`${cw.url}/__admin/state`);

		const journal = cw.journal();
		expect(journal).toHaveLength(4);
		expect(journal.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
		expect(journal[0]).toEqual({
			seq: 1,
			method: 'GET',
			path: '/v4_6_release/apis/3.0/company/companies',
			route: 'company/companies',
			query: 'pageSize=2&conditions=id%3D1',
			status: 200,
			durationMs: expect.any(Number),
			startedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			requestBody: '',
		});
		expect(journal[1]).toMatchObject({ method: 'POST', route: 'finance/agreements/10/additions', status: 201 });
		expect(JSON.parse(journal[1].requestBody)).toEqual({ product: { id: 100 }, billCustomer: 'Billable' });
		expect(journal[2]).toMatchObject({ status: 503, fault: 503, faultStage: 'before' });
		expect(journal[3]).toMatchObject({ path: '/login/companyinfo/sandbox', route: 'login/companyinfo/sandbox', status: 200 });
	});

	it('keeps arrival order even when a later request finishes first', async () => {
		cw.setLatency([{ path: 'company/companies', ms: 80 }]);
		await Promise.all([api.get('company/companies'), api.get('system/info')]);
		expect(cw.journal().map((entry) => entry.route)).toEqual(['company/companies', 'system/info']);
	});

	it('clears', async () => {
		await api.get('system/info');
		cw.clearJournal();
		expect(cw.journal()).toEqual([]);
	});
});
