/**
 * Preloaded (`node -r`) in a benchmark child that runs compiled (see compiled.ts): a `.ts` module is loaded
 * from the JavaScript the runner transpiled for it, under the module's own file name, so nothing in the child
 * compiles TypeScript. A module the runner did not transpile is an error, not a silent fallback to ts-node.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const sourceRoot = process.env.BENCH_SOURCE_ROOT;
const compiledDir = process.env.BENCH_COMPILED_DIR;
if (!sourceRoot || !compiledDir) throw new Error('compiledHook: BENCH_SOURCE_ROOT and BENCH_COMPILED_DIR are set by tools/bench/ipc.ts');

type CompilingModule = NodeJS.Module & { _compile(code: string, filename: string): void };

require.extensions['.ts'] = (module, filename) => {
	const compiled = join(compiledDir, relative(sourceRoot, filename)).replace(/\.ts$/, '.js');
	let code: string;
	try {
		code = readFileSync(compiled, 'utf8');
	} catch {
		throw new Error(`${filename} was not compiled for this benchmark child (tools/bench/compiled.ts follows the imports of its entry script)`);
	}
	(module as CompilingModule)._compile(code, filename);
};
