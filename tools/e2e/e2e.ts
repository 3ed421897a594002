/**
 * `npm run test:e2e`: the package in a real n8n, installed as users install it, with assertions.
 *
 * Regular mode (n8n's default SQLite database), workflow run with `n8n execute`:
 *   - ConnectWise ends exactly in the demo dataset's expected state (creating additions allowed), with the
 *     expected codes per customer; a second run makes zero writes;
 *   - the shipped workflow's Postgres node writes every log row into a real PostgreSQL table (checked with SQL);
 *   - n8n's node types list the four nodes and two credentials under the package's name; both credentials pass
 *     n8n's credential test; all four workflows/*.json import with only known node types and versions;
 *   - no execution data holds a sandbox secret;
 *   - the review workflow (workflows/review-and-approve.json): `n8n execute` writes the lines the review policy
 *     lets through and waits in its Send Email node (Send and Wait), whose email reaches an SMTP sink; the held
 *     lines stay untouched until the email's Approve link is opened against `n8n start`, then the resumed
 *     execution writes them, ConnectWise ends in the expected state and the log is in PostgreSQL.
 * Queue mode (EXECUTIONS_MODE=queue, Redis, PostgreSQL as n8n's database, one `n8n worker`): the same workflow
 * behind a webhook trigger (`n8n execute` falls back to regular mode in queue mode), the same results, and the
 * worker's log shows that the worker ran each execution.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codesOfKind } from '../../nodes/core/codes/catalogue';
import type { LogRow } from '../../nodes/core/log/run';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset, DEMO_BILLING_PERIOD_END } from '../../sandbox/data/demo';
import type { ExpectedOutcome } from '../../sandbox/model';
import { expectedLines, stateLines } from '../../test/support/outcome';
import { Checks } from './checks';
import { buildAndPack, type PackedPackage } from './communityPackage';
import { freePort, type N8n, type N8nServer } from './n8n';
import { installSignalHandlers, onCleanup, runCleanups, wasInterrupted } from './processes';
import { EditorSession, LOCAL_OWNER, PublicApi } from './rest';
import { approveReview, runReviewUntilApproval } from './review';
import { ensureN8nRuntime, formatSeconds, REPO_ROOT, type N8nRuntime } from './runtime';
import {
	CREDENTIALS,
	documentedCwLogTable,
	executeWorkflow,
	freshUserFolder,
	importCredentials,
	importWorkflows,
	newInstallation,
	readLogRows,
	readSummary,
	runSeconds,
	say,
	timed,
	type ExecutionRun,
} from './scenario';
import { clearRedisPrefix, ensurePostgres, ensureRedis, POSTGRES, REDIS, Sql } from './services';
import { startSmtpSink } from './smtpSink';
import { emitNodeName, headlessVariant, PACKAGE_NAME, postgresTable, readShippedWorkflow, reviewVariant, SHIPPED_WORKFLOWS, type WorkflowJson } from './workflows';

const REGULAR_WORKFLOW_ID = 'AtriaCwE2eManual';
const QUEUE_WORKFLOW_ID = 'AtriaCwE2eQueue1';
const REVIEW_WORKFLOW_ID = 'AtriaCwE2eReview';
/** Per run (two runs on one machine never share a database); both are dropped at the end. */
const LOG_DATABASE = `atria_cw_e2e_${process.pid}`;
const N8N_DATABASE = `n8n_e2e_${process.pid}`;
const SECRETS = ['sandbox-private', 'sandbox-token'];
/** Codes that only a change produces: a second run must log none of them. */
const CHANGE_CODES: string[] = [...codesOfKind('write')];
const EXPECTED_NODES = ['applyAdditions', 'emitCwLog', 'getBillingData', 'reconcileAgreement'].map((name) => `${PACKAGE_NAME}.${name}`);
const EXPECTED_CREDENTIALS = ['atriaApi', 'connectWiseManageApi'];

const checks = new Checks();
const timings = new Map<string, number>();

/**
 * The customers of the billing model: a line cancelling ahead (KEA), NoCharge beside Billable (TOTARA), credits
 * (RIMU), a line starting later (KOTARE), a fraction (PIPI), services that left (HOKI, TAKAHE), lines that take
 * no quantity (MANUKA), two prices (TUATARA), a replaced line (WEKA), included units (KARAKA).
 */
