import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, ids } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

describe('collections', () => {
	it.each([
		['company/companies', [1, 2, 3]],
		['finance/agreements', [10, 11, 12]],
		['finance/agreements/types', [1, 2]],
		['finance/agreements/10/additions', [500, 501, 503]],
		['procurement/catalog', [100, 101, 102, 103, 104]],
		['procurement/subcategories', [1]],
		['procurement/types', [1]],
	])('lists %s in id order', async (path, expected) => {
		const result = await api.get(path);
		expect(result.status).toBe(200);
		expect(ids(result.body)).toEqual(expected);
	});

	it.each([
		['company/companies/2', 2],
		['finance/agreements/12', 12],
		['finance/agreements/types/2', 2],
		['finance/agreements/10/additions/503', 503],
		['procurement/catalog/104', 104],
		['procurement/subcategories/1', 1],
		['procurement/types/1', 1],
	])('gets %s', async (path, id) => {
		const result = await api.get(path);
		expect(result.status).toBe(200);
		expect(result.body.id).toBe(id);
	});

	it('gives every record _info.lastUpdated, seeded or not', async () => {
		for (const path of ['company/companies', 'finance/agreements/types', 'procurement/types', 'finance/agreements/10/additions']) {
			const result = await api.get(path);
			for (const record of result.body) expect(record._info.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		}
		expect((await api.get('company/companies/1')).body._info.lastUpdated).toBe('2025-03-01T10:00:00Z');
	});

	it('leaves null fields out of the JSON, as ConnectWise does', async () => {
		const agreement = (await api.get('finance/agreements/10')).body;
		expect('endDate' in agreement).toBe(false);
		const addition = (await api.get('finance/agreements/10/additions/501')).body;
		expect('description' in addition).toBe(false);
	});

	it('accepts a trailing slash and any case in the path', async () => {
		expect((await api.get('company/companies/')).status).toBe(200);
		expect((await api.get('Company/Companies/1')).status).toBe(200);
	});

	it.each([
		['company/companies/count', 3],
		['finance/agreements/count', 3],
		['finance/agreements/types/count', 2],
		['finance/agreements/10/additions/count', 3],
		['procurement/catalog/count', 5],
		['procurement/subcategories/count', 1],
		['procurement/types/count', 1],
	])('counts %s', async (path, count) => {
		const result = await api.get(path);
		expect(result.body).toEqual({ count });
	});

	it('counts honour conditions and ignore paging', async () => {
		const result = await api.get(`company/companies/count?conditions=${encodeURIComponent('deletedFlag = false')}&pageSize=1&page=9`);
		expect(result.body).toEqual({ count: 2 });
	});

	it('rejects a malformed condition on count too', async () => {
		const result = await api.get(`company/companies/count?conditions=${encodeURIComponent('nope = 1')}`);
		expect(result.status).toBe(400);
	});
});

describe('not found', () => {
	it.each([
		['company/companies/99', 'Company'],
		['finance/agreements/99', 'Agreement'],
		['finance/agreements/types/99', 'Agreement type'],
		['procurement/catalog/99', 'Catalog item'],
		['finance/agreements/99/additions', 'Agreement'],
		['finance/agreements/99/additions/count', 'Agreement'],
		['finance/agreements/99/additions/500', 'Agreement'],
		['finance/agreements/12/additions/500', 'Addition'],
		['finance/agreements/10/additions/999', 'Addition'],
	])('%s is a CW NotFound', async (path, label) => {
		const result = await api.get(path);
		expect(result.status).toBe(404);
		expect(result.body.code).toBe('NotFound');
		expect(result.body.message).toMatch(new RegExp(`^${label} .*not found$`));
		expect(result.body.errors).toBeNull();
	});

	it.each(['company/company', 'finance/agreement', 'company/companies/abc', 'finance/additions', 'procurement/catalog/1/2'])(
		'unknown path %s is 404',
		async (path) => {
			const result = await api.get(path);
			expect(result.status).toBe(404);
			expect(result.body.code).toBe('NotFound');
		},
	);
});

describe('methods', () => {
	it.each([
		['PUT', 'finance/agreements/10/additions/500'],
		['POST', 'company/companies'],
		['DELETE', 'company/companies/1'],
		['PATCH', 'finance/agreements/10'],
		['POST', 'system/info'],
	])('%s %s is 405 with a CW body', async (method, path) => {
		const result = await (method === 'DELETE' ? api.delete(path) : method === 'PUT' ? api.put(path, {}) : method === 'PATCH' ? api.patch(path, []) : api.post(path, {}));
		expect(result.status).toBe(405);
		expect(result.body.code).toBe('MethodNotAllowed');
		expect(result.headers.get('allow')).toBeTruthy();
	});
});
