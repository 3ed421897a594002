import { AtriaSimulator } from '../../atria/simulator';
import { ConnectWiseSimulator } from '../../connectwise/simulator';
import type { FaultRule } from '../../http/faults';
import { tinyAtriaState, tinyCwState } from '../support/fixtures';
import { cwClient, cwHeaders, send } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => {
	cw.reset();
	cw.clearFaults();
	cw.clearJournal();
});

describe('status faults', () => {
	it('429 carries Retry-After and the ConnectWiseAPI body', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 429, retryAfterSeconds: 7 }]);
		const result = await api.get('company/companies');
		expect(result.status).toBe(429);
		expect(result.headers.get('retry-after')).toBe('7');
		expect(result.body).toEqual({ error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 7 seconds.' });
	});

	it.each([
		[500, 'InternalServerError'],
		[502, 'BadGateway'],
		[503, 'ServiceUnavailable'],
		[401, 'Unauthorized'],
		[403, 'Security'],
		[404, 'NotFound'],
	] as const)('%s has a CW-shaped body', async (kind, code) => {
		cw.setFaults([{ path: 'company/companies', kind }]);
		const result = await api.get('company/companies');
		expect(result.status).toBe(kind);
		expect(result.body).toEqual({ code, message: expect.any(String), errors: null });
		expect((await api.get('company/companies/1')).status).toBe(200);
	});
});

describe('transport faults', () => {
	it('reset destroys the socket without a response', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 'reset' }]);
		await expect(fetch(`${cw.apiBase}/company/companies`, { headers: cwHeaders() })).rejects.toThrow();
		expect(cw.journal()[0]).toMatchObject({ status: 'reset', fault: 'reset' });
	});

	it('hang never answers, and the server still stops cleanly', async () => {
		const hanging = await ConnectWiseSimulator.start({ seed: tinyCwState() });
		hanging.setFaults([{ kind: 'hang' }]);
		const request = fetch(`${hanging.apiBase}/system/info`, { headers: cwHeaders(), signal: AbortSignal.timeout(150) });
		await expect(request).rejects.toThrow();
		expect(hanging.journal()[0]).toMatchObject({ status: 'hang', fault: 'hang' });
		const unanswered = fetch(`${hanging.apiBase}/system/info`, { headers: cwHeaders() });
		const outcome = unanswered.then(
			() => 'answered',
			() => 'dropped',
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await hanging.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await outcome).toBe('dropped');
	});

	it('malformed answers 200 with invalid JSON', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 'malformed' }]);
		const response = await fetch(`${cw.apiBase}/company/companies`, { headers: cwHeaders() });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/application\/json/);
		await expect(response.json()).rejects.toThrow();
	});
});

