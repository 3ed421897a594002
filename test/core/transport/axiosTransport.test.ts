import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAxiosTransport } from '../../support/axiosTransport';

/**
 * The transport the sandbox tooling, the e2e driver and the benchmark use outside n8n reads each body from the
 * response stream itself (so that no copy of a large body outlives the request): text as sent, every status,
 * a body cut short or stalled as no response.
 */
describe('axios transport (outside n8n)', () => {
	let server: Server;
	let base: string;
	const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();

	beforeAll(async () => {
		server = createServer((req, res) => (routes.get(req.url ?? '') ?? ((_, r) => r.writeHead(404).end()))(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	const transport = createAxiosTransport({ Authorization: 'Bearer t' });
	afterAll(() => transport.close());

	it('gives the body as text, in any number of chunks, non-ASCII included, a leading BOM removed', async () => {
		const text = JSON.stringify([{ name: 'Société Générale – Zürich', emoji: '✓' }]);
		const bytes = Buffer.from(`\uFEFF${text}`, 'utf8');
		routes.set('/chunked', (_, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			// Split inside multi-byte characters too.
			for (let at = 0; at < bytes.length; at += 3) res.write(bytes.subarray(at, at + 3));
			res.end();
		});
		expect(await transport.send({ method: 'GET', url: `${base}/chunked`, timeoutMs: 5000 })).toEqual({
			status: 200,
			headers: expect.objectContaining({ 'content-type': 'application/json' }),
			bodyText: text,
		});
	});

	it('resolves every status with its body, sends the body and the credential headers', async () => {
		routes.set('/echo', (req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => res.writeHead(409, { 'Retry-After': '3' }).end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization })));
		});
		const response = await transport.send({ method: 'POST', url: `${base}/echo`, body: { a: 1 }, headers: { 'Content-Type': 'application/json' }, timeoutMs: 5000 });
		expect(response).toEqual({ status: 409, headers: expect.objectContaining({ 'retry-after': '3' }), bodyText: '{"method":"POST","body":"{\\"a\\":1}","auth":"Bearer t"}' });
		routes.set('/empty', (_, res) => res.writeHead(204).end());
		expect(await transport.send({ method: 'GET', url: `${base}/empty`, timeoutMs: 5000 })).toMatchObject({ status: 204, bodyText: '' });
	});

	it('a body cut short is no response (network)', async () => {
		routes.set('/cut', (_, res) => {
			res.writeHead(200, { 'Content-Length': '1000' });
			res.write('[{"a":');
			setTimeout(() => res.socket?.destroy(), 20);
		});
		expect(await transport.send({ method: 'GET', url: `${base}/cut`, timeoutMs: 5000 })).toMatchObject({ noResponse: 'network' });
	});

	it('a body that stalls is no response (timeout), within the request time', async () => {
		routes.set('/stall', (_, res) => {
			res.writeHead(200, { 'Content-Length': '1000' });
			res.write('[');
		});
		const started = Date.now();
		expect(await transport.send({ method: 'GET', url: `${base}/stall`, timeoutMs: 300 })).toEqual({ noResponse: 'timeout', message: 'no answer within 300 ms' });
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('a server that never answers is no response (timeout); a closed port is no response (network)', async () => {
		routes.set('/silent', () => undefined);
		expect(await transport.send({ method: 'GET', url: `${base}/silent`, timeoutMs: 200 })).toMatchObject({ noResponse: 'timeout' });
		expect(await transport.send({ method: 'GET', url: 'http://127.0.0.1:9/', timeoutMs: 2000 })).toMatchObject({ noResponse: 'network' });
	});
});
