import { AtriaSimulator } from '../../atria/simulator';
import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyAtriaState, tinyCwState } from '../support/fixtures';
import { cwClient, send } from '../support/httpHelpers';

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
	cw.clearLatency();
	cw.clearJournal();
});

const admin = (path: string, method = 'GET', body?: unknown) =>
	send(`${cw.url}/__admin/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});

describe('admin routes', () => {
	it('GET state returns the current state', async () => {
		await api.delete('finance/agreements/10/additions/500');
		const result = await admin('state');
		expect(result.status).toBe(200);
		expect(result.body.additions.map((addition: { id: number }) => addition.id)).toEqual([501, 502, 503]);
		expect(result.body).toEqual(cw.state());
	});

	it('POST reset without a body restores the starting seed, with a body loads that seed', async () => {
		await api.delete('finance/agreements/10/additions/500');
		expect((await admin('reset', 'POST')).status).toBe(200);
		expect(cw.state().additions).toHaveLength(4);

		const seed = tinyCwState();
		seed.additions = [];
		const loaded = await admin('reset', 'POST', seed);
		expect(loaded.body.additions).toEqual([]);
		expect((await api.post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable' })).body.id).toBe(1);
		await admin('reset', 'POST');
		expect(cw.state().additions).toHaveLength(4);
	});

	it('refuses a malformed seed and keeps the state', async () => {
		const result = await admin('reset', 'POST', { companies: 'none' });
		expect(result.status).toBe(400);
		expect(result.body.message).toMatch(/companies/);
		expect(cw.state().companies).toHaveLength(3);
		expect((await send(`${cw.url}/__admin/reset`, { method: 'POST', body: '{oops' })).status).toBe(400);
	});

	it('PUT, GET and DELETE faults', async () => {
		const rules = [{ method: 'GET', path: 'company/companies', kind: 503, times: 1 }];
		expect((await admin('faults', 'PUT', rules)).body).toEqual(rules);
		expect((await admin('faults')).body).toEqual(rules);
		expect((await api.get('company/companies')).status).toBe(503);
		expect((await admin('faults', 'PUT', [{ kind: 'teapot' }])).status).toBe(400);
		expect((await admin('faults', 'DELETE')).status).toBe(204);
		expect(cw.faults()).toEqual([]);
	});

	it('PUT, GET and DELETE latency', async () => {
		const rules = [{ path: 'system/info', ms: 5 }];
		expect((await admin('latency', 'PUT', rules)).body).toEqual(rules);
		expect(cw.latency()).toEqual(rules);
		expect((await admin('latency', 'DELETE')).status).toBe(204);
		expect(cw.latency()).toEqual([]);
	});

	it('GET and DELETE the journal, which does not record admin calls', async () => {
		await api.get('system/info');
		await admin('state');
		const journal = await admin('journal');
		expect(journal.body).toHaveLength(1);
		expect(journal.body[0].route).toBe('system/info');
		expect((await admin('journal', 'DELETE')).status).toBe(204);
		expect(cw.journal()).toEqual([]);
	});

	it('PUT config changes keys, read-only flags and the rate limit; unknown settings are refused', async () => {
		const key = { companyId: 'other', publicKey: 'pub', privateKey: 'priv', clientId: 'c1', readOnly: true };
		const result = await admin('config', 'PUT', { keys: [key], rateLimitPerMinute: 50, rateLimitWindowMs: 1000 });
		expect(result.body).toMatchObject({ keys: [key], rateLimitPerMinute: 50, rateLimitWindowMs: 1000 });
		expect((await api.get('system/info')).status).toBe(401);
		const other = cwClient(cw, key);
		expect((await other.get('system/info')).status).toBe(200);
		expect((await other.delete('finance/agreements/10/additions/500')).status).toBe(403);
		expect((await admin('config', 'PUT', { rateLimit: 5 })).status).toBe(400);
		expect((await admin('config', 'PUT', { codebase: 'v2025.1' })).status).toBe(400);
		cw.configure({ keys: [{ companyId: 'sandbox', publicKey: 'sandbox-public', privateKey: 'sandbox-private', clientId: '00000000-0000-4000-8000-000000000000' }] });
		expect((await admin('config')).body.keys).toHaveLength(1);
	});

	it('answers 404 for an unknown admin route and 405 for a wrong method', async () => {
		expect((await admin('nothing')).status).toBe(404);
		expect((await admin('state', 'DELETE')).status).toBe(405);
	});

	it('configures Atria response variants', async () => {
		const atria = await AtriaSimulator.start({ seed: tinyAtriaState() });
		try {
			const result = await send(`${atria.url}/__admin/config`, {
				method: 'PUT',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ envelope: 'data', naming: 'pascal' }),
			});
			expect(result.body).toMatchObject({ envelope: 'data', naming: 'pascal' });
			const rows = await send(`${atria.url}/api/billing/2026-01-31`, { headers: { Authorization: 'Bearer sandbox-token' } });
			expect(rows.body.data[0].CustomerCode).toBe('ACME');
			expect((await send(`${atria.url}/__admin/config`, { method: 'PUT', body: JSON.stringify({ envelope: 'xml' }) })).status).toBe(400);
			expect((await send(`${atria.url}/__admin/reset`, { method: 'POST', body: JSON.stringify({ periodEndDay: 31, periods: {}, defaultRows: null }) })).status).toBe(400);
		} finally {
			await atria.close();
		}
	});
});
