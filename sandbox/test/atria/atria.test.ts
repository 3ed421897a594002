import { AtriaSimulator } from '../../atria/simulator';
import { atriaRow, tinyAtriaState } from '../support/fixtures';
import { send } from '../support/httpHelpers';

let atria: AtriaSimulator;

beforeAll(async () => {
	atria = await AtriaSimulator.start({ seed: tinyAtriaState(), config: { disabledTokens: ['old-token'] } });
});
afterAll(() => atria.close());
beforeEach(() => {
	atria.reset();
	atria.configure({ envelope: 'array', naming: 'canonical' });
});

const billing = (endDate: string, query = '', token: string | null = 'sandbox-token') =>
	send(`${atria.url}/api/billing/${endDate}${query}`, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });

describe('authentication', () => {
	it('serves a valid bearer token', async () => {
		expect((await billing('2026-01-31')).status).toBe(200);
		const lowerScheme = await send(`${atria.url}/api/billing/2026-01-31`, { headers: { Authorization: 'bearer sandbox-token' } });
		expect(lowerScheme.status).toBe(200);
	});

	it.each([
		['no Authorization header', null],
		['a wrong token', 'nope'],
		['a token in the wrong case', 'SANDBOX-TOKEN'],
	])('answers 401 for %s', async (_label, token) => {
		const result = await billing('2026-01-31', '', token);
		expect(result.status).toBe(401);
		expect(result.body).toEqual({ message: 'Unauthorized' });
	});

	it('answers 401 for a non-Bearer scheme', async () => {
		const result = await send(`${atria.url}/api/billing/2026-01-31`, { headers: { Authorization: 'Basic sandbox-token' } });
		expect(result.status).toBe(401);
	});

	it('answers 403 for a disabled token', async () => {
		const result = await billing('2026-01-31', '', 'old-token');
		expect(result.status).toBe(403);
		expect(result.body).toEqual({ message: expect.any(String) });
	});

	it('checks the token before the date', async () => {
		expect((await billing('not-a-date', '', null)).status).toBe(401);
	});
});

describe('endDate', () => {
	it.each(['2026-02-30', '2026-13-01', '2026-00-10', '2025-02-29', '2026-1-31', '20260131', '2026-01-31T00:00:00Z', '31-01-2026', 'today', '%20'])(
		'refuses %s with 400 {message}',
		async (endDate) => {
			const result = await billing(endDate);
			expect(result.status).toBe(400);
			expect(result.body).toEqual({ message: expect.any(String) });
		},
	);

	it('accepts a leap day', async () => {
		atria.reset({ periodEndDay: 'last', periods: {}, defaultRows: [atriaRow({})] });
		expect((await billing('2024-02-29')).body).toHaveLength(1);
	});
});

describe('periods', () => {
	it('serves the rows stored for the period', async () => {
		const result = await billing('2026-01-31');
		expect(result.body).toHaveLength(5);
		expect(result.body[0]).toEqual(atriaRow({}));
	});

	it('serves defaultRows for another period end, and [] for a day that is not one', async () => {
		expect((await billing('2026-02-28')).body.map((row: { summaryDescription: string }) => row.summaryDescription)).toEqual(['Default row']);
		expect((await billing('2026-04-30')).body).toHaveLength(1);
		expect((await billing('2026-02-27')).body).toEqual([]);
		expect((await billing('2026-04-29')).body).toEqual([]);
	});

	it('with a fixed period end day of 25, only the 25th ends a period', async () => {
		atria.reset({ ...tinyAtriaState(), periodEndDay: 25 });
		expect((await billing('2026-03-25')).body).toHaveLength(1);
		expect((await billing('2026-02-25')).body).toHaveLength(1);
		expect((await billing('2026-03-31')).body).toEqual([]);
		expect((await billing('2026-01-31')).body).toEqual([]);
	});

	it('serves [] when there are no default rows', async () => {
		atria.reset({ ...tinyAtriaState(), defaultRows: null });
		expect((await billing('2026-02-28')).body).toEqual([]);
	});
});

