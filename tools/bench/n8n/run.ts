/**
 * The monthly sync in a real n8n at MSP scale: the e2e's pinned n8n (tools/e2e/runtime.ts), the package
 * installed as a community package, workflows/monthly-sync-postgres.json as the e2e's variant builds it
 * (a webhook instead of the schedule, the generated period, creating additions allowed, the default minimum
 * level Info, Slack left out, the log into PostgreSQL), against a generated dataset served by the benchmark's
 * sandbox host (tools/bench/sandboxHost.ts, its own process, with a rate limit high enough not to throttle).
 *
 * In regular mode `n8n start` runs the execution; in queue mode (EXECUTIONS_MODE=queue, Redis) `n8n worker`
 * does. n8n's database is PostgreSQL in both (a database per run). Each run reads:
 *   - the saved execution data: execution_data.data (the run data, flatted) and workflowData, with n8n's own
 *     jsonSizeBytes and binaryDataSizeBytes; where the binaries went (n8n 2.41.1 defaults: filesystem in
 *     regular mode, the database's binary_data table in queue mode); optionally each node's share;
 *   - the RSS of the process that ran it (and of the queue's main) from /proc: idle before the run, the peak
 *     during it (VmHWM, reset just before), idle after;
 *   - wall time from the webhook POST until the execution is saved, and n8n's own startedAt..stoppedAt.
 *
 * Standalone: ts-node --transpile-only tools/bench/n8n/run.ts [--n8n-sizes 1000] [bench flags]
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GENERATED_BILLING_PERIOD_END } from '../../../sandbox/data/generator';
import { buildAndPack, type PackedPackage } from '../../e2e/communityPackage';
import type { N8nServer } from '../../e2e/n8n';
import { installSignalHandlers, runCommand, type ManagedProcess } from '../../e2e/processes';
import { ensureN8nRuntime, REPO_ROOT, type N8nRuntime } from '../../e2e/runtime';
import { CREDENTIALS, documentedCwLogTable, freshUserFolder, importCredentials, importWorkflows, newInstallation } from '../../e2e/scenario';
import { clearRedisPrefix, ensurePostgres, ensureRedis, REDIS, Sql } from '../../e2e/services';
import { headlessVariant, PACKAGE_NAME, type WorkflowJson } from '../../e2e/workflows';
import { exited, forkBenchChild, nextMessage, rpcClient } from '../ipc';
import type { BenchOptions } from '../options';
import type { SandboxHostInput, SandboxReady, SandboxSummary, StateCheck } from '../sandboxHost';
import { analyzeExecutionData } from './executionData';
import { N8N_DEFAULT_OPTIONS, N8N_USAGE, parseN8nFlag, type N8nBenchOptions, type N8nMode } from './options';
import { idleMemory, readMemory, resetPeak, sampleMemory, type SampledMemory } from './proc';
import { evaluateN8nTargets, formatN8nRun, formatN8nSlopes, formatN8nTable, type N8nProcessMemory, type N8nRun } from './report';

/** The bench flags the n8n runs share with the core runs. */
export type N8nRunOptions = Pick<BenchOptions, 'linesPerCustomer' | 'seed' | 'changedFraction' | 'caseFraction' | 'latencyMs' | 'concurrency' | 'clientRpm'> & N8nBenchOptions;

const WORKFLOW_ID = 'AtriaCwBenchRun1';
const WARM_UP_WORKFLOW_ID = 'AtriaCwBenchWarm';
const MINIMUM_LEVEL = 'Info';
/** The nodes' Concurrency and Requests per Minute options accept at most these. */
const MAX_CONCURRENCY = 16;
const MAX_CLIENT_RPM = 100_000;
const KB_PER_MB = 1024;
const RUN_DEADLINE_MS = 60 * 60 * 1000;

type Log = (line?: string) => void;

interface Context {
	runtime: N8nRuntime;
	packed: PackedPackage;
	source: N8nRun['source'];
	logDatabase: Sql;
	log: Log;
}

