/**
 * The steps the demo and the e2e share: a fresh user folder with the packed package installed as a community
 * package, the sandbox's credentials imported, a workflow imported and executed, and the log read back from
 * the execution.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../../nodes/core/log/entry';
import type { LogRow } from '../../nodes/core/log/run';
import type { Sandbox } from '../../sandbox';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_CREDENTIAL } from '../../test/support/coreSync';
import { installCommunityPackage, type PackedPackage } from './communityPackage';
import { N8n, newEncryptionKey, type N8nSetup, type PostgresDatabase } from './n8n';
import { CACHE_ROOT, formatSeconds, REPO_ROOT, type N8nRuntime } from './runtime';
import type { CredentialRef, WorkflowJson } from './workflows';

export const CREDENTIALS = {
	atriaApi: { id: 'AtriaSandbox0001', name: 'Atria (sandbox)' },
	connectWiseManageApi: { id: 'CwSandbox0000001', name: 'ConnectWise Manage (sandbox)' },
	postgres: { id: 'PgCwLog000000001', name: 'PostgreSQL (cw_log)' },
	smtp: { id: 'SmtpSink00000001', name: 'SMTP (e2e sink)' },
} satisfies Record<string, CredentialRef>;

export function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

/** Runs a step and prints how long it took. */
export async function timed<T>(label: string, step: () => Promise<T>, timings?: Map<string, number>): Promise<T> {
	const started = Date.now();
	const result = await step();
	const seconds = (Date.now() - started) / 1000;
	timings?.set(label, seconds);
	say(`  ${label}: ${formatSeconds(seconds)}`);
	return result;
}

/**
 * `.cache/n8n-user-<kind>-<pid>`: a clean n8n state per run. Folders of runs whose process is gone are removed
 * first (a failed run leaves its folder, with the n8n logs, until the next run).
 */
export function freshUserFolder(kind: string): string {
	mkdirSync(CACHE_ROOT, { recursive: true });
	for (const name of readdirSync(CACHE_ROOT)) {
		const match = /^n8n-user-[a-z0-9]+-(\d+)$/.exec(name);
		if (!match) continue;
		let alive = false;
		try {
			process.kill(Number(match[1]), 0);
			alive = true;
		} catch {
			alive = false;
		}
		if (!alive) rmSync(join(CACHE_ROOT, name), { recursive: true, force: true });
	}
	const folder = join(CACHE_ROOT, `n8n-user-${kind}-${process.pid}`);
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	return folder;
}

export async function newInstallation(
	runtime: N8nRuntime,
	packed: PackedPackage,
	userFolder: string,
	options: Pick<N8nSetup, 'database' | 'queue'> = {},
): Promise<N8n> {
	const setup: N8nSetup = { runtime, userFolder, encryptionKey: newEncryptionKey(), ...options };
	const n8n = new N8n(setup);
	if (!existsSync(join(userFolder, '.n8n', 'nodes', 'node_modules', packed.name))) {
		await installCommunityPackage(runtime, userFolder, packed, join(n8n.logFolder, 'install-package.log'));
	}
	return n8n;
}

/**
 * Imports the sandbox credentials (and the log database's, and an SMTP server's without TLS or login, when given);
 * the file is removed after import. Only the sandbox's URLs are read (the benchmark's sandbox runs in another process).
 */
