/** The benchmark's figures, the time floor, the targets and their text tables. */
import type { PlannerCpuResult } from './plannerCpu';
import { BATCHED_KINDS, KIND_LABELS, REQUEST_KINDS, type RequestKind } from './requests';
import type { DatasetFacts, SandboxReady, SandboxSummary, StateCheck } from './sandboxHost';
import type { SyncClientResult, SyncEngine } from './syncClient';

export interface SizeRun {
	engine: SyncEngine;
	customers: number;
	serverRpm: number;
	clientRpm: number;
	concurrency: number;
	latencyMs: number;
	facts: DatasetFacts;
	needs: SandboxReady['needs'];
	client: SyncClientResult;
	sandbox: SandboxSummary;
	state: StateCheck;
	floor: TimeFloor;
	/** 1-minute load average before and after the run, and the cores. */
	load: { before: number; after: number; cores: number };
	/** How the client process ran the sources (absent in results from before the choice: ts-node). */
	clientRuntime?: ClientRuntime;
}

/** The client process runs the sources compiled ahead (the default) or through ts-node (--client ts-node). */
export type ClientRuntime = 'compiled' | 'ts-node';

export interface TimeFloor {
	/** ConnectWise requests the simulator accepted (429s are not counted by its limit) / limit per minute. */
	rateFloorS: number;
	/** latency x ConnectWise requests / concurrency. */
	latencyFloorS: number;
	floorS: number;
}

export function timeFloor(cwSent: number, cwThrottled: number, serverRpm: number, latencyMs: number, concurrency: number): TimeFloor {
	const rateFloorS = ((cwSent - cwThrottled) / serverRpm) * 60;
	const latencyFloorS = (latencyMs / 1000) * (cwSent / concurrency);
	return { rateFloorS, latencyFloorS, floorS: Math.max(rateFloorS, latencyFloorS) };
}

export interface PlannerFigures extends PlannerCpuResult {
	firstCpuMs: number;
	medianCpuMs: number;
}

export function plannerFigures(result: PlannerCpuResult): PlannerFigures {
	const sorted = [...result.cpuMs].sort((a, b) => a - b);
	return { ...result, firstCpuMs: result.cpuMs[0], medianCpuMs: sorted[Math.floor(sorted.length / 2)] };
}

export interface Target {
	name: string;
	scope: string;
	value: string;
	limit: string;
	pass: boolean;
}

export const TARGETS = {
	/** Requests at most this times the lower bound of a safe sync (its verification reads counted). */
	requestsRatio: 1.05,
	wallRatio: 1.2,
	/** planReconciliation on 100,000 lines, cold and median, under this much CPU. */
	plannerCpuMs: 500,
	/** The core client's peak RSS at the largest size under this. */
	rssAtLargestMb: 400,
	/** Peak RSS per customer between the last two sizes at most this times that between the first two. */
	rssSlopeGrowth: 1.5,
};

const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number): string => value.toFixed(digits);
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const pad = (text: string, width: number): string => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const padLeft = (text: string, width: number): string => (text.length >= width ? text : ' '.repeat(width - text.length) + text);

export function totalRequests(run: SizeRun): number {
	return REQUEST_KINDS.reduce((sum, kind) => sum + run.sandbox.summary.byKind[kind].sent, 0);
}

export function requestRatio(run: SizeRun): number {
	return totalRequests(run) / run.sandbox.bound.total;
}

export function wallRatio(run: SizeRun): number {
	return run.client.wallMs / 1000 / run.floor.floorS;
}

export function runTitle(run: SizeRun): string {
	const engine = run.engine === 'n8n' ? ' through n8n WorkflowExecute (4 nodes)' : ' on the core';
	return `${int(run.customers)} customers x ${run.facts.lines / run.customers} lines (${int(run.facts.lines)} lines)${engine}`;
}

