/**
 * `npm run bench`: API calls and wall time of the monthly sync at MSP scale, against the least the API
 * allows. For each size, a sandbox process serves a generated dataset with ConnectWise's latency and rate
 * limit, and a fresh client process runs the sync on the core (and, for one size, through n8n's
 * WorkflowExecute); the sandbox's journals give the requests by kind. Then the runs in a real n8n
 * (n8n/run.ts: the e2e's pinned n8n, regular mode and a queue-mode worker): saved execution data, RSS, wall.
 * Prints a block per run, the README tables, the targets (PASS/MISS), and writes the figures as JSON (see
 * USAGE in options.ts for the flags).
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compileForChildren, packageSources, type CompiledSources } from './compiled';
import { exited, forkBenchChild, nextMessage, rpcClient } from './ipc';
import { evaluateN8nTargets, formatN8nSlopes, formatN8nTable, n8nRunTitle, type N8nRun } from './n8n/report';
import { runN8nBench } from './n8n/run';
import { clientRpmFor, parseOptions, serverRpmFor, USAGE, type BenchOptions } from './options';
import type { PlannerCpuInput, PlannerCpuResult } from './plannerCpu';
import { writePlot } from './plot';
import {
	batchingFormula,
	evaluateTargets,
	formatRun,
	formatSummaryTable,
	formatTargets,
	plannerFigures,
	runTitle,
	seconds,
	timeFloor,
	type PlannerFigures,
	type SizeRun,
} from './report';
import type { BenchResults, MachineInfo } from './results';
import type { SandboxHostInput, SandboxReady, SandboxSummary, StateCheck } from './sandboxHost';
import type { SyncClientInput, SyncClientResult, SyncEngine } from './syncClient';

/** The n8n nodes accept at most this Concurrency. */
const N8N_MAX_CONCURRENCY = 16;
const ROOT = resolve(__dirname, '..', '..');

function log(text = ''): void {
	process.stdout.write(`${text}\n`);
}

async function runSize(options: BenchOptions, customers: number, engine: SyncEngine, compiled: CompiledSources | undefined): Promise<SizeRun> {
	const serverRpm = serverRpmFor(options, customers);
	const clientRpm = clientRpmFor(options, customers);
	const concurrency = engine === 'n8n' ? Math.min(options.concurrency, N8N_MAX_CONCURRENCY) : options.concurrency;
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
	let client: ChildProcess | undefined;
	try {
		const ready = await nextMessage<SandboxReady>(host, 'ready');
		const call = rpcClient(host);
		const loadBefore = loadavg()[0];
		const clientInput: SyncClientInput = { engine, cwUrl: ready.cwUrl, atriaUrl: ready.atriaUrl, concurrency, clientRpm };
		client = forkBenchChild('syncClient.ts', clientInput, compiled);
		const result = await nextMessage<SyncClientResult>(client, 'result').finally(() => exited(client!));
		const loadAfter = loadavg()[0];
		const sandbox = await call<SandboxSummary>('summary');
		const state = await call<StateCheck>('verify');
		await call('stop');
		await exited(host);
		return {
			engine,
			customers,
			serverRpm,
			clientRpm,
			concurrency,
			latencyMs: options.latencyMs,
			facts: ready.facts,
			needs: ready.needs,
			client: result,
			sandbox,
			state,
			floor: timeFloor(sandbox.summary.cwSent, sandbox.summary.cwThrottled, serverRpm, options.latencyMs, concurrency),
			load: { before: loadBefore, after: loadAfter, cores: cpus().length },
			clientRuntime: compiled ? 'compiled' : 'ts-node',
		};
	} finally {
		if (host.exitCode === null) host.kill();
		if (client && client.exitCode === null) client.kill();
	}
}

async function runPlanner(options: BenchOptions): Promise<PlannerFigures> {
	const input: PlannerCpuInput = {
		lines: options.plannerLines,
		linesPerCustomer: options.linesPerCustomer,
		seed: options.seed,
		changedFraction: options.changedFraction,
		caseFraction: options.caseFraction,
		runs: options.plannerRuns,
	};
	const child = forkBenchChild('plannerCpu.ts', input);
	const result = await nextMessage<PlannerCpuResult>(child, 'result').finally(() => exited(child));
	return plannerFigures(result);
}