const BILLING_MODEL_CUSTOMERS = ['KEA', 'TOTARA', 'RIMU', 'KOTARE', 'PIPI', 'HOKI', 'TAKAHE', 'MANUKA', 'TUATARA', 'WEKA', 'KARAKA'];

function checkBillingModel(label: string, sandbox: Sandbox, expected: ExpectedOutcome, rows: readonly LogRow[]): void {
	const state = cloneDemoDataset().connectwise;
	const agreements = new Set(
		state.agreements.filter((agreement) => BILLING_MODEL_CUSTOMERS.includes(agreement.company.identifier)).map((agreement) => `${agreement.id}|`),
	);
	const ofThem = (lines: string[]) => lines.filter((line) => [...agreements].some((prefix) => line.startsWith(prefix)));
	checks.equal(`${label}: the billing-model customers' lines (dates, who pays, credits, services that left) are as expected`, ofThem(stateLines(sandbox.cw.state())), ofThem(expectedLines(expected.additions)));
	const codes = codesByCustomer(rows);
	checks.equal(
		`${label}: the billing-model customers log ACW05, ACW06 and ACW07 where expected`,
		BILLING_MODEL_CUSTOMERS.map((code) => [code, codes[code] ?? []]),
		BILLING_MODEL_CUSTOMERS.map((code) => [code, expected.codesByCustomer[code] ?? []]),
	);
}

function codesByCustomer(rows: readonly LogRow[]): Record<string, string[]> {
	const codes: Record<string, string[]> = {};
	for (const row of rows) {
		if (row.code === 'CW01' || row.code === 'CW23' || row.customerCode === '') continue;
		(codes[row.customerCode] ??= []).push(row.code);
	}
	for (const list of Object.values(codes)) list.sort();
	return codes;
}

function cwWrites(sandbox: Sandbox) {
	return sandbox.cw.journal().filter((entry) => entry.method !== 'GET');
}

/** The rows as the Postgres node stored them, in insert order, compared on what identifies a row. */
async function checkLogTable(label: string, sql: Sql, workflow: WorkflowJson, rows: readonly LogRow[]): Promise<void> {
	const table = postgresTable(workflow);
	if (!checks.check(`${label}: the workflow has its Postgres node`, table !== undefined)) return;
	const runId = rows[0]?.runId;
	const stored = await sql.query<{ code: string; customerCode: string; sku: string; quantityAfter: string | null }>(
		`SELECT code, "customerCode", sku, "quantityAfter" FROM ${table!.schema}.${table!.table} WHERE "runId" = $1`,
		[runId],
	);
	checks.check(`${label}: PostgreSQL ${table!.table} has one row per log entry (${rows.length})`, stored.length === rows.length, () => `${stored.length} rows`);
	// The README's table has no serial column, so rows are compared as sorted lists.
	const sorted = (list: unknown[][]) => list.map((row) => JSON.stringify(row)).sort();
	checks.equal(
		`${label}: PostgreSQL rows carry the entries' codes, customers, SKUs and quantities`,
		sorted(stored.map((row) => [row.code, row.customerCode, row.sku, row.quantityAfter === null ? null : Number(row.quantityAfter)])),
		// n8n's Postgres node turns '' into NULL for number columns in place, so the stored execution shows null too.
		sorted(rows.map((row) => [row.code, row.customerCode, row.sku, (row.quantityAfter as unknown) === '' || row.quantityAfter === null ? null : row.quantityAfter])),
	);
}

function checkFirstRun(label: string, sandbox: Sandbox, expected: ExpectedOutcome, rows: readonly LogRow[], status: string): void {
	checks.equal(`${label}: ConnectWise holds exactly the expected additions`, stateLines(sandbox.cw.state()), expectedLines(expected.additions));
	checks.equal(`${label}: the codes per customer are the expected ones`, codesByCustomer(rows), expected.codesByCustomer);
	checks.check(`${label}: the log opens with CW01 and closes with CW23`, rows[0]?.code === 'CW01' && rows.at(-1)?.code === 'CW23', () =>
		`${rows[0]?.code} ... ${rows.at(-1)?.code}`,
	);
	checks.check(`${label}: the run status is Failed (the demo's bundle product is a CW12 error)`, status === 'Failed', () => status);
	checks.check(`${label}: ConnectWise was written to`, cwWrites(sandbox).length > 0);
	checkBillingModel(label, sandbox, expected, rows);
	// Updated lines that stay at their quantity (a line set to 0 is not "already at" Atria's on a second run: it is).
	firstRunWrites.set(
		label.split(',')[0],
		rows.filter((row) => row.code === 'CW07' && row.outcome === 'applied').map((row) => `${row.customerCode}|${row.additionId}`),
	);
}