export async function importCredentials(
	n8n: N8n,
	sandbox: { atria: Pick<Sandbox['atria'], 'url'>; cw: Pick<Sandbox['cw'], 'url'> },
	logDatabase?: PostgresDatabase,
	smtp?: { host: string; port: number },
): Promise<void> {
	const credentials: Array<Record<string, unknown>> = [
		{
			...CREDENTIALS.atriaApi,
			type: 'atriaApi',
			data: { baseUrl: sandbox.atria.url, apiToken: SANDBOX_ATRIA_TOKEN, allowPlainHttp: false },
		},
		{
			...CREDENTIALS.connectWiseManageApi,
			type: 'connectWiseManageApi',
			data: { ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url, allowPlainHttp: false },
		},
	];
	if (logDatabase) {
		credentials.push({
			...CREDENTIALS.postgres,
			type: 'postgres',
			data: { host: logDatabase.host, port: logDatabase.port, database: logDatabase.database, user: logDatabase.user, password: logDatabase.password, ssl: 'disable' },
		});
	}
	if (smtp) {
		credentials.push({
			...CREDENTIALS.smtp,
			type: 'smtp',
			data: { host: smtp.host, port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' },
		});
	}
	const file = join(n8n.setup.userFolder, 'credentials-import.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		await n8n.cliOrThrow(['import:credentials', `--input=${file}`]);
	} finally {
		rmSync(file, { force: true });
	}
}

/** Imports workflows with one `n8n import:workflow --separate` (each n8n command boots n8n: about 8 s). */
export async function importWorkflows(n8n: N8n, workflows: Array<{ workflow: WorkflowJson; fileName: string }>): Promise<void> {
	const folder = join(n8n.setup.userFolder, 'workflows-import');
	rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	for (const { workflow, fileName } of workflows) writeFileSync(join(folder, fileName), JSON.stringify(workflow, null, 2));
	await n8n.cliOrThrow(['import:workflow', '--separate', `--input=${folder}`]);
}

/** n8n's IRun as `n8n execute --rawOutput` prints it (the parts the driver reads). */
export interface ExecutionRun {
	finished?: boolean;
	status?: string;
	waitTill?: string | null;
	startedAt?: string;
	stoppedAt?: string;
	data: {
		resultData: {
			error?: { message?: string };
			lastNodeExecuted?: string;
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
		};
	};
}

/**
 * `n8n execute --id --rawOutput`: the run data, parsed from the JSON after any log lines. A run that waits (Send and
 * Wait) returns with status `waiting`; `httpPort` is then the port of the main that will receive its resume links.
 */
export async function executeWorkflow(n8n: N8n, workflowId: string, logName: string, httpPort?: number): Promise<{ run: ExecutionRun; stdout: string }> {
	const result = await n8n.cli(['execute', `--id=${workflowId}`, '--rawOutput'], logName, undefined, httpPort);
	// The JSON is printed with two-space indents: it starts with a '{' line and ends with a '}' line; n8n's log
	// lines may come before and after it.
	const start = result.stdout.search(/^\{/m);
	const end = result.stdout.lastIndexOf('\n}') + 2;
	if (result.code !== 0 || start < 0 || end < start) {
		throw new Error(`n8n execute --id=${workflowId} failed (exit ${result.code}); log ${join(n8n.logFolder, logName)}:\n${(result.stdout + result.stderr).trim().split('\n').slice(-40).join('\n')}`);
	}
	try {
		return { run: JSON.parse(result.stdout.slice(start, end)) as ExecutionRun, stdout: result.stdout };
	} catch (error) {
		const dump = join(n8n.logFolder, `${logName}.stdout`);
		writeFileSync(dump, result.stdout);
		throw new Error(`n8n execute printed JSON that does not parse (${error instanceof Error ? error.message : String(error)}); its output: ${dump}`);
	}
}

/** The items of one output of a node's last run. */
export function nodeOutput(run: ExecutionRun, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`the execution has no run of node '${nodeName}'`);
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node '${nodeName}' failed: ${last.error.message ?? 'unknown error'}`);
	return (last.data?.main?.[output] ?? []).map((item) => item.json);
}

/** A flat log row back into a LogEntry (empty cells were absent fields), for the report and the CSV. */
export function rowToEntry(row: LogRow): LogEntry {
	const entry: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) if (value !== '' && value !== null && value !== undefined) entry[key] = value;
	return entry as unknown as LogEntry;
}

/**
 * The run's full log entries (unit prices, the period and every other field the flat rows leave out): those
 * the items carried into Emit CW Log, from Apply Additions' output, then Emit CW Log's closing CW23.
 */
export function readLogEntries(run: ExecutionRun, applyNode: string, emitNode: string): LogEntry[] {
	const carried = nodeOutput(run, applyNode, 0).flatMap((item) => (Array.isArray(item.log) ? (item.log as LogEntry[]) : []));
	const closing = readLogRows(run, emitNode).filter((row) => row.code === 'CW23').map(rowToEntry);
	return [...carried, ...closing];
}

export function readLogRows(run: ExecutionRun, emitNode: string): LogRow[] {
	return nodeOutput(run, emitNode, 0) as unknown as LogRow[];
}

export function readSummary(run: ExecutionRun, emitNode: string): { status: string; text: string } & Record<string, unknown> {
	return nodeOutput(run, emitNode, 1)[0] as { status: string; text: string };
}

/** How long the workflow itself ran inside n8n (n8n execute's own boot excluded). */
export function runSeconds(run: { startedAt?: string; stoppedAt?: string | null }): string {
	return run.startedAt && run.stoppedAt ? formatSeconds((Date.parse(run.stoppedAt) - Date.parse(run.startedAt)) / 1000) : '?';
}

/** The cw_log table exactly as README.md documents it (the ```sql block with CREATE TABLE cw_log). */
export function documentedCwLogTable(): string {
	const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
	const block = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1]).find((sql) => /CREATE TABLE cw_log\b/.test(sql));
	if (!block) throw new Error('README.md has no ```sql block with CREATE TABLE cw_log');
	return block;
}
