import { ACCEPT_HEADER, ConnectWiseClient } from '../../../nodes/core/connectwise/client';
import { ConnectWiseApiError, isUnsupportedApiVersion } from '../../../nodes/core/connectwise/errors';
import { RequestExecutor } from '../../../nodes/core/transport/executor';
import type { HttpRequest, HttpResponse } from '../../../nodes/core/transport/http';

const UNVERSIONED = 'application/vnd.connectwise.com+json';
const ORIGIN = 'https://cw.example.com';

/** What the on-premise server in connectwise-rest issue #35 answered (code ConnectWiseApi, the message says it). */
const REFUSAL = JSON.stringify({
	code: 'ConnectWiseApi',
	message: "The HTTP resource that matches the request URI 'https://cw.example.com/v4_6_release/apis/3.0/x' does not support the API version '2025.1'.",
});
const ADDITION = { id: 5, agreementId: 1, product: { id: 2, identifier: 'SKU' }, quantity: 3, billCustomer: 'Billable' };

const json = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, bodyText: typeof body === 'string' ? body : JSON.stringify(body) });

/** A fake server: `answer` sees each request; every request is recorded with its Accept header. */
async function clientWith(answer: (request: HttpRequest) => HttpResponse) {
	const sent: Array<{ method: string; url: string; accept: string | undefined }> = [];
	const transport = {
		send: async (request: HttpRequest) => {
			sent.push({ method: request.method, url: request.url, accept: request.headers?.Accept });
			await new Promise((resolve) => setImmediate(resolve));
			return answer(request);
		},
	};
	const executor = new RequestExecutor({ transport, clock: { now: () => 0, sleep: async () => {} }, concurrency: 4, retry: { maxAttempts: 1 } });
	const client = await ConnectWiseClient.connect(executor, { origin: ORIGIN, codebase: 'v4_6_release/', companyId: 'acme' });
	return { client, sent };
}

/** An older server: refuses any versioned request with `refusal`, serves the rest. */
const olderServer = (refusal: HttpResponse, served: (request: HttpRequest) => HttpResponse = () => json(200, [])) => (request: HttpRequest) =>
	/version=/.test(request.headers?.Accept ?? '') ? refusal : served(request);

describe('isUnsupportedApiVersion', () => {
	it.each([
		[400, REFUSAL],
		[406, REFUSAL],
		[400, JSON.stringify({ code: 'UnsupportedVersion', message: 'Not supported.', errors: null })],
		[400, JSON.stringify({ code: 'ConnectWiseApi', message: 'API VERSION 2025.1 is not supported', errors: null })],
	])('recognises %i %s', (status, body) => {
		expect(isUnsupportedApiVersion(status, body)).toBe(true);
	});

	it.each([
		[400, JSON.stringify({ code: 'InvalidObject', message: 'additions object is invalid', errors: [{ code: 'InvalidObject', message: 'quantity is required', field: 'quantity' }] })],
		[400, JSON.stringify({ code: 'InvalidObject', message: 'The version field is invalid', errors: [{ code: 'InvalidObject', message: 'bad', field: 'version' }] })],
		[400, JSON.stringify({ code: 'UnsupportedFormat', message: 'date format', errors: null })],
		[404, REFUSAL],
		[500, REFUSAL],
		[429, JSON.stringify({ error: 'ConnectWiseAPI', message: 'Too many requests (version).' })],
		[400, 'version not supported (not JSON)'],
		[400, ''],
	])('does not take %i %s for a version refusal', (status, body) => {
		expect(isUnsupportedApiVersion(status, body)).toBe(false);
	});
});

