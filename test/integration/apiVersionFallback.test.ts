import { ACCEPT_HEADER, ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { connectWiseAuthHeaders, parseConnectWiseCredentials } from '../../nodes/core/connectwise/credentials';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import type { HttpRequest } from '../../nodes/core/transport/http';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { tinyCwState } from '../../sandbox/test/support/fixtures';
import { createAxiosTransport, systemClock } from '../support/axiosTransport';
import { runCoreSync, SANDBOX_CW_CREDENTIAL } from '../support/coreSync';
import { stateLines } from '../support/outcome';

const UNVERSIONED = 'application/vnd.connectwise.com+json';
const fast = { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 1500 };
/** The sandboxes a test started, stopped after it. */
const sandboxes: Sandbox[] = [];

async function start(options: SandboxOptions): Promise<Sandbox> {
	const sandbox = await startSandbox(options);
	sandboxes.push(sandbox);
	return sandbox;
}

/**
 * A client on the sandbox over the axios transport, recording the Accept header of every request it sends:
 * the sandbox journal records statuses but not request headers.
 */
async function clientOn(sandbox: Sandbox, codebase = 'v4_6_release/') {
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url, allowPlainHttp: true, codebase });
	const axios = createAxiosTransport(connectWiseAuthHeaders(connection));
	const sent: Array<{ method: string; url: string; accept: string | undefined }> = [];
	const transport = {
		send: (request: HttpRequest) => {
			sent.push({ method: request.method, url: request.url, accept: request.headers?.Accept });
			return axios.send(request);
		},
	};
	const executor = new RequestExecutor({ transport, clock: systemClock, concurrency: 4 });
	const client = await ConnectWiseClient.connect(executor, connection);
	return { client, sent, close: () => axios.close() };
}

/** A full read of one customer (types, company, agreements, catalog, additions) and a quantity change. */
async function readAndPatch(client: ConnectWiseClient): Promise<void> {
	const types = await client.listAgreementTypes();
	expect(types.map((type) => type.name)).toContain('Cloud and Hosting Services');
	const companies = await client.findCompanies(['ACME', "O'Brien"]);
	expect(companies.map((company) => company.id).sort()).toEqual([1, 3]);
	const agreements = await client.findAgreements([1, 3], 1);
	expect(agreements.map((agreement) => agreement.id).sort()).toEqual([10, 12]);
	expect((await client.findCatalogItems(['M365-BP'])).map((item) => item.identifier)).toEqual(['M365-BP']);
	const additions = await client.listAdditions(10);
	expect(additions.map((addition) => addition.id)).toEqual([500, 501, 503]);
	const updated = await client.updateAdditionQuantity(10, 500, 7);
	expect(updated.quantity).toBe(7);
}

describe('model version fallback against the sandbox', () => {
	afterEach(async () => {
		await Promise.all(sandboxes.splice(0).map((started) => started.stop()));
	});

	it('on a server older than 2025.1, reads and patches: one refused request, then only unversioned ones', async () => {
		const sandbox = await start({ connectwise: { seed: tinyCwState(), config: { apiVersion: '2019.5' } } });
		const { client, sent, close } = await clientOn(sandbox);
		try {
			await readAndPatch(client);
		} finally {
			close();
		}
		expect(sandbox.cw.state().additions.find((addition) => addition.id === 500)?.quantity).toBe(7);
		const journal = sandbox.cw.journal();
		// The first request is refused, repeated at once without the version, and every later one goes without it.
		expect(journal.map((entry) => entry.status)).toEqual([400, ...journal.slice(1).map(() => 200)]);
		expect(journal[0].route).toBe('finance/agreements/types');
		expect(journal[1].route).toBe('finance/agreements/types');
		expect(journal[journal.length - 1]).toMatchObject({ method: 'PATCH', route: 'finance/agreements/10/additions/500', status: 200 });
		expect(sent).toHaveLength(journal.length);
		expect(sent.map((request) => request.accept)).toEqual([ACCEPT_HEADER, ...sent.slice(1).map(() => UNVERSIONED)]);
	});

	it('on the default server, no request is refused and every request carries version=2025.1', async () => {
		const sandbox = await start({ connectwise: { seed: tinyCwState() } });
		const { client, sent, close } = await clientOn(sandbox);
		try {
			await readAndPatch(client);
		} finally {
			close();
		}
		const journal = sandbox.cw.journal();
		expect(journal.length).toBeGreaterThan(5);
		expect(journal.filter((entry) => entry.status !== 200)).toEqual([]);
		expect(sent).toHaveLength(journal.length);
		for (const request of sent) expect(request.accept).toBe('application/vnd.connectwise.com+json; version=2025.1');
	});

	it('discovers the codebase (companyinfo) and tests credentials (system/info, no version) on an older server', async () => {
		const sandbox = await start({ connectwise: { seed: tinyCwState(), config: { apiVersion: '2019.5' } } });
		// The credential's test request: GET /system/info with Accept: application/json, never versioned.
		const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url });
		const probe = await fetch(`${sandbox.cw.apiBase}/system/info`, { headers: { Accept: 'application/json', ...connectWiseAuthHeaders(connection) } });
		expect(probe.status).toBe(200);
		const { client, sent, close } = await clientOn(sandbox, '');
		try {
			expect(client.apiBase).toBe(`${sandbox.cw.url}/v2025_1/apis/3.0`);
			expect((await client.systemInfo()).version).toMatch(/^v/);
			expect((await client.systemInfo()).version).toMatch(/^v/);
		} finally {
			close();
		}
		expect(sent.map((request) => request.accept)).toEqual(['application/json', ACCEPT_HEADER, UNVERSIONED, UNVERSIONED]);
		expect(sandbox.cw.journal().map((entry) => entry.status)).toEqual([200, 200, 400, 200, 200]);
	});

	it('runs the whole demo sync on an older server to the same end state and requests as the default server, plus one refusal', async () => {
		const reference = await demoSyncOn('2025.1');
		const older = await demoSyncOn('2019.5');
		expect(reference.writes).toBeGreaterThan(0);
		expect(older.state).toEqual(reference.state);
		expect(older.journal[0]).toBe('GET finance/agreements/types 400');
		expect(older.journal[1]).toBe('GET finance/agreements/types 200');
		expect(older.journal.slice(1).sort()).toEqual([...reference.journal].sort());
	});
});

/** The demo synced (creates allowed) on a server at `apiVersion`: the additions it ends with and its journal. */
async function demoSyncOn(apiVersion: string) {
	const sandbox = await start({ dataset: cloneDemoDataset(), connectwise: { config: { apiVersion } } });
	await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, ...fast });
	const journal = sandbox.cw.journal();
	return {
		state: stateLines(sandbox.cw.state()),
		journal: journal.map((entry) => `${entry.method} ${entry.route} ${entry.status}`),
		writes: journal.filter((entry) => entry.method !== 'GET').length,
	};
}
