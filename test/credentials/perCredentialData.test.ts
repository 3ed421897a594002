/**
 * A credential's `authenticate` works out what its data gives a request once per data object (n8n passes the
 * node run's one decrypted object for every request), and again whenever that object's values change: a
 * changed key, an added or removed field, or data that fails validation never reuses an earlier result.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { AtriaApi } from '../../credentials/AtriaApi.credentials';
import { ConnectWiseManageApi } from '../../credentials/ConnectWiseManageApi.credentials';
import * as connectWiseCredentials from '../../nodes/core/connectwise/credentials';

const request = (): IHttpRequestOptions => ({ method: 'GET', url: '/company/companies?pageSize=1', headers: { accept: 'application/json', authorization: 'Basic stale' } });

const cwData = (): ICredentialDataDecryptedObject => ({
	site: 'custom',
	customUrl: 'http://127.0.0.1:8611',
	codebase: 'v4_6_release/',
	companyId: 'atria_demo',
	publicKey: 'PubKey123',
	privateKey: 'PrivKey456',
	clientId: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c',
	allowPlainHttp: false,
});

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('authenticate derives once per credential data object', () => {
	const cw = new ConnectWiseManageApi();
	let parse: jest.SpyInstance;

	beforeEach(() => {
		parse = jest.spyOn(connectWiseCredentials, 'parseConnectWiseCredentials');
	});
	afterEach(() => parse.mockRestore());

	it('validates one data object once however many requests it authenticates, and every request gets the headers', async () => {
		const data = cwData();
		const results = [];
		for (let count = 0; count < 50; count++) results.push(await cw.authenticate(data, request()));
		expect(parse).toHaveBeenCalledTimes(1);
		for (const options of results) {
			expect(options.baseURL).toBe('http://127.0.0.1:8611/v4_6_release/apis/3.0');
			// The request's own Authorization (any case) is replaced, its other headers kept.
			expect(options.headers).toEqual({ accept: 'application/json', Authorization: basic('atria_demo+PubKey123:PrivKey456'), clientId: '3f2a6c1e-8b7d-4e0a-9c55-1d2e3f4a5b6c' });
		}
		// Each request gets its own headers object: n8n and axios may add to it.
		expect(results[0].headers).not.toBe(results[1].headers);
	});

	it('a key changed in place is used at once', async () => {
		const data = cwData();
		await cw.authenticate(data, request());
		data.privateKey = 'Rotated789';
		const options = await cw.authenticate(data, request());
		expect(options.headers?.Authorization).toBe(basic('atria_demo+PubKey123:Rotated789'));
		expect(parse).toHaveBeenCalledTimes(2);
	});

	it('a field added or removed is derived again', async () => {
		const data = cwData();
		await cw.authenticate(data, request());
		data.allowPlainHttp = true;
		data.extra = 'x';
		await cw.authenticate(data, request());
		delete data.extra;
		await cw.authenticate(data, request());
		expect(parse).toHaveBeenCalledTimes(3);
	});

	it('data made invalid after a good request fails, and keeps failing, with the CW code', async () => {
		const data = cwData();
		await cw.authenticate(data, request());
		data.publicKey = 'has:colon';
		await expect(cw.authenticate(data, request())).rejects.toThrow(/CW18/);
		await expect(cw.authenticate(data, request())).rejects.toThrow(/CW18/);
		data.publicKey = 'PubKey123';
		await expect(cw.authenticate(data, request())).resolves.toMatchObject({ headers: { Authorization: basic('atria_demo+PubKey123:PrivKey456') } });
	});

	it('the URL rule is still checked on every request: an absolute plain-http URL to another host is refused', async () => {
		const data = cwData();
		await cw.authenticate(data, request());
		await expect(cw.authenticate(data, { method: 'GET', url: 'http://example.com/x' })).rejects.toThrow(/not sending credentials to http:\/\/example.com\/x/);
	});

	it('Atria: a rotated token is sent at once', async () => {
		const atria = new AtriaApi();
		const data: ICredentialDataDecryptedObject = { baseUrl: 'http://127.0.0.1:8610', apiToken: 'first' };
		expect((await atria.authenticate(data, { method: 'GET', url: '/billing' })).headers).toEqual({ Authorization: 'Bearer first' });
		data.apiToken = 'second';
		expect((await atria.authenticate(data, { method: 'GET', url: '/billing' })).headers).toEqual({ Authorization: 'Bearer second' });
	});
});
