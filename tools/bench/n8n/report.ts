/** The figures of the runs in a real n8n, their text, and the two n8n targets. */
import type { Target } from '../report';
import type { DatasetFacts, StateCheck } from '../sandboxHost';
import type { ExecutionDataBreakdown } from './executionData';
import type { N8nMode } from './options';

export interface N8nProcessMemory {
	/** 'n8n main', 'n8n worker'. */
	label: string;
	/** RSS (VmRSS, median of 5 samples a second apart) after idling, before the run (MB = MiB). */
	idleBeforeMb: number;
	/** VmHWM read after the run, reset (clear_refs 5) just before it: the peak resident set during the run. */
	peakMb: number;
	/** Whether the reset worked; if not, peakMb is the peak since the process started. */
	peakIsRunOnly: boolean;
	/** Highest VmRSS a 250 ms sampler saw during the run (a check on peakMb). */
	sampledPeakMb: number;
	/** RSS after idling again once the execution was saved. */
	idleAfterMb: number;
	/** The same for the process with its descendants (n8n's task runners), summed. */
	tree: { idleBeforeMb: number; sampledPeakMb: number; idleAfterMb: number };
	/** [epoch ms, RSS MB] every 250 ms during the run. */
	timeline: Array<[number, number]>;
	/** [epoch ms, RSS MB] every second while idling after the run. */
	idleAfterTimeline: Array<[number, number]>;
}

export interface N8nSaved {
	/** UTF-8 bytes of execution_data.data (the run data, flatted). */
	dataBytes: number;
	/** Bytes of execution_data.workflowData (the workflow snapshot, JSON). */
	workflowDataBytes: number;
	/** n8n's own execution_entity.jsonSizeBytes (data + workflowData + version id). */
	jsonSizeBytes: number | null;
	/** n8n's execution_entity.binaryDataSizeBytes (the files the execution's items reference). */
	binaryDataSizeBytes: number | null;
	/** Binary files found where the mode keeps them: the binary_data table (database) or the storage folder (filesystem). */
	binaryStored: { where: string; files: number; bytes: number };
}

export interface N8nRun {
	mode: N8nMode;
	customers: number;
	/** What the package was built from: HEAD, and its files (nodes/, credentials/, package.json) uncommitted then. */
	source: { commit: string; uncommitted: string[] };
	n8nVersion: string;
	nodeVersion: string;
	/** n8n's database: PostgreSQL, as in the e2e's queue mode. */
	database: string;
	/** The binary data mode the execution's binaries show (n8n 2.41.1's default for the mode). */
	binaryDataMode: string;
	minimumLevel: string;
	serverRpm: number;
	clientRpm: number;
	concurrency: number;
	latencyMs: number;
	idleBeforeS: number;
	/** Wall time of the warm-up run (one customer, dry run) before the idle RSS was read; undefined: none. */
	warmUpMs?: number;
	idleAfterS: number;
	facts: DatasetFacts;
	execution: { id: string; status: string; startedAt: string; stoppedAt: string; runMs: number; wallMs: number };
	saved: N8nSaved;
	breakdown?: ExecutionDataBreakdown;
	/** The process that ran the execution: n8n main in regular mode, the worker in queue mode. */
	ran: N8nProcessMemory;
	/** Queue mode: the main, which received the webhook and queued the execution. */
	main?: N8nProcessMemory;
	requests: { cwSent: number; cwThrottled: number; atria: number };
	state: StateCheck;
	load: { before: number; after: number; cores: number };
}

export const N8N_TARGETS = {
	/** Saved execution data (execution_data.data + workflowData) per 1,000 customers, at the default minimum level. */
	savedMbPer1000: 10,
	/** Growth of the process that ran the execution (peak during the run less idle before) per 1,000 customers. */
	growthMbPer1000: 150,
};

