/**
 * The measured client runs compiled, as the core runs inside n8n: a child started through ts-node carries the
 * TypeScript compiler (about 120 MB of its RSS before the sync starts), which is the benchmark's tooling, not
 * the core's memory. So the runner, which has the compiler loaded already, transpiles the child's sources ahead
 * (the same ts.transpileModule ts-node's transpile-only mode applies, with the project's compiler options)
 * into .cache/bench-js, and the child loads them through compiledHook.ts: same code, same file names and
 * __dirname, no compiler in the process.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const SOURCE_ROOT = resolve(__dirname, '..', '..');
export const COMPILED_DIR = join(SOURCE_ROOT, '.cache', 'bench-js');
const HOOK = join(__dirname, 'compiledHook.ts');

export interface CompiledSources {
	/** Node options that make a child load the compiled sources. */
	execArgv: string[];
	env: Record<string, string>;
	/** Modules in the entry scripts' import closure, and how many were transpiled now (the rest were current). */
	files: number;
	transpiled: number;
	ms: number;
}

function compilerOptions(): ts.CompilerOptions {
	const file = join(SOURCE_ROOT, 'tsconfig.json');
	const config = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
	if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
	const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, SOURCE_ROOT);
	return { ...options, noEmit: false, declaration: false, sourceMap: false, incremental: false, tsBuildInfoFile: undefined, outDir: undefined };
}

const REQUIRE = /\brequire\((["'])(\.[^"']*)\1\)/g;

/** The .ts file a relative import names, or undefined (a package, a JSON file, a Node module). */
function resolveImport(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
	return undefined;
}

/** Transpiles the import closure of `entries` (and the hook) where the source is newer than its JavaScript. */
export function compileForChildren(entries: readonly string[]): CompiledSources {
	const started = Date.now();
	const options = compilerOptions();
	const stampFile = join(COMPILED_DIR, 'stamp.json');
	const stamp = JSON.stringify({ typescript: ts.version, options });
	if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
		rmSync(COMPILED_DIR, { recursive: true, force: true });
		mkdirSync(COMPILED_DIR, { recursive: true });
		writeFileSync(stampFile, stamp);
	}
	const seen = new Set<string>();
	const queue = [HOOK, ...entries.map((entry) => resolve(__dirname, entry))];
	let transpiled = 0;
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const output = compiledPath(file);
		let code: string;
		if (existsSync(output) && statSync(output).mtimeMs >= statSync(file).mtimeMs) {
			code = readFileSync(output, 'utf8');
		} else {
			code = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText;
			mkdirSync(dirname(output), { recursive: true });
			writeFileSync(output, code);
			transpiled++;
		}
		// What the compiled module requires is exactly what the child will load (type-only imports are gone).
		for (const [, , specifier] of code.matchAll(REQUIRE)) {
			const next = resolveImport(file, specifier);
			if (next !== undefined && !seen.has(next)) queue.push(next);
		}
	}
	return {
		execArgv: ['-r', compiledPath(HOOK)],
		env: { BENCH_SOURCE_ROOT: SOURCE_ROOT, BENCH_COMPILED_DIR: COMPILED_DIR },
		files: seen.size,
		transpiled,
		ms: Date.now() - started,
	};
}

/**
 * The package's nodes and credentials as sources: the n8n engine's harness (test/n8n/harness.ts) imports them by
 * the paths package.json lists, which no import statement names.
 */
export function packageSources(): string[] {
	const pkg = JSON.parse(readFileSync(join(SOURCE_ROOT, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[]; credentials?: string[] } };
	return [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map((path) => join(SOURCE_ROOT, path.replace(/^dist\//, '').replace(/\.js$/, '.ts')));
}

export function compiledPath(file: string): string {
	return join(COMPILED_DIR, relative(SOURCE_ROOT, file)).replace(/\.ts$/, '.js');
}
