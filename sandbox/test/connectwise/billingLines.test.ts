import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, ids, where } from '../support/httpHelpers';

/**
 * What the reference's Additions section says a line is, served as the real server would: every line past
 * and future, who pays, included units, credits (negative quantities and prices), and dates to query by.
 */
let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

const ADDITIONS = 'finance/agreements/10/additions';

describe('agreement lines as ConnectWise bills them', () => {
	it('lists every line of the agreement, cancelled and credit lines included', async () => {
		const result = await api.get(`${ADDITIONS}?orderBy=id%20asc`);
		expect(result.status).toBe(200);
		expect(ids(result.body)).toEqual([500, 501, 503]);
		expect(result.body[2]).toMatchObject({ quantity: -1, billCustomer: 'NoCharge' });
	});

	it('creates credit and discount lines: negative quantities and prices are stored as given', async () => {
		const credit = await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable', quantity: -2.5, unitPrice: -22, lessIncluded: 0 });
		expect(credit.status).toBe(201);
		expect(credit.body).toMatchObject({ quantity: -2.5, unitPrice: -22 });
		const patched = await api.patch(`${ADDITIONS}/500`, [{ op: 'replace', path: 'quantity', value: -0.75 }]);
		expect(patched.status).toBe(200);
		expect(patched.body.quantity).toBe(-0.75);
	});

	it('keeps included units (lessIncluded) apart from the quantity, on create and on PATCH', async () => {
		const created = await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable', quantity: 10, lessIncluded: 2.5 });
		expect(created.body).toMatchObject({ quantity: 10, lessIncluded: 2.5 });
		const patched = await api.patch(`${ADDITIONS}/${created.body.id}`, [{ op: 'replace', path: 'quantity', value: 12 }]);
		expect(patched.body).toMatchObject({ quantity: 12, lessIncluded: 2.5 });
		const refused = await api.patch(`${ADDITIONS}/${created.body.id}`, [{ op: 'replace', path: 'lessIncluded', value: '2' }]);
		expect(refused.status).toBe(400);
	});

	it.each(['Billable', 'DoNotBill', 'NoCharge'])('accepts billCustomer %s on create and PATCH', async (billCustomer) => {
		const created = await api.post(ADDITIONS, { product: { id: 100 }, billCustomer, quantity: 1 });
		expect(created.body.billCustomer).toBe(billCustomer);
		const patched = await api.patch(`${ADDITIONS}/500`, [{ op: 'replace', path: 'billCustomer', value: billCustomer }]);
		expect(patched.body.billCustomer).toBe(billCustomer);
	});

	it('schedules lines: a future effective date and a cancelled date ahead are stored and queried as dates', async () => {
		const scheduled = await api.post(ADDITIONS, { product: { id: 100 }, billCustomer: 'Billable', quantity: 3, effectiveDate: '2026-11-01T00:00:00Z' });
		await api.patch(`${ADDITIONS}/500`, [{ op: 'replace', path: 'cancelledDate', value: '2026-10-31T00:00:00Z' }]);
		const later = await api.get(`${ADDITIONS}?${where('effectiveDate > [2026-10-25T00:00:00Z]')}`);
		expect(ids(later.body)).toEqual([scheduled.body.id]);
		const stopping = await api.get(`${ADDITIONS}?${where('cancelledDate >= [2026-09-26T00:00:00Z]')}`);
		expect(ids(stopping.body)).toEqual([500]);
		const open = await api.get(`${ADDITIONS}?${where('cancelledDate = null')}`);
		expect(ids(open.body)).toEqual([503, scheduled.body.id]);
	});
});