/** Data sizes in decimal MB (10^6 bytes); RSS in MB of 2^20 bytes, as the rest of the benchmark. */
const MB = 1_000_000;
const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number, digits = 2): string => `${(bytes / MB).toFixed(digits)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const per1000 = (run: N8nRun, value: number): number => value / (run.customers / 1000);

export function savedBytes(run: N8nRun): number {
	return run.saved.dataBytes + run.saved.workflowDataBytes;
}

export function growthMb(memory: N8nProcessMemory): number {
	return memory.peakMb - memory.idleBeforeMb;
}

export function n8nRunTitle(run: N8nRun): string {
	const how = run.mode === 'regular' ? 'regular mode, n8n start runs it' : 'queue mode, an n8n worker runs it';
	return `${int(run.customers)} customers x ${run.facts.lines / run.customers} lines in n8n ${run.n8nVersion} (${how})`;
}

/** RSS at a few points of the idle time after the run: whether the memory goes back. */
function idleCurve(memory: N8nProcessMemory): string {
	const timeline = memory.idleAfterTimeline;
	if (timeline.length < 2) return '';
	const start = timeline[0][0];
	const points = [5, 30, 60, 90, 120]
		.map((secondsAfter) => timeline.find(([at]) => at - start >= secondsAfter * 1000 - 500))
		.filter((point): point is [number, number] => point !== undefined);
	const unique = points.filter((point, index) => points.indexOf(point) === index);
	if (unique.length === 0) return '';
	return `; RSS after the run ${unique.map(([at, value]) => `${Math.round((at - start) / 1000)} s ${int(value)} MB`).join(', ')}`;
}

function memoryLine(run: N8nRun, memory: N8nProcessMemory): string {
	const growth = growthMb(memory);
	const perK = per1000(run, growth);
	return (
		`  ${memory.label}: RSS ${int(memory.idleBeforeMb)} MB idle before${run.warmUpMs === undefined ? ' (no warm-up run)' : ' (after a one-customer warm-up run)'}, peak ${int(memory.peakMb)} MB during the run (VmHWM${memory.peakIsRunOnly ? ' reset before it' : ' since start: reset refused'}; ` +
		`sampled ${int(memory.sampledPeakMb)} MB), ${int(memory.idleAfterMb)} MB after ${run.idleAfterS} s idle; grew ${int(growth)} MB = ${int(perK)} MB per 1,000 customers, ` +
		`kept ${int(memory.idleAfterMb - memory.idleBeforeMb)} MB; with its task runners ${int(memory.tree.idleBeforeMb)} -> ${int(memory.tree.sampledPeakMb)} -> ${int(memory.tree.idleAfterMb)} MB` +
		idleCurve(memory)
	);
}

export interface PhasePeak {
	phase: string;
	/** Highest sampled RSS in the phase (MB); NaN when no sample fell in it (a phase under 250 ms). */
	peakMb: number;
}

/**
 * The highest RSS sampled while each node ran (n8n's startTime and executionTime of its runs), before the first
 * node (the webhook, the queue) and after the last (saving the execution), for the process that ran it.
 */
export function peaksByPhase(run: N8nRun): PhasePeak[] {
	const nodes = run.breakdown?.nodes;
	const timeline = run.ran.timeline;
	if (!nodes || timeline.length === 0) return [];
	const orNaN = (value: number): number => (value === -Infinity ? NaN : value);
	const peakIn = (from: number, to: number): number => timeline.filter(([at]) => at >= from && at <= to).reduce((max, [, value]) => Math.max(max, value), -Infinity);
	const starts = nodes.flatMap((node) => node.runsAt.map((at) => at.startTime)).filter(Number.isFinite);
	const ends = nodes.flatMap((node) => node.runsAt.map((at) => at.startTime + at.executionTime)).filter(Number.isFinite);
	const first = Math.min(...starts);
	const last = Math.max(...ends);
	const phases: PhasePeak[] = [{ phase: 'before the first node', peakMb: orNaN(peakIn(-Infinity, first)) }];
	for (const node of nodes) {
		const peak = node.runsAt.reduce((max, at) => Math.max(max, peakIn(at.startTime, at.startTime + at.executionTime)), -Infinity);
		phases.push({ phase: node.node, peakMb: orNaN(peak) });
	}
	phases.push({ phase: 'after the last node (saving)', peakMb: orNaN(peakIn(last, Infinity)) });
	return phases;
}

export function formatN8nRun(run: N8nRun): string {
	const lines: string[] = [];
	lines.push(`== ${n8nRunTitle(run)} ==`);
	lines.push(
		`conditions: workflows/monthly-sync-postgres.json behind a webhook (Slack left out; the log goes into PostgreSQL and a spreadsheet), creating additions allowed, ` +
			`minimum level ${run.minimumLevel} (the default); n8n's database PostgreSQL; binary data mode ${run.binaryDataMode} (n8n's default in ${run.mode} mode); ` +
			`ConnectWise latency ${run.latencyMs} ms, limit ${int(run.serverRpm)}/min; the nodes' Concurrency ${run.concurrency}, Requests per Minute ${run.clientRpm || 'none'}`,
	);
	const e = run.execution;
	lines.push(`  execution ${e.id}: ${e.status}; n8n ran it in ${seconds(e.runMs)}; wall ${seconds(e.wallMs)} (webhook POST until the execution was saved)`);
	const saved = savedBytes(run);
	const perK = per1000(run, saved);
	lines.push(
		`  saved execution data: data ${mb(run.saved.dataBytes)} + workflowData ${mb(run.saved.workflowDataBytes, 3)} = ${mb(saved)} (n8n's jsonSizeBytes ${run.saved.jsonSizeBytes === null ? '-' : int(run.saved.jsonSizeBytes)} bytes) = ` +
			`${mb(perK)} per 1,000 customers (target <= ${N8N_TARGETS.savedMbPer1000} MB: ${perK / MB <= N8N_TARGETS.savedMbPer1000 ? 'PASS' : 'MISS'})`,
	);
	const b = run.saved.binaryStored;
	lines.push(
		`  binary data: ${run.saved.binaryDataSizeBytes === null ? '-' : mb(run.saved.binaryDataSizeBytes)} by n8n's count; ${b.files} files, ${mb(b.bytes)} in ${b.where}` +
			(run.breakdown ? `; in the execution data ${mb(run.breakdown.binaries.reduce((sum, binary) => sum + binary.inlineBytes, 0), 3)} (${run.breakdown.binaries.map((binary) => `${binary.node}.${binary.property} ${mb(binary.bytes, 3)} -> ${binary.storedIn}`).join(', ')})` : ''),
	);
	if (run.breakdown) {
		const d = run.breakdown;
		lines.push(`  by node, in execution order: bytes each adds to the saved data (items a node passes on unchanged are counted where they first appear) / its run data alone; items; largest fields of its items' json:`);
		for (const node of d.nodes) {
			const fields = node.jsonFields
				.slice(0, 4)
				.map((field) => `${field.field} ${mb(field.bytes)}`)
				.join(', ');
			lines.push(
				`    ${node.node.padEnd(24)} ${mb(node.addedBytes).padStart(9)} (${((node.addedBytes / d.totalBytes) * 100).toFixed(1).padStart(5)}%) / ${mb(node.aloneBytes).padStart(9)}; ${int(node.items).padStart(6)} items; ${fields}`,
			);
		}
		lines.push(`    ${'(without run data)'.padEnd(24)} ${mb(d.withoutRunDataBytes).padStart(9)}; parsed in ${seconds(d.parseMs)}`);
	}
	lines.push(memoryLine(run, run.ran));
	const phases = peaksByPhase(run);
	if (phases.length > 0) {
		lines.push(
			`    ${run.ran.label} RSS peak while each node ran (sampled every 250 ms): ${phases.map((phase) => `${phase.phase} ${Number.isNaN(phase.peakMb) ? '-' : `${int(phase.peakMb)} MB`}`).join(', ')}`,
		);
	}
	if (run.main) lines.push(memoryLine(run, run.main));
	lines.push(
		`  ConnectWise: ${int(run.requests.cwSent)} requests, ${int(run.requests.cwThrottled)} answered 429; ends ${run.state.matches ? 'EXACTLY in the expected state' : `NOT in the expected state (${run.state.missing} missing, ${run.state.unexpected} unexpected)`}; ` +
			`load average ${run.load.before.toFixed(2)} -> ${run.load.after.toFixed(2)} on ${run.load.cores} cores`,
	);
	return lines.join('\n');
}

