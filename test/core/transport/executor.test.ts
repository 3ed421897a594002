import { OutcomeUnknownError, RequestExecutor, RequestFailedError } from '../../../nodes/core/transport/executor';
import type { Clock, HttpRequest, HttpResponse, NoResponse } from '../../../nodes/core/transport/http';
import { RateBudget } from '../../../nodes/core/transport/limiter';
import { parseRetryAfter } from '../../../nodes/core/transport/retryPolicy';

/** Virtual time: sleeping moves the clock, so retry timing is asserted exactly and instantly. */
function virtualClock(): Clock & { slept: number[] } {
	let now = 0;
	const slept: number[] = [];
	return {
		slept,
		now: () => now,
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
	};
}

type Step = HttpResponse | NoResponse;
const noResponse = (kind: 'network' | 'timeout', message: string): NoResponse => ({ noResponse: kind, message });
const ok = (body = '{}'): HttpResponse => ({ status: 200, headers: {}, bodyText: body });
const status = (code: number, headers: Record<string, string> = {}): HttpResponse => ({ status: code, headers, bodyText: '{"code":"x","message":"y"}' });

function scripted(steps: Step[]) {
	const sent: HttpRequest[] = [];
	return {
		sent,
		send: async (request: HttpRequest) => {
			sent.push(request);
			return steps.shift() ?? ok();
		},
	};
}

function executor(steps: Step[], extra: Partial<ConstructorParameters<typeof RequestExecutor>[0]> = {}) {
	const clock = virtualClock();
	const transport = scripted(steps);
	return { clock, transport, executor: new RequestExecutor({ transport, clock, random: () => 0.5, retry: { baseDelayMs: 100, maxAttempts: 4 }, ...extra }) };
}

const GET = { method: 'GET' as const, url: 'http://x/y' };
const POST = { method: 'POST' as const, url: 'http://x/y', body: {} };