function machineInfo(loadAtStart: number[]): MachineInfo {
	const list = cpus();
	return {
		cores: list.length,
		cpuModel: list[0]?.model ?? 'unknown',
		totalMemoryGb: Math.round(totalmem() / 1024 ** 3),
		node: process.version,
		platform: `${process.platform}-${process.arch}`,
		loadAtStart,
		loadAtEnd: loadavg(),
	};
}

function printConditions(options: BenchOptions): void {
	const o = options;
	const clientRpm = o.clientRpm === 'server' ? 'server (= the simulator limit of each size)' : o.clientRpm === 0 ? '0 (no client budget)' : String(o.clientRpm);
	log('Benchmark conditions (flags: npm run bench -- --help):');
	log(`  --sizes ${o.sizes.join(',')}  --lines ${o.linesPerCustomer}  --seed ${o.seed}  --changed ${o.changedFraction}  --cases ${o.caseFraction}`);
	log(`  --latency ${o.latencyMs} (ms on every ConnectWise request)  --rpm ${o.rpm}  --large-rpm ${o.largeRpm} (from --large-from ${o.largeFrom} customers)`);
	log(`  --concurrency ${o.concurrency}  --client-rpm ${clientRpm}  --client ${o.client}  --n8n-size ${o.n8nSize}  --planner-lines ${o.plannerLines}  --planner-runs ${o.plannerRuns}${o.publish ? '  --publish' : ''}`);
	for (const size of o.sizes) {
		const limit = serverRpmFor(o, size);
		log(`  ${size.toLocaleString('en-US')} customers: simulator limit ${limit.toLocaleString('en-US')} requests/min${limit !== o.rpm ? ' (raised to keep the run short)' : ''}, client budget ${clientRpmFor(o, size) || 'none'}/min`);
	}
	log(`  creating additions allowed; Apply's "check before creating" on (the default); ConnectWise URL limit 2,000 characters.`);
	log(
		`  in a real n8n: --n8n-sizes ${o.n8nSizes.join(',') || '0'}  --n8n-modes ${o.n8nModes.join(',')}  --n8n-rpm ${o.n8nRpm} (simulator limit of those runs)  --n8n-idle-before ${o.n8nIdleBeforeS}  --n8n-idle-after ${o.n8nIdleAfterS}  --n8n-breakdown ${o.n8nBreakdown ? 'on' : 'off'}`,
	);
	log(`  machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}; Node ${process.version}`);
	log();
}