/** The lines each mode's first run updated, by mode ('regular', 'queue'). */
const firstRunWrites = new Map<string, string[]>();

function checkSecondRun(label: string, sandbox: Sandbox, expected: ExpectedOutcome, rows: readonly LogRow[]): void {
	const writes = cwWrites(sandbox);
	checks.check(`${label}: zero writes (no POST, PATCH, PUT or DELETE in the sandbox journal)`, writes.length === 0, () =>
		writes.map((entry) => `${entry.method} ${entry.path}`).join('\n'),
	);
	const changes = rows.filter((row) => CHANGE_CODES.includes(row.code) || row.outcome === 'applied');
	checks.check(`${label}: no change codes (${CHANGE_CODES.join(', ')}), only CW09 or ACW09 for the lines`, changes.length === 0, () =>
		changes.map((row) => `${row.code} ${row.customerCode} ${row.sku}`).join('\n'),
	);
	checks.check(`${label}: lines the demo's data left alone are logged as CW09`, rows.some((row) => row.code === 'CW09'));
	// The first run changed these after the period ended: the second run says so, with when and by whom.
	const written = firstRunWrites.get(label.split(',')[0]) ?? [];
	const already = new Set(rows.filter((row) => row.code === 'ACW09').map((row) => `${row.customerCode}|${row.additionId}`));
	const notRecognised = written.filter((key) => !already.has(key));
	checks.check(`${label}: every line the first run updated is logged as ACW09 (${written.length})`, written.length > 0 && notRecognised.length === 0, () => notRecognised.join(', '));
	checks.equal(`${label}: ConnectWise still holds the expected additions`, stateLines(sandbox.cw.state()), expectedLines(expected.additions));
}

function checkNoSecrets(label: string, text: string): void {
	const found = SECRETS.filter((secret) => text.includes(secret));
	checks.check(`${label}: no sandbox secret in the execution data (${SECRETS.join(', ')})`, found.length === 0, () => `found ${found.join(', ')}`);
}

async function logDatabase(runtime: N8nRuntime): Promise<Sql> {
	const sql = Sql.forRuntime(runtime, LOG_DATABASE);
	await sql.dropDatabasesOfEndedRuns(/^(?:atria_cw_e2e|n8n_e2e)_(\d+)$/);
	await sql.recreate();
	onCleanup(() => sql.drop());
	await sql.query(documentedCwLogTable());
	return sql;
}

