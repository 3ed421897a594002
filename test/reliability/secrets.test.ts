import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AtriaClient, parseAtriaCredentials } from '../../nodes/core/atria/client';
import { parseConnectWiseCredentials } from '../../nodes/core/connectwise/credentials';
import { isCwCodedError } from '../../nodes/core/errors';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import { PACKAGE_ROOT, testCredential } from '../n8n/harness';
import { runSync } from '../nodes/workflow';
import { type FaultRule } from '../../sandbox';
import { createAxiosTransport, systemClock } from '../support/axiosTransport';
import { runCoreSync, SANDBOX_CW_CREDENTIAL } from '../support/coreSync';
import { FAST } from './faults/matrix';
import { faultDataset } from './support/faultDataset';
import { Tally } from './support/summary';
import { suiteSandbox } from './support/suiteSandbox';

/**
 * The private key, public key, client ID and Atria token never appear in an output item, a log entry, an
 * error, n8n's execution data or a test snapshot, on success or failure. The sandbox is configured with
 * distinctive values so a leak cannot hide among ordinary words; wrong values a user might type are secrets
 * too. Plain HTTP is refused for every host but loopback unless the credential allows it.
 */
const KEY = { companyId: 'acme-msp', publicKey: 'PUBK3y-7f3a9c2e', privateKey: 'PR1V-b81d2e5f0a', clientId: 'c1e4d7a0-5b6f-4c2d-9e8a-1234567890ab' };
const TOKEN = 'ATRIA-T0KEN-5e9f1b77';
const WRONG = { privateKey: 'PR1V-WRONG-0c9d8e', publicKey: 'PUBK3y-WRONG-31aa', token: 'ATRIA-WRONG-44aa90', clientId: 'CLIENT-not-a-guid-zz81' };

const basic = (privateKey: string, publicKey = KEY.publicKey) => Buffer.from(`${KEY.companyId}+${publicKey}:${privateKey}`).toString('base64');
/** Everything that must never be seen: the values, and the Authorization header values built from them. */
const NEEDLES = [
	KEY.publicKey,
	KEY.privateKey,
	KEY.clientId,
	TOKEN,
	...Object.values(WRONG),
	basic(KEY.privateKey),
	basic(WRONG.privateKey),
	basic(KEY.privateKey, WRONG.publicKey),
	// The demo's own credentials, for the snapshot and demo-output check.
	'sandbox-private',
	'sandbox-public',
	'sandbox-token',
	SANDBOX_CW_CREDENTIAL.clientId!,
];

const tally = new Tally();

function expectNoSecret(what: string, value: unknown, counted = true): void {
	const text = typeof value === 'string' ? value : JSON.stringify(value, (_key, inner: unknown) => (inner instanceof Error ? { ...inner, name: inner.name, message: inner.message, stack: inner.stack } : inner));
	for (const needle of NEEDLES) {
		if (text.includes(needle)) throw new Error(`${what} contains a secret (${needle.slice(0, 4)}…)`);
	}
	if (counted) tally.add('outputsSearched');
}

