/** The e2e run's assertions: each is printed as it is made; the run ends with 'N passed, N failed'. */
import { isDeepStrictEqual } from 'node:util';

export class Checks {
	passed = 0;
	failed: string[] = [];

	check(name: string, ok: boolean, detail?: () => string): boolean {
		if (ok) {
			this.passed += 1;
			process.stdout.write(`  ✓ ${name}\n`);
		} else {
			this.failed.push(name);
			process.stdout.write(`  ✗ ${name}${detail ? `\n      ${detail().split('\n').join('\n      ')}` : ''}\n`);
		}
		return ok;
	}

	equal(name: string, actual: unknown, expected: unknown): boolean {
		return this.check(name, isDeepStrictEqual(actual, expected), () => describeDifference(actual, expected));
	}

	/** A step that threw: counted as a failure, the run goes on where it can. */
	fail(name: string, error: unknown): void {
		this.check(name, false, () => (error instanceof Error ? (error.stack ?? error.message) : String(error)));
	}

	closingLine(): string {
		return `${this.passed} passed, ${this.failed.length} failed`;
	}
}

function describeDifference(actual: unknown, expected: unknown): string {
	if (Array.isArray(actual) && Array.isArray(expected)) {
		const missing = expected.filter((item) => !actual.some((other) => isDeepStrictEqual(other, item)));
		const extra = actual.filter((item) => !expected.some((other) => isDeepStrictEqual(other, item)));
		return `lengths ${actual.length} vs expected ${expected.length}; missing ${JSON.stringify(missing.slice(0, 10))}; unexpected ${JSON.stringify(extra.slice(0, 10))}`;
	}
	if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
		const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
		const differing = [...keys].filter((key) => !isDeepStrictEqual((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]));
		return differing
			.slice(0, 10)
			.map((key) => `${key}: got ${JSON.stringify((actual as Record<string, unknown>)[key])}, expected ${JSON.stringify((expected as Record<string, unknown>)[key])}`)
			.join('\n');
	}
	return `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