/** Regular mode: SQLite, `n8n execute`, then `n8n start` for the REST checks. */
async function regularMode(runtime: N8nRuntime, packed: PackedPackage, sql: Sql): Promise<void> {
	say('\nRegular mode (SQLite, n8n execute)');
	const dataset = cloneDemoDataset();
	const expected = dataset.expected!.createAllowed;
	const sandbox = await startSandbox({ dataset });
	onCleanup(() => sandbox.stop());
	const userFolder = freshUserFolder('e2e');
	const n8n = await timed('package installed as a community package', () => newInstallation(runtime, packed, userFolder), timings);
	const workflow = headlessVariant({
		id: REGULAR_WORKFLOW_ID,
		name: 'Atria to ConnectWise: Monthly Billing Sync (e2e)',
		trigger: { kind: 'manual' },
		billingPeriodEnd: DEMO_BILLING_PERIOD_END,
		allowCreateAdditions: true,
		minimumLevel: 'Verbose',
		credentials: CREDENTIALS,
	});
	const review = reviewVariant({
		id: REVIEW_WORKFLOW_ID,
		name: 'Atria to ConnectWise: apply safe changes, approve the rest (e2e)',
		billingPeriodEnd: DEMO_BILLING_PERIOD_END,
		allowCreateAdditions: true,
		credentials: CREDENTIALS,
	});
	const smtp = await startSmtpSink();
	onCleanup(() => smtp.close());
	await timed(
		'credentials and workflows imported',
		async () => {
			await importCredentials(n8n, sandbox, sql.database, smtp);
			await importWorkflows(n8n, [
				...SHIPPED_WORKFLOWS.map((file) => ({ workflow: readShippedWorkflow(file), fileName: `shipped-${file}` })),
				{ workflow, fileName: 'e2e-workflow.json' },
				{ workflow: review, fileName: 'e2e-review-workflow.json' },
			]);
		},
		timings,
	);
	const emitNode = emitNodeName(workflow);

	const first = await timed('first run (n8n execute)', () => executeWorkflow(n8n, REGULAR_WORKFLOW_ID, 'execute-1.log'), timings);
	say(`    the workflow itself ran ${runSeconds(first.run)}`);
	const firstRows = readLogRows(first.run, emitNode);
	checkFirstRun('regular, first run', sandbox, expected, firstRows, readSummary(first.run, emitNode).status);
	await checkLogTable('regular, first run', sql, workflow, firstRows);

	sandbox.cw.clearJournal();
	const second = await timed('second run (n8n execute)', () => executeWorkflow(n8n, REGULAR_WORKFLOW_ID, 'execute-2.log'), timings);
	say(`    the workflow itself ran ${runSeconds(second.run)}`);
	const secondRows = readLogRows(second.run, emitNode);
	checkSecondRun('regular, second run', sandbox, expected, secondRows);
	await checkLogTable('regular, second run', sql, workflow, secondRows);
	checkNoSecrets('regular, n8n execute output', first.stdout + second.stdout);

	// The review workflow from the demo's data again: safe lines at once, the rest after the email's Approve link.
	sandbox.cw.reset();
	sandbox.cw.clearJournal();
	const mainPort = await freePort();
	const waiting = await runReviewUntilApproval(checks, n8n, sandbox, smtp, REVIEW_WORKFLOW_ID, mainPort, timings);

	const server = await timed('n8n started (editor, REST)', () => n8n.start('n8n main', mainPort), timings);
	try {
		const api = await editorChecks(server, n8n);
		if (waiting) {
			await approveReview(checks, api, sandbox, review, waiting, expected, (label, table, rows) => checkLogTable(label, sql, table, rows), timings);
		}
	} finally {
		await server.stop();
	}
	await sandbox.stop();
	if (checks.failed.length === 0) rmSync(userFolder, { recursive: true, force: true });
}

interface NodeTypeDescription {
	name: string;
	version: number | number[];
}
interface CredentialTypeDescription {
	name: string;
	iconUrl?: { light?: string } | string;
	supportedNodes?: string[];
}

/** The editor's REST checks; returns a public API client for what follows. */
async function editorChecks(server: N8nServer, n8n: N8n): Promise<PublicApi> {
	const session = new EditorSession(server.url);
	await session.setupOwner(LOCAL_OWNER);
	await session.login(LOCAL_OWNER);

	const nodeTypes = await session.request<NodeTypeDescription[]>('GET', '/types/nodes.json');
	const names = new Set(nodeTypes.map((type) => type.name));
	checks.check(`node types list the four nodes as ${PACKAGE_NAME}.<node>`, EXPECTED_NODES.every((name) => names.has(name)), () =>
		`missing ${EXPECTED_NODES.filter((name) => !names.has(name)).join(', ')}`,
	);
	const credentialTypes = await session.request<CredentialTypeDescription[]>('GET', '/types/credentials.json');
	const ours = credentialTypes.filter((type) => EXPECTED_CREDENTIALS.includes(type.name));
	checks.check(
		`credential types list atriaApi and connectWiseManageApi from ${PACKAGE_NAME}`,
		ours.length === 2 &&
			ours.every((type) => JSON.stringify(type.iconUrl ?? '').includes(`icons/${PACKAGE_NAME}/`) && (type.supportedNodes ?? []).every((node) => node.startsWith(`${PACKAGE_NAME}.`))),
		() => JSON.stringify(ours.map(({ name, iconUrl, supportedNodes }) => ({ name, iconUrl, supportedNodes }))),
	);

	// Every node of the four shipped workflows, as n8n stored them on import, has a known type and version.
	const versions = new Map<string, Set<number>>();
	for (const type of nodeTypes) {
		const set = versions.get(type.name) ?? new Set<number>();
		for (const version of Array.isArray(type.version) ? type.version : [type.version]) set.add(version);
		versions.set(type.name, set);
	}
	const stored = await session.request<Array<{ id: string; name: string }>>('GET', '/rest/workflows');
	for (const file of SHIPPED_WORKFLOWS) {
		const shipped = readShippedWorkflow(file);
		const match = stored.find((workflow) => workflow.name === shipped.name);
		if (!checks.check(`${file} imported`, match !== undefined)) continue;
		const full = await session.request<WorkflowJson>('GET', `/rest/workflows/${match!.id}`);
		const unknown = full.nodes.filter((node) => !versions.get(node.type)?.has(node.typeVersion ?? 1)).map((node) => `${node.name}: ${node.type} v${node.typeVersion}`);
		checks.check(`${file}: every node type and version is known to n8n ${n8n.setup.runtime.n8nVersion}`, unknown.length === 0, () => unknown.join('\n'));
	}

	const api = new PublicApi(server.url, await session.createApiKey('e2e'));
	for (const [type, ref] of [
		['atriaApi', CREDENTIALS.atriaApi],
		['connectWiseManageApi', CREDENTIALS.connectWiseManageApi],
	] as const) {
		const result = await api.request<{ status: string; message: string }>('POST', `/credentials/${ref.id}/test`);
		checks.check(`credential test of ${type} against the sandbox passes`, result.status === 'OK', () => JSON.stringify(result));
	}
	const executions = await api.request<{ data: unknown[] }>('GET', '/executions?includeData=true&limit=100');
	checks.check('the executions are stored (2 runs)', executions.data.length >= 2, () => `${executions.data.length}`);
	checkNoSecrets('regular, stored executions', JSON.stringify(executions));
	return api;
}

