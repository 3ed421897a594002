import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { manyCompanies, tinyCwState } from '../support/fixtures';
import { cwClient, cwHeaders, ids, parseLinks, send, where } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

describe('orderBy', () => {
	it.each([
		['name asc', [1, 2, 3]],
		['name desc', [3, 2, 1]],
		['id desc', [3, 2, 1]],
		['ID DESC', [3, 2, 1]],
		['deletedFlag desc, id desc', [2, 3, 1]],
		['status/id asc, name desc', [3, 1, 2]],
		['_info/lastUpdated desc', [2, 1, 3]],
		['identifier', [1, 2, 3]],
	])('orders companies by %s', async (orderBy, expected) => {
		const result = await api.get(`company/companies?orderBy=${encodeURIComponent(orderBy)}`);
		expect(result.status).toBe(200);
		expect(ids(result.body)).toEqual(expected);
	});

	it('puts absent values first ascending, as SQL Server does', async () => {
		const result = await api.get(`finance/agreements?orderBy=${encodeURIComponent('endDate asc')}`);
		expect(ids(result.body)).toEqual([10, 12, 11]);
	});

	it.each(['nope asc', 'name up', 'name asc desc', 'status', 'name asc,', ''])('refuses orderBy=%s', async (orderBy) => {
		const result = await api.get(`company/companies?orderBy=${encodeURIComponent(orderBy)}`);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
	});
});

describe('fields', () => {
	it('projects lists, nested paths included', async () => {
		const result = await api.get('finance/agreements?fields=id,company/identifier,type');
		expect(result.body[0]).toEqual({ id: 10, company: { identifier: 'ACME' }, type: { id: 1, name: 'Cloud and Hosting Services' } });
	});

	it('matches field names case-insensitively and returns canonical names', async () => {
		const result = await api.get('company/companies/1?fields=ID,Identifier');
		expect(result.body).toEqual({ id: 1, identifier: 'ACME' });
	});

	it('leaves out absent projected fields', async () => {
		const result = await api.get('finance/agreements/10/additions/501?fields=id,description');
		expect(result.body).toEqual({ id: 501 });
	});

	it.each(['id,nope', 'company/nope', 'id,,name', 'identifier/x'])('refuses fields=%s', async (fields) => {
		const result = await api.get(`finance/agreements?fields=${encodeURIComponent(fields)}`);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
	});

	it('refuses an unknown field on a single GET too', async () => {
		expect((await api.get('company/companies/1?fields=nope')).status).toBe(400);
	});
});

