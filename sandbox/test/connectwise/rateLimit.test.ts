import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, send } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState(), config: { rateLimitPerMinute: 3, rateLimitWindowMs: 600 } });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => {
	cw.reset();
	cw.clearFaults();
	cw.configure({ rateLimitPerMinute: 3, rateLimitWindowMs: 600 });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rate limiting', () => {
	it('answers 429 with Retry-After and the ConnectWiseAPI body past the limit, then recovers', async () => {
		for (let call = 0; call < 3; call++) expect((await api.get('system/info')).status).toBe(200);
		const limited = await api.get('system/info');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.body).toEqual({ error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 1 seconds.' });
		await sleep(650);
		expect((await api.get('system/info')).status).toBe(200);
	});

	it('gives Retry-After as the whole seconds until a slot frees', async () => {
		cw.configure({ rateLimitPerMinute: 2, rateLimitWindowMs: 3000 });
		await api.get('system/info');
		await api.get('system/info');
		const limited = await api.get('system/info');
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.body.message).toBe('Too many requests. Please try again in 3 seconds.');
	});

	it('counts writes and failed auth, but not refused requests, company info, admin calls or faults before the handler', async () => {
		cw.setFaults([{ path: 'company/companies', kind: 503, times: 5 }]);
		for (let call = 0; call < 5; call++) expect((await api.get('company/companies')).status).toBe(503);
		for (let call = 0; call < 5; call++) expect((await send(`${cw.url}/login/companyinfo/sandbox`)).status).toBe(200);
		for (let call = 0; call < 5; call++) expect((await send(`${cw.url}/__admin/state`)).status).toBe(200);
		expect((await send(`${cw.apiBase}/system/info`)).status).toBe(401);
		expect((await api.post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable' })).status).toBe(201);
		expect((await api.get('system/info')).status).toBe(200);
		for (let call = 0; call < 3; call++) expect((await api.get('system/info')).status).toBe(429);
		await sleep(650);
		expect((await api.get('system/info')).status).toBe(200);
	});

	it('starts a fresh window on reset', async () => {
		for (let call = 0; call < 3; call++) await api.get('system/info');
		expect((await api.get('system/info')).status).toBe(429);
		cw.reset();
		expect((await api.get('system/info')).status).toBe(200);
	});

	it('defaults to 1000 a minute', async () => {
		const fresh = await ConnectWiseSimulator.start();
		try {
			expect(fresh.config()).toMatchObject({ rateLimitPerMinute: 1000, rateLimitWindowMs: 60000 });
		} finally {
			await fresh.close();
		}
	});
});