interface PublicExecution {
	id: string;
	finished: boolean;
	status: string;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	data?: ExecutionRun['data'];
}

/** POSTs the webhook, then waits for the execution it queued to finish. */
/**
 * POSTs the webhook. Right after n8n starts, a published workflow's webhook can still answer 404 ("not
 * registered") for a moment: that answer is retried for up to 30 seconds, any other failure is not.
 */
async function postWebhook(server: N8nServer, path: string): Promise<void> {
	const deadline = Date.now() + 30000;
	for (;;) {
		const response = await fetch(`${server.url}/webhook/${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		if (response.ok) return;
		const text = await response.text();
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered HTTP ${response.status}: ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function runThroughQueue(server: N8nServer, api: PublicApi, path: string, known: Set<string>): Promise<PublicExecution> {
	await postWebhook(server, path);
	const deadline = Date.now() + 180000;
	while (Date.now() < deadline) {
		const list = await api.request<{ data: PublicExecution[] }>('GET', `/executions?workflowId=${QUEUE_WORKFLOW_ID}&limit=20`);
		const fresh = list.data.find((execution) => !known.has(execution.id) && execution.stoppedAt);
		if (fresh) {
			known.add(fresh.id);
			return api.request<PublicExecution>('GET', `/executions/${fresh.id}?includeData=true`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error('the queued execution did not finish within 3 minutes');
}

/** POSTs the webhook `count` times at once, then waits for as many new executions to finish. */
async function runManyThroughQueue(server: N8nServer, api: PublicApi, path: string, known: Set<string>, count: number): Promise<PublicExecution[]> {
	await Promise.all(Array.from({ length: count }, () => postWebhook(server, path)));
	const deadline = Date.now() + 180000;
	const finished: PublicExecution[] = [];
	while (Date.now() < deadline && finished.length < count) {
		const list = await api.request<{ data: PublicExecution[] }>('GET', `/executions?workflowId=${QUEUE_WORKFLOW_ID}&limit=20`);
		for (const execution of list.data.filter((candidate) => !known.has(candidate.id) && candidate.stoppedAt)) {
			known.add(execution.id);
			finished.push(await api.request<PublicExecution>('GET', `/executions/${execution.id}`));
		}
		if (finished.length < count) await new Promise((resolve) => setTimeout(resolve, 500));
	}
	if (finished.length < count) throw new Error(`${count - finished.length} of ${count} queued executions did not finish within 3 minutes`);
	return finished;
}

/** Queue mode: PostgreSQL as n8n's database, Redis, a worker; the workflow behind a webhook. */
async function queueMode(runtime: N8nRuntime, packed: PackedPackage, sql: Sql): Promise<void> {
	say('\nQueue mode (EXECUTIONS_MODE=queue, Redis, PostgreSQL, n8n worker)');
	await ensureRedis(say);
	const n8nDatabase = Sql.forRuntime(runtime, N8N_DATABASE);
	await n8nDatabase.recreate();
	onCleanup(() => n8nDatabase.drop());
	const dataset = cloneDemoDataset();
	const expected = dataset.expected!.createAllowed;
	const sandbox = await startSandbox({ dataset });
	onCleanup(() => sandbox.stop());
	const userFolder = freshUserFolder('queue');
	const prefix = `atria-e2e-${process.pid}`;
	onCleanup(async () => {
		await clearRedisPrefix(runtime, prefix);
	});
	const n8n = await newInstallation(runtime, packed, userFolder, {
		database: n8nDatabase.database,
		queue: { redisHost: REDIS.host, redisPort: REDIS.port, prefix },
	});
	const webhookPath = `atria-cw-e2e-${process.pid}`;
	const workflow = headlessVariant({
		id: QUEUE_WORKFLOW_ID,
		name: 'Atria to ConnectWise: Monthly Billing Sync (e2e, queue)',
		trigger: { kind: 'webhook', path: webhookPath },
		billingPeriodEnd: DEMO_BILLING_PERIOD_END,
		allowCreateAdditions: true,
		minimumLevel: 'Verbose',
		credentials: CREDENTIALS,
	});
	await timed(
		'credentials and workflow imported, workflow published',
		async () => {
			await importCredentials(n8n, sandbox, sql.database);
			await importWorkflows(n8n, [{ workflow, fileName: 'e2e-queue-workflow.json' }]);
			await n8n.cliOrThrow(['publish:workflow', `--id=${QUEUE_WORKFLOW_ID}`]);
		},
		timings,
	);
	const [server, worker] = await timed('n8n main and worker started', () => Promise.all([n8n.start('n8n main (queue)'), n8n.startWorker('n8n worker 1')]), timings);
	const session = new EditorSession(server.url);
	await session.setupOwner(LOCAL_OWNER);
	const api = new PublicApi(server.url, await session.createApiKey('e2e-queue'));
	const emitNode = emitNodeName(workflow);
	const known = new Set<string>();

	const first = await timed('first run (webhook -> queue -> worker)', () => runThroughQueue(server, api, webhookPath, known), timings);
	say(`    execution ${first.id}: ${first.status} in ${runSeconds(first)} on the worker`);
	const firstRun: ExecutionRun = { data: first.data! };
	const firstRows = readLogRows(firstRun, emitNode);
	const workerLog = (): string => readFileSync(worker.logFile, 'utf8');
	checks.check(`queue: the worker ran execution ${first.id}`, workerLog().includes(`Worker started execution ${first.id} `) && workerLog().includes(`Worker finished execution ${first.id} `), () =>
		workerLog().split('\n').slice(-20).join('\n'),
	);
	checks.check(`queue: the main process did not run it`, !server.log().includes(`started execution ${first.id} `));
	checkFirstRun('queue, first run', sandbox, expected, firstRows, readSummary(firstRun, emitNode).status);
	await checkLogTable('queue, first run', sql, workflow, firstRows);

	sandbox.cw.clearJournal();
	const second = await timed('second run (webhook -> queue -> worker)', () => runThroughQueue(server, api, webhookPath, known), timings);
	say(`    execution ${second.id}: ${second.status} in ${runSeconds(second)} on the worker`);
	const secondRows = readLogRows({ data: second.data! }, emitNode);
	checks.check(`queue: the worker ran execution ${second.id}`, workerLog().includes(`Worker finished execution ${second.id} `));
	checkSecondRun('queue, second run', sandbox, expected, secondRows);
	await checkLogTable('queue, second run', sql, workflow, secondRows);

	// Two executions at once on two workers (one execution each), from the demo's data again, with ConnectWise slow
	// enough that they overlap: each new line must still be created once.
	await worker.stop();
	sandbox.cw.reset();
	sandbox.cw.clearJournal();
	sandbox.cw.setLatency([{ ms: 150 }]);
	const workers = await timed('two single-execution workers started', () => Promise.all([n8n.startWorker('n8n worker 2', 1), n8n.startWorker('n8n worker 3', 1)]), timings);
	const together = await timed('two executions at once (two webhooks, two workers)', () => runManyThroughQueue(server, api, webhookPath, known, 2), timings);
	sandbox.cw.setLatency([]);
	say(`    executions ${together.map((execution) => `${execution.id}: ${execution.status}`).join(', ')}`);
	checks.check('queue, two at once: both executions succeeded', together.every((execution) => execution.status === 'success'), () => together.map((execution) => execution.status).join(', '));
	const ranOn = together.map((execution) => workers.findIndex((candidate) => readFileSync(candidate.logFile, 'utf8').includes(`Worker finished execution ${execution.id} `)));
	checks.check('queue, two at once: each worker ran one of them', new Set(ranOn).size === 2 && !ranOn.includes(-1), () => ranOn.join(', '));
	const overlapped = Math.max(...together.map((execution) => Date.parse(execution.startedAt))) < Math.min(...together.map((execution) => Date.parse(execution.stoppedAt ?? '')));
	checks.check('queue, two at once: the executions overlapped in time', overlapped, () => together.map((execution) => `${execution.startedAt}..${execution.stoppedAt}`).join(', '));
	checks.equal('queue, two at once: ConnectWise holds exactly the expected additions (each new line once)', stateLines(sandbox.cw.state()), expectedLines(expected.additions));
	const posts = sandbox.cw.journal().filter((entry) => entry.method === 'POST' && entry.status === 201).length;
	const deletes = sandbox.cw.journal().filter((entry) => entry.method === 'DELETE' && entry.status === 204).length;
	say(`    ${posts} additions created, ${deletes} duplicates created at the same time deleted`);
	await Promise.all(workers.map((candidate) => candidate.stop()));

	checkNoSecrets('queue, executions through the public API', JSON.stringify(await api.request('GET', `/executions?includeData=true&limit=100`)));
	const leaked = await n8nDatabase.query<{ count: string }>(
		`SELECT count(*) FROM execution_data WHERE ${SECRETS.map((_, index) => `data LIKE $${index + 1}`).join(' OR ')}`,
		SECRETS.map((secret) => `%${secret}%`),
	);
	const stored = await n8nDatabase.query<{ count: string }>('SELECT count(*) FROM execution_data');
	checks.check(
		`queue: no sandbox secret in n8n's execution_data table (${stored[0].count} executions, checked with SQL)`,
		Number(leaked[0].count) === 0 && Number(stored[0].count) >= 2,
		() => `${leaked[0].count} of ${stored[0].count} executions hold a secret`,
	);

	await server.stop();
	await sandbox.stop();
	if (checks.failed.length === 0) rmSync(userFolder, { recursive: true, force: true });
}

async function main(): Promise<void> {
	installSignalHandlers();
	const started = Date.now();
	say('End-to-end: n8n-nodes-atria-connectwise in a real n8n\n');
	const packed = await timed('build and npm pack', () => buildAndPack(join(REPO_ROOT, '.cache', 'e2e-build.log')), timings);
	const runtime = await timed('n8n provisioning', () => ensureN8nRuntime((line) => say(`    ${line}`)), timings);
	say(`    n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}${runtime.provisionedNow ? ' (installed now)' : ' (already in .cache/n8n)'}`);
	await ensurePostgres(say);
	const sql = await logDatabase(runtime);
	say(`  log table: ${POSTGRES.host}:${POSTGRES.port}/${LOG_DATABASE} cw_log`);

	for (const [name, phase] of [
		['regular mode', regularMode],
		['queue mode', queueMode],
	] as const) {
		try {
			await phase(runtime, packed, sql);
		} catch (error) {
			if (wasInterrupted()) return;
			checks.fail(`${name} ran to its end`, error);
		}
	}

	say(`\nTimings: ${[...timings].map(([label, seconds]) => `${label} ${formatSeconds(seconds)}`).join('; ')}`);
	say(`Total: ${formatSeconds((Date.now() - started) / 1000)}`);
	if (checks.failed.length > 0) say(`Failed: ${checks.failed.join('; ')}\nn8n logs are kept in .cache/n8n-user-*/logs until the next run.`);
	say(`\ne2e: ${checks.closingLine()}`);
	if (checks.failed.length > 0 || checks.passed === 0) process.exitCode = 1;
}

main()
	.catch((error: unknown) => {
		if (wasInterrupted()) return;
		checks.fail('e2e driver', error);
		say(`\ne2e: ${checks.closingLine()}`);
		process.exitCode = 1;
	})
	.finally(() => runCleanups());