/** The README table of the n8n runs. */
export function formatN8nTable(runs: readonly N8nRun[]): string {
	const header =
		'| customers x lines | n8n mode (process measured) | wall | saved execution data | per 1,000 customers | binary data (where) | RSS idle before | peak RSS | growth | per 1,000 customers | RSS idle after |';
	const rule = '|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|';
	const rows = runs.map((run) => {
		const growth = growthMb(run.ran);
		return [
			`${int(run.customers)} x ${run.facts.lines / run.customers}`,
			run.mode === 'regular' ? 'regular (main)' : 'queue (worker)',
			seconds(run.execution.wallMs),
			mb(savedBytes(run), 1),
			mb(per1000(run, savedBytes(run)), 1),
			`${mb(run.saved.binaryStored.bytes, 2)} (${run.binaryDataMode})`,
			`${int(run.ran.idleBeforeMb)} MB`,
			`${int(run.ran.peakMb)} MB`,
			`${int(growth)} MB`,
			`${int(per1000(run, growth))} MB`,
			`${int(run.ran.idleAfterMb)} MB`,
		].join(' | ');
	});
	return [header, rule, ...rows.map((row) => `| ${row} |`)].join('\n');
}

export function evaluateN8nTargets(runs: readonly N8nRun[]): Target[] {
	const targets: Target[] = [];
	for (const run of runs) {
		const perK = per1000(run, savedBytes(run)) / MB;
		targets.push({
			name: 'n8n: saved data <= 10 MB per 1,000 customers',
			scope: `${int(run.customers)} customers, ${run.mode}, ${run.minimumLevel}`,
			value: `${perK.toFixed(2)} MB`,
			limit: `${N8N_TARGETS.savedMbPer1000} MB (10^6 bytes)`,
			pass: perK <= N8N_TARGETS.savedMbPer1000,
		});
	}
	for (const run of runs) {
		const perK = per1000(run, growthMb(run.ran));
		targets.push({
			name: 'n8n: growth <= 150 MB per 1,000 customers',
			scope: `${int(run.customers)} customers, ${run.mode === 'regular' ? 'regular main' : 'queue worker'}`,
			value: `${int(perK)} MB (${int(growthMb(run.ran))} MB)`,
			limit: `${N8N_TARGETS.growthMbPer1000} MB`,
			pass: perK <= N8N_TARGETS.growthMbPer1000,
		});
	}
	return targets;
}

/**
 * Per 1,000 more customers between the smallest and the largest size of each mode: what grows with the MSP, the
 * fixed part (n8n loading the nodes and libraries at its first execution) taken out.
 */
export function formatN8nSlopes(runs: readonly N8nRun[]): string {
	const lines: string[] = [];
	for (const mode of ['regular', 'queue'] as const) {
		const ofMode = runs.filter((run) => run.mode === mode).sort((a, b) => a.customers - b.customers);
		if (ofMode.length < 2) continue;
		const small = ofMode[0];
		const large = ofMode[ofMode.length - 1];
		const k = (large.customers - small.customers) / 1000;
		const saved = (savedBytes(large) - savedBytes(small)) / k;
		const growth = (growthMb(large.ran) - growthMb(small.ran)) / k;
		const peak = (large.ran.peakMb - small.ran.peakMb) / k;
		lines.push(
			`${mode} mode, ${int(small.customers)} -> ${int(large.customers)} customers, per 1,000 more: saved data ${mb(saved)}, ${large.ran.label} growth ${int(growth)} MB (peak RSS ${int(peak)} MB), ` +
				`wall ${seconds((large.execution.wallMs - small.execution.wallMs) / k)}`,
		);
	}
	return lines.join('\n');
}