describe('secrets', () => {
	const sandbox = suiteSandbox(() => ({ dataset: faultDataset(), connectwise: { config: { keys: [KEY, { ...KEY, publicKey: 'READONLY-pub', privateKey: 'READONLY-priv', readOnly: true }] } }, atria: { config: { tokens: [TOKEN] } } }), 'secrets', tally);

	const core = (overrides: { cw?: Record<string, unknown>; token?: string } = {}) =>
		runCoreSync({
			cwUrl: sandbox.cw.url,
			atriaUrl: sandbox.atria.url,
			allowCreateAdditions: true,
			cwCredential: { ...KEY, ...overrides.cw },
			atriaToken: overrides.token ?? TOKEN,
			retry: { ...FAST, maxAttempts: 2 },
			timeoutMs: 300,
		});
	const nodes = (overrides: { cw?: Record<string, unknown>; atria?: Record<string, unknown> } = {}, continueOnFail = false) =>
		runSync(sandbox, { continueOnFail }, { cw: { ...KEY, ...overrides.cw }, atria: { apiToken: TOKEN, ...overrides.atria } });

	const faults: Array<[string, FaultRule[], FaultRule[]]> = [
		['no fault (success)', [], []],
		['a 500 on every companies read', [{ method: 'GET', path: 'company/companies', kind: 500 }], []],
		['a reset on every PATCH', [{ method: 'PATCH', kind: 'reset' }], []],
		['unreadable JSON for every POST', [{ method: 'POST', kind: 'malformed' }], []],
		['a 401 from Atria', [], [{ kind: 401 }]],
	];

	it.each(faults)('core run with %s: no secret in entries, plans or results', async (_what, cwFaults, atriaFaults) => {
		sandbox.cw.setFaults(cwFaults);
		sandbox.atria.setFaults(atriaFaults);
		const result = await core();
		expect(result.entries.length).toBeGreaterThan(1);
		expectNoSecret('core result', result);
	});

	it.each([
		['a wrong private key', 'CW02', { cw: { privateKey: WRONG.privateKey } }],
		['a wrong public key', 'CW02', { cw: { publicKey: WRONG.publicKey } }],
		['a wrong Atria token', 'CW03', { token: WRONG.token }],
		['a read-only API member (writes refused)', 'CW10', { cw: { publicKey: 'READONLY-pub', privateKey: 'READONLY-priv' } }],
	] as Array<[string, string, { cw?: Record<string, unknown>; token?: string }]>)('core run with %s (%s): no secret', async (_what, code, overrides) => {
		const result = await core(overrides);
		expect(result.entries.map((entry) => entry.code)).toContain(code);
		expectNoSecret('core result', result);
	});

	it.each([
		['a client ID that is not a GUID', { clientId: WRONG.clientId }],
		['a private key with a line break', { privateKey: `${KEY.privateKey}\nX-Injected: 1` }],
		['a public key with a colon', { publicKey: `${KEY.publicKey}:x` }],
	])('a credential with %s is refused (CW18) by an error that does not carry it', async (_what, change) => {
		const error = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, cwCredential: { ...KEY, ...change } }).catch((thrown: unknown) => thrown);
		expect(isCwCodedError(error) && error.code).toBe('CW18');
		expectNoSecret('thrown error', { message: (error as Error).message, stack: (error as Error).stack, error });
	});

	it.each([
		['success', {}, false],
		['a wrong private key', { cw: { privateKey: WRONG.privateKey } }, false],
		['a wrong private key, Continue On Fail', { cw: { privateKey: WRONG.privateKey } }, true],
		['a client ID that is not a GUID', { cw: { clientId: WRONG.clientId } }, false],
		['a private key with a line break', { cw: { privateKey: `${KEY.privateKey}\r\nX: 1` } }, false],
		['a wrong Atria token', { atria: { apiToken: WRONG.token } }, false],
		['a wrong Atria token, Continue On Fail', { atria: { apiToken: WRONG.token } }, true],
		['a read-only API member', { cw: { publicKey: 'READONLY-pub', privateKey: 'READONLY-priv' } }, false],
	] as Array<[string, { cw?: Record<string, unknown>; atria?: Record<string, unknown> }, boolean]>)(
		'n8n run, %s: no secret in items, errors or the execution data',
		async (what, overrides, continueOnFail) => {
			const result = await nodes(overrides, continueOnFail);
			if (what === 'success') expect(JSON.stringify(result.credentialsHelper.authenticatedRequests)).toContain(basic(KEY.privateKey));
			expectNoSecret('n8n execution data', result.run);
			expectNoSecret('n8n outputs', result.outputs);
			// Binary outputs (Emit CW Log's HTML report) are base64 in the run data: search them decoded.
			const binaries = Object.values(result.outputs).flat(3).flatMap((item) => Object.values(item.binary ?? {}));
			if (result.status === 'success') expect(binaries.length).toBeGreaterThan(0);
			for (const binary of binaries) expectNoSecret(`binary ${binary.fileName}`, Buffer.from(binary.data, 'base64').toString('utf8'));
			expectNoSecret('n8n errors', { error: result.error, nodeErrors: result.nodeErrors });
			// The token did travel, in the header n8n's credential added, so the search above is not vacuous.
			expect(JSON.stringify(result.credentialsHelper.authenticatedRequests)).toContain(String(overrides.atria?.apiToken ?? TOKEN));
		},
	);

	it('credential tests report failures without the secret', async () => {
		const cwData = { ...SANDBOX_CW_CREDENTIAL, ...KEY, customUrl: sandbox.cw.url };
		const results = [
			await testCredential('connectWiseManageApi', cwData),
			await testCredential('connectWiseManageApi', { ...cwData, privateKey: WRONG.privateKey }),
			await testCredential('connectWiseManageApi', { ...cwData, clientId: WRONG.clientId }),
			await testCredential('atriaApi', { baseUrl: sandbox.atria.url, apiToken: WRONG.token }),
			await testCredential('atriaApi', { baseUrl: sandbox.atria.url, apiToken: `${TOKEN} x` }),
		];
		expect(results.map((result) => result.status)).toEqual(['OK', 'Error', 'Error', 'Error', 'Error']);
		expectNoSecret('credential test results', results);
	});

	it('no jest snapshot and no demo output under the repository holds a secret', () => {
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				if (name === 'node_modules' || name === '.git') continue;
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (name.endsWith('.snap')) files.push(path);
			}
		};
		walk(join(PACKAGE_ROOT, 'test'));
		const demoOutput = join(PACKAGE_ROOT, 'demo-output');
		if (existsSync(demoOutput)) for (const name of readdirSync(demoOutput)) files.push(join(demoOutput, name));
		// How many there are depends on the working tree (demo output is generated), so only the search is counted.
		for (const file of files) expectNoSecret(file, readFileSync(file, 'utf8'), false);
		tally.add('outputsSearched');
	});

	describe('plain HTTP', () => {
		const cwHttp = { ...SANDBOX_CW_CREDENTIAL, ...KEY, customUrl: 'http://cw.invalid' };
		const atriaHttp = { baseUrl: 'http://atria.invalid', apiToken: TOKEN };

		it('is refused for a host that is not loopback unless Allow Plain HTTP is on (both credentials, nodes and credential tests)', async () => {
			expect(() => parseConnectWiseCredentials(cwHttp)).toThrow(/^CW18: .*Custom URL.*plain http/);
			expect(() => parseAtriaCredentials(atriaHttp)).toThrow(/^CW03: .*plain http/);
			const cw = await nodes({ cw: { customUrl: 'http://cw.invalid' } });
			expect(String(cw.error?.message)).toMatch(/^CW18: .*plain http/);
			const atria = await nodes({ atria: { baseUrl: 'http://atria.invalid' } });
			expect(String(atria.error?.message)).toMatch(/^CW03: .*plain http/);
			// Nothing was sent to either host.
			const sent = [...cw.credentialsHelper.authenticatedRequests, ...atria.credentialsHelper.authenticatedRequests].map((request) => String(request.url));
			expect(sent.filter((url) => url.includes('.invalid'))).toEqual([]);
			const cwTest = await testCredential('connectWiseManageApi', cwHttp);
			const atriaTest = await testCredential('atriaApi', atriaHttp);
			expect(cwTest.message).toMatch(/plain http/);
			expect(atriaTest.message).toMatch(/plain http/);
			expectNoSecret('plain http refusals', [cw.run, atria.run, cwTest, atriaTest]);
			tally.add('plainHttpChecks', 6);
		});

		it('loopback is allowed without it (the sandbox), under any loopback address', () => {
			for (const url of ['http://127.0.0.1:9', 'http://127.0.0.2:9', 'http://localhost:9', 'http://[::1]:9']) {
				expect(parseConnectWiseCredentials({ ...cwHttp, customUrl: url }).origin).toBe(url);
				expect(parseAtriaCredentials({ ...atriaHttp, baseUrl: url }).baseUrl).toBe(url);
			}
			tally.add('plainHttpChecks', 8);
		});

		it('with Allow Plain HTTP on, the request is attempted: a connection failure (CW02 / CW03), not the refusal', async () => {
			const cw = await runCoreSync({ cwUrl: 'http://cw.invalid', atriaUrl: sandbox.atria.url, cwCredential: { ...KEY, allowPlainHttp: true }, atriaToken: TOKEN, retry: { ...FAST, maxAttempts: 2 } });
			expect(cw.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW02', 'CW23']);
			expect(cw.entries[1].error).toMatch(/^reading agreement types: (ENOTFOUND|EAI_AGAIN)/);

			const { baseUrl } = parseAtriaCredentials({ ...atriaHttp, allowPlainHttp: true });
			const executor = new RequestExecutor({ transport: createAxiosTransport(), clock: systemClock, retry: { ...FAST, maxAttempts: 2 }, timeoutMs: 2000 });
			const atria = await new AtriaClient(executor, baseUrl).fetchBillingRows('2026-10-25', true).catch((error: unknown) => error);
			expect(isCwCodedError(atria) && [atria.code, atria.fields.error]).toEqual(['CW03', expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)/)]);

			// The credentials' own check (every n8n request goes through it) lets the request out too.
			const cwTest = await testCredential('connectWiseManageApi', { ...cwHttp, allowPlainHttp: true });
			const atriaTest = await testCredential('atriaApi', { ...atriaHttp, allowPlainHttp: true });
			for (const result of [cwTest, atriaTest]) {
				expect(result.status).toBe('Error');
				expect(result.message).not.toMatch(/plain http/);
				expect(result.message).toMatch(/ENOTFOUND|EAI_AGAIN|not found|could not|connect/i);
			}
			expectNoSecret('plain http attempts', [cw, String(atria), cwTest, atriaTest]);
			tally.add('plainHttpChecks', 4);
		});
	});
});