async function main(): Promise<void> {
	const parsed = parseOptions(process.argv.slice(2));
	if (parsed === 'help') {
		log(USAGE);
		return;
	}
	const options = parsed;
	const startedAt = new Date();
	const loadAtStart = loadavg();
	const clock = performance.now();
	printConditions(options);
	// The measured client runs compiled unless asked otherwise: ts-node's compiler is not the core's memory.
	let compiled: CompiledSources | undefined;
	if (options.client === 'compiled') {
		compiled = compileForChildren(['syncClient.ts', ...packageSources()]);
		log(`client compiled: ${compiled.files} modules in its import closure, ${compiled.transpiled} transpiled now (${seconds(compiled.ms)}), into .cache/bench-js`);
		log();
	}

	const runs: SizeRun[] = [];
	const plan: Array<{ customers: number; engine: SyncEngine }> = options.sizes.map((customers) => ({ customers, engine: 'core' as const }));
	if (options.n8nSize > 0 && options.sizes.includes(options.n8nSize)) {
		const at = plan.findIndex((step) => step.customers === options.n8nSize);
		plan.splice(at + 1, 0, { customers: options.n8nSize, engine: 'n8n' });
	}
	for (const step of plan) {
		const title = `${step.customers.toLocaleString('en-US')} customers (${step.engine})`;
		log(`running ${title} ...`);
		const run = await runSize(options, step.customers, step.engine, compiled);
		runs.push(run);
		log();
		log(formatRun(run));
		log();
	}

	let planner: PlannerFigures | undefined;
	if (options.plannerLines > 0) {
		log(`measuring the planner alone on ${options.plannerLines.toLocaleString('en-US')} lines ...`);
		planner = await runPlanner(options);
		log(
			`  planReconciliation on ${planner.lines.toLocaleString('en-US')} lines (${planner.customers.toLocaleString('en-US')} customers, ${planner.additions.toLocaleString('en-US')} additions): ` +
				`CPU ${planner.cpuMs.map((ms) => `${Math.round(ms)} ms`).join(', ')} (first = cold); plans match the expected codes: ${planner.codesMatch ? 'yes' : 'NO'}`,
		);
		log();
	}

	// In the e2e's pinned n8n: the saved execution data, the RSS of the process that ran it, wall time. A failure
	// there (n8n cannot be installed, PostgreSQL is down) keeps the figures above and fails the command.
	let n8nRuns: N8nRun[] = [];
	try {
		n8nRuns = await runN8nBench(options, log);
	} catch (error) {
		log(`the runs in n8n failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exitCode = 1;
	}

	const coreRuns = runs.filter((run) => run.engine === 'core');
	const targets = [...evaluateTargets(coreRuns, planner), ...evaluateN8nTargets(n8nRuns)];
	const table = formatSummaryTable(runs, planner);
	log(batchingFormula());
	log();
	log(table);
	log();
	const n8n = runs.find((run) => run.engine === 'n8n');
	const core = n8n && coreRuns.find((run) => run.customers === n8n.customers);
	if (n8n && core) {
		log(
			`What n8n adds at ${n8n.customers.toLocaleString('en-US')} customers: wall ${seconds(n8n.client.wallMs)} vs ${seconds(core.client.wallMs)} on the core, ` +
				`requests ${n8n.sandbox.summary.cwSent.toLocaleString('en-US')} vs ${core.sandbox.summary.cwSent.toLocaleString('en-US')} (429s ${n8n.sandbox.summary.cwThrottled} vs ${core.sandbox.summary.cwThrottled}), ` +
				`peak RSS ${Math.round(n8n.client.peakRssMb)} MB vs ${Math.round(core.client.peakRssMb)} MB, client CPU ${seconds(n8n.client.cpuMs)} vs ${seconds(core.client.cpuMs)}.`,
		);
		log();
	}
	const n8nTable = n8nRuns.length > 0 ? formatN8nTable(n8nRuns) : undefined;
	if (n8nTable) {
		log(`In n8n ${n8nRuns[0].n8nVersion} (saved execution data from n8n's database; RSS of the process that ran the execution; MB of data = 10^6 bytes):`);
		log(n8nTable);
		const slopes = formatN8nSlopes(n8nRuns);
		if (slopes) log(slopes);
		log();
	}
	log(`Targets (the core runs${n8nRuns.length > 0 ? '; n8n: the runs in a real n8n' : ''}):`);
	log(formatTargets(targets));
	log();

	const results: BenchResults = {
		startedAt: startedAt.toISOString(),
		durationS: (performance.now() - clock) / 1000,
		machine: machineInfo(loadAtStart),
		options,
		runs,
		planner,
		targets,
		table,
		n8n: n8nRuns.length > 0 ? n8nRuns : undefined,
		n8nTable,
	};
	const outDir = resolve(ROOT, options.outDir);
	mkdirSync(outDir, { recursive: true });
	const stamp = startedAt.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
	const file = resolve(outDir, `bench-${stamp}.json`);
	writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
	log(`figures written to ${file}`);
	const plotted = writePlot(results, resolve(outDir, `wall-vs-floor-${stamp}`));
	log(`plot written to ${plotted.join(', ')}${plotted.length === 1 ? ' (no PNG: @resvg/resvg-js is not installed)' : ''}`);
	if (options.publish) {
		const published = resolve(__dirname, 'results');
		mkdirSync(published, { recursive: true });
		copyFileSync(file, resolve(published, 'latest.json'));
		const publishedPlot = writePlot(results, resolve(published, 'wall-vs-floor'));
		log(`published to ${resolve(published, 'latest.json')} and ${publishedPlot.join(', ')}`);
	}
	log(`benchmark took ${seconds(results.durationS * 1000)}; runs: ${[...runs.map(runTitle), ...n8nRuns.map(n8nRunTitle)].join('; ')}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
});