const sleep = (ms: number): Promise<void> => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * The measured workflow, or its warm-up: the same workflow for one customer, as a dry run, so that n8n has loaded
 * every node's code (ours, PostgreSQL, the spreadsheet writer) before the idle RSS is read.
 */
function workflowFor(
	options: N8nRunOptions,
	webhookPath: string,
	clientRpm: number,
	concurrency: number,
	warmUp?: { customerCode: string },
): WorkflowJson {
	const workflow = headlessVariant({
		id: warmUp ? WARM_UP_WORKFLOW_ID : WORKFLOW_ID,
		name: `Atria to ConnectWise: Monthly Billing Sync (benchmark${warmUp ? ' warm-up' : ''})`,
		trigger: { kind: 'webhook', path: webhookPath },
		billingPeriodEnd: GENERATED_BILLING_PERIOD_END,
		allowCreateAdditions: true,
		minimumLevel: MINIMUM_LEVEL,
		credentials: CREDENTIALS,
	});
	// The bench's client conditions, as its WorkflowExecute run sets them (the shipped workflow leaves the defaults).
	for (const node of workflow.nodes) {
		if (node.type === `${PACKAGE_NAME}.reconcileAgreement` || node.type === `${PACKAGE_NAME}.applyAdditions`) {
			node.parameters.options = { ...(node.parameters.options as object | undefined), concurrency, requestsPerMinute: clientRpm };
		}
		if (warmUp && node.type === `${PACKAGE_NAME}.getBillingData`) node.parameters.customersFilter = warmUp.customerCode;
		if (warmUp && node.type === `${PACKAGE_NAME}.applyAdditions`) node.parameters.dryRun = true;
	}
	return workflow;
}

