/**
 * (b) What httpRequestWithAuthentication returns and throws (n8n-core 2.41, axios under
 * @n8n/backend-network), measured through a real workflow run against a local server. HARNESS.md
 * summarises the answers.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { runWorkflow } from '../n8n/harness';
import { type Reply, type RecordingServer, startRecordingServer } from '../n8n/recordingServer';
import { AuthProbe, PROBE_TYPE, probeWorkflow } from './probeNode';

const nodeTypes = { [PROBE_TYPE]: new AuthProbe() };

/** The option set that hands back status, headers and the body text for any status, unparsed. */
const RAW: Partial<IHttpRequestOptions> = {
	returnFullResponse: true,
	ignoreHttpStatusErrors: true,
	encoding: 'text',
	json: false,
};

describe('httpRequestWithAuthentication transport behaviour', () => {
	let server: RecordingServer;

	beforeAll(async () => {
		server = await startRecordingServer();
	});

	afterAll(async () => {
		await server.close();
	});

	async function send(reply: Reply, request: Partial<IHttpRequestOptions>, baseUrl = server.url) {
		server.reply(reply);
		const result = await runWorkflow(
			probeWorkflow({
				credentialType: 'atriaApi',
				request: { method: 'GET', url: '/probe', ...request },
				captureErrors: true,
			}),
			{ nodeTypes, credentials: { atriaApi: { baseUrl, apiToken: 'token' } } },
		);
		expect(result.status).toBe('success');
		return result.json('Probe')[0] as { response?: IDataObject; error?: IDataObject };
	}

	describe('raw responses', () => {
		it.each([
			[200, 'application/json', '[{"id":1}]'],
			[201, 'application/json', '{"id":7}'],
			[204, undefined, ''],
			[400, 'application/json', '{"code":"InvalidObject","message":"bad","errors":[]}'],
			[401, 'application/json', '{"code":"Unauthorized","message":"nope"}'],
			[404, 'text/html', '<h1>Not found</h1>'],
			[429, 'application/json', '{"error":"ConnectWiseAPI","message":"Too many requests."}'],
			[500, 'text/plain', 'boom'],
			[200, 'application/json', '{not json'],
		])('status %i (%s) comes back as {statusCode, headers, body text} without throwing', async (status, type, body) => {
			const headers: Record<string, string> = { 'x-probe': 'yes', 'retry-after': '30' };
			if (type) headers['content-type'] = type;
			const { response, error } = await send({ status, headers, body }, RAW);
			expect(error).toBeUndefined();
			expect(response).toEqual(
				expect.objectContaining({
					statusCode: status,
					bodyType: 'string',
					body,
					headersClass: 'AxiosHeaders',
					headers: expect.objectContaining({ 'x-probe': 'yes', 'retry-after': '30' }),
				}),
			);
		});

		it('headers arrive as an AxiosHeaders object with lower-case names (a Link header is headers.link)', async () => {
			const link = '<https://x/apis/3.0/company/companies?page=2>; rel="next"';
			const { response } = await send({ status: 200, headers: { Link: link }, body: '[]' }, RAW);
			expect(response?.headersIsPlainObject).toBe(false);
			expect((response?.headers as IDataObject).link).toBe(link);
		});

		it('without encoding:"text" a JSON body is parsed (and invalid JSON silently stays a string)', async () => {
			const json = await send(
				{ status: 200, headers: { 'content-type': 'application/json' }, body: '[{"id":1}]' },
				{ returnFullResponse: true },
			);
			expect(json.response).toEqual(expect.objectContaining({ bodyType: 'object', body: [{ id: 1 }] }));
			const broken = await send(
				{ status: 200, headers: { 'content-type': 'application/json' }, body: '{not json' },
				{ returnFullResponse: true },
			);
			expect(broken.response).toEqual(expect.objectContaining({ bodyType: 'string', body: '{not json' }));
		});

		it('without returnFullResponse only the (parsed) body comes back', async () => {
			const { response } = await send({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, {});
			expect(response).toEqual({ bodyType: 'object', body: { a: 1 } });
		});
	});

	describe('thrown errors', () => {
		it('a non-2xx without ignoreHttpStatusErrors throws NodeApiError(httpCode, cause = AxiosError with response)', async () => {
			const { error } = await send(
				{ status: 401, headers: { 'content-type': 'application/json' }, body: '{"code":"Unauthorized","message":"nope"}' },
				{ returnFullResponse: true },
			);
			expect(error).toEqual({
				className: 'NodeApiError',
				isNodeApiError: true,
				name: 'NodeApiError',
				message: 'Authorization failed - please check your credentials',
				description: 'nope',
				httpCode: '401',
				code: null,
				causeClassName: 'AxiosError',
				causeName: 'AxiosError',
				causeMessage: 'Request failed with status code 401',
				causeCode: 'ERR_BAD_REQUEST',
				causeResponseStatus: 401,
			});
		});

		it('ignoreHttpStatusErrors: {ignore: true, except: [401]} throws only for the listed statuses', async () => {
			const ignored = await send({ status: 404, body: 'x' }, { ...RAW, ignoreHttpStatusErrors: { ignore: true, except: [401] } });
			expect(ignored.response?.statusCode).toBe(404);
			const thrown = await send({ status: 401, body: 'x' }, { ...RAW, ignoreHttpStatusErrors: { ignore: true, except: [401] } });
			expect(thrown.error?.httpCode).toBe('401');
		});

		it('a connection reset throws NodeApiError, httpCode and cause.code ECONNRESET, even with ignoreHttpStatusErrors', async () => {
			const { error } = await send({ reset: true }, RAW);
			expect(error).toEqual(
				expect.objectContaining({
					className: 'NodeApiError',
					message:
						'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
					description: null,
					httpCode: 'ECONNRESET',
					causeClassName: 'AxiosError',
					causeMessage: 'socket hang up',
					causeCode: 'ECONNRESET',
					causeResponseStatus: null,
				}),
			);
		});

		it('a timeout (request option `timeout`, ms) throws NodeApiError, httpCode and cause.code ECONNABORTED', async () => {
			const { error } = await send({ hang: true }, { ...RAW, timeout: 300 });
			expect(error).toEqual(
				expect.objectContaining({
					className: 'NodeApiError',
					message: 'The connection was aborted, perhaps the server is offline',
					description: null,
					httpCode: 'ECONNABORTED',
					causeClassName: 'AxiosError',
					causeMessage: 'timeout of 300ms exceeded',
					causeCode: 'ECONNABORTED',
					causeResponseStatus: null,
				}),
			);
		});

		it('a refused connection throws NodeApiError, httpCode and cause.code ECONNREFUSED', async () => {
			const closed = await startRecordingServer();
			const closedUrl = closed.url;
			await closed.close();
			const { error } = await send({ status: 200 }, RAW, closedUrl);
			expect(error).toEqual(
				expect.objectContaining({
					className: 'NodeApiError',
					message: 'The service refused the connection - perhaps it is offline',
					httpCode: 'ECONNREFUSED',
					causeCode: 'ECONNREFUSED',
					causeMessage: expect.stringMatching(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
				}),
			);
		});

		it('an uncaught error fails the run: status error, the node in nodeErrors, the message on result.error', async () => {
			server.reply({ reset: true });
			const result = await runWorkflow(
				probeWorkflow({ credentialType: 'atriaApi', request: { method: 'GET', url: '/probe' } }),
				{ nodeTypes, credentials: { atriaApi: { baseUrl: server.url, apiToken: 'token' } } },
			);
			expect(result.status).toBe('error');
			expect(Object.keys(result.nodeErrors)).toEqual(['Probe']);
			expect(result.error?.message).toBe(
				'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
			);
			expect(result.error).toEqual(expect.objectContaining({ node: expect.objectContaining({ name: 'Probe' }) }));
			expect(result.executionOrder).toEqual(['Start', 'Probe']);
		});
	});
});
