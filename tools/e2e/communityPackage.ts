/**
 * The package as users get it: built, packed with `npm pack`, and installed into n8n's community nodes folder
 * the way n8n 2.41 installs a community package (CommunityPackagesService.downloadPackage): the tarball is
 * unpacked into `<user folder>/.n8n/nodes/node_modules/<name>`, its dev, peer and optional dependencies are
 * dropped from its package.json, `npm install` runs inside it with scripts off, and `<user folder>/.n8n/nodes/
 * package.json` records it. At start n8n loads every package in that node_modules, with type names
 * `<package>.<node>`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './processes';
import { CACHE_ROOT, REPO_ROOT, type N8nRuntime } from './runtime';

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
}

function npmEnvironment(runtime: N8nRuntime): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
	return { ...inherited, PATH: runtime.path, npm_config_update_notifier: 'false' };
}

/** `npm run build`, then `npm pack` into .cache/e2e-pack. */
export async function buildAndPack(logFile: string): Promise<PackedPackage> {
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
	const build = await runCommand('npm', ['run', 'build'], { cwd: REPO_ROOT, env, logFile });
	if (build.code !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
	const destination = join(CACHE_ROOT, 'e2e-pack');
	mkdirSync(destination, { recursive: true });
	const pack = await runCommand('npm', ['pack', '--json', '--pack-destination', destination], { cwd: REPO_ROOT, env, logFile });
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
	const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ name: string; version: string; filename: string }>;
	return { name: packed.name, version: packed.version, tarball: join(destination, packed.filename) };
}

export async function installCommunityPackage(runtime: N8nRuntime, userFolder: string, packed: PackedPackage, logFile: string): Promise<string> {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const packageFolder = join(nodesFolder, 'node_modules', packed.name);
	mkdirSync(packageFolder, { recursive: true });
	const untar = await runCommand('tar', ['-xzf', packed.tarball, '-C', packageFolder, '--strip-components=1'], { logFile });
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);

	const manifestFile = join(packageFolder, 'package.json');
	const { devDependencies: _dev, peerDependencies: _peer, optionalDependencies: _optional, ...manifest } = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
	writeFileSync(manifestFile, JSON.stringify(manifest, null, 2), 'utf8');
	const install = await runCommand(
		'npm',
		['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
		{ cwd: packageFolder, env: npmEnvironment(runtime), logFile },
	);
	if (install.code !== 0) throw new Error(`npm install in ${packageFolder} failed:\n${install.stdout}${install.stderr}`);

	const listFile = join(nodesFolder, 'package.json');
	let list: { name: string; private: boolean; dependencies: Record<string, string> } = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		list = JSON.parse(readFileSync(listFile, 'utf8')) as typeof list;
	} catch {
		// First package.
	}
	list.dependencies[packed.name] = packed.version;
	writeFileSync(listFile, JSON.stringify(list, null, 2), 'utf8');
	return packageFolder;
}