describe('ConnectWiseClient model version fallback', () => {
	it('repeats a refused read once without the version, then sends every later request without it', async () => {
		const { client, sent } = await clientWith(olderServer(json(400, REFUSAL)));
		expect(await client.listAgreementTypes()).toEqual([]);
		expect(await client.listSubcategories()).toEqual([]);
		expect(sent.map((request) => request.accept)).toEqual([ACCEPT_HEADER, UNVERSIONED, UNVERSIONED]);
		expect(sent[0].url).toBe(sent[1].url);
	});

	it('falls back on 406 too', async () => {
		const { client, sent } = await clientWith(olderServer(json(406, REFUSAL)));
		await client.listAgreementTypes();
		expect(sent.map((request) => request.accept)).toEqual([ACCEPT_HEADER, UNVERSIONED]);
	});

	it('repeats a refused create once (a 4xx was not processed) and returns the created record', async () => {
		const { client, sent } = await clientWith(olderServer(json(400, REFUSAL), () => json(201, ADDITION)));
		const created = await client.createAddition(1, { productId: 2, quantity: 3, effectiveDate: '2026-01-01T00:00:00Z' });
		expect(created.id).toBe(5);
		expect(sent.map((request) => [request.method, request.accept])).toEqual([
			['POST', ACCEPT_HEADER],
			['POST', UNVERSIONED],
		]);
	});

	it('repeats every request refused while the first refusal was in flight, each once', async () => {
		const { client, sent } = await clientWith(olderServer(json(400, REFUSAL)));
		await Promise.all([client.listAgreementTypes(), client.listSubcategories(), client.listProductTypes()]);
		const versioned = sent.filter((request) => request.accept === ACCEPT_HEADER);
		const unversioned = sent.filter((request) => request.accept === UNVERSIONED);
		expect(versioned).toHaveLength(3);
		expect(unversioned.map((request) => request.url).sort()).toEqual(versioned.map((request) => request.url).sort());
	});

	it('does not repeat other 400s, and keeps the version afterwards', async () => {
		const invalid = json(400, { code: 'InvalidObject', message: 'additions object is invalid', errors: [{ code: 'InvalidObject', message: 'quantity', field: 'quantity' }] });
		let first = true;
		const { client, sent } = await clientWith(() => {
			if (first) {
				first = false;
				return invalid;
			}
			return json(200, []);
		});
		await expect(client.updateAdditionQuantity(1, 5, 2)).rejects.toMatchObject({ name: 'ConnectWiseApiError', status: 400, apiCode: 'InvalidObject' });
		await client.listAgreementTypes();
		expect(sent.map((request) => request.accept)).toEqual([ACCEPT_HEADER, ACCEPT_HEADER]);
	});

	it('repeats only once: a server that refuses the unversioned request too gives its error', async () => {
		const { client, sent } = await clientWith(() => json(400, REFUSAL));
		const failure = client.listAgreementTypes();
		await expect(failure).rejects.toBeInstanceOf(ConnectWiseApiError);
		await expect(failure).rejects.toMatchObject({ status: 400, apiCode: 'ConnectWiseApi' });
		await expect(client.listAgreementTypes()).rejects.toBeInstanceOf(ConnectWiseApiError);
		expect(sent.map((request) => request.accept)).toEqual([ACCEPT_HEADER, UNVERSIONED, UNVERSIONED]);
	});

	it('leaves /login/companyinfo on application/json', async () => {
		const sent: Array<string | undefined> = [];
		const transport = {
			send: async (request: HttpRequest) => {
				sent.push(request.headers?.Accept);
				return json(200, { CompanyName: 'Acme', Codebase: 'v2019_5/', VersionCode: 'v2019.5', VersionNumber: 'v2019.5.1', CompanyID: 'acme', IsCloud: 'False' });
			},
		};
		const executor = new RequestExecutor({ transport, clock: { now: () => 0, sleep: async () => {} } });
		const client = await ConnectWiseClient.connect(executor, { origin: ORIGIN, codebase: null, companyId: 'acme' });
		expect(client.apiBase).toBe(`${ORIGIN}/v2019_5/apis/3.0`);
		expect(sent).toEqual(['application/json']);
	});
});