describe('query parameters', () => {
	it('billable=true leaves out non-billable rows; false or absent keeps them', async () => {
		expect((await billing('2026-01-31', '?billable=true')).body).toHaveLength(4);
		expect((await billing('2026-01-31', '?billable=TRUE')).body).toHaveLength(4);
		expect((await billing('2026-01-31', '?billable=false')).body).toHaveLength(5);
	});

	it('aggregateByCustomer=true sums each customer into one row', async () => {
		const result = await billing('2026-01-31', '?billable=true&aggregateByCustomer=true');
		expect(result.body).toEqual([
			{
				customerCode: 'ACME',
				customerName: 'Acme Corp',
				customerAccountCode: 'ACME',
				productSku: null,
				summaryDescription: 'All services',
				thisMonthCount: 10.5,
				lastMonthCount: 9,
				billableFlag: true,
			},
			{
				customerCode: 'BETA',
				customerName: 'Beta Ltd',
				customerAccountCode: null,
				productSku: null,
				summaryDescription: 'All services',
				thisMonthCount: 7,
				lastMonthCount: 1,
				billableFlag: true,
			},
		]);
		const all = await billing('2026-01-31', '?AggregateByCustomer=true');
		expect(all.body[1].thisMonthCount).toBe(8);
	});

	it.each(['?billable=yes', '?billable=1', '?aggregateByCustomer=', '?billable=true&billable=false'])('refuses %s', async (query) => {
		expect((await billing('2026-01-31', query)).status).toBe(400);
	});
});

describe('response variants', () => {
	it.each(['items', 'data'] as const)('wraps rows in {%s: [...]}', async (envelope) => {
		atria.configure({ envelope });
		const result = await billing('2026-01-31');
		expect(Object.keys(result.body)).toEqual([envelope]);
		expect(result.body[envelope]).toHaveLength(5);
	});

	it('uses the aliases', async () => {
		atria.configure({ naming: 'aliases' });
		const [row] = (await billing('2026-01-31')).body;
		expect(row).toEqual({
			customerShortCode: 'ACME',
			customerName: 'Acme Corp',
			billingIdentifier: 'ACME',
			sku: 'M365-BP',
			lineDescription: 'Microsoft 365 Business Premium',
			quantity: 5,
			lastMonthCount: 4,
			billable: true,
		});
	});

	it('uses PascalCase', async () => {
		atria.configure({ naming: 'pascal' });
		const [row] = (await billing('2026-01-31')).body;
		expect(Object.keys(row)).toEqual([
			'CustomerCode',
			'CustomerName',
			'CustomerAccountCode',
			'ProductSku',
			'SummaryDescription',
			'ThisMonthCount',
			'LastMonthCount',
			'BillableFlag',
		]);
	});
});

describe('routes', () => {
	it.each(['/api/billing', '/api/billing/2026-01-31/details', '/api/settings/billing', '/billing/2026-01-31'])('%s is 404', async (path) => {
		const result = await send(`${atria.url}${path}`, { headers: { Authorization: 'Bearer sandbox-token' } });
		expect(result.status).toBe(404);
		expect(result.body).toEqual({ message: expect.any(String) });
	});

	it('POST is 405', async () => {
		const result = await send(`${atria.url}/api/billing/2026-01-31`, { method: 'POST', headers: { Authorization: 'Bearer sandbox-token' } });
		expect(result.status).toBe(405);
	});

	it('refuses a seed off the contract', () => {
		expect(() => atria.reset({ ...tinyAtriaState(), periodEndDay: 29 })).toThrow();
		expect(() => atria.reset({ ...tinyAtriaState(), periods: { '2026-02-30': [] } })).toThrow();
		expect(() => atria.reset({ ...tinyAtriaState(), defaultRows: [{ ...atriaRow({}), thisMonthCount: '5' as unknown as number }] })).toThrow();
	});
});
