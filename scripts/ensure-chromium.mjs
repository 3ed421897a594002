// `npm test` opens the HTML log report in a real browser: Debian's Chromium, driven by playwright-core.
// Installs it when it is missing and we may (root, Debian), so the README's test command works on a fresh
// machine; otherwise says how.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		console.error(`Chromium is missing at ${path}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
		process.exit(1);
	}
	console.log('Installing Chromium (Debian package) for the browser test...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0) process.exit(result.status ?? 1);
	}
}
