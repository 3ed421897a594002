/** The JSON a benchmark run writes (bench-results/bench-<date>.json; tools/bench/results/latest.json). */
import type { N8nRun } from './n8n/report';
import type { BenchOptions } from './options';
import type { PlannerFigures, SizeRun, Target } from './report';

export interface MachineInfo {
	cores: number;
	cpuModel: string;
	totalMemoryGb: number;
	node: string;
	platform: string;
	/** 1, 5 and 15-minute load averages when the benchmark started and ended. */
	loadAtStart: number[];
	loadAtEnd: number[];
}

export interface BenchResults {
	startedAt: string;
	durationS: number;
	machine: MachineInfo;
	options: BenchOptions;
	runs: SizeRun[];
	planner?: PlannerFigures;
	targets: Target[];
	/** The table the README shows (markdown). */
	table: string;
	/** The runs in a real n8n (--n8n-sizes), and their README table. */
	n8n?: N8nRun[];
	n8nTable?: string;
}
