export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** No retry starts after this much time has gone since the first attempt. */
	maxTotalMs: number;
	/** Longest Retry-After honoured; a longer one fails the request rather than stall the run. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 6,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxTotalMs: 300_000,
	maxRetryAfterMs: 120_000,
};

/** Statuses that say "try again later" without saying the request was processed. */
export const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/** Exponential backoff with equal jitter (half fixed, half random): spreads retries of concurrent requests apart. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After is seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
	if (value === undefined || value.trim() === '') return null;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return null;
	return Math.max(0, date - nowMs);
}