/** One run's block: requests by kind against the bound, time against the floor, memory, correctness. */
export function formatRun(run: SizeRun): string {
	const { summary, bound } = run.sandbox;
	const lines: string[] = [];
	lines.push(`== ${runTitle(run)} ==`);
	const planted = run.facts.planted;
	lines.push(
		`dataset ${run.facts.name}: ${int(run.facts.companies)} companies, ${int(run.facts.agreements)} agreements, ${int(run.facts.additions)} additions, ` +
			`${int(run.facts.catalog)} catalog items; ${int(planted.changed)} changed lines (CW07), expected codes ${Object.entries(run.facts.expectedCodes)
				.sort()
				.map(([code, count]) => `${code} ${count}`)
				.join(', ')}`,
	);
	lines.push(
		`conditions: ConnectWise latency ${run.latencyMs} ms/request; simulator limit ${int(run.serverRpm)} requests per sliding minute; ` +
			`client concurrency ${run.concurrency}, requestsPerMinute ${run.clientRpm > 0 ? int(run.clientRpm) : 'none'}`,
	);
	lines.push('');
	lines.push(`  ${pad('requests', 28)}${padLeft('actual', 8)}${padLeft('429s', 7)}${padLeft('bound', 8)}  how the bound is counted`);
	for (const kind of REQUEST_KINDS) {
		const count = summary.byKind[kind];
		if (kind === 'other' && count.sent === 0) continue;
		lines.push(`  ${pad(KIND_LABELS[kind], 28)}${padLeft(int(count.sent), 8)}${padLeft(count.throttled ? int(count.throttled) : '-', 7)}${padLeft(int(bound.byKind[kind]), 8)}  ${boundNote(run, kind)}`);
	}
	const total = totalRequests(run);
	const ratio = requestRatio(run);
	lines.push(`  ${pad('total', 28)}${padLeft(int(total), 8)}${padLeft(int(summary.cwThrottled + summary.byKind.atria.throttled), 7)}${padLeft(int(bound.total), 8)}  actual / bound = ${fixed(ratio, 3)}x (target <= ${TARGETS.requestsRatio}x: ${ratio <= TARGETS.requestsRatio ? 'PASS' : 'MISS'})`);
	const safety = bound.safetyReads;
	lines.push(
		`  safety reads in the bound: ${int(safety.total)} = ${int(safety.beforeCreating)} agreements getting a new addition, each re-read once before creating (Check Before Creating), ` +
			`+ ${int(safety.afterEachCreate)} new additions, each checked by one read after its POST; actual additions reads of an agreement already read: ${int(summary.additionsReReads)} ` +
			`(${int(summary.agreementsReRead)} agreements). Without the safety reads the bound would be ${int(bound.withoutSafetyReads)} (actual / that = ${fixed(total / bound.withoutSafetyReads, 3)}x)`,
	);
	lines.push('');
	const wallS = run.client.wallMs / 1000;
	const rate = (summary.cwSent / wallS) * 60;
	lines.push(
		`  wall ${seconds(run.client.wallMs)}; floor ${fixed(run.floor.floorS, 1)} s = max(rate: ${int(summary.cwSent - summary.cwThrottled)} accepted / ${int(run.serverRpm)} per min = ${fixed(run.floor.rateFloorS, 1)} s, ` +
			`latency: ${run.latencyMs} ms x ${int(summary.cwSent)} / ${run.concurrency} = ${fixed(run.floor.latencyFloorS, 1)} s); ` +
			`wall / floor = ${fixed(wallRatio(run), 2)} (target <= ${TARGETS.wallRatio}: ${wallRatio(run) <= TARGETS.wallRatio ? 'PASS' : 'MISS'})`,
	);
	const t = summary.timeline;
	if (t.lastRequestS !== null) {
		const at = (value: number | null): string => (value === null ? '-' : `${fixed(value, 1)} s`);
		lines.push(
			`  timeline at ConnectWise: snapshot reads until ${at(t.lastReadBeforeWritesS)}, first write at ${at(t.firstWriteS)}, last request at ${at(t.lastRequestS)}; ` +
				`idle ${fixed(t.idleS, 1)} s in pauses over 1 s${t.idleS > 0 ? ` (longest ${fixed(t.longestIdleS, 1)} s: waiting for the rate window)` : ''}`,
		);
	}
	lines.push(`  ConnectWise rate achieved ${int(rate)} requests/min over the wall time; client CPU ${seconds(run.client.cpuMs)}, sandbox CPU ${seconds(run.sandbox.sandboxCpuMs)} (separate process)`);
	lines.push(
		`  client peak RSS ${int(run.client.peakRssMb)} MB (maxRSS; ${int(run.client.baselineRssMb)} MB loaded before the sync; ${clientRuntime(run)}), peak heap used ${int(run.client.peakHeapUsedMb)} MB; sandbox peak RSS ${int(run.sandbox.sandboxPeakRssMb)} MB`,
	);
	if (run.client.nodeMs) {
		lines.push(`  n8n node times: ${Object.entries(run.client.nodeMs).map(([node, ms]) => `${node} ${seconds(ms)} (${int(run.client.nodeItems?.[node] ?? 0)} items)`).join(', ')}`);
	}
	if (run.client.executor) {
		lines.push(`  executor: ${int(run.client.executor.sent)} sent, ${int(run.client.executor.retries)} retries, ${int(run.client.executor.throttled)} throttled`);
	}
	lines.push(
		`  run status ${run.client.status}${run.client.status === 'Failed' || run.client.status === 'error' ? ' (the dataset plants Error-level cases: CW14...)' : ''}; ConnectWise ends ${run.state.matches ? 'EXACTLY in the expected state' : `NOT in the expected state (${run.state.missing} missing, ${run.state.unexpected} unexpected)`} ` +
			`(${int(run.state.activeAdditions)} additions); load average ${fixed(run.load.before, 2)} -> ${fixed(run.load.after, 2)} on ${run.load.cores} cores`,
	);
	return lines.join('\n');
}