/** POSTs the webhook; a 404 right after start (not registered yet) is retried for 30 s. */
async function postWebhook(server: N8nServer, path: string): Promise<void> {
	const deadline = Date.now() + 30000;
	for (;;) {
		const response = await fetch(`${server.url}/webhook/${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		const text = await response.text();
		if (response.ok) return;
		if (response.status !== 404 || Date.now() > deadline) throw new Error(`webhook answered HTTP ${response.status}: ${text.slice(0, 300)}`);
		await sleep(500);
	}
}

interface ExecutionRow {
	id: string | number;
	status: string;
	startedAt: Date | null;
	stoppedAt: Date | null;
}

/** Polls n8n's database until the workflow's execution has stopped (its data is saved in the same transaction). */
async function waitForExecution(db: Sql, processes: ManagedProcess[], workflowId = WORKFLOW_ID): Promise<ExecutionRow & { seenAt: number }> {
	const deadline = Date.now() + RUN_DEADLINE_MS;
	while (Date.now() < deadline) {
		const dead = processes.find((candidate) => candidate.hasExited);
		if (dead) throw new Error(`${dead.label} exited during the run; log ${dead.logFile}`);
		const [row] = await db.query<ExecutionRow>(`SELECT id, status, "startedAt", "stoppedAt" FROM execution_entity WHERE "workflowId" = $1 ORDER BY id DESC LIMIT 1`, [workflowId]);
		if (row && row.stoppedAt && !['new', 'running', 'waiting'].includes(row.status)) return { ...row, seenAt: performance.now() };
		await sleep(250);
	}
	throw new Error(`the execution did not finish within ${RUN_DEADLINE_MS / 60000} minutes`);
}

function filesUnder(folder: string): { files: number; bytes: number } {
	let files = 0;
	let bytes = 0;
	let entries: string[];
	try {
		entries = readdirSync(folder);
	} catch {
		return { files, bytes };
	}
	for (const name of entries) {
		const path = join(folder, name);
		const stat = statSync(path);
		if (stat.isDirectory()) {
			const inner = filesUnder(path);
			files += inner.files;
			bytes += inner.bytes;
		} else {
			files++;
			bytes += stat.size;
		}
	}
	return { files, bytes };
}

/** Stops the processes, last started first, and forgets them. */
async function stopAll(processes: ManagedProcess[]): Promise<void> {
	while (processes.length > 0) await processes.pop()!.stop();
}

interface Watched {
	label: string;
	pid: number;
	idle?: { rssKb: number; treeRssKb: number };
	peakReset?: boolean;
	sampler?: ReturnType<typeof sampleMemory>;
	sampled?: SampledMemory;
	hwmKb?: number;
	after?: { rssKb: number; treeRssKb: number };
	idleAfter?: SampledMemory;
}

function memoryOf(watched: Watched): N8nProcessMemory {
	const mb = (kb: number | undefined): number => (kb ?? NaN) / KB_PER_MB;
	return {
		label: watched.label,
		idleBeforeMb: mb(watched.idle?.rssKb),
		peakMb: mb(watched.hwmKb),
		peakIsRunOnly: watched.peakReset === true,
		sampledPeakMb: mb(watched.sampled?.peakRssKb),
		idleAfterMb: mb(watched.after?.rssKb),
		tree: { idleBeforeMb: mb(watched.idle?.treeRssKb), sampledPeakMb: mb(watched.sampled?.peakTreeRssKb), idleAfterMb: mb(watched.after?.treeRssKb) },
		timeline: (watched.sampled?.timeline ?? []).map(([at, kb]) => [at, Math.round(kb / KB_PER_MB)]),
		idleAfterTimeline: (watched.idleAfter?.timeline ?? []).map(([at, kb]) => [at, Math.round(kb / KB_PER_MB)]),
	};
}

async function runOne(context: Context, options: N8nRunOptions, customers: number, mode: N8nMode): Promise<N8nRun> {
	const { runtime, packed, source, logDatabase, log } = context;
	const serverRpm = options.n8nRpm;
	const clientRpm = options.clientRpm === 'server' ? Math.min(serverRpm, MAX_CLIENT_RPM) : Math.min(options.clientRpm, MAX_CLIENT_RPM);
	const concurrency = Math.min(options.concurrency, MAX_CONCURRENCY);
	const hostInput: SandboxHostInput = {
		customers,
		linesPerCustomer: options.linesPerCustomer,
		seed: options.seed,
		changedFraction: options.changedFraction,
		caseFraction: options.caseFraction,
		latencyMs: options.latencyMs,
		serverRpm,
	};
	const host = forkBenchChild('sandboxHost.ts', hostInput);
	const n8nDb = Sql.forRuntime(runtime, `n8n_bench_${process.pid}`);
	const prefix = `atria-bench-${process.pid}`;
	const started: ManagedProcess[] = [];
	let userFolder: string | undefined;
	let failed = true;
	try {
		const ready = await nextMessage<SandboxReady>(host, 'ready');
		const call = rpcClient(host);
		await n8nDb.recreate();
		userFolder = freshUserFolder(mode === 'regular' ? 'benchr' : 'benchq');
		const n8n = await newInstallation(runtime, packed, userFolder, {
			database: n8nDb.database,
			...(mode === 'queue' ? { queue: { redisHost: REDIS.host, redisPort: REDIS.port, prefix } } : {}),
		});
		const webhookPath = `atria-cw-bench-${process.pid}`;
		await importCredentials(n8n, { atria: { url: ready.atriaUrl }, cw: { url: ready.cwUrl } }, logDatabase.database);
		const warmUpPath = `${webhookPath}-warm-up`;
		const warmUp = options.n8nWarmUp ? { customerCode: ready.facts.firstCustomerCode } : undefined;
		await importWorkflows(n8n, [
			{ workflow: workflowFor(options, webhookPath, clientRpm, concurrency), fileName: 'bench-workflow.json' },
			...(warmUp ? [{ workflow: workflowFor(options, warmUpPath, clientRpm, concurrency, warmUp), fileName: 'bench-warm-up.json' }] : []),
		]);
		await n8n.cliOrThrow(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		if (warmUp) await n8n.cliOrThrow(['publish:workflow', `--id=${WARM_UP_WORKFLOW_ID}`]);

		let server: N8nServer;
		let worker: ManagedProcess | undefined;
		if (mode === 'regular') {
			server = await n8n.start('n8n main');
			started.push(server.process);
		} else {
			const [main, queueWorker] = await Promise.all([n8n.start('n8n main (queue)'), n8n.startWorker('n8n worker')]);
			server = main;
			worker = queueWorker;
			started.push(main.process, queueWorker);
		}
		const ran: Watched = mode === 'regular' ? { label: 'n8n main', pid: server.process.child.pid! } : { label: 'n8n worker', pid: worker!.child.pid! };
		const main: Watched | undefined = mode === 'queue' ? { label: 'n8n main (queue)', pid: server.process.child.pid! } : undefined;
		const watched = main ? [ran, main] : [ran];

		let warmUpMs: number | undefined;
		if (warmUp) {
			log(`  n8n up (${mode}); warm-up: customer ${warmUp.customerCode} alone, dry run ...`);
			const warmUpStarted = performance.now();
			await postWebhook(server, warmUpPath);
			const warmed = await waitForExecution(n8nDb, started, WARM_UP_WORKFLOW_ID);
			if (warmed.status !== 'success') throw new Error(`the warm-up execution ended ${warmed.status}`);
			warmUpMs = warmed.seenAt - warmUpStarted;
			await call('clearJournals');
		}
		log(`  n8n up (${mode}); idling ${options.n8nIdleBeforeS} s before the run ...`);
		await sleep(options.n8nIdleBeforeS * 1000);
		await Promise.all(watched.map(async (w) => (w.idle = await idleMemory(w.pid))));
		for (const w of watched) {
			w.peakReset = resetPeak(w.pid);
			w.sampler = sampleMemory(w.pid);
		}
		const loadBefore = loadavg()[0];
		const posted = performance.now();
		await postWebhook(server, webhookPath);
		const execution = await waitForExecution(n8nDb, started);
		const loadAfter = loadavg()[0];
		for (const w of watched) {
			w.sampled = w.sampler!.stop();
			w.hwmKb = readMemory(w.pid)?.hwmKb;
		}
		const wallMs = execution.seenAt - posted;
		log(`  execution ${execution.id} ${execution.status} after ${(wallMs / 1000).toFixed(1)} s; idling ${options.n8nIdleAfterS} s ...`);
		const idleSamplers = watched.map((w) => sampleMemory(w.pid, 1000));
		await sleep(options.n8nIdleAfterS * 1000);
		watched.forEach((w, index) => (w.idleAfter = idleSamplers[index].stop()));
		await Promise.all(watched.map(async (w) => (w.after = await idleMemory(w.pid))));

		const [sizes] = await n8nDb.query<{ dataBytes: string; workflowDataBytes: string; jsonSizeBytes: string | null; binaryDataSizeBytes: string | null }>(
			`SELECT octet_length(d.data) AS "dataBytes", octet_length(d."workflowData"::text) AS "workflowDataBytes", e."jsonSizeBytes", e."binaryDataSizeBytes"
			 FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e.id = $1`,
			[execution.id],
		);
		const [inTable] = await n8nDb.query<{ files: string; bytes: string }>(
			`SELECT count(*) AS files, coalesce(sum("fileSize"), 0) AS bytes FROM binary_data WHERE "sourceType" = 'execution' AND "sourceId" = $1`,
			[String(execution.id)],
		);
		const [{ data }] = await n8nDb.query<{ data: string }>('SELECT data FROM execution_data WHERE "executionId" = $1', [execution.id]);
		const binaryDataMode = /"(filesystem-v2|filesystem|database|s3|azure):/.exec(data)?.[1] ?? 'none referenced';
		const onDisk = filesUnder(join(userFolder, '.n8n', 'storage'));
		const binaryStored =
			Number(inTable.files) > 0 || binaryDataMode === 'database'
				? { where: "the database's binary_data table", files: Number(inTable.files), bytes: Number(inTable.bytes) }
				: { where: '.n8n/storage on disk', files: onDisk.files, bytes: onDisk.bytes };

		const sandbox = await call<SandboxSummary>('summary');
		const state = await call<StateCheck>('verify');
		await call('stop');
		await exited(host);

		await stopAll(started);
		const breakdown = options.n8nBreakdown ? analyzeExecutionData(data, runtime.n8nDir) : undefined;
		failed = false;
		return {
			mode,
			customers,
			source,
			n8nVersion: runtime.n8nVersion,
			nodeVersion: runtime.nodeVersion,
			database: 'PostgreSQL',
			binaryDataMode: binaryDataMode === 'filesystem-v2' ? 'filesystem' : binaryDataMode,
			minimumLevel: MINIMUM_LEVEL,
			serverRpm,
			clientRpm,
			concurrency,
			latencyMs: options.latencyMs,
			idleBeforeS: options.n8nIdleBeforeS,
			warmUpMs,
			idleAfterS: options.n8nIdleAfterS,
			facts: ready.facts,
			execution: {
				id: String(execution.id),
				status: execution.status,
				startedAt: execution.startedAt?.toISOString() ?? '',
				stoppedAt: execution.stoppedAt?.toISOString() ?? '',
				runMs: execution.startedAt && execution.stoppedAt ? execution.stoppedAt.getTime() - execution.startedAt.getTime() : NaN,
				wallMs,
			},
			saved: {
				dataBytes: Number(sizes.dataBytes),
				workflowDataBytes: Number(sizes.workflowDataBytes),
				jsonSizeBytes: sizes.jsonSizeBytes === null ? null : Number(sizes.jsonSizeBytes),
				binaryDataSizeBytes: sizes.binaryDataSizeBytes === null ? null : Number(sizes.binaryDataSizeBytes),
				binaryStored,
			},
			breakdown,
			ran: memoryOf(ran),
			main: main && memoryOf(main),
			requests: { cwSent: sandbox.summary.cwSent, cwThrottled: sandbox.summary.cwThrottled, atria: sandbox.summary.byKind.atria.sent },
			state,
			load: { before: loadBefore, after: loadAfter, cores: cpus().length },
		};
	} finally {
		await stopAll(started);
		if (host.exitCode === null) host.kill();
		await n8nDb.drop().catch(() => undefined);
		if (mode === 'queue') await clearRedisPrefix(runtime, prefix).catch(() => 0);
		// A failed run keeps its user folder (n8n's logs are in it) until the next run of the same kind.
		if (userFolder && !failed) rmSync(userFolder, { recursive: true, force: true });
		else if (userFolder) log(`  n8n's logs kept in ${join(userFolder, 'logs')}`);
	}
}

/** The commit the package is built from, and the files of the package left uncommitted in the working tree. */
async function packageSource(): Promise<N8nRun['source']> {
	const head = await runCommand('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT });
	const status = await runCommand('git', ['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json'], { cwd: REPO_ROOT });
	return {
		commit: head.stdout.trim() || 'unknown',
		uncommitted: status.stdout
			.split('\n')
			.map((line) => line.slice(3).trim())
			.filter(Boolean),
	};
}

let signalsInstalled = false;

/**
 * Every size in every mode of `options`. Builds and packs the package once, provisions the pinned n8n if
 * needed, prints each run's block, and returns the runs (nothing when n8nSizes is empty).
 */
export async function runN8nBench(options: N8nRunOptions, log: Log = (line = '') => process.stdout.write(`${line}\n`)): Promise<N8nRun[]> {
	if (options.n8nSizes.length === 0 || options.n8nModes.length === 0) return [];
	if (!signalsInstalled) {
		// n8n runs in process groups of its own: Ctrl-C must stop them too.
		installSignalHandlers();
		signalsInstalled = true;
	}
	log('n8n runs: build and npm pack, then the pinned n8n ...');
	const source = await packageSource();
	const packed = await buildAndPack(join(REPO_ROOT, '.cache', 'bench-n8n-build.log'));
	if (source.uncommitted.length > 0) log(`  the package is built from the working tree: ${source.commit.slice(0, 12)} with uncommitted ${source.uncommitted.join(', ')}`);
	const runtime = await ensureN8nRuntime((line) => log(`    ${line}`));
	await ensurePostgres(log);
	if (options.n8nModes.includes('queue')) await ensureRedis(log);
	const logDatabase = Sql.forRuntime(runtime, `atria_cw_bench_${process.pid}`);
	await logDatabase.dropDatabasesOfEndedRuns(/^(?:atria_cw_bench|n8n_bench)_(\d+)$/);
	await logDatabase.recreate();
	const runs: N8nRun[] = [];
	try {
		await logDatabase.query(documentedCwLogTable());
		for (const customers of options.n8nSizes) {
			for (const mode of options.n8nModes) {
				log(`running ${customers.toLocaleString('en-US')} customers in n8n ${runtime.n8nVersion} (${mode} mode) ...`);
				try {
					const run = await runOne({ runtime, packed, source, logDatabase, log }, options, customers, mode);
					runs.push(run);
					log();
					log(formatN8nRun(run));
					log();
				} catch (error) {
					// The other runs go on; the command fails at the end.
					log(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
					process.exitCode = 1;
				}
				await logDatabase.query('TRUNCATE cw_log');
			}
		}
	} finally {
		await logDatabase.drop().catch(() => undefined);
	}
	return runs;
}

/** Standalone: the n8n runs alone, with the bench's flags (`--n8n-*` and the dataset and client ones). */
async function main(): Promise<void> {
	const { parseOptions, USAGE } = await import('../options');
	const n8nOptions: N8nBenchOptions = { ...N8N_DEFAULT_OPTIONS, n8nSizes: [1000], n8nModes: [...N8N_DEFAULT_OPTIONS.n8nModes] };
	const rest: string[] = [];
	const argv = process.argv.slice(2);
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (flag.startsWith('--n8n-') && flag !== '--n8n-size') {
			const value = inline ?? argv[++i];
			if (value === undefined || !parseN8nFlag(n8nOptions, flag, value)) throw new Error(`unknown or incomplete flag '${argv[i]}'\n\n${N8N_USAGE}`);
		} else rest.push(argv[i]);
	}
	const parsed = parseOptions(rest);
	if (parsed === 'help') {
		process.stdout.write(`${USAGE}\n${N8N_USAGE}\n`);
		return;
	}
	const options = { ...parsed, ...n8nOptions };
	const startedAt = new Date();
	const runs = await runN8nBench(options);
	process.stdout.write(`${formatN8nTable(runs)}\n\n`);
	const slopes = formatN8nSlopes(runs);
	if (slopes) process.stdout.write(`${slopes}\n\n`);
	const targets = evaluateN8nTargets(runs);
	process.stdout.write(`${targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(52)} ${t.scope.padEnd(36)} ${t.value} (limit ${t.limit})`).join('\n')}\n`);
	const outDir = resolve(REPO_ROOT, options.outDir);
	mkdirSync(outDir, { recursive: true });
	const file = resolve(outDir, `bench-n8n-${startedAt.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-')}.json`);
	writeFileSync(file, `${JSON.stringify({ startedAt: startedAt.toISOString(), options, runs, targets }, null, '\t')}\n`);
	process.stdout.write(`figures written to ${file}\n`);
}

if (require.main === module) {
	main()
		.catch((error: unknown) => {
			process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			process.exitCode = 1;
		})
		.finally(() => process.exit());
}
