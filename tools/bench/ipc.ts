/**
 * Child processes for the benchmark. Each measured part runs in a fresh process, so its peak RSS is its own:
 * the sandbox in one (its memory and CPU are not the client's), each client run in another. Children run the
 * TypeScript sources through ts-node's transpile-only hook, like `npm run bench` itself, or (the measured
 * client, see compiled.ts) transpiled ahead by the runner: no build needed either way.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { CompiledSources } from './compiled';

export interface RpcRequest {
	id: number;
	method: string;
	params?: unknown;
}

export type RpcReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * Starts `tools/bench/<script>` with `input` as its one argument (JSON): through ts-node, or, given `compiled`
 * (compileForChildren of the script), from its sources transpiled ahead, without a compiler in the process.
 */
export function forkBenchChild(script: string, input: unknown, compiled?: Pick<CompiledSources, 'execArgv' | 'env'>): ChildProcess {
	return fork(resolve(__dirname, script), [JSON.stringify(input)], {
		execArgv: compiled ? compiled.execArgv : ['-r', 'ts-node/register/transpile-only'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, ...(compiled ? compiled.env : { TS_NODE_TRANSPILE_ONLY: 'true' }) },
	});
}

/** The JSON argument a child was started with. */
export function childInput<T>(): T {
	const text = process.argv[2];
	if (text === undefined) throw new Error('this script is started by tools/bench/run.ts, with its input as a JSON argument');
	return JSON.parse(text) as T;
}

/** Sends a message to the parent, resolved once it is handed to the IPC channel. */
export function sendToParent(message: unknown): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		if (!process.send) {
			reject(new Error('no IPC channel to the parent'));
			return;
		}
		process.send(message, undefined, {}, (error) => (error ? reject(error) : resolvePromise()));
	});
}

/** The first message of `type` from a child; rejects if the child exits before sending it. */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
	return new Promise((resolvePromise, reject) => {
		const onMessage = (message: unknown): void => {
			if (message !== null && typeof message === 'object' && (message as { type?: unknown }).type === type) {
				cleanup();
				resolvePromise(message as T);
			}
		};
		const onExit = (code: number | null, signal: string | null): void => {
			cleanup();
			reject(new Error(`child exited (code ${code}, signal ${signal}) before sending '${type}'`));
		};
		const cleanup = (): void => {
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}

/** Calls the parent side of a long-lived child (the sandbox host) by method name. */
export function rpcClient(child: ChildProcess): <T>(method: string, params?: unknown) => Promise<T> {
	let nextId = 1;
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	child.on('message', (message: unknown) => {
		const reply = message as RpcReply;
		if (typeof reply?.id !== 'number') return;
		const waiter = pending.get(reply.id);
		if (!waiter) return;
		pending.delete(reply.id);
		if (reply.ok) waiter.resolve(reply.result);
		else waiter.reject(new Error(reply.error));
	});
	child.on('exit', () => {
		for (const waiter of pending.values()) waiter.reject(new Error('the child exited'));
		pending.clear();
	});
	return <T>(method: string, params?: unknown) =>
		new Promise<T>((resolvePromise, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolvePromise as (value: unknown) => void, reject });
			child.send({ id, method, params } satisfies RpcRequest);
		});
}

/** Serves rpcClient calls in a child. */
export function serveRpc(handlers: Record<string, (params: unknown) => unknown>): void {
	process.on('message', (message: unknown) => {
		const request = message as RpcRequest;
		if (typeof request?.id !== 'number' || typeof request.method !== 'string') return;
		const handler = handlers[request.method];
		Promise.resolve()
			.then(() => {
				if (!handler) throw new Error(`no method '${request.method}'`);
				return handler(request.params);
			})
			.then(
				(result) => sendToParent({ id: request.id, ok: true, result } satisfies RpcReply),
				(error: unknown) => sendToParent({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies RpcReply),
			)
			.catch(() => process.exit(1));
	});
}

/** Waits for a child to exit. */
export function exited(child: ChildProcess): Promise<number | null> {
	// A child killed by a signal has no exit code and its 'exit' event has already fired.
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
}
