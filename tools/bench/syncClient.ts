/**
 * Child process: one sync against the sandbox, measured. `core` runs the job on the core (the demo's
 * runCoreSync: one executor shared by reads and writes); `n8n` runs the four nodes as a workflow through
 * n8n-core's WorkflowExecute (test/n8n/harness.ts). Wall time and CPU cover the sync only; peak RSS is the
 * process's (kernel maxRSS), so it includes what was loaded before the run: the baseline is reported too. The
 * runner starts this process from sources compiled ahead (compiled.ts), as the core runs in n8n, so no
 * TypeScript compiler is in that figure; `--client ts-node` runs it through ts-node instead.
 */
import { performance } from 'node:perf_hooks';
import { GENERATED_BILLING_PERIOD_END } from '../../sandbox/data/generator';
import { childInput, sendToParent } from './ipc';

export type SyncEngine = 'core' | 'n8n';

export interface SyncClientInput {
	engine: SyncEngine;
	cwUrl: string;
	atriaUrl: string;
	concurrency: number;
	/** The client-side budget; 0 = none (the executor then only reacts to 429 Retry-After). */
	clientRpm: number;
}

export interface SyncClientResult {
	type: 'result';
	engine: SyncEngine;
	status: string;
	wallMs: number;
	/** This process's CPU (user + system) during the sync. */
	cpuMs: number;
	/** RSS once everything is loaded, just before the sync starts. */
	baselineRssMb: number;
	/** The process's peak RSS (getrusage maxRSS). */
	peakRssMb: number;
	/** Highest heapUsed seen by a 20 ms sampler during the sync. */
	peakHeapUsedMb: number;
	/** Log entries by code. */
	codes: Record<string, number>;
	/** The core's executor counters (core engine only). */
	executor?: { sent: number; retries: number; throttled: number };
	/** Each node's execution time as n8n recorded it (n8n engine only). */
	nodeMs?: Record<string, number>;
	/** Items each node output (n8n engine only, output 0). */
	nodeItems?: Record<string, number>;
}

const MB = 1024 * 1024;

interface Measured<T> {
	value: T;
	wallMs: number;
	cpuMs: number;
	baselineRssMb: number;
	peakHeapUsedMb: number;
}

async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
	global.gc?.();
	const baselineRssMb = process.memoryUsage.rss() / MB;
	let peakHeapUsed = process.memoryUsage().heapUsed;
	const sampler = setInterval(() => {
		peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
	}, 20);
	const cpuStart = process.cpuUsage();
	const start = performance.now();
	try {
		const value = await work();
		const wallMs = performance.now() - start;
		const cpu = process.cpuUsage(cpuStart);
		return { value, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, baselineRssMb, peakHeapUsedMb: peakHeapUsed / MB };
	} finally {
		clearInterval(sampler);
	}
}

function countCodes(entries: ReadonlyArray<{ code: string }>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const entry of entries) counts[entry.code] = (counts[entry.code] ?? 0) + 1;
	return counts;
}

async function runCore(input: SyncClientInput): Promise<SyncClientResult> {
	const { runCoreSync } = await import('../../test/support/coreSync');
	const measured = await measure(() =>
		runCoreSync({
			cwUrl: input.cwUrl,
			atriaUrl: input.atriaUrl,
			billingPeriod: GENERATED_BILLING_PERIOD_END,
			allowCreateAdditions: true,
			concurrency: input.concurrency,
			requestsPerMinute: input.clientRpm > 0 ? input.clientRpm : undefined,
			runId: 'bench',
		}),
	);
	const result = measured.value;
	return {
		type: 'result',
		engine: 'core',
		status: result.status,
		wallMs: measured.wallMs,
		cpuMs: measured.cpuMs,
		baselineRssMb: measured.baselineRssMb,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		peakHeapUsedMb: measured.peakHeapUsedMb,
		codes: countCodes(result.entries),
		executor: result.requests,
	};
}

async function runN8n(input: SyncClientInput): Promise<SyncClientResult> {
	// The harness first, so n8n-core finds its environment (test/n8n/env.ts) when it loads.
	await import('../../test/n8n/harness');
	const { runWorkflow } = await import('../../test/n8n/harness');
	const { syncWorkflow } = await import('../../test/nodes/workflow');
	const { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_CREDENTIAL } = await import('../../test/support/coreSync');
	const limits = { options: { concurrency: input.concurrency, requestsPerMinute: input.clientRpm } };
	const workflow = syncWorkflow({
		getBillingData: { billingPeriod: 'date', billingDate: GENERATED_BILLING_PERIOD_END },
		reconcileAgreement: { allowCreateAdditions: true, ...limits },
		applyAdditions: limits,
	});
	const credentials = {
		atriaApi: { baseUrl: input.atriaUrl, apiToken: SANDBOX_ATRIA_TOKEN },
		connectWiseManageApi: { ...SANDBOX_CW_CREDENTIAL, customUrl: input.cwUrl },
	};
	const measured = await measure(() => runWorkflow(workflow, { credentials }));
	const run = measured.value;
	const nodeMs: Record<string, number> = {};
	const nodeItems: Record<string, number> = {};
	for (const [name, tasks] of Object.entries(run.run.data.resultData.runData)) {
		nodeMs[name] = tasks.reduce((sum, task) => sum + (task.executionTime ?? 0), 0);
		nodeItems[name] = run.items(name).length;
	}
	const codes = countCodes(run.json('Emit CW Log').map((row) => ({ code: String(row.code) })));
	if (run.error) process.stderr.write(`n8n run error: ${run.error.message}\n`);
	return {
		type: 'result',
		engine: 'n8n',
		status: run.status,
		wallMs: measured.wallMs,
		cpuMs: measured.cpuMs,
		baselineRssMb: measured.baselineRssMb,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		peakHeapUsedMb: measured.peakHeapUsedMb,
		codes,
		nodeMs,
		nodeItems,
	};
}

async function main(): Promise<void> {
	const input = childInput<SyncClientInput>();
	const result = input.engine === 'n8n' ? await runN8n(input) : await runCore(input);
	await sendToParent(result);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`sync client: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