/** How the client process ran the sources: compiled ahead (as the core runs in n8n) or through ts-node. */
function clientRuntime(run: SizeRun): string {
	return run.clientRuntime === 'compiled' ? 'compiled JavaScript, no TypeScript compiler in the process' : 'run through ts-node, whose compiler is in that figure';
}

function boundNote(run: SizeRun, kind: RequestKind): string {
	const bound = run.sandbox.bound;
	if ((BATCHED_KINDS as readonly string[]).includes(kind)) {
		const b = bound.batches[kind as (typeof BATCHED_KINDS)[number]];
		if (b.values === 0) return 'no values to look up';
		const extraPages = run.sandbox.summary.batches[kind as (typeof BATCHED_KINDS)[number]].pagesAfterFirst;
		return `ceil(${int(b.values)} values / ${fixed(b.valuesPerUrl, 1)} per URL): ${b.room} chars of room, ${fixed(b.meanEncodedLength, 1)} per value${extraPages ? `; ${extraPages} extra pages` : ''}`;
	}
	switch (kind) {
		case 'atria':
			return 'one request for the period';
		case 'types':
			return 'one';
		case 'additionsRead': {
			const safety = bound.safetyReads;
			return `one per agreement worked on (${int(bound.byKind.additionsRead - safety.total)}) + safety reads (${int(safety.total)}): ${int(safety.beforeCreating)} re-reads before creating + ${int(safety.afterEachCreate)} checks after each create`;
		}
		case 'patch':
			return 'one per changed addition (CW07 + CW20 + ACW02)';
		case 'post':
			return 'one per new addition (CW08)';
		default:
			return '';
	}
}

export function batchingFormula(): string {
	return [
		'Lower bound of a batched read: a URL may not exceed 2,000 characters, so with room = 2,000 - the URL without list values',
		'(measured on the requests sent) and each value as sent (quoted, percent-encoded) plus a 3-character "%2C" separator,',
		'n values need at least ceil((sum of value lengths + 3n) / (room + 3)) URLs = ceil(n / values per URL), values per URL =',
		'(room + 3) / (mean value length + 3).',
		'Lower bound of a safe sync = two Atria reads + one agreement-types read + the batched reads + one additions read per agreement',
		'worked on + one PATCH per changed addition + one POST per new addition + the verification reads safety needs',
		'(nodes/core/apply/applier.ts): one re-read of each agreement that gets a new addition, just before its first create (Check',
		'Before Creating: a plan applied late or twice never adds a product twice), and one read after each POST (a create that',
		'raced another execution is settled, the lowest id kept). Updates of a plan made moments before need no read (a plan older',
		'than two minutes would read its agreement once more; here plans are applied as soon as they are made).',
		'Time floor = max(rate floor = accepted ConnectWise requests / limit per minute, latency floor = latency x requests / concurrency).',
		'The limit is a sliding 60 s window, so the first <limit> requests may go at once: a run needing k x limit requests can end',
		'after about k - 1 minutes, and wall / floor below 1 is possible.',
	].join('\n');
}

