/** The flags of the benchmark's runs in a real n8n (`npm run bench -- --n8n-sizes 1000,5000 ...`). */

export type N8nMode = 'regular' | 'queue';
export const N8N_MODES: readonly N8nMode[] = ['regular', 'queue'];

export interface N8nBenchOptions {
	/** Customers of the runs in the pinned n8n; empty = none (`--n8n-sizes 0`). */
	n8nSizes: number[];
	n8nModes: N8nMode[];
	/** The ConnectWise simulator's limit for these runs: high, so that they are not throttle-bound. */
	n8nRpm: number;
	/** Seconds n8n idles after start-up before its RSS is read and the run starts. */
	n8nIdleBeforeS: number;
	/**
	 * Seconds n8n idles after the run before its RSS is read. At 5,000 customers n8n 2.41.1's main gave its
	 * memory back about 100 s after the run (1,842 MB until then, 689 MB after): a shorter wait reads garbage not
	 * yet collected as kept.
	 */
	n8nIdleAfterS: number;
	/** Parse the saved execution data for each node's share (slow at the largest sizes). */
	n8nBreakdown: boolean;
	/**
	 * Run the workflow for one customer (a dry run) before the idle RSS is read: n8n loads each node's code at
	 * its first execution, which is not growth with the number of customers.
	 */
	n8nWarmUp: boolean;
}

export const N8N_DEFAULT_OPTIONS: N8nBenchOptions = {
	n8nSizes: [1000, 5000],
	n8nModes: [...N8N_MODES],
	n8nRpm: 60_000,
	n8nIdleBeforeS: 20,
	n8nIdleAfterS: 150,
	n8nBreakdown: true,
	n8nWarmUp: true,
};

export const N8N_USAGE = `  --n8n-sizes 1000,5000    customers of the runs in the e2e's pinned n8n (regular mode, and a queue-mode worker); 0 = none
  --n8n-modes regular,queue
  --n8n-rpm 60000          simulator rate limit of those runs (high: they measure n8n, not the throttle)
  --n8n-idle-before 20     seconds n8n idles after start-up before its RSS is read and the run starts
  --n8n-idle-after 150     seconds n8n idles after the run before its RSS is read (it frees its memory about 100 s after)
  --n8n-breakdown on       parse the saved execution data for each node's share (on|off)
  --n8n-warm-up on         run the workflow for one customer (dry run) before the idle RSS is read, so that n8n
                           loading the nodes' code at its first execution is not counted as growth (on|off)`;

/** Handles one `--n8n-*` flag of the n8n runs; false when `flag` is not one of them. */
export function parseN8nFlag(options: N8nBenchOptions, flag: string, value: string): boolean {
	const whole = (text: string, min: number): number => {
		const number = Number(text.replace(/_/g, ''));
		if (!Number.isInteger(number) || number < min) throw new Error(`${flag} must be a whole number of at least ${min}, not '${text}'`);
		return number;
	};
	switch (flag) {
		case '--n8n-sizes': {
			const sizes = value.split(',').map((part) => whole(part.trim(), 0));
			options.n8nSizes = [...new Set(sizes.filter((size) => size > 0))].sort((a, b) => a - b);
			return true;
		}
		case '--n8n-modes': {
			const modes = value.split(',').map((part) => part.trim());
			const unknown = modes.filter((mode) => !(N8N_MODES as readonly string[]).includes(mode));
			if (unknown.length > 0 || modes.length === 0) throw new Error(`${flag} takes ${N8N_MODES.join(', ')} (comma-separated), not '${value}'`);
			options.n8nModes = N8N_MODES.filter((mode) => modes.includes(mode));
			return true;
		}
		case '--n8n-rpm':
			options.n8nRpm = whole(value, 1);
			return true;
		case '--n8n-idle-before':
			options.n8nIdleBeforeS = whole(value, 0);
			return true;
		case '--n8n-idle-after':
			options.n8nIdleAfterS = whole(value, 0);
			return true;
		case '--n8n-breakdown':
			if (!['on', 'off'].includes(value)) throw new Error(`${flag} takes on or off, not '${value}'`);
			options.n8nBreakdown = value === 'on';
			return true;
		case '--n8n-warm-up':
			if (!['on', 'off'].includes(value)) throw new Error(`${flag} takes on or off, not '${value}'`);
			options.n8nWarmUp = value === 'on';
			return true;
		default:
			return false;
	}
}
