import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, send } from '../support/httpHelpers';

const versioned = (version: string) => ({ Accept: `application/vnd.connectwise.com+json; version=${version}` });

let cw: ConnectWiseSimulator;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
});
afterAll(() => cw.close());
beforeEach(() => {
	cw.reset();
	cw.configure({ apiVersion: '2025.1' });
	cw.clearJournal();
});

describe('the model version in the Accept header', () => {
	it('serves the current model version by default (2025.1)', async () => {
		expect(cw.config().apiVersion).toBe('2025.1');
		const result = await cwClient(cw).get('company/companies', versioned('2025.1'));
		expect(result.status).toBe(200);
		expect(result.body).toHaveLength(3);
	});

	it.each([
		['2025.1', '2019.5'],
		['2025.1', '2024.2'],
		['2024.10', '2024.2'],
		['2020.1', '2019.5'],
	])('refuses version=%s on a server at %s with 400 and ConnectWise error body', async (requested, server) => {
		cw.configure({ apiVersion: server });
		const result = await cwClient(cw).get('company/companies', versioned(requested));
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			code: 'ConnectWiseApi',
			message: `The HTTP resource that matches the request URI '${cw.apiBase}/company/companies' does not support the API version '${requested}'.`,
			errors: null,
		});
	});

	it('refuses a newer version on a write too, and does not process it', async () => {
		cw.configure({ apiVersion: '2019.5' });
		const before = cw.state().additions.find((addition) => addition.id === 500)?.quantity;
		const result = await cwClient(cw).patch('finance/agreements/10/additions/500', [{ op: 'replace', path: 'quantity', value: 99 }], versioned('2025.1'));
		expect(result.status).toBe(400);
		expect(result.body.message).toMatch(/does not support the API version '2025\.1'/);
		expect(cw.state().additions.find((addition) => addition.id === 500)?.quantity).toBe(before);
	});

	it.each([
		['2019.5', '2019.5'],
		['2024.2', '2025.1'],
		['2019.5', '2025.1'],
		['2024.2', '2024.10'],
	])('serves version=%s on a server at %s', async (requested, server) => {
		cw.configure({ apiVersion: server });
		const result = await cwClient(cw).get('company/companies', versioned(requested));
		expect(result.status).toBe(200);
		expect(result.body).toHaveLength(3);
	});

	it.each([
		['no Accept header', {}],
		['the vendor type without a version', { Accept: 'application/vnd.connectwise.com+json' }],
		['application/json', { Accept: 'application/json' }],
		['any type', { Accept: '*/*' }],
	])('serves %s on an older server as today', async (_label, headers: Record<string, string>) => {
		cw.configure({ apiVersion: '2019.5' });
		const result = await cwClient(cw).get('company/companies', headers);
		expect(result.status).toBe(200);
		expect(result.body).toHaveLength(3);
	});

	it('reads the version parameter case-insensitively, quoted or not, from any media range', async () => {
		cw.configure({ apiVersion: '2019.5' });
		const client = cwClient(cw);
		expect((await client.get('system/info', { Accept: 'application/vnd.connectwise.com+json;VERSION="2025.1"' })).status).toBe(400);
		expect((await client.get('system/info', { Accept: 'application/json, application/vnd.connectwise.com+json; version=2025.1' })).status).toBe(400);
		expect((await client.get('system/info', { Accept: 'application/vnd.connectwise.com+json; version="2019.5"' })).status).toBe(200);
	});

	it.each(['abc', '2025', '2025.', '2025.1.3', '25.1', '', '2025.1a', 'v2025.1'])('refuses a malformed version=%p with 400', async (version) => {
		const result = await cwClient(cw).get('company/companies', versioned(version));
		expect(result.status).toBe(400);
		expect(result.body).toEqual({ code: 'ConnectWiseApi', message: `The API version '${version}' is not valid: expected a version such as 2025.1.`, errors: null });
	});

	it('checks credentials before the version: bad keys are 401 whatever the version', async () => {
		cw.configure({ apiVersion: '2019.5' });
		const result = await send(`${cw.apiBase}/company/companies`, { headers: { ...versioned('2025.1'), clientId: 'x', Authorization: 'Basic eDp5' } });
		expect(result.status).toBe(401);
	});

	it('leaves /login/companyinfo alone (no auth, no version)', async () => {
		cw.configure({ apiVersion: '2019.5' });
		expect((await send(`${cw.url}/login/companyinfo/sandbox`, { headers: versioned('2025.1') })).status).toBe(200);
	});

	it('journals the refusal like any answered request', async () => {
		cw.configure({ apiVersion: '2019.5' });
		await cwClient(cw).get('company/companies', versioned('2025.1'));
		expect(cw.journal().map((entry) => [entry.route, entry.status])).toEqual([['company/companies', 400]]);
	});
});

describe('the apiVersion setting', () => {
	const admin = (body: unknown) => send(`${cw.url}/__admin/config`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

	it('is settable through the admin config route and then applies', async () => {
		const result = await admin({ apiVersion: '2019.5' });
		expect(result.status).toBe(200);
		expect(result.body.apiVersion).toBe('2019.5');
		expect((await cwClient(cw).get('system/info', versioned('2025.1'))).status).toBe(400);
	});

	it.each(['2025', 'v2025.1', '2025.1.0', 2025.1])('refuses the malformed setting %p', async (apiVersion) => {
		expect((await admin({ apiVersion })).status).toBe(400);
		expect(cw.config().apiVersion).toBe('2025.1');
	});
});
