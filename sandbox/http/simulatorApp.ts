import type { FaultRule, FaultStatus } from './faults';
import type { SimRequest } from './request';
import type { SimResponse } from './response';

/** Settings every simulator has; the host reads them. */
export interface BaseSimulatorConfig {
	/** Seeds the PRNG of probabilistic faults and random latency. */
	randomSeed: number;
}

/** What a simulated API supplies to the shared HTTP host (faults, latency, journal, admin). */
export interface SimulatorApp<TState, TConfig extends BaseSimulatorConfig> {
	/** The path relative to the API base, without leading or trailing slash, that rules match against. */
	routeOf(path: string): string;
	handle(request: SimRequest): SimResponse | Promise<SimResponse>;
	/** The body this API sends with an injected error status, in its own error shape. */
	faultResponse(status: FaultStatus, rule: FaultRule): SimResponse;
	/** A bug in the simulator itself, reported in the API's error shape rather than crashing the test run. */
	internalError(error: unknown): SimResponse;
	state(): TState;
	/** Validates the seed (throws on a malformed one); undefined restores the seed the simulator started with. */
	reset(seed?: unknown): void;
	config(): TConfig;
	/** Validates and applies a partial config; throws on unknown or badly typed settings. */
	configure(patch: unknown): TConfig;
}