/** The README table: one row per run. */
export function formatSummaryTable(runs: readonly SizeRun[], planner: PlannerFigures | undefined): string {
	const header = '| customers x lines | engine | limit (req/min) | requests | lower bound | ratio | wall | floor | wall / floor | 429s | peak RSS |';
	const rule = '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
	const rows = runs.map((run) =>
		[
			`${int(run.customers)} x ${run.facts.lines / run.customers}`,
			run.engine === 'n8n' ? 'n8n (4 nodes)' : 'core',
			int(run.serverRpm),
			int(totalRequests(run)),
			int(run.sandbox.bound.total),
			`${fixed(requestRatio(run), 3)}x`,
			seconds(run.client.wallMs),
			`${fixed(run.floor.floorS, 1)} s`,
			fixed(wallRatio(run), 2),
			int(run.sandbox.summary.cwThrottled),
			`${int(run.client.peakRssMb)} MB`,
		].join(' | '),
	);
	const lines = [header, rule, ...rows.map((row) => `| ${row} |`)];
	if (planner) {
		lines.push('');
		lines.push(
			`Planner alone (planReconciliation) on ${int(planner.lines)} lines / ${int(planner.customers)} customers: ${int(planner.firstCpuMs)} ms CPU cold, ` +
				`${int(planner.medianCpuMs)} ms median of ${planner.cpuMs.length}.`,
		);
	}
	return lines.join('\n');
}

/** The targets, evaluated on the core runs (n8n is reported, not targeted). */
export function evaluateTargets(coreRuns: readonly SizeRun[], planner: PlannerFigures | undefined): Target[] {
	const targets: Target[] = [];
	for (const run of coreRuns) {
		const ratio = requestRatio(run);
		targets.push({
			name: `requests <= ${TARGETS.requestsRatio} x safe-sync lower bound`,
			scope: `${int(run.customers)} customers`,
			value: `${fixed(ratio, 3)}x (${int(totalRequests(run))} / ${int(run.sandbox.bound.total)}, of which ${int(run.sandbox.bound.safetyReads.total)} safety reads)`,
			limit: `${TARGETS.requestsRatio}x`,
			pass: ratio <= TARGETS.requestsRatio,
		});
	}
	for (const run of coreRuns) {
		const ratio = wallRatio(run);
		targets.push({ name: 'wall <= 1.2 x floor', scope: `${int(run.customers)} customers`, value: fixed(ratio, 2), limit: String(TARGETS.wallRatio), pass: ratio <= TARGETS.wallRatio });
	}
	if (planner) {
		const name = `planner on 100,000 lines under ${TARGETS.plannerCpuMs / 1000} s`;
		const limit = `${int(TARGETS.plannerCpuMs)} ms`;
		targets.push({ name, scope: `${int(planner.lines)} lines, cold (first run)`, value: `${int(planner.firstCpuMs)} ms CPU`, limit, pass: planner.firstCpuMs < TARGETS.plannerCpuMs });
		targets.push({ name, scope: `${int(planner.lines)} lines, median of ${planner.cpuMs.length}`, value: `${int(planner.medianCpuMs)} ms CPU`, limit, pass: planner.medianCpuMs < TARGETS.plannerCpuMs });
	}
	if (coreRuns.length > 0) {
		const largest = coreRuns[coreRuns.length - 1];
		targets.push({
			name: `core peak RSS under ${TARGETS.rssAtLargestMb} MB at the largest size`,
			scope: `${int(largest.customers)} customers${largest.clientRuntime === 'compiled' ? '' : ', through ts-node'}`,
			value: `${int(largest.client.peakRssMb)} MB`,
			limit: `${TARGETS.rssAtLargestMb} MB`,
			pass: largest.client.peakRssMb < TARGETS.rssAtLargestMb,
		});
	}
	if (coreRuns.length >= 3) {
		const [a, b] = coreRuns;
		const [c, d] = coreRuns.slice(-2);
		const first = (b.client.peakRssMb - a.client.peakRssMb) / ((b.customers - a.customers) / 1000);
		const last = (d.client.peakRssMb - c.client.peakRssMb) / ((d.customers - c.customers) / 1000);
		targets.push({
			name: 'peak RSS grows linearly',
			scope: `MB per 1,000 customers, ${int(a.customers)}->${int(b.customers)} vs ${int(c.customers)}->${int(d.customers)}`,
			value: `${fixed(first, 1)} vs ${fixed(last, 1)}`,
			limit: `later <= ${TARGETS.rssSlopeGrowth} x earlier (+5 MB noise)`,
			pass: last <= TARGETS.rssSlopeGrowth * Math.max(first, 0) + 5,
		});
	}
	return targets;
}

export function formatTargets(targets: readonly Target[]): string {
	return targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${pad(t.name, 48)} ${pad(t.scope, 36)} ${t.value} (limit ${t.limit})`).join('\n');
}
