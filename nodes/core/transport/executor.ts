import {
	isNoResponse,
	type Clock,
	type HttpRequest,
	type HttpResponse,
	type HttpTransport,
	type NoResponse,
} from './http';
import { parseJson } from '../util/json';
import { ConcurrencyLimiter, RateBudget } from './limiter';
import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	parseRetryAfter,
	TRANSIENT_STATUSES,
	type RetryPolicy,
} from './retryPolicy';

export interface ExecutorOptions {
	transport: HttpTransport;
	clock: Clock;
	/** For backoff jitter; injectable so tests repeat. */
	random?: () => number;
	/** Requests in flight at once, across the whole run. */
	concurrency?: number;
	/** Optional budget of request starts per minute, across the whole run. */
	requestsPerMinute?: number;
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
}

export type RequestInput = Omit<HttpRequest, 'timeoutMs'> & { timeoutMs?: number };

export interface ExecuteOptions {
	/**
	 * Whether sending the request twice does no harm (GET, a PATCH to an absolute value). A request that is not
	 * idempotent is never resent by the executor after it may have reached the server: the caller must first
	 * find out whether it took effect (see OutcomeUnknownError).
	 */
	idempotent: boolean;
}

/**
 * An answer as the executor returns it. For an idempotent request's 2xx answer with a body, the executor has
 * read the body as JSON (unreadable JSON is retried) and `json` holds that reading: a caller uses it instead of
 * parsing `bodyText` again, so a large body is parsed once.
 */
export type ExecutedResponse = HttpResponse & { json?: unknown };

/** A non-idempotent request may or may not have been processed: a network failure or a 5xx after sending. */
export class OutcomeUnknownError extends Error {
	constructor(
		message: string,
		readonly status?: number,
	) {
		super(message);
		this.name = 'OutcomeUnknownError';
	}
}

/** No response after every permitted attempt. */
export class RequestFailedError extends Error {
	constructor(
		message: string,
		readonly kind: 'network' | 'timeout',
	) {
		super(message);
		this.name = 'RequestFailedError';
	}
}

export interface ExecutorStats {
	sent: number;
	retries: number;
	throttled: number;
}

/**
 * Sends requests with bounded concurrency, an optional rate budget and retries: 429 waits for Retry-After
 * (and pauses every request of the run, since the throttle is per integration, not per request); 5xx,
 * network errors and unreadable JSON back off exponentially with jitter, for idempotent requests only;
 * other 4xx are returned at once.
 */
export class RequestExecutor {
	readonly stats: ExecutorStats = { sent: 0, retries: 0, throttled: 0 };
	private readonly limiter: ConcurrencyLimiter;
	private readonly budget?: RateBudget;
	private readonly policy: RetryPolicy;
	private readonly random: () => number;
	private pausedUntil = 0;
	readonly timeoutMs: number;

	constructor(private readonly options: ExecutorOptions) {
		this.limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
		if (options.requestsPerMinute)
			this.budget = new RateBudget(options.requestsPerMinute, options.clock);
		this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
		this.random = options.random ?? Math.random;
		this.timeoutMs = options.timeoutMs ?? 60_000;
	}

	/** Like tryExecute, but a request that got no usable answer throws RequestFailedError or OutcomeUnknownError. */
	async execute(request: RequestInput, options: ExecuteOptions): Promise<ExecutedResponse> {
		const outcome = await this.tryExecute(request, options);
		if ('failure' in outcome) throw outcome.failure;
		return outcome;
	}

	/**
	 * Sends with retries. Resolves with the final response (any status), or with the failure when no
	 * response came: RequestFailedError after the last attempt of an idempotent request, OutcomeUnknownError
	 * at once for one that is not.
	 */
	async tryExecute(
		request: RequestInput,
		options: ExecuteOptions,
	): Promise<ExecutedResponse | { failure: RequestFailedError | OutcomeUnknownError }> {
		const { clock } = this.options;
		const firstStart = clock.now();
		const full: HttpRequest = { ...request, timeoutMs: request.timeoutMs ?? this.timeoutMs };
		for (let attempt = 1; ; attempt++) {
			let throttleWaitMs: number | undefined;
			const outcome: HttpResponse | NoResponse = await this.limiter.run(async () => {
				// Checked once the request has its slot, and the pause set before the slot is released: requests
				// queued behind the concurrency limit when a 429 came must wait too, or each meets its own 429.
				await this.waitWhilePaused();
				await this.budget?.take();
				this.stats.sent++;
				const sent = await this.options.transport.send(full);
				if (!isNoResponse(sent) && sent.status === 429) {
					const wait =
						parseRetryAfter(sent.headers['retry-after'], clock.now()) ??
						backoffDelay(this.policy, attempt, this.random);
					if (wait <= this.policy.maxRetryAfterMs && this.mayRetry(attempt, firstStart, wait)) {
						throttleWaitMs = wait;
						this.pausedUntil = Math.max(this.pausedUntil, clock.now() + wait);
					}
				}
				return sent;
			});
			if (isNoResponse(outcome)) {
				if (!options.idempotent) return { failure: new OutcomeUnknownError(outcome.message) };
				const delay = backoffDelay(this.policy, attempt, this.random);
				if (!this.mayRetry(attempt, firstStart, delay))
					return { failure: new RequestFailedError(outcome.message, outcome.noResponse) };
				await this.retryAfter(delay);
				continue;
			}
			const response = outcome;

			if (response.status === 429) {
				this.stats.throttled++;
				if (throttleWaitMs === undefined) return response;
				this.stats.retries++;
				continue;
			}
			if (TRANSIENT_STATUSES.has(response.status)) {
				if (!options.idempotent)
					return { failure: new OutcomeUnknownError(`HTTP ${response.status}`, response.status) };
				const delay = backoffDelay(this.policy, attempt, this.random);
				if (!this.mayRetry(attempt, firstStart, delay)) return response;
				await this.retryAfter(delay);
				continue;
			}
			if (options.idempotent && response.status < 300 && response.status !== 204) {
				const body = parseJson(response.bodyText);
				if (body.ok) return { ...response, json: body.value };
				const delay = backoffDelay(this.policy, attempt, this.random);
				if (!this.mayRetry(attempt, firstStart, delay)) return response;
				await this.retryAfter(delay);
				continue;
			}
			return response;
		}
	}

	/** Waits the backoff before another attempt of a request the caller retries itself (unknown outcomes). */
	async backoff(attempt: number): Promise<void> {
		await this.retryAfter(backoffDelay(this.policy, attempt, this.random));
	}

	get maxAttempts(): number {
		return this.policy.maxAttempts;
	}

	/** Requests in flight at once (the concurrency option). */
	get concurrency(): number {
		return this.limiter.limit;
	}

	private mayRetry(attempt: number, firstStart: number, delay: number): boolean {
		if (attempt >= this.policy.maxAttempts) return false;
		return this.options.clock.now() + delay - firstStart <= this.policy.maxTotalMs;
	}

	private async retryAfter(delay: number): Promise<void> {
		this.stats.retries++;
		await this.options.clock.sleep(delay);
	}

	private async waitWhilePaused(): Promise<void> {
		for (;;) {
			const remaining = this.pausedUntil - this.options.clock.now();
			if (remaining <= 0) return;
			await this.options.clock.sleep(remaining);
		}
	}
}
