import { z } from 'zod';
import { matchesMethod, matchesPathPattern } from './pathPattern';
import { createPrng, type Prng } from './prng';

/** Delay before a matching request is handled: a fixed `ms`, or uniform in `minMs..maxMs` (seeded). */
export interface LatencyRule {
	/** HTTP method to match; absent or `*` matches any. */
	method?: string;
	/** Path pattern relative to the API base; absent matches every path. */
	path?: string;
	ms?: number;
	minMs?: number;
	maxMs?: number;
}

const latencyRuleSchema: z.ZodType<LatencyRule> = z
	.object({
		method: z.string().min(1).optional(),
		path: z.string().optional(),
		ms: z.number().min(0).optional(),
		minMs: z.number().min(0).optional(),
		maxMs: z.number().min(0).optional(),
	})
	.strict()
	.refine((rule) => (rule.ms !== undefined) !== (rule.minMs !== undefined || rule.maxMs !== undefined), {
		message: 'give either ms, or minMs and maxMs',
	})
	.refine((rule) => rule.ms !== undefined || (rule.minMs !== undefined && rule.maxMs !== undefined && rule.minMs <= rule.maxMs), {
		message: 'minMs and maxMs are both required, with minMs <= maxMs',
	});

export function parseLatencyRules(input: unknown): LatencyRule[] {
	return z.array(latencyRuleSchema).parse(input);
}

/** The first matching rule decides a request's delay. */
export class LatencyPlan {
	private active: LatencyRule[] = [];
	private random: Prng;

	constructor(private seed: number) {
		this.random = createPrng(seed);
	}

	set(rules: LatencyRule[], seed = this.seed): void {
		this.seed = seed;
		this.random = createPrng(seed);
		this.active = rules.map((rule) => ({ ...rule }));
	}

	clear(): void {
		this.set([]);
	}

	rules(): LatencyRule[] {
		return this.active.map((rule) => ({ ...rule }));
	}

	delayFor(method: string, route: string): number {
		const rule = this.active.find(
			(candidate) => matchesMethod(candidate.method, method) && matchesPathPattern(candidate.path ?? '**', route),
		);
		if (rule === undefined) return 0;
		if (rule.ms !== undefined) return rule.ms;
		const min = rule.minMs ?? 0;
		const max = rule.maxMs ?? min;
		return Math.round(min + this.random() * (max - min));
	}
}
