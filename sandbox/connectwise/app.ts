import type { FaultRule, FaultStatus } from '../http/faults';
import { SlidingWindowRateLimiter } from '../http/rateLimiter';
import type { SimRequest } from '../http/request';
import { jsonResponse, type SimResponse } from '../http/response';
import type { SimulatorApp } from '../http/simulatorApp';
import type { CwState } from '../model';
import { checkApiVersion } from './apiVersion';
import { authenticate } from './auth';
import { COMPANY_INFO_PREFIX, companyInfoResponse } from './companyInfo';
import { parseCwConfigPatch, type CwConfig } from './config';
import { ConditionSyntaxError } from './conditions/syntaxError';
import { cwError, CwRequestError } from './errors';
import { matchRoute, type Route } from './router';
import { buildRoutes } from './routes';
import { CwStore } from './store';

/** `/v4_6_release/apis/3.0/` and every `/vYYYY_N/apis/3.0/` codebase. */
const API_PREFIX = /^\/(v4_6_release|v\d{4}_\d+)\/apis\/3\.0(?=\/|$)/i;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The longest URL accepted, scheme and host included. */
export const MAX_URL_LENGTH = 2048;

export function apiRouteOf(path: string): string | undefined {
	const match = API_PREFIX.exec(path);
	return match === null ? undefined : path.slice(match[0].length).replace(/^\/+|\/+$/g, '');
}

export function rateLimitedResponse(retryAfterSeconds: number): SimResponse {
	return jsonResponse(
		429,
		{ error: 'ConnectWiseAPI', message: `Too many requests. Please try again in ${retryAfterSeconds} seconds.` },
		{ 'Retry-After': String(retryAfterSeconds) },
	);
}

const FAULT_BODIES: Record<Exclude<FaultStatus, 429>, [code: string, message: string]> = {
	401: ['Unauthorized', 'The credentials supplied are invalid.'],
	403: ['Security', 'You do not have security permission to perform this action.'],
	404: ['NotFound', 'The requested resource was not found.'],
	500: ['InternalServerError', 'An error has occurred.'],
	502: ['BadGateway', 'The server received an invalid response from an upstream server.'],
	503: ['ServiceUnavailable', 'The service is temporarily unavailable.'],
};

/** The ConnectWise Manage API: company info lookup, then rate limit, auth, model version, routing and permissions. */
export class ConnectWiseApp implements SimulatorApp<CwState, CwConfig> {
	private readonly store: CwStore;
	private readonly routes: Route[] = buildRoutes();
	private settings: CwConfig;
	private readonly limiter: SlidingWindowRateLimiter;

	constructor(seed: CwState, config: CwConfig) {
		this.settings = structuredClone(config);
		this.store = new CwStore(structuredClone(seed));
		this.limiter = new SlidingWindowRateLimiter(config.rateLimitPerMinute, config.rateLimitWindowMs);
	}

	routeOf(path: string): string {
		return apiRouteOf(path) ?? path.replace(/^\/+|\/+$/g, '');
	}

	handle(request: SimRequest): SimResponse {
		if (request.path.toLowerCase().startsWith(COMPANY_INFO_PREFIX)) {
			return companyInfoResponse(request.method, request.path, this.settings);
		}
		const route = apiRouteOf(request.path);
		if (route === undefined) return cwError(404, 'NotFound', `No API at ${request.path}`);
		// The reference warns that URLs much over 2,000 characters are rejected (by ConnectWise or the proxies in
		// front of it); its exact answer is not documented, so 414 is this sandbox's. A client that stops batching
		// long `in (...)` lists fails here instead of passing.
		if (request.origin.length + request.path.length + 1 + request.rawQuery.length > MAX_URL_LENGTH) {
			return cwError(414, 'UriTooLong', 'The request URL is too long.');
		}

		const decision = this.limiter.tryAcquire();
		if (!decision.accepted) return rateLimitedResponse(decision.retryAfterSeconds);

		const auth = authenticate(request.headers, this.settings.keys);
		if (!auth.ok) return auth.response;

		// The model version is checked after auth (bad keys are 401 whatever the Accept header: what a credential
		// check needs to see) and before routing, so every resource, read or write, refuses a newer version alike
		// and a refused write is never processed.
		const refusedVersion = checkApiVersion(request.headers, `${request.origin}${request.path}`, this.settings.apiVersion);
		if (refusedVersion !== undefined) return refusedVersion;

		const match = matchRoute(this.routes, request.method, route);
		if (match.kind === 'not-found') return cwError(404, 'NotFound', `The resource '${route}' was not found.`);
		if (match.kind === 'method-not-allowed') {
			const response = cwError(405, 'MethodNotAllowed', `The requested resource does not support http method '${request.method}'.`);
			return { ...response, headers: { ...response.headers, Allow: match.allowed.join(', ') } };
		}
		if (WRITE_METHODS.has(request.method) && auth.key.readOnly) {
			return cwError(403, 'Security', 'You do not have security permission to perform this action.');
		}
		try {
			return match.handler({ request, ids: match.ids, store: this.store, key: auth.key });
		} catch (error) {
			if (error instanceof CwRequestError) return error.response;
			if (error instanceof ConditionSyntaxError) return cwError(400, 'InvalidObject', `conditions: ${error.message}`);
			return this.internalError(error);
		}
	}

	faultResponse(status: FaultStatus, rule: FaultRule): SimResponse {
		if (status === 429) return rateLimitedResponse(rule.retryAfterSeconds ?? 1);
		const [code, message] = FAULT_BODIES[status];
		return cwError(status, code, message);
	}

	internalError(error: unknown): SimResponse {
		return cwError(500, 'InternalServerError', `Sandbox simulator error: ${error instanceof Error ? error.message : String(error)}`);
	}

	state(): CwState {
		return this.store.snapshot();
	}

	/** Also empties the rate-limit window: a reset starts a clean scenario. */
	reset(seed?: unknown): void {
		this.store.reset(seed);
		this.limiter.reset();
	}

	config(): CwConfig {
		return structuredClone(this.settings);
	}

	configure(patch: unknown): CwConfig {
		this.settings = { ...this.settings, ...parseCwConfigPatch(patch) };
		this.limiter.configure(this.settings.rateLimitPerMinute, this.settings.rateLimitWindowMs);
		return this.config();
	}
}
