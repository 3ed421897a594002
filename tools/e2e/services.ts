/**
 * The machine's PostgreSQL and Redis, started when down (with the commands the machine notes give), and a small
 * SQL helper that borrows the `pg` client n8n itself ships, so the project needs no extra dependency.
 */
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import type { PostgresDatabase } from './n8n';
import { runCommand } from './processes';
import type { N8nRuntime } from './runtime';

export const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
export const REDIS = { host: '127.0.0.1', port: 6379 };

interface PgClient {
	connect(): Promise<void>;
	query<R = Record<string, unknown>>(sql: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
	end(): Promise<void>;
}
type PgModule = { Client: new (config: Record<string, unknown>) => PgClient };

function portOpen(host: string, port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ host, port });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

async function waitForPort(host: string, port: number, seconds: number): Promise<boolean> {
	for (let i = 0; i < seconds * 2; i++) {
		if (await portOpen(host, port)) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

export async function ensurePostgres(say: (line: string) => void): Promise<void> {
	if (await portOpen(POSTGRES.host, POSTGRES.port)) return;
	say('PostgreSQL is not running: starting it.');
	await runCommand('bash', ['-c', 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start']);
	if (!(await waitForPort(POSTGRES.host, POSTGRES.port, 30))) throw new Error(`PostgreSQL did not start on ${POSTGRES.host}:${POSTGRES.port}`);
}

export async function ensureRedis(say: (line: string) => void): Promise<void> {
	if (await portOpen(REDIS.host, REDIS.port)) return;
	say('Redis is not running: starting it.');
	await runCommand('redis-server', [
		'--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(REDIS.port), '--save', '', '--appendonly', 'no',
		'--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log',
	]);
	if (!(await waitForPort(REDIS.host, REDIS.port, 30))) throw new Error(`Redis did not start on ${REDIS.host}:${REDIS.port}`);
}

function processIsAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export class Sql {
	private constructor(
		private readonly pg: PgModule,
		readonly database: PostgresDatabase,
	) {}

	static forRuntime(runtime: N8nRuntime, database: string): Sql {
		const pg = createRequire(join(runtime.n8nDir, 'package.json'))('pg') as PgModule;
		return new Sql(pg, { ...POSTGRES, database });
	}

	async query<R = Record<string, unknown>>(sql: string, values?: unknown[], database = this.database.database): Promise<R[]> {
		const client = new this.pg.Client({ ...this.database, database });
		await client.connect();
		try {
			return (await client.query<R>(sql, values)).rows;
		} finally {
			await client.end();
		}
	}

	/** Drops and creates this database (connections to it are ended first). */
	async recreate(): Promise<void> {
		const name = this.database.database;
		if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
		await this.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name], 'postgres');
		await this.query(`DROP DATABASE IF EXISTS ${name}`, [], 'postgres');
		await this.query(`CREATE DATABASE ${name}`, [], 'postgres');
	}

	/** Drops the databases whose name matches `pattern` and whose run (the pid in its first group) has ended. */
	async dropDatabasesOfEndedRuns(pattern: RegExp): Promise<void> {
		const databases = await this.query<{ datname: string }>('SELECT datname FROM pg_database', [], 'postgres');
		for (const { datname } of databases) {
			const pid = Number(pattern.exec(datname)?.[1] ?? 0);
			if (pid > 0 && !processIsAlive(pid)) await new Sql(this.pg, { ...this.database, database: datname }).drop();
		}
	}

	async drop(): Promise<void> {
		const name = this.database.database;
		await this.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name], 'postgres');
		await this.query(`DROP DATABASE IF EXISTS ${name}`, [], 'postgres');
	}
}

/** Removes every Redis key of one run's Bull prefix (queues, job counters, completed jobs). */
export async function clearRedisPrefix(runtime: N8nRuntime, prefix: string): Promise<number> {
	type RedisClient = { scan(cursor: string, ...args: Array<string | number>): Promise<[string, string[]]>; del(...keys: string[]): Promise<number>; quit(): Promise<unknown> };
	const Redis = createRequire(join(runtime.n8nDir, 'package.json'))('ioredis') as new (options: Record<string, unknown>) => RedisClient;
	const client = new Redis({ host: REDIS.host, port: REDIS.port, lazyConnect: false, maxRetriesPerRequest: 2 });
	let removed = 0;
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
			if (keys.length > 0) removed += await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		await client.quit();
	}
	return removed;
}
