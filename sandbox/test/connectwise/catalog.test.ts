import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

const VALID = {
	identifier: 'NEW-SKU',
	description: 'A new product',
	customerDescription: 'A new product for customers',
	subcategory: { id: 1 },
	type: { id: 1 },
};

describe('POST a catalog item', () => {
	it('creates it with the next id, NonInventory by default, references filled in', async () => {
		const result = await api.post('procurement/catalog', { ...VALID, price: 12.5 });
		expect(result.status).toBe(201);
		expect(result.body).toMatchObject({
			id: 105,
			identifier: 'NEW-SKU',
			productClass: 'NonInventory',
			inactiveFlag: false,
			price: 12.5,
			subcategory: { id: 1, name: 'Microsoft' },
			type: { id: 1, name: 'Subscription' },
		});
		expect(result.body._info.lastUpdated).toBeDefined();
		expect((await api.get('procurement/catalog/105')).status).toBe(200);
	});

	it('then accepts the new product on an addition', async () => {
		await api.post('procurement/catalog', VALID);
		expect((await api.post('finance/agreements/10/additions', { product: { identifier: 'new-sku' }, billCustomer: 'Billable' })).status).toBe(201);
	});

	it('refuses a duplicate identifier, whatever its case, with ObjectExists', async () => {
		const result = await api.post('procurement/catalog', { ...VALID, identifier: 'm365-bp' });
		expect(result.status).toBe(400);
		expect(result.body).toEqual({
			code: 'InvalidObject',
			message: expect.any(String),
			errors: [{ code: 'ObjectExists', message: 'The identifier already exists.', resource: 'catalogItem', field: 'identifier' }],
		});
	});

	it.each([
		['identifier', { ...VALID, identifier: undefined }],
		['identifier', { ...VALID, identifier: '' }],
		['identifier', { ...VALID, identifier: 'X'.repeat(61) }],
		['identifier', { ...VALID, identifier: 42 }],
		['description', { ...VALID, description: undefined }],
		['description', { ...VALID, description: 'D'.repeat(61) }],
		['customerDescription', { ...VALID, customerDescription: undefined }],
		['subcategory', { ...VALID, subcategory: undefined }],
		['subcategory', { ...VALID, subcategory: { id: 99 } }],
		['subcategory', { ...VALID, subcategory: 1 }],
		['subcategory', { ...VALID, subcategory: { name: 'Microsoft' } }],
		['type', { ...VALID, type: undefined }],
		['type', { ...VALID, type: { id: 99 } }],
		['productClass', { ...VALID, productClass: 'Widget' }],
		['price', { ...VALID, price: '10' }],
	])('refuses a bad %s with 400 and creates nothing', async (field, body) => {
		const before = cw.state();
		const result = await api.post('procurement/catalog', body);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
		expect(result.body.errors[0]).toMatchObject({ resource: 'catalogItem', field });
		expect(cw.state()).toEqual(before);
	});

	it('refuses a body that is not an object', async () => {
		expect((await api.post('procurement/catalog', [VALID])).status).toBe(400);
	});

	it('accepts an identifier of exactly 60 characters', async () => {
		expect((await api.post('procurement/catalog', { ...VALID, identifier: 'X'.repeat(60) })).status).toBe(201);
	});
});