describe('choosing which calls fail', () => {
	const statuses = async (count: number, path = 'company/companies') => {
		const result: number[] = [];
		for (let call = 0; call < count; call++) result.push((await api.get(path)).status);
		return result;
	};

	it('calls: the Nth matching calls, counted per rule', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 500, calls: [2, 4] }]);
		await api.get('company/companies/1');
		expect(await statuses(5)).toEqual([200, 500, 200, 500, 200]);
	});

	it('times: the first K matching calls', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 503, times: 2 }]);
		expect(await statuses(4)).toEqual([503, 503, 200, 200]);
	});

	it('probability: seeded, so the same plan fails the same calls again', async () => {
		const rule: FaultRule = { path: 'company/companies', kind: 502, probability: 0.5 };
		cw.setFaults([rule]);
		const first = await statuses(40);
		cw.setFaults([rule]);
		const second = await statuses(40);
		expect(second).toEqual(first);
		const failures = first.filter((status) => status === 502).length;
		expect(failures).toBeGreaterThan(8);
		expect(failures).toBeLessThan(32);
		cw.configure({ randomSeed: 42 });
		cw.setFaults([rule]);
		expect(await statuses(40)).not.toEqual(first);
		cw.configure({ randomSeed: 1 });
	});

	it('probability with times caps the failures', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 500, probability: 1, times: 1 }]);
		expect(await statuses(3)).toEqual([500, 200, 200]);
	});

	it('matches by method and by path pattern with * and **', async () => {
		cw.setFaults([
			{ method: 'POST', path: 'finance/agreements/*/additions', kind: 503 },
			{ method: 'get', path: 'procurement/**', kind: 404 },
		]);
		expect((await api.get('finance/agreements/10/additions')).status).toBe(200);
		expect((await api.post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable' })).status).toBe(503);
		expect((await api.patch('finance/agreements/10/additions/500', [{ op: 'replace', path: 'quantity', value: 1 }])).status).toBe(200);
		expect((await api.get('procurement/catalog')).status).toBe(404);
		expect((await api.get('procurement/catalog/100')).status).toBe(404);
		expect((await api.get('company/companies')).status).toBe(200);
	});

	it('uses the first rule that fires when several match', async () => {
		cw.setFaults([
			{ path: 'company/companies', kind: 500, calls: [2] },
			{ path: 'company/**', kind: 503 },
		]);
		expect(await statuses(3)).toEqual([503, 500, 503]);
	});

	it('refuses a malformed rule', () => {
		expect(() => cw.setFaults([{ path: 'x', kind: 418 } as unknown as FaultRule])).toThrow();
		expect(() => cw.setFaults([{ path: 'x', kind: 500, probability: 2 }])).toThrow();
		expect(() => cw.setFaults([{ path: 'x', kind: 500, calls: [0] }])).toThrow();
		expect(() => cw.setFaults([{ path: 'x', kind: 500, when: 'always' } as unknown as FaultRule])).toThrow();
	});
});

describe('stage', () => {
	const create = () => api.post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable', quantity: 3 });

	it('after: the write IS applied, and the client sees only the fault', async () => {
		cw.setFaults([{ method: 'POST', path: 'finance/agreements/*/additions', kind: 500, stage: 'after', times: 1 }]);
		const result = await create();
		expect(result.status).toBe(500);
		expect(cw.state().additions.map((addition) => addition.id)).toContain(504);
		expect(cw.journal()[0]).toMatchObject({ status: 500, fault: 500, faultStage: 'after' });
	});

	it('after with reset: the write is applied and the connection dropped', async () => {
		cw.setFaults([{ method: 'PATCH', path: 'finance/agreements/*/additions/*', kind: 'reset', stage: 'after' }]);
		const request = fetch(`${cw.apiBase}/finance/agreements/10/additions/500`, {
			method: 'PATCH',
			headers: { ...cwHeaders(), 'Content-Type': 'application/json' },
			body: JSON.stringify([{ op: 'replace', path: 'quantity', value: 42 }]),
		});
		await expect(request).rejects.toThrow();
		expect(cw.state().additions.find((addition) => addition.id === 500)?.quantity).toBe(42);
	});

	it('before: nothing is applied', async () => {
		cw.setFaults([{ method: 'POST', kind: 500 }]);
		expect((await create()).status).toBe(500);
		expect(cw.state().additions).toHaveLength(4);
	});
});

describe('faults on Atria', () => {
	it('match paths relative to the host, with the Atria error shape', async () => {
		const atria = await AtriaSimulator.start({ seed: tinyAtriaState() });
		try {
			atria.setFaults([
				{ path: 'api/billing/*', kind: 503, calls: [1] },
				{ path: 'api/billing/*', kind: 429, calls: [2], retryAfterSeconds: 3 },
			]);
			const url = `${atria.url}/api/billing/2026-01-31`;
			const headers = { Authorization: 'Bearer sandbox-token' };
			const first = await send(url, { headers });
			expect(first.status).toBe(503);
			expect(first.body).toEqual({ message: expect.any(String) });
			const second = await send(url, { headers });
			expect(second.status).toBe(429);
			expect(second.headers.get('retry-after')).toBe('3');
			expect((await send(url, { headers })).status).toBe(200);
		} finally {
			await atria.close();
		}
	});
});
