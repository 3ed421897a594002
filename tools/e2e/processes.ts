/**
 * Child processes of the demo and the e2e run (n8n main, workers, npm), each in its own process group so that
 * stopping it also stops what it started (n8n's task runners). Every process started here is registered and
 * stopped on exit, on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export interface StartOptions {
	command: string;
	args: string[];
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Everything the process prints is appended here. */
	logFile: string;
	/** A short name for messages: 'n8n main', 'n8n worker 1'. */
	label: string;
}

const running = new Set<ManagedProcess>();

export class ManagedProcess {
	readonly child: ChildProcess;
	readonly label: string;
	readonly logFile: string;
	private readonly log: WriteStream;
	private readonly exited: Promise<number | null>;
	private exitCode: number | null | undefined;

	constructor(options: StartOptions) {
		this.label = options.label;
		this.logFile = options.logFile;
		this.log = openLog(options.logFile);
		// detached: its own process group, so a signal to -pid reaches the task runners it spawns.
		this.child = spawn(options.command, options.args, {
			cwd: options.cwd,
			env: options.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child.stdout?.pipe(this.log, { end: false });
		this.child.stderr?.pipe(this.log, { end: false });
		this.exited = new Promise((resolve) => {
			this.child.on('exit', (code, signal) => {
				this.exitCode = code ?? (signal ? -1 : null);
				running.delete(this);
				resolve(this.exitCode);
			});
			this.child.on('error', (error) => {
				this.log.write(`\n[spawn error] ${error.message}\n`);
				this.exitCode = -1;
				running.delete(this);
				resolve(-1);
			});
		});
		running.add(this);
	}

	get hasExited(): boolean {
		return this.exitCode !== undefined;
	}

	waitForExit(): Promise<number | null> {
		return this.exited;
	}

	/** SIGTERM to the whole group, SIGKILL after `graceMs`. */
	async stop(graceMs = 15000): Promise<void> {
		if (!this.hasExited) {
			signalGroup(this.child, 'SIGTERM');
			const timer = setTimeout(() => signalGroup(this.child, 'SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// Runners left behind by a main that died first.
		signalGroup(this.child, 'SIGKILL');
		await new Promise<void>((resolve) => this.log.end(resolve));
	}
}

function openLog(file: string): WriteStream {
	mkdirSync(dirname(file), { recursive: true });
	const stream = createWriteStream(file, { flags: 'a' });
	// A log that cannot be written must not crash the run: the output is still captured in memory.
	stream.on('error', (error) => process.stderr.write(`cannot write ${file}: ${error.message}\n`));
	return stream;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// The group is gone already.
	}
}

export async function stopAll(): Promise<void> {
	for (const child of oneShots) signalGroup(child, 'SIGKILL');
	await Promise.all([...running].map((process) => process.stop()));
}

let cleanups: Array<() => Promise<void>> = [];

/** Runs on normal exit of main() (call runCleanups) and on SIGINT/SIGTERM. Last registered runs first. */
export function onCleanup(cleanup: () => Promise<void>): void {
	cleanups.push(cleanup);
}

export async function runCleanups(): Promise<void> {
	await stopAll();
	const pending = cleanups.reverse();
	cleanups = [];
	for (const cleanup of pending) {
		try {
			await cleanup();
		} catch (error) {
			process.stderr.write(`cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
		}
	}
}

let interrupted = false;

/** True once Ctrl-C or SIGTERM arrived: steps failing from then on failed because their processes were stopped. */
export function wasInterrupted(): boolean {
	return interrupted;
}

/** Ctrl-C and SIGTERM stop every child and run the cleanups before exiting. */
export function installSignalHandlers(): void {
	const handler = (signal: NodeJS.Signals): void => {
		if (interrupted) return;
		interrupted = true;
		process.stderr.write(`\n${signal}: stopping n8n and the sandbox...\n`);
		runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
	// Last resort if the driver dies without cleaning: no orphaned n8n keeps a port.
	process.on('exit', () => {
		for (const child of running) signalGroup(child.child, 'SIGKILL');
		for (const child of oneShots) signalGroup(child, 'SIGKILL');
	});
}

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs a command to its end, capturing its output (also appended to logFile when given). */
export function runCommand(
	command: string,
	args: string[],
	options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string; onOutput?: (text: string) => void; timeoutMs?: number } = {},
): Promise<CommandResult> {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		oneShots.add(child);
		let timedOut = false;
		const timer = options.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					signalGroup(child, 'SIGKILL');
				}, options.timeoutMs)
			: undefined;
		const log = options.logFile ? openLog(options.logFile) : undefined;
		log?.write(`\n$ ${[command, ...args].join(' ')}\n`);
		let stdout = '';
		let stderr = '';
		let code: number | null = null;
		// Decoded as UTF-8 across chunk boundaries (a chunk may end inside a multi-byte character).
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (text: string) => {
			stdout += text;
			log?.write(text);
			options.onOutput?.(text);
		});
		child.stderr.on('data', (text: string) => {
			stderr += text;
			log?.write(text);
			options.onOutput?.(text);
		});
		// A grandchild (a task runner) may hold the pipes open: when the command itself exits, end its group.
		child.on('exit', (exitCode, signal) => {
			code = exitCode ?? (signal ? -1 : null);
			signalGroup(child, 'SIGKILL');
		});
		child.on('close', () => {
			oneShots.delete(child);
			clearTimeout(timer);
			if (timedOut) stderr += `\n[${command} ${args.join(' ')}: stopped after ${options.timeoutMs} ms]`;
			if (log) log.end(() => resolve({ code, stdout, stderr }));
			else resolve({ code, stdout, stderr });
		});
		child.on('error', (error) => {
			stderr += error.message;
			code = -1;
		});
	});
}

const oneShots = new Set<ChildProcess>();
