/** `npm run bench -- --flag value ...`: the benchmark's conditions, every one with a default that is printed. */
import type { ClientRuntime } from './report';
import { N8N_DEFAULT_OPTIONS, N8N_USAGE, parseN8nFlag, type N8nBenchOptions } from './n8n/options';

/** With the flags of the runs in a real n8n (n8n/options.ts: --n8n-sizes, --n8n-modes, ...). */
export interface BenchOptions extends N8nBenchOptions {
	sizes: number[];
	linesPerCustomer: number;
	seed: number;
	changedFraction: number;
	caseFraction: number;
	/** Added by the ConnectWise simulator to every request. */
	latencyMs: number;
	/** The simulator's rate limit for sizes below `largeFrom`. */
	rpm: number;
	/** The simulator's rate limit from `largeFrom` customers on, to keep the run short. */
	largeRpm: number;
	largeFrom: number;
	/** The core executor's concurrency (also the n8n nodes' Concurrency option). */
	concurrency: number;
	/** The client-side requestsPerMinute budget: 'server' = the simulator's limit of the size; 0 = none. */
	clientRpm: number | 'server';
	/** How the measured client process runs the sources: transpiled ahead (as in n8n), or through ts-node. */
	client: ClientRuntime;
	/** Customers of the n8n run; 0 = no n8n run. */
	n8nSize: number;
	/** Lines for the planner CPU measure; 0 = skip it. */
	plannerLines: number;
	plannerRuns: number;
	/** Also write tools/bench/results/latest.json and wall-vs-floor.png (the figures the README shows). */
	publish: boolean;
	outDir: string;
}

export const DEFAULT_OPTIONS: BenchOptions = {
	...N8N_DEFAULT_OPTIONS,
	sizes: [100, 1000, 5000],
	linesPerCustomer: 15,
	seed: 2026,
	changedFraction: 0.1,
	caseFraction: 0.02,
	latencyMs: 50,
	rpm: 1000,
	largeRpm: 5000,
	largeFrom: 5000,
	concurrency: 8,
	clientRpm: 'server',
	client: 'compiled',
	n8nSize: 1000,
	plannerLines: 100_000,
	plannerRuns: 5,
	publish: false,
	outDir: 'bench-results',
};

export const USAGE = `npm run bench -- [flags]
  --sizes 100,1000,5000    customers per run (x --lines each)
  --lines 15               billing lines per customer
  --seed 2026              generator seed
  --changed 0.1            share of lines whose quantity changed
  --cases 0.02             share of customers/lines in EACH CW04-CW22 case
  --latency 50             ms the ConnectWise simulator adds to every request
  --rpm 1000               simulator rate limit (requests per sliding minute) for sizes below --large-from
  --large-rpm 5000         simulator rate limit from --large-from customers on (keeps the largest run short)
  --large-from 5000
  --concurrency 8          requests in flight (core executor; the n8n nodes' Concurrency option)
  --client-rpm server      client requestsPerMinute budget: 'server' = the simulator's limit; 0 = none
  --client compiled        how the measured client runs the sources: 'compiled' (transpiled ahead into .cache/bench-js,
                           no compiler in the process, as the core runs in n8n) or 'ts-node' (adds ts-node's ~120 MB)
  --n8n-size 1000          customers of the n8n WorkflowExecute run; 0 = none (runs only if also in --sizes)
  --planner-lines 100000   lines for the planner CPU measure; 0 = skip
  --planner-runs 5
  --publish                also write tools/bench/results/latest.json and wall-vs-floor.png
  --out bench-results      folder for bench-<date>.json and the plot
${N8N_USAGE}`;

function positiveInteger(flag: string, text: string, allowZero = false): number {
	const value = Number(text.replace(/_/g, ''));
	if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new Error(`${flag} must be a whole number${allowZero ? '' : ' of at least 1'}, not '${text}'`);
	return value;
}

function fraction(flag: string, text: string): number {
	const value = Number(text);
	if (!(value >= 0 && value <= 1)) throw new Error(`${flag} must be a number from 0 to 1, not '${text}'`);
	return value;
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
	const options: BenchOptions = { ...DEFAULT_OPTIONS, sizes: [...DEFAULT_OPTIONS.sizes] };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return 'help';
		if (arg === '--publish') {
			options.publish = true;
			continue;
		}
		const [flag, inline] = arg.split(/=(.*)/s, 2);
		const value = inline ?? argv[++i];
		if (!flag.startsWith('--') || value === undefined) throw new Error(`unexpected argument '${arg}'\n\n${USAGE}`);
		switch (flag) {
			case '--sizes':
				options.sizes = value.split(',').map((part) => positiveInteger(flag, part.trim()));
				break;
			case '--lines':
				options.linesPerCustomer = positiveInteger(flag, value);
				break;
			case '--seed':
				options.seed = positiveInteger(flag, value, true);
				break;
			case '--changed':
				options.changedFraction = fraction(flag, value);
				break;
			case '--cases':
				options.caseFraction = fraction(flag, value);
				break;
			case '--latency':
				options.latencyMs = positiveInteger(flag, value, true);
				break;
			case '--rpm':
				options.rpm = positiveInteger(flag, value);
				break;
			case '--large-rpm':
				options.largeRpm = positiveInteger(flag, value);
				break;
			case '--large-from':
				options.largeFrom = positiveInteger(flag, value);
				break;
			case '--concurrency':
				options.concurrency = positiveInteger(flag, value);
				break;
			case '--client-rpm':
				options.clientRpm = value === 'server' ? 'server' : positiveInteger(flag, value, true);
				break;
			case '--client':
				if (value !== 'compiled' && value !== 'ts-node') throw new Error(`--client must be 'compiled' or 'ts-node', not '${value}'`);
				options.client = value;
				break;
			case '--n8n-size':
				options.n8nSize = positiveInteger(flag, value, true);
				break;
			case '--planner-lines':
				options.plannerLines = positiveInteger(flag, value, true);
				break;
			case '--planner-runs':
				options.plannerRuns = positiveInteger(flag, value);
				break;
			case '--out':
				options.outDir = value;
				break;
			default:
				if (parseN8nFlag(options, flag, value)) break;
				throw new Error(`unknown flag '${flag}'\n\n${USAGE}`);
		}
	}
	options.sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
	return options;
}

export function serverRpmFor(options: BenchOptions, customers: number): number {
	return customers >= options.largeFrom ? options.largeRpm : options.rpm;
}

export function clientRpmFor(options: BenchOptions, customers: number): number {
	return options.clientRpm === 'server' ? serverRpmFor(options, customers) : options.clientRpm;
}
