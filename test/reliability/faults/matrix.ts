import type { FaultKind, FaultRule } from '../../../sandbox';
import type { Untouched } from '../../support/outcome';

/**
 * The fault matrix: every fault the sandbox can inject, at every stage of a sync. Each stage says which requests
 * a transient fault hits (all of the stage's), which single request chain a persistent fault hits, and how
 * far the designed failure reaches.
 */
export type StageName = 'atriaRead' | 'agreementTypes' | 'companies' | 'agreements' | 'catalog' | 'additionsRead' | 'patch' | 'post';

export interface Stage {
	name: StageName;
	label: string;
	simulator: 'atria' | 'cw';
	/** Every request of the stage (transient faults). */
	all: Pick<FaultRule, 'method' | 'path'>;
	/** The requests a persistent fault hits. */
	victim: Pick<FaultRule, 'method' | 'path'>;
	/**
	 * 'run': a run-wide read, so the run stops and nothing is written. Otherwise the failure stays with this
	 * agreement (additions read), or this product on it (a write), and the code it is logged with.
	 */
	reach: 'run' | { untouched: Untouched; code: 'CW10' | 'CW12'; customerCode: string; sku?: string };
	/** What the run-wide read is called in its CW02 message. */
	what?: string;
}

/** BLUEGUM (agreement 1001) has two quantity changes and no creates: a line failure must not stop the other. */
const BLUEGUM = { agreementId: 1001, customerCode: 'BLUEGUM' };
/** OBRIEN (agreement 1004) has one create (the NCE SKU) and one quantity change that must still be made. */
const OBRIEN = { agreementId: 1004, customerCode: 'OBRIEN', sku: 'NCE-M365-BP "Annual"' };

export const STAGES: Stage[] = [
	{
		name: 'atriaRead',
		label: 'Atria read',
		simulator: 'atria',
		all: { method: 'GET', path: 'api/billing/*' },
		victim: { method: 'GET', path: 'api/billing/*' },
		reach: 'run',
	},
	{
		name: 'agreementTypes',
		label: 'agreement types',
		simulator: 'cw',
		all: { method: 'GET', path: 'finance/agreements/types' },
		victim: { method: 'GET', path: 'finance/agreements/types' },
		reach: 'run',
		what: 'agreement types',
	},
	{
		name: 'companies',
		label: 'companies',
		simulator: 'cw',
		all: { method: 'GET', path: 'company/companies' },
		victim: { method: 'GET', path: 'company/companies' },
		reach: 'run',
		what: 'companies',
	},
	{
		name: 'agreements',
		label: 'agreements',
		simulator: 'cw',
		all: { method: 'GET', path: 'finance/agreements' },
		victim: { method: 'GET', path: 'finance/agreements' },
		reach: 'run',
		what: 'agreements',
	},
	{
		name: 'catalog',
		label: 'catalog',
		simulator: 'cw',
		all: { method: 'GET', path: 'procurement/catalog' },
		victim: { method: 'GET', path: 'procurement/catalog' },
		reach: 'run',
		what: 'catalog items',
	},
	{
		name: 'additionsRead',
		label: 'additions read',
		simulator: 'cw',
		all: { method: 'GET', path: 'finance/agreements/*/additions' },
		victim: { method: 'GET', path: `finance/agreements/${BLUEGUM.agreementId}/additions` },
		reach: { untouched: { agreementId: BLUEGUM.agreementId }, code: 'CW10', customerCode: BLUEGUM.customerCode },
	},
	{
		name: 'patch',
		label: 'PATCH',
		simulator: 'cw',
		all: { method: 'PATCH', path: 'finance/agreements/*/additions/*' },
		// Addition 5001 is BLUEGUM's M365-BP (22 -> 24); its Azure backup line (5003) must still change.
		victim: { method: 'PATCH', path: `finance/agreements/${BLUEGUM.agreementId}/additions/5001` },
		reach: { untouched: { agreementId: BLUEGUM.agreementId, product: 'M365-BP' }, code: 'CW10', customerCode: BLUEGUM.customerCode, sku: 'M365-BP' },
	},
	{
		name: 'post',
		label: 'POST',
		simulator: 'cw',
		all: { method: 'POST', path: 'finance/agreements/*/additions' },
		victim: { method: 'POST', path: `finance/agreements/${OBRIEN.agreementId}/additions` },
		reach: {
			untouched: { agreementId: OBRIEN.agreementId, product: OBRIEN.sku },
			code: 'CW12',
			customerCode: OBRIEN.customerCode,
			sku: OBRIEN.sku,
		},
	},
];

export const ALL_KINDS: FaultKind[] = [429, 500, 502, 503, 'reset', 'hang', 'malformed', 401, 403, 404];

/**
 * Faults that say "try again": the executor retries them (429 for every request; 5xx, resets, timeouts and
 * unreadable JSON for idempotent ones; the applier re-reads before repeating a create). 401, 403 and 404 are
 * answers, not hiccups: they are never retried, so they appear only as persistent faults.
 */
export const TRANSIENT_KINDS: FaultKind[] = [429, 500, 502, 503, 'reset', 'hang', 'malformed'];

/** The text a failure's log entry carries for each fault, whatever the stage. */
export const ERROR_TEXT: Record<string, RegExp> = {
	'401': /HTTP 401/,
	'403': /HTTP 403/,
	'404': /HTTP 404/,
	'429': /HTTP 429/,
	'500': /HTTP 500/,
	'502': /HTTP 502/,
	'503': /HTTP 503/,
	reset: /ECONNRESET|socket hang up|connection failed/,
	hang: /no answer within \d+ ms/,
	malformed: /not valid JSON/,
};

/** The code a persistent fault of `kind` at a run-wide stage stops the run with. */
export function runStopCode(stage: Stage, kind: FaultKind): 'CW02' | 'CW03' | 'CW13' {
	if (kind === 'malformed') return 'CW13';
	return stage.simulator === 'atria' ? 'CW03' : 'CW02';
}

/** A fault rule for the stage: `times` occurrences, or every matching request when undefined. */
export function ruleFor(stage: Stage, kind: FaultKind, options: { times?: number; persistent?: boolean; after?: boolean } = {}): FaultRule {
	const target = options.persistent ? stage.victim : stage.all;
	return {
		...target,
		kind,
		...(options.times !== undefined ? { times: options.times } : {}),
		...(options.after ? { stage: 'after' as const } : {}),
		...(kind === 429 ? { retryAfterSeconds: 0 } : {}),
	};
}

/** Fast retries, so the matrix runs in seconds: the policy's shape is what is tested, not its delays. */
export const FAST = { baseDelayMs: 2, maxDelayMs: 10 };
export const TIMEOUT_MS = 300;
/** For cases where a request hangs on every attempt. */
export const HANG_TIMEOUT_MS = 150;