describe('request executor', () => {
	it('waits exactly Retry-After on 429, then succeeds', async () => {
		const { executor: ex, clock, transport } = executor([status(429, { 'retry-after': '3' }), ok()]);
		const response = await ex.execute(GET, { idempotent: true });
		expect(response.status).toBe(200);
		expect(clock.slept).toEqual([3000]);
		expect(transport.sent).toHaveLength(2);
	});

	it('retries a 429 even for a create: the server did not process it', async () => {
		const { executor: ex, transport } = executor([status(429, { 'retry-after': '1' }), { status: 201, headers: {}, bodyText: '{}' }]);
		expect((await ex.execute(POST, { idempotent: false })).status).toBe(201);
		expect(transport.sent).toHaveLength(2);
	});

	it('backs off exponentially on 5xx for idempotent requests and gives up after maxAttempts', async () => {
		const { executor: ex, clock, transport } = executor([status(503), status(502), status(500), status(500), ok()]);
		const response = await ex.execute(GET, { idempotent: true });
		expect(response.status).toBe(500);
		expect(transport.sent).toHaveLength(4);
		// Equal jitter at random()=0.5: three-quarters of 100, 200, 400.
		expect(clock.slept).toEqual([75, 150, 300]);
	});

	it('never resends a create after a 5xx or a reset: the outcome is unknown', async () => {
		for (const step of [status(500), noResponse('network', 'ECONNRESET')]) {
			const { executor: ex, transport } = executor([step]);
			await expect(ex.execute(POST, { idempotent: false })).rejects.toBeInstanceOf(OutcomeUnknownError);
			expect(transport.sent).toHaveLength(1);
		}
	});

	it('retries network errors and timeouts for reads, then fails with RequestFailedError', async () => {
		const { executor: ex, transport } = executor([noResponse('timeout', 't'), noResponse('network', 'r'), ok('[1]')]);
		expect((await ex.execute(GET, { idempotent: true })).bodyText).toBe('[1]');
		expect(transport.sent).toHaveLength(3);
		const failing = executor(Array.from({ length: 10 }, () => noResponse('network', 'down')));
		await expect(failing.executor.execute(GET, { idempotent: true })).rejects.toBeInstanceOf(RequestFailedError);
		expect(failing.transport.sent).toHaveLength(4);
	});

	it('retries malformed JSON on reads', async () => {
		const { executor: ex, transport } = executor([ok('{not json'), ok('[]')]);
		expect((await ex.execute(GET, { idempotent: true })).bodyText).toBe('[]');
		expect(transport.sent).toHaveLength(2);
	});

	it('returns other 4xx at once', async () => {
		for (const code of [400, 401, 403, 404]) {
			const { executor: ex, transport } = executor([status(code)]);
			expect((await ex.execute(GET, { idempotent: true })).status).toBe(code);
			expect(transport.sent).toHaveLength(1);
		}
	});

	it('gives up on a Retry-After longer than it may wait', async () => {
		const { executor: ex, transport } = executor([status(429, { 'retry-after': '600' })], { retry: { maxRetryAfterMs: 60_000 } });
		expect((await ex.execute(GET, { idempotent: true })).status).toBe(429);
		expect(transport.sent).toHaveLength(1);
	});

	it('after a 429, requests already queued for a slot wait for Retry-After too, instead of each meeting its own 429', async () => {
		// Timers that fire only when the test drives time to them, so one request's wait does not move the others' clock.
		let now = 0;
		const timers: Array<{ at: number; fire: () => void }> = [];
		const clock: Clock = { now: () => now, sleep: (ms) => new Promise<void>((fire) => timers.push({ at: now + ms, fire })) };
		const settle = () => new Promise((resolve) => setImmediate(resolve));
		const sentAt: number[] = [];
		let calls = 0;
		const transport = {
			send: async () => {
				sentAt.push(clock.now());
				calls++;
				await new Promise((resolve) => setImmediate(resolve));
				return calls === 1 ? status(429, { 'retry-after': '1' }) : ok();
			},
		};
		const ex = new RequestExecutor({ transport, clock, concurrency: 1, random: () => 0.5 });
		let done = false;
		const all = Promise.all(Array.from({ length: 4 }, () => ex.execute(GET, { idempotent: true }))).finally(() => {
			done = true;
		});
		for (let step = 0; step < 100 && !done; step++) {
			for (let i = 0; i < 10; i++) await settle();
			timers.sort((a, b) => a.at - b.at);
			const next = timers.shift();
			if (next) {
				now = Math.max(now, next.at);
				next.fire();
			}
		}
		const results = await all;
		expect(results.map((response) => response.status)).toEqual([200, 200, 200, 200]);
		expect(ex.stats.throttled).toBe(1);
		// The first send was throttled at t=0; nothing went out again before its Retry-After had passed.
		expect(sentAt[0]).toBe(0);
		for (const at of sentAt.slice(1)) expect(at).toBeGreaterThanOrEqual(1000);
		expect(sentAt).toHaveLength(5);
	});

	it('keeps no more than `concurrency` requests in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		const transport = {
			send: async () => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((resolve) => setImmediate(resolve));
				inFlight--;
				return ok();
			},
		};
		const ex = new RequestExecutor({ transport, clock: virtualClock(), concurrency: 3 });
		await Promise.all(Array.from({ length: 20 }, () => ex.execute(GET, { idempotent: true })));
		expect(peak).toBe(3);
	});
});

describe('rate budget', () => {
	it('lets at most perMinute requests start in any minute', async () => {
		const clock = virtualClock();
		const budget = new RateBudget(10, clock, 60_000, 0);
		const starts: number[] = [];
		for (let i = 0; i < 25; i++) {
			await budget.take();
			starts.push(clock.now());
		}
		for (let i = 10; i < starts.length; i++) expect(starts[i] - starts[i - 10]).toBeGreaterThanOrEqual(60_000);
		expect(starts[24]).toBe(120_000);
	});
});

describe('Retry-After', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('30', 0)).toBe(30_000);
		expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6_000);
		expect(parseRetryAfter(undefined, 0)).toBeNull();
		expect(parseRetryAfter('soon', 0)).toBeNull();
	});
});
