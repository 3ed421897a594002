import { AtriaClient } from '../../../nodes/core/atria/client';
import { CwCodedError } from '../../../nodes/core/errors';
import { RequestExecutor } from '../../../nodes/core/transport/executor';
import type { Clock, HttpRequest, HttpResponse } from '../../../nodes/core/transport/http';

const clock: Clock = { now: () => 0, sleep: async () => undefined };
const answer = (status: number, bodyText: string): HttpResponse => ({ status, headers: {}, bodyText });

function executorAnswering(...answers: HttpResponse[]) {
	const sent: HttpRequest[] = [];
	const executor = new RequestExecutor({
		transport: {
			send: async (request) => {
				sent.push(request);
				return answers.shift() ?? answer(200, '[]');
			},
		},
		clock,
		retry: { maxAttempts: 1 },
	});
	return { executor, sent };
}

const row = (code: string, sku: string, quantity: unknown, billable: unknown = true) => ({
	customerCode: code,
	customerName: `${code} Ltd`,
	customerAccountCode: `${code}1`,
	productSku: sku,
	summaryDescription: sku,
	thisMonthCount: quantity,
	lastMonthCount: 1,
	billableFlag: billable,
});

describe('a body parsed once', () => {
	afterEach(() => jest.restoreAllMocks());

	it('an idempotent 2xx answer comes with its body read as JSON; writes, 204 and errors do not', async () => {
		const { executor } = executorAnswering(answer(200, '{"a":[1,2]}'), answer(201, '{"id":1}'), answer(204, ''), answer(404, '{"message":"no"}'));
		expect(await executor.execute({ method: 'GET', url: 'http://x/a' }, { idempotent: true })).toEqual({ status: 200, headers: {}, bodyText: '{"a":[1,2]}', json: { a: [1, 2] } });
		expect(await executor.execute({ method: 'POST', url: 'http://x/a', body: {} }, { idempotent: false })).not.toHaveProperty('json');
		expect(await executor.execute({ method: 'DELETE', url: 'http://x/a' }, { idempotent: true })).not.toHaveProperty('json');
		expect(await executor.execute({ method: 'GET', url: 'http://x/a' }, { idempotent: true })).not.toHaveProperty('json');
	});

	it("Atria's period is parsed once: the executor's reading is the client's", async () => {
		const body = JSON.stringify([row('A', 'M365', 3), row('A', 'TEAMS', 2, false), row('B', 'M365', 'ten'), row('B', 'AZ', 1.5)]);
		const { executor, sent } = executorAnswering(answer(200, body));
		const parse = jest.spyOn(JSON, 'parse');
		const result = await new AtriaClient(executor, 'https://atria.test').fetchBillingRows('2026-10-25', true);
		expect(parse.mock.calls.filter(([text]) => text === body)).toHaveLength(1);
		expect(sent[0].url).toBe('https://atria.test/api/billing/2026-10-25?billable=true&aggregateByCustomer=false');
		expect(result.rows.map((read) => [read.customerCode, read.sku, read.quantity])).toEqual([
			['A', 'M365', 3],
			['B', 'AZ', 1.5],
		]);
		expect(result.rejected).toEqual([{ error: 'row 3: quantity is not a number', customerCode: 'B', customerName: 'B Ltd', sku: 'M365' }]);
	});

	it('keeps non-billable rows when asked for every row, and reads the documented envelopes', async () => {
		const { executor } = executorAnswering(answer(200, JSON.stringify({ items: [row('A', 'M365', 3), row('A', 'TEAMS', 2, 'False')] })));
		const result = await new AtriaClient(executor, 'https://atria.test').fetchBillingRows('2026-10-25', false);
		expect(result.rows.map((read) => [read.sku, read.billable])).toEqual([
			['M365', true],
			['TEAMS', false],
		]);
	});

	it('says CW13 for a body that is not JSON, not a list, or has no readable row, and CW03 for a refused token', async () => {
		const read = async (response: HttpResponse) => {
			const { executor } = executorAnswering(response);
			return new AtriaClient(executor, 'https://atria.test').fetchBillingRows('2026-10-25', true).catch((error: unknown) => error);
		};
		const expectCoded = (error: unknown, code: string, message: string) => {
			expect(error).toBeInstanceOf(CwCodedError);
			expect([(error as CwCodedError).code, (error as CwCodedError).fields.error]).toEqual([code, message]);
		};
		expectCoded(await read(answer(200, '[{"customerCode":')), 'CW13', 'Atria billing data is not valid JSON');
		expectCoded(await read(answer(200, '{"rows":[]}')), 'CW13', 'Atria billing data is not a list of rows');
		expectCoded(await read(answer(200, '[{"customerName":"x"}]')), 'CW13', 'no row of the Atria billing data has the expected fields (row 1: customerCode is missing)');
		expectCoded(await read(answer(401, '{}')), 'CW03', 'HTTP 401: the API token was refused');
		expect(await read(answer(200, '[]'))).toEqual({ rows: [], rejected: [] });
	});
});