describe('paging', () => {
	beforeEach(() => cw.reset(manyCompanies(2050)));

	it('defaults to 25 records, ordered by id', async () => {
		const result = await api.get('company/companies');
		expect(ids(result.body)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
		const links = parseLinks(result.headers.get('link'));
		expect(Object.keys(links)).toEqual(['next', 'last']);
		expect(links.next).toBe(`${cw.apiBase}/company/companies?pageSize=25&page=2`);
		expect(links.last).toBe(`${cw.apiBase}/company/companies?pageSize=25&page=82`);
	});

	it('clamps pageSize to 1000', async () => {
		const result = await api.get('company/companies?pageSize=5000');
		expect(result.body).toHaveLength(1000);
		const links = parseLinks(result.headers.get('link'));
		expect(links.next).toBe(`${cw.apiBase}/company/companies?pageSize=1000&page=2`);
		expect(links.last).toBe(`${cw.apiBase}/company/companies?pageSize=1000&page=3`);
	});

	it('gives first and prev in the middle, and no next or last on the last page', async () => {
		const middle = parseLinks((await api.get('company/companies?pageSize=1000&page=2')).headers.get('link'));
		expect(Object.keys(middle).sort()).toEqual(['first', 'last', 'next', 'prev']);
		expect(middle.prev).toBe(`${cw.apiBase}/company/companies?pageSize=1000&page=1`);
		const last = await api.get('company/companies?pageSize=1000&page=3');
		expect(last.body).toHaveLength(50);
		const lastLinks = parseLinks(last.headers.get('link'));
		expect(Object.keys(lastLinks).sort()).toEqual(['first', 'prev']);
	});

	it('following rel="next" reaches every record exactly once, keeping the other parameters', async () => {
		const query = `${where('deletedFlag = true')}&orderBy=${encodeURIComponent('name desc')}&fields=id,name&pageSize=300`;
		let url: string | undefined = `${cw.apiBase}/company/companies?${query}`;
		const seen: number[] = [];
		let pages = 0;
		while (url !== undefined) {
			const result = await send(url, { headers: cwHeaders() });
			expect(result.status).toBe(200);
			seen.push(...ids(result.body));
			expect(Object.keys(result.body[0]).sort()).toEqual(['id', 'name']);
			url = parseLinks(result.headers.get('link')).next;
			if (url !== undefined) expect(new URL(url).searchParams.get('conditions')).toBe('deletedFlag = true');
			pages++;
		}
		expect(pages).toBe(4);
		expect(seen).toHaveLength(1025);
		expect(new Set(seen).size).toBe(1025);
		expect(seen.every((id) => id % 2 === 1)).toBe(true);
	});

	it('returns [] past the end', async () => {
		const result = await api.get('company/companies?pageSize=1000&page=9');
		expect(result.status).toBe(200);
		expect(result.body).toEqual([]);
		expect(parseLinks(result.headers.get('link')).next).toBeUndefined();
	});

	it('sends no Link header when everything fits on one page', async () => {
		cw.reset();
		expect((await api.get('company/companies')).headers.get('link')).toBeNull();
	});

	it.each(['page=0', 'page=-1', 'page=abc', 'page=1.5', 'pageSize=0', 'pageSize=-5', 'pageSize=2.5', 'pageSize=ten', 'page=', 'pageSize=1&pageSize=2'])(
		'refuses %s',
		async (query) => {
			const result = await api.get(`company/companies?${query}`);
			expect(result.status).toBe(400);
			expect(result.body.code).toBe('InvalidObject');
		},
	);

	it('accepts paging parameter names in any case', async () => {
		const result = await api.get('company/companies?PAGESIZE=2&Page=2');
		expect(ids(result.body)).toEqual([3, 4]);
	});
});

describe('forward-only paging', () => {
	const forwardOnly = { 'pagination-type': 'forward-only' };
	beforeEach(() => cw.reset(manyCompanies(2050)));

	it('walks the whole collection by pageId', async () => {
		let url: string | undefined = `${cw.apiBase}/company/companies?pageSize=1000&${where('deletedFlag = false')}`;
		const seen: number[] = [];
		while (url !== undefined) {
			const result = await send(url, { headers: { ...cwHeaders(), ...forwardOnly } });
			expect(result.status).toBe(200);
			seen.push(...ids(result.body));
			const links = parseLinks(result.headers.get('link'));
			expect(Object.keys(links).every((rel) => rel === 'next')).toBe(true);
			url = links.next;
			if (url !== undefined) expect(new URL(url).searchParams.get('pageId')).toBe(String(seen[seen.length - 1]));
		}
		expect(seen).toEqual(Array.from({ length: 1025 }, (_, index) => (index + 1) * 2));
	});

	it('acts as id > pageId', async () => {
		const result = await api.get('company/companies?pageSize=3&pageId=2000', forwardOnly);
		expect(ids(result.body)).toEqual([2001, 2002, 2003]);
		expect(parseLinks(result.headers.get('link')).next).toBe(`${cw.apiBase}/company/companies?pageSize=3&pageId=2003`);
		const end = await api.get('company/companies?pageSize=100&pageId=2000', forwardOnly);
		expect(end.body).toHaveLength(50);
		expect(end.headers.get('link')).toBeNull();
	});

	it.each([
		['orderBy', 'orderBy=name'],
		['page', 'page=2'],
		['a bad pageId', 'pageId=x'],
	])('refuses %s', async (_label, query) => {
		const result = await api.get(`company/companies?${query}`, forwardOnly);
		expect(result.status).toBe(400);
	});

	it('refuses pageId without the header, and an unknown pagination-type', async () => {
		expect((await api.get('company/companies?pageId=5')).status).toBe(400);
		expect((await api.get('company/companies', { 'pagination-type': 'keyset' })).status).toBe(400);
	});
});

describe('URL length', () => {
	const listOf = (count: number) => `identifier in (${Array.from({ length: count }, (_, i) => `"COMPANY-${i}"`).join(',')})`;

	it('refuses a URL over 2,048 characters with 414, so an unbatched in (...) list cannot pass', async () => {
		const result = await api.get(`company/companies?conditions=${encodeURIComponent(listOf(200))}`);
		expect(result.status).toBe(414);
		expect(result.body).toMatchObject({ code: 'UriTooLong' });
	});

	it('serves the same query when the list fits', async () => {
		const result = await api.get(`company/companies?conditions=${encodeURIComponent(listOf(20))}`);
		expect(result.status).toBe(200);
	});
});
