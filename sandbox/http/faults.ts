import { z } from 'zod';
import { matchesMethod, matchesPathPattern } from './pathPattern';
import { createPrng, type Prng } from './prng';

/** An HTTP error status to answer with, or a transport failure. */
export type FaultKind = 401 | 403 | 404 | 429 | 500 | 502 | 503 | 'reset' | 'hang' | 'malformed';

/** Status faults; the simulator decides their body so it has the shape of that API's errors. */
export type FaultStatus = Extract<FaultKind, number>;

/**
 * `before`: the request never reaches the application (no state change, not rate-limited).
 * `after`: the application processes it (a write IS applied) and the fault replaces the response,
 * which is how a test makes a write whose outcome the client cannot know.
 * `late`: the fault answers at once and the application processes the request `lateMs` later, as a server
 * that commits a write after the client gave up on it (the client's re-read does not see it yet).
 */
export type FaultStage = 'before' | 'after' | 'late';

export interface FaultRule {
	/** HTTP method to match; absent or `*` matches any. */
	method?: string;
	/** Path pattern relative to the API base (see pathPattern.ts); absent matches every path. */
	path?: string;
	kind: FaultKind;
	/** Default `before`. */
	stage?: FaultStage;
	/** Fire on each matching call with this probability (seeded PRNG). */
	probability?: number;
	/** Fire only on these matching calls, counted from 1 per rule. */
	calls?: number[];
	/** Fire at most this many times; alone, that is the first `times` matching calls. */
	times?: number;
	/** For kind 429: the Retry-After header in seconds. Default 1. */
	retryAfterSeconds?: number;
	/** For stage `late`: how long after the fault's answer the request is processed. Default 200. */
	lateMs?: number;
}

const faultKindSchema = z.union([
	z.literal(401),
	z.literal(403),
	z.literal(404),
	z.literal(429),
	z.literal(500),
	z.literal(502),
	z.literal(503),
	z.literal('reset'),
	z.literal('hang'),
	z.literal('malformed'),
]);

const faultRuleSchema: z.ZodType<FaultRule> = z
	.object({
		method: z.string().min(1).optional(),
		path: z.string().optional(),
		kind: faultKindSchema,
		stage: z.enum(['before', 'after', 'late']).optional(),
		probability: z.number().min(0).max(1).optional(),
		calls: z.array(z.number().int().min(1)).min(1).optional(),
		times: z.number().int().min(0).optional(),
		retryAfterSeconds: z.number().int().min(0).optional(),
		lateMs: z.number().int().min(0).max(60_000).optional(),
	})
	.strict();

/** Throws a ZodError naming the bad field: a typo in a rule must not silently disable it. */
export function parseFaultRules(input: unknown): FaultRule[] {
	return z.array(faultRuleSchema).parse(input);
}

interface ArmedRule {
	rule: FaultRule;
	matches: number;
	applied: number;
}

/** The active fault rules and their counters. */
export class FaultPlan {
	private armed: ArmedRule[] = [];
	private random: Prng;

	constructor(private seed: number) {
		this.random = createPrng(seed);
	}

	/** Replacing the rules restarts their counters and the PRNG, so each test sees the same sequence. */
	set(rules: FaultRule[], seed = this.seed): void {
		this.seed = seed;
		this.random = createPrng(seed);
		this.armed = rules.map((rule) => ({ rule: { ...rule }, matches: 0, applied: 0 }));
	}

	clear(): void {
		this.set([]);
	}

	rules(): FaultRule[] {
		return this.armed.map(({ rule }) => ({ ...rule }));
	}

	/**
	 * Counts the call against every matching rule (so "the Nth matching call" means the Nth such request,
	 * whatever other rules did) and returns the first rule, in list order, that fires.
	 */
	pick(method: string, route: string): FaultRule | undefined {
		let chosen: ArmedRule | undefined;
		for (const entry of this.armed) {
			if (!matchesMethod(entry.rule.method, method)) continue;
			if (!matchesPathPattern(entry.rule.path ?? '**', route)) continue;
			entry.matches++;
			if (this.fires(entry) && chosen === undefined) chosen = entry;
		}
		if (chosen === undefined) return undefined;
		chosen.applied++;
		return { ...chosen.rule };
	}

	private fires(entry: ArmedRule): boolean {
		const { rule } = entry;
		if (rule.times !== undefined && entry.applied >= rule.times) return false;
		if (rule.calls !== undefined && !rule.calls.includes(entry.matches)) return false;
		if (rule.probability !== undefined && this.random() >= rule.probability) return false;
		return true;
	}
}
