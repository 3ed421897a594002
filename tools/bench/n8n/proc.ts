/**
 * Memory of a running process from Linux's /proc: its resident set now (VmRSS), its peak (VmHWM, which
 * writing 5 to /proc/<pid>/clear_refs resets, so the peak of one run can be read apart from start-up's), and
 * the resident sets of the processes it started (n8n's task runners), sampled while a run goes on.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProcMemory {
	/** VmRSS in KiB. */
	rssKb: number;
	/** VmHWM in KiB: the peak resident set since the process started or since resetPeak. */
	hwmKb: number;
}

export function readMemory(pid: number): ProcMemory | undefined {
	let text: string;
	try {
		text = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	const rssKb = field('VmRSS');
	const hwmKb = field('VmHWM');
	return Number.isFinite(rssKb) && Number.isFinite(hwmKb) ? { rssKb, hwmKb } : undefined;
}

/** Resets VmHWM to the current RSS (Linux 4.0+); false when the kernel or the permissions do not allow it. */
export function resetPeak(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
	} catch {
		return false;
	}
	const memory = readMemory(pid);
	return memory !== undefined && memory.hwmKb <= memory.rssKb + 1024;
}

/** Every process below `pid` (children, grandchildren), from the parent ids in /proc/<pid>/stat. */
export function descendants(pid: number): number[] {
	const parentOf = new Map<number, number>();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// The command name (2nd field) is in parentheses and may hold spaces: fields after the last ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parentOf.set(Number(name), ppid);
		} catch {
			// Gone meanwhile.
		}
	}
	const found: number[] = [];
	let frontier = [pid];
	while (frontier.length > 0) {
		const next: number[] = [];
		for (const [child, parent] of parentOf) if (frontier.includes(parent)) next.push(child);
		found.push(...next);
		frontier = next;
	}
	return found;
}

export interface SampledMemory {
	/** The highest VmRSS seen by the sampler (KiB); VmHWM is the exact peak, this a check on it. */
	peakRssKb: number;
	/** The highest sum of VmRSS over the process and its descendants (task runners) seen (KiB). */
	peakTreeRssKb: number;
	samples: number;
	/** [epoch ms, VmRSS KiB] of the process at each sample. */
	timeline: Array<[number, number]>;
}

/** Samples a process's RSS (and its tree's) every `intervalMs` until stop(). */
export function sampleMemory(pid: number, intervalMs = 250): { stop: () => SampledMemory } {
	const result: SampledMemory = { peakRssKb: 0, peakTreeRssKb: 0, samples: 0, timeline: [] };
	let ticks = 0;
	let tree: number[] = [];
	const sample = (): void => {
		const own = readMemory(pid);
		if (!own) return;
		// The tree is re-read every 4 s: runners come and go rarely.
		if (ticks++ % Math.max(1, Math.round(4000 / intervalMs)) === 0) tree = descendants(pid);
		const treeKb = tree.reduce((sum, child) => sum + (readMemory(child)?.rssKb ?? 0), own.rssKb);
		result.peakRssKb = Math.max(result.peakRssKb, own.rssKb);
		result.peakTreeRssKb = Math.max(result.peakTreeRssKb, treeKb);
		result.samples++;
		result.timeline.push([Date.now(), own.rssKb]);
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			sample();
			return result;
		},
	};
}

/** The RSS of a process and of its tree, as the median of `count` samples `intervalMs` apart (KiB). */
export async function idleMemory(pid: number, count = 5, intervalMs = 1000): Promise<{ rssKb: number; treeRssKb: number }> {
	const own: number[] = [];
	const trees: number[] = [];
	for (let i = 0; i < count; i++) {
		if (i > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
		const memory = readMemory(pid);
		if (!memory) throw new Error(`process ${pid} is gone`);
		own.push(memory.rssKb);
		trees.push(descendants(pid).reduce((sum, child) => sum + (readMemory(child)?.rssKb ?? 0), memory.rssKb));
	}
	const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { rssKb: median(own), treeRssKb: median(trees) };
}
