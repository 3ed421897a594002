import type { Clock } from './http';

/** At most `limit` tasks at once; the rest wait in arrival order. */
export class ConcurrencyLimiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1)
			throw new RangeError('concurrency must be a whole number of at least 1');
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.active++;
		try {
			return await task();
		} finally {
			this.active--;
			this.waiting.shift()?.();
		}
	}
}

/**
 * Keeps request starts under `perMinute` in any window of a minute (plus a margin, because the server counts
 * arrivals, which come a little after our starts). Shared by every request of a run, so concurrent work
 * together stays under ConnectWise's throttle instead of each part discovering it by 429s.
 */
export class RateBudget {
	private readonly starts: number[] = [];
	private head = 0;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		readonly perMinute: number,
		private readonly clock: Clock,
		private readonly windowMs = 60_000,
		private readonly marginMs = 250,
	) {
		if (!(perMinute > 0)) throw new RangeError('requests per minute must be positive');
	}

	/** Resolves when a request may start, and counts it. */
	take(): Promise<void> {
		const turn = this.queue.then(() => this.waitForSlot());
		this.queue = turn.catch(() => undefined);
		return turn;
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = this.clock.now();
			while (
				this.head < this.starts.length &&
				this.starts[this.head] <= now - this.windowMs - this.marginMs
			) {
				this.head++;
			}
			if (this.head > 1024) {
				this.starts.splice(0, this.head);
				this.head = 0;
			}
			if (this.starts.length - this.head < this.perMinute) {
				this.starts.push(now);
				return;
			}
			const oldest = this.starts[this.head];
			await this.clock.sleep(Math.max(1, oldest + this.windowMs + this.marginMs - now));
		}
	}
}
