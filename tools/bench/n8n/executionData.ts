/**
 * What a saved execution consists of. n8n saves an execution's run data (IRunExecutionData) in
 * execution_data.data as `flatted` text: every object once, a repeated reference (a node passing its input
 * items through unchanged, as If and No Op do) as an index. So each node is counted by what it adds: the
 * nodes' run data are serialized cumulatively in execution order, and a node's part is the growth its run data
 * causes, objects it shares with an earlier node being already counted there. The parts and the data without
 * any run data add up to the saved size. Its run data serialized alone is given too.
 * Binary data appear as references (id `<mode>:<file>`) when n8n stores them outside the execution, inline
 * (base64 in `data`) otherwise.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface Flatted {
	parse(text: string): unknown;
	stringify(value: unknown): string;
}

export interface NodeShare {
	node: string;
	/** Times the node ran in the execution. */
	runs: number;
	/** Items on its outputs (all outputs, all runs). */
	items: number;
	/** Bytes its run data add to the saved data after the nodes that ran before it (shared objects counted once, where first seen). */
	addedBytes: number;
	/** Its run data (outputs, timing, source) serialized alone with flatted. */
	aloneBytes: number;
	/** Each run's start (epoch ms, n8n's clock: this machine's) and duration. */
	runsAt: Array<{ startTime: number; executionTime: number }>;
	/** JSON bytes of each top-level field of its items' json, summed over the items (plain JSON: no sharing), largest first, at most 8. */
	jsonFields: Array<{ field: string; bytes: number }>;
}

export interface BinaryShare {
	node: string;
	property: string;
	fileName?: string;
	mimeType?: string;
	/** The file's size (n8n's `bytes`, else the inline data decoded). */
	bytes: number;
	/** Where the bytes are: the binary data mode of its id ('filesystem-v2', 'database'), or 'inline' in the execution data. */
	storedIn: string;
	/** Bytes the binary adds to the execution data itself (the base64 text when inline). */
	inlineBytes: number;
}

export interface ExecutionDataBreakdown {
	/** UTF-8 bytes of execution_data.data. */
	totalBytes: number;
	/** The saved data without any node's run data (start data, execution stack, metadata). */
	withoutRunDataBytes: number;
	/** In execution order. */
	nodes: NodeShare[];
	binaries: BinaryShare[];
	parseMs: number;
}

type Item = { json?: unknown; binary?: Record<string, { data?: string; id?: string; mimeType?: string; fileName?: string; bytes?: number }> };
type TaskData = { data?: Record<string, Array<Item[] | null> | undefined>; startTime?: number; executionTime?: number; executionIndex?: number };
type RunExecutionData = { resultData?: { runData?: Record<string, TaskData[]> } };

function loadFlatted(n8nDir: string): Flatted {
	return createRequire(join(n8nDir, 'package.json'))('flatted') as Flatted;
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export function analyzeExecutionData(text: string, n8nDir: string): ExecutionDataBreakdown {
	const flatted = loadFlatted(n8nDir);
	const started = Date.now();
	const data = flatted.parse(text) as RunExecutionData;
	const parseMs = Date.now() - started;
	const runData = data.resultData?.runData ?? {};
	const totalBytes = bytes(text);
	const withRunData = (names: string[]): number => {
		const kept = Object.fromEntries(Object.entries(runData).filter(([name]) => names.includes(name)));
		return bytes(flatted.stringify({ ...data, resultData: { ...data.resultData, runData: kept } }));
	};
	const firstRun = (tasks: TaskData[]): number => Math.min(...tasks.map((task) => task.executionIndex ?? task.startTime ?? Infinity));
	const order = Object.keys(runData).sort((a, b) => firstRun(runData[a]) - firstRun(runData[b]));

	const nodes: NodeShare[] = [];
	const binaries: BinaryShare[] = [];
	const withoutRunDataBytes = withRunData([]);
	let before = withoutRunDataBytes;
	for (const [index, node] of order.entries()) {
		const tasks = runData[node];
		let items = 0;
		const fields = new Map<string, number>();
		for (const task of tasks) {
			for (const output of Object.values(task.data ?? {})) {
				for (const list of output ?? []) {
					for (const item of list ?? []) {
						items++;
						if (item.json && typeof item.json === 'object') {
							for (const [field, value] of Object.entries(item.json)) fields.set(field, (fields.get(field) ?? 0) + bytes(JSON.stringify(value) ?? ''));
						}
						for (const [property, binary] of Object.entries(item.binary ?? {})) {
							const inline = binary.id ? 0 : bytes(binary.data ?? '');
							binaries.push({
								node,
								property,
								fileName: binary.fileName,
								mimeType: binary.mimeType,
								bytes: binary.bytes ?? (binary.id ? 0 : Buffer.from(binary.data ?? '', 'base64').length),
								storedIn: binary.id ? binary.id.split(':')[0] : 'inline',
								inlineBytes: inline,
							});
						}
					}
				}
			}
		}
		// The last step is the saved text itself (the same serializer on the same data).
		const upTo = index === order.length - 1 ? totalBytes : withRunData(order.slice(0, index + 1));
		const jsonFields = [...fields].map(([field, size]) => ({ field, bytes: size })).sort((a, b) => b.bytes - a.bytes).slice(0, 8);
		nodes.push({
			node,
			runs: tasks.length,
			items,
			addedBytes: upTo - before,
			aloneBytes: bytes(flatted.stringify(tasks)),
			runsAt: tasks.map((task) => ({ startTime: task.startTime ?? NaN, executionTime: task.executionTime ?? NaN })),
			jsonFields,
		});
		before = upTo;
	}
	return { totalBytes, withoutRunDataBytes, nodes, binaries, parseMs };
}
