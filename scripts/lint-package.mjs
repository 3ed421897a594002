// `npm run lint`: n8n-node lint, in strict mode, over exactly what the package publishes.
//
// n8n-node lint runs `eslint .` with n8n's config, which must stay the template verbatim in strict mode.
// Run in the repository, that also lints test/, sandbox/ and tools/, whose simulators, harness and tools need
// node:http, process and timers, which the n8n Cloud rules rightly forbid in node code. So the published sources are staged in a
// folder of their own and linted there, unchanged: nothing ships that this did not lint.
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, '.cache', 'lint-package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const entry of ['package.json', 'tsconfig.json', 'eslint.config.mjs', 'nodes', 'credentials', 'icons']) {
	cpSync(join(root, entry), join(stage, entry), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
writeFileSync(join(stage, '.gitignore'), 'node_modules\n');

const fix = process.argv.includes('--fix');
const result = spawnSync(join(root, 'node_modules', '.bin', 'n8n-node'), ['lint', ...(fix ? ['--fix'] : [])], { cwd: stage, stdio: 'inherit' });
if (fix && result.status === 0) {
	for (const entry of ['nodes', 'credentials']) cpSync(join(stage, entry), join(root, entry), { recursive: true });
}
process.exit(result.status ?? 1);
