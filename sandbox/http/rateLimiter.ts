export type RateDecision = { accepted: true } | { accepted: false; retryAfterSeconds: number };

/**
 * At most `limit` accepted requests in any window of `windowMs`. Rejected requests are not recorded,
 * so a client that backs off as told gets through.
 */
export class SlidingWindowRateLimiter {
	private acceptedAt: number[] = [];

	constructor(
		private limit: number,
		private windowMs: number,
		private readonly now: () => number = Date.now,
	) {}

	configure(limit: number, windowMs: number): void {
		this.limit = limit;
		this.windowMs = windowMs;
	}

	reset(): void {
		this.acceptedAt = [];
	}

	tryAcquire(): RateDecision {
		const now = this.now();
		this.acceptedAt = this.acceptedAt.filter((time) => time > now - this.windowMs);
		if (this.acceptedAt.length < this.limit) {
			this.acceptedAt.push(now);
			return { accepted: true };
		}
		// A slot frees when the request that keeps the window full falls out of it.
		const blocking = this.acceptedAt[this.acceptedAt.length - this.limit];
		const waitMs = blocking + this.windowMs - now;
		return { accepted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
	}
}
