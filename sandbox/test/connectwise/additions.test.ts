import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, cwHeaders, send } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

const ADDITIONS = 'finance/agreements/10/additions';
const CW_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('POST an addition', () => {
	it('creates it with the next id, the agreement of the route and catalog defaults', async () => {
		const result = await api.post(ADDITIONS, {
			id: 1,
			agreementId: 99,
			product: { id: 100 },
			billCustomer: 'Billable',
			quantity: 7,
			effectiveDate: '2026-01-01T00:00:00Z',
			someUnknownField: 'ignored',
		});
		expect(result.status).toBe(201);
		expect(result.body).toMatchObject({
			id: 504,
			agreementId: 10,
			product: { id: 100, identifier: 'M365-BP' },
			quantity: 7,
			billCustomer: 'Billable',
			unitPrice: 22,
			unitCost: 18,
			effectiveDate: '2026-01-01T00:00:00Z',
			agreementStatus: 'Active',
		});
		expect(result.body._info.lastUpdated).toMatch(CW_DATE);
		expect('someUnknownField' in result.body).toBe(false);
		expect(cw.state().additions.find((addition) => addition.id === 504)?.agreementId).toBe(10);
		expect((await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable' })).body.id).toBe(505);
	});

	it('finds the product by identifier whatever its case, and defaults quantity to 0', async () => {
		const result = await api.post(ADDITIONS, { product: { identifier: 'M365-E3' }, billCustomer: 'NoCharge' });
		expect(result.status).toBe(201);
		expect(result.body.product).toEqual({ id: 104, identifier: 'm365-e3' });
		expect(result.body.quantity).toBe(0);
	});

	it('allows a second addition of the same product (the real server does: duplicates are the client’s problem)', async () => {
		expect((await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable', quantity: 1 })).status).toBe(201);
		expect(cw.state().additions.filter((addition) => addition.agreementId === 10 && addition.product.id === 100)).toHaveLength(2);
	});

	it('is 404 for an unknown agreement', async () => {
		const result = await api.post('finance/agreements/99/additions', { product: { id: 100 }, billCustomer: 'Billable' });
		expect(result.status).toBe(404);
		expect(result.body.code).toBe('NotFound');
	});

	it.each([
		['an array body', [{ product: { id: 100 }, billCustomer: 'Billable' }], 'InvalidObject', undefined],
		['a JSON string body', 'null', 'InvalidObject', undefined],
		['a missing product', { billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['a product that is not a reference', { product: 100, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['an empty product reference', { product: {}, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['an unknown product id', { product: { id: 999 }, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['an unknown product identifier', { product: { identifier: 'NOPE' }, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['a Bundle product', { product: { id: 102 }, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['an inactive product', { product: { identifier: 'OLD-SKU' }, billCustomer: 'Billable' }, 'InvalidObject', 'product'],
		['a missing billCustomer', { product: { id: 100 } }, 'InvalidObject', 'billCustomer'],
		['a billCustomer in the wrong case', { product: { id: 100 }, billCustomer: 'billable' }, 'InvalidObject', 'billCustomer'],
		['an unknown billCustomer', { product: { id: 100 }, billCustomer: 'Yes' }, 'InvalidObject', 'billCustomer'],
		['a quantity sent as a string', { product: { id: 100 }, billCustomer: 'Billable', quantity: '5' }, 'InvalidObject', 'quantity'],
		['a unitPrice sent as a string', { product: { id: 100 }, billCustomer: 'Billable', unitPrice: '9.99' }, 'InvalidObject', 'unitPrice'],
		['a date without time', { product: { id: 100 }, billCustomer: 'Billable', effectiveDate: '2026-01-31' }, 'UnsupportedFormat', 'effectiveDate'],
		['a date with milliseconds', { product: { id: 100 }, billCustomer: 'Billable', effectiveDate: '2026-01-31T00:00:00.000Z' }, 'UnsupportedFormat', 'effectiveDate'],
		['a date with an offset', { product: { id: 100 }, billCustomer: 'Billable', cancelledDate: '2026-01-31T00:00:00+00:00' }, 'UnsupportedFormat', 'cancelledDate'],
		['an impossible date', { product: { id: 100 }, billCustomer: 'Billable', cancelledDate: '2026-02-30T00:00:00Z' }, 'UnsupportedFormat', 'cancelledDate'],
		['a date as a number', { product: { id: 100 }, billCustomer: 'Billable', effectiveDate: 1767225600000 }, 'UnsupportedFormat', 'effectiveDate'],
		['an invoiceDescription over 6000 characters', { product: { id: 100 }, billCustomer: 'Billable', invoiceDescription: 'x'.repeat(6001) }, 'InvalidObject', 'invoiceDescription'],
	])('refuses %s with 400 and creates nothing', async (_label, body, code, field) => {
		const before = cw.state();
		const result = await api.post(ADDITIONS, body);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe(code);
		if (field !== undefined) {
			expect(result.body.errors).toEqual([expect.objectContaining({ resource: 'agreementAddition', field })]);
		}
		expect(cw.state()).toEqual(before);
	});

	it('reports an unknown product in the documented shape', async () => {
		const result = await api.post(ADDITIONS, { product: { id: 999 }, billCustomer: 'Billable' });
		expect(result.body).toEqual({
			code: 'InvalidObject',
			message: expect.any(String),
			errors: [{ code: 'InvalidObject', message: expect.any(String), resource: 'agreementAddition', field: 'product' }],
		});
	});

	it.each([
		['invalid JSON', '{"product": {"id": 100}, ', 'application/json'],
		['an empty body', '', 'application/json'],
		['a form body', 'product=100&billCustomer=Billable', 'application/x-www-form-urlencoded'],
		['JSON sent as text/plain', JSON.stringify({ product: { id: 100 }, billCustomer: 'Billable' }), 'text/plain'],
	])('refuses %s with 400', async (_label, body, contentType) => {
		const result = await send(`${cw.apiBase}/${ADDITIONS}`, { method: 'POST', headers: { ...cwHeaders(), 'Content-Type': contentType }, body });
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
	});

	it('does not spend an id on a refused create', async () => {
		await api.post(ADDITIONS, { product: { id: 999 }, billCustomer: 'Billable' });
		expect((await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable' })).body.id).toBe(504);
	});
});

describe('PATCH an addition', () => {
	const ADDITION = `${ADDITIONS}/500`;

	it('replaces the quantity with ConnectWise operations and stamps a new lastUpdated', async () => {
		const before = (await api.get(ADDITION)).body;
		const result = await api.patch(ADDITION, [{ op: 'replace', path: 'quantity', value: 12 }]);
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ id: 500, agreementId: 10, quantity: 12, product: { id: 100, identifier: 'M365-BP' } });
		expect(result.body._info.lastUpdated).toMatch(CW_DATE);
		expect(result.body._info.lastUpdated > before._info.lastUpdated).toBe(true);
		const again = await api.patch(ADDITION, [{ op: 'replace', path: 'quantity', value: 13 }]);
		expect(again.body._info.lastUpdated > result.body._info.lastUpdated).toBe(true);
		expect(cw.state().additions.find((addition) => addition.id === 500)?.quantity).toBe(13);
	});

	it('applies several operations: add, replace, remove, and a product reference', async () => {
		const result = await api.patch(ADDITION, [
			{ op: 'add', path: 'cancelledDate', value: '2026-02-28T00:00:00Z' },
			{ op: 'replace', path: 'unitPrice', value: 19.5 },
			{ op: 'remove', path: 'description' },
			{ op: 'replace', path: 'product', value: { identifier: 'm365-E3' } },
		]);
		expect(result.status).toBe(200);
		expect(result.body).toMatchObject({ cancelledDate: '2026-02-28T00:00:00Z', unitPrice: 19.5, product: { id: 104, identifier: 'm365-e3' } });
		expect('description' in result.body).toBe(false);
		const active = await api.get(`${ADDITIONS}?conditions=${encodeURIComponent('cancelledDate = null')}`);
		expect(active.body.map((addition: { id: number }) => addition.id)).toEqual([503]);
	});

	it.each([
		['an object instead of an array', { op: 'replace', path: 'quantity', value: 1 }],
		['a JSON merge patch', { quantity: 1 }],
		['an empty operation list', []],
		['an RFC 6902 slash path', [{ op: 'replace', path: '/quantity', value: 1 }]],
		['a nested slash path', [{ op: 'replace', path: 'product/id', value: 101 }]],
		['a path in the wrong case', [{ op: 'replace', path: 'Quantity', value: 1 }]],
		['an unknown path', [{ op: 'replace', path: 'qty', value: 1 }]],
		['the read-only id', [{ op: 'replace', path: 'id', value: 1 }]],
		['the read-only agreementId', [{ op: 'replace', path: 'agreementId', value: 12 }]],
		['the read-only _info', [{ op: 'replace', path: '_info', value: { lastUpdated: '2020-01-01T00:00:00Z' } }]],
		['a quantity sent as a string', [{ op: 'replace', path: 'quantity', value: '12' }]],
		['a null quantity', [{ op: 'replace', path: 'quantity', value: null }]],
		['a quantity given as an object', [{ op: 'replace', path: 'quantity', value: { value: 12 } }]],
		['a missing value', [{ op: 'replace', path: 'quantity' }]],
		['an unknown op', [{ op: 'set', path: 'quantity', value: 1 }]],
		['an RFC 6902 test op', [{ op: 'test', path: 'quantity', value: 5 }]],
		['an op in the wrong case', [{ op: 'Replace', path: 'quantity', value: 1 }]],
		['a missing path', [{ op: 'replace', value: 1 }]],
		['an operation that is not an object', ['replace quantity 1']],
		['removing the product', [{ op: 'remove', path: 'product' }]],
		['removing billCustomer', [{ op: 'remove', path: 'billCustomer' }]],
		['a bad date format', [{ op: 'replace', path: 'cancelledDate', value: '2026-02-28' }]],
		['an unknown product', [{ op: 'replace', path: 'product', value: { id: 999 } }]],
		['a Bundle product', [{ op: 'replace', path: 'product', value: { id: 102 } }]],
		['a bad billCustomer', [{ op: 'replace', path: 'billCustomer', value: 'Free' }]],
		['a valid operation followed by an invalid one', [{ op: 'replace', path: 'quantity', value: 99 }, { op: 'replace', path: '/quantity', value: 1 }]],
	])('refuses %s with 400 and changes nothing', async (_label, body) => {
		const before = cw.state();
		const result = await api.patch(ADDITION, body);
		expect(result.status).toBe(400);
		expect(['InvalidObject', 'UnsupportedFormat']).toContain(result.body.code);
		expect(cw.state()).toEqual(before);
	});

	it('refuses a non-JSON body', async () => {
		const result = await api.patch(ADDITION, 'quantity=12');
		expect(result.status).toBe(400);
	});

	it('re-validates the whole stored record: bad legacy data fails an unrelated update', async () => {
		const seed = tinyCwState();
		seed.additions[0].invoiceDescription = 'x'.repeat(6001);
		cw.reset(seed);
		const result = await api.patch(ADDITION, [{ op: 'replace', path: 'quantity', value: 6 }]);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
		expect(result.body.errors[0].field).toBe('invoiceDescription');
	});

	it('still updates an existing addition whose product has since become inactive', async () => {
		const seed = tinyCwState();
		seed.catalog[0].inactiveFlag = true;
		cw.reset(seed);
		expect((await api.patch(ADDITION, [{ op: 'replace', path: 'quantity', value: 6 }])).status).toBe(200);
	});

	it('is 404 for an addition of another agreement', async () => {
		const result = await api.patch('finance/agreements/12/additions/500', [{ op: 'replace', path: 'quantity', value: 1 }]);
		expect(result.status).toBe(404);
	});
});

describe('DELETE an addition', () => {
	it('answers 204 with no body and removes it', async () => {
		const result = await api.delete(`${ADDITIONS}/500`);
		expect(result.status).toBe(204);
		expect(result.text).toBe('');
		expect((await api.get(`${ADDITIONS}/500`)).status).toBe(404);
		expect(cw.state().additions.map((addition) => addition.id)).toEqual([501, 502, 503]);
	});

	it('is 404 for an unknown addition', async () => {
		expect((await api.delete(`${ADDITIONS}/999`)).status).toBe(404);
	});
});
