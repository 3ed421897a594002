import type { FaultRule, FaultStatus } from '../http/faults';
import { headerValue, type SimRequest } from '../http/request';
import { jsonResponse, type SimResponse } from '../http/response';
import type { SimulatorApp } from '../http/simulatorApp';
import type { AtriaRow, AtriaState } from '../model';
import { parseAtriaConfigPatch, type AtriaConfig } from './config';
import { isPeriodEnd, parseCalendarDay } from './periods';
import { aggregateByCustomer, billableOnly, renameFields } from './rows';
import { parseAtriaState } from './state';

const BILLING_PATH = /^\/api\/billing\/([^/]*)\/?$/i;

const message = (status: number, text: string): SimResponse => jsonResponse(status, { message: text });

const FAULT_MESSAGES: Record<Exclude<FaultStatus, 429>, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not found',
	500: 'An error has occurred.',
	502: 'Bad gateway',
	503: 'Service unavailable',
};

class BadRequest extends Error {}

/** Atria's billing summary endpoint, exactly as the contract in atria-api.md assumes it. */
export class AtriaApp implements SimulatorApp<AtriaState, AtriaConfig> {
	private data: AtriaState;
	private readonly initialSeed: AtriaState;
	private settings: AtriaConfig;

	constructor(seed: AtriaState, config: AtriaConfig) {
		this.initialSeed = parseAtriaState(seed);
		this.data = structuredClone(this.initialSeed);
		this.settings = structuredClone(config);
	}

	routeOf(path: string): string {
		return path.replace(/^\/+|\/+$/g, '');
	}

	handle(request: SimRequest): SimResponse {
		const match = BILLING_PATH.exec(request.path);
		if (match === null) return message(404, 'Not found');
		if (request.method !== 'GET') return { ...message(405, 'Method not allowed'), headers: { Allow: 'GET' } };

		const denied = this.authorize(request);
		if (denied !== undefined) return denied;

		try {
			const endDate = decodeURIComponent(match[1]);
			const day = parseCalendarDay(endDate);
			if (day === undefined) throw new BadRequest(`'${endDate}' is not a valid date: use YYYY-MM-DD`);
			const billable = booleanParam(request, 'billable');
			const aggregate = booleanParam(request, 'aggregateByCustomer');

			let rows: AtriaRow[] = isPeriodEnd(day, this.data.periodEndDay) ? (this.data.periods[endDate] ?? this.data.defaultRows ?? []) : [];
			if (billable) rows = billableOnly(rows);
			if (aggregate) rows = aggregateByCustomer(rows);
			const body = rows.map((row) => renameFields(row, this.settings.naming));
			return jsonResponse(200, this.settings.envelope === 'array' ? body : { [this.settings.envelope]: body });
		} catch (error) {
			if (error instanceof BadRequest || error instanceof URIError) return message(400, error.message);
			return this.internalError(error);
		}
	}

	faultResponse(status: FaultStatus, rule: FaultRule): SimResponse {
		if (status === 429) {
			return jsonResponse(429, { message: 'Too many requests' }, { 'Retry-After': String(rule.retryAfterSeconds ?? 1) });
		}
		return message(status, FAULT_MESSAGES[status]);
	}

	internalError(error: unknown): SimResponse {
		return message(500, `Sandbox simulator error: ${error instanceof Error ? error.message : String(error)}`);
	}

	state(): AtriaState {
		return structuredClone(this.data);
	}

	reset(seed?: unknown): void {
		this.data = seed === undefined ? structuredClone(this.initialSeed) : parseAtriaState(seed);
	}

	config(): AtriaConfig {
		return structuredClone(this.settings);
	}

	configure(patch: unknown): AtriaConfig {
		this.settings = { ...this.settings, ...parseAtriaConfigPatch(patch) };
		return this.config();
	}

	/** 401 for a missing or unknown token, 403 for one Atria knows but has disabled. */
	private authorize(request: SimRequest): SimResponse | undefined {
		const authorization = headerValue(request.headers, 'authorization');
		const token = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
		if (token !== undefined && this.settings.disabledTokens.includes(token)) return message(403, 'Forbidden');
		if (token === undefined || !this.settings.tokens.includes(token)) return message(401, 'Unauthorized');
		return undefined;
	}
}

/** `true`/`false` (any case) or absent (false); anything else is refused rather than guessed. */
function booleanParam(request: SimRequest, name: string): boolean {
	const values = [...request.query].filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
	if (values.length > 1) throw new BadRequest(`${name} was given more than once`);
	if (values.length === 0) return false;
	const value = values[0].toLowerCase();
	if (value !== 'true' && value !== 'false') throw new BadRequest(`${name} must be true or false, not '${values[0]}'`);
	return value === 'true';
}
