/**
 * One n8n installation as the demo and the e2e run use it: a user folder of its own (.cache/n8n-user-*), the
 * pinned runtime, CLI commands (import, execute), `n8n start` and `n8n worker` processes on ports of their own.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ManagedProcess, runCommand, type CommandResult } from './processes';
import type { N8nRuntime } from './runtime';

export interface PostgresDatabase {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
}

export interface N8nSetup {
	runtime: N8nRuntime;
	/** N8N_USER_FOLDER: n8n keeps its state in `<userFolder>/.n8n`. */
	userFolder: string;
	encryptionKey: string;
	/** n8n's own database: SQLite in the user folder unless a PostgreSQL database is given. */
	database?: PostgresDatabase;
	/** Queue mode: Redis and the Bull key prefix of this run. */
	queue?: { redisHost: string; redisPort: number; prefix: string };
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, so two runs never pick the same). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export function newEncryptionKey(): string {
	return randomBytes(24).toString('hex');
}

/** The environment every n8n command of one setup shares (same user folder, key and database). */
export function n8nEnvironment(setup: N8nSetup, ports: { http: number; broker: number; health?: number }): NodeJS.ProcessEnv {
	// npm's own variables (npm run sets dozens) stay out: n8n runs npm itself for community packages.
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_') && !name.startsWith('N8N_') && !name.startsWith('DB_')));
	const base = `http://127.0.0.1:${ports.http}`;
	const env: NodeJS.ProcessEnv = {
		...inherited,
		PATH: setup.runtime.path,
		N8N_USER_FOLDER: setup.userFolder,
		N8N_ENCRYPTION_KEY: setup.encryptionKey,
		N8N_PORT: String(ports.http),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${base}/`,
		WEBHOOK_URL: `${base}/`,
		// The editor is reached over plain http on loopback.
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		QUEUE_HEALTH_CHECK_ACTIVE: ports.health ? 'true' : 'false',
		QUEUE_HEALTH_CHECK_PORT: String(ports.health ?? 0),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	if (setup.database) {
		Object.assign(env, {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: setup.database.host,
			DB_POSTGRESDB_PORT: String(setup.database.port),
			DB_POSTGRESDB_DATABASE: setup.database.database,
			DB_POSTGRESDB_USER: setup.database.user,
			DB_POSTGRESDB_PASSWORD: setup.database.password,
		});
	}
	if (setup.queue) {
		Object.assign(env, {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: setup.queue.redisHost,
			QUEUE_BULL_REDIS_PORT: String(setup.queue.redisPort),
			QUEUE_BULL_PREFIX: setup.queue.prefix,
		});
	}
	return env;
}

export class N8n {
	readonly setup: N8nSetup;
	readonly logFolder: string;

	constructor(setup: N8nSetup) {
		this.setup = setup;
		this.logFolder = join(setup.userFolder, 'logs');
		mkdirSync(this.logFolder, { recursive: true });
	}

	/**
	 * Runs `n8n <args>` to its end. CLI commands get ports of their own: a running main keeps its ports. `httpPort`
	 * gives the command the base URL of a main started later on that port (WEBHOOK_URL: the resume links a waiting
	 * node sends point there).
	 */
	async cli(args: string[], logName = 'cli.log', timeoutMs = 10 * 60 * 1000, httpPort?: number): Promise<CommandResult> {
		const env = n8nEnvironment(this.setup, { http: httpPort ?? (await freePort()), broker: await freePort() });
		return runCommand(this.setup.runtime.nodeBin, [this.setup.runtime.n8nBin, ...args], { env, logFile: join(this.logFolder, logName), timeoutMs });
	}

	async cliOrThrow(args: string[], logName?: string): Promise<CommandResult> {
		const result = await this.cli(args, logName);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr, 30)}`);
		}
		return result;
	}

	/** `n8n start` (on `httpPort` when given): waits until /healthz/readiness answers. */
	async start(label = 'n8n main', httpPort?: number): Promise<N8nServer> {
		const ports = { http: httpPort ?? (await freePort()), broker: await freePort() };
		const logFile = join(this.logFolder, `${label.replace(/\W+/g, '-')}.log`);
		const process = new ManagedProcess({
			command: this.setup.runtime.nodeBin,
			args: [this.setup.runtime.n8nBin, 'start'],
			env: n8nEnvironment(this.setup, ports),
			logFile,
			label,
		});
		const server = new N8nServer(process, `http://127.0.0.1:${ports.http}`);
		await waitUntilReady(process, `${server.url}/healthz/readiness`, 180000);
		return server;
	}

	/** `n8n worker`: waits until its health server reports ready. */
	async startWorker(label: string, concurrency = 5): Promise<ManagedProcess> {
		const ports = { http: await freePort(), broker: await freePort(), health: await freePort() };
		const worker = new ManagedProcess({
			command: this.setup.runtime.nodeBin,
			args: [this.setup.runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
			env: n8nEnvironment(this.setup, ports),
			logFile: join(this.logFolder, `${label.replace(/\W+/g, '-')}.log`),
			label,
		});
		await waitUntilReady(worker, `http://127.0.0.1:${ports.health}/healthz/readiness`, 180000);
		return worker;
	}
}

export class N8nServer {
	constructor(
		readonly process: ManagedProcess,
		readonly url: string,
	) {}

	log(): string {
		return existsSync(this.process.logFile) ? readFileSync(this.process.logFile, 'utf8') : '';
	}

	stop(): Promise<void> {
		return this.process.stop();
	}
}

async function waitUntilReady(process: ManagedProcess, url: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (process.hasExited) throw new Error(`${process.label} exited before it was ready; log ${process.logFile}:\n${tail(readLog(process.logFile), 40)}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${process.label} was not ready after ${timeoutMs / 1000}s; log ${process.logFile}:\n${tail(readLog(process.logFile), 40)}`);
}

function readLog(file: string): string {
	return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export function tail(text: string, lines: number): string {
	return text.trim().split('\n').slice(-lines).join('\n');
}
