/**
 * The sandbox: strict simulators of the ConnectWise Manage API and the Atria billing API that tests, the demo
 * and the benchmark run against.
 */
import { AtriaSimulator, type AtriaSimulatorOptions } from './atria/simulator';
import { ConnectWiseSimulator, type ConnectWiseSimulatorOptions } from './connectwise/simulator';
import type { Dataset } from './model';

export { AtriaSimulator, startAtriaSimulator, type AtriaSimulatorOptions } from './atria/simulator';
export { SANDBOX_ATRIA_TOKEN, defaultAtriaConfig, type AtriaConfig, type AtriaEnvelope, type AtriaNaming } from './atria/config';
export { emptyAtriaState } from './atria/state';
export { CW_API_PATH, ConnectWiseSimulator, startConnectWiseSimulator, type ConnectWiseSimulatorOptions } from './connectwise/simulator';
export { SANDBOX_CW_KEY, defaultCwConfig, type CwApiKey, type CwConfig } from './connectwise/config';
export { basicAuthorization } from './connectwise/auth';
export { emptyCwState } from './connectwise/store';
export type { FaultKind, FaultRule, FaultStage } from './http/faults';
export type { LatencyRule } from './http/latency';
export type { JournalEntry, JournalStatus } from './http/journal';
export type { ListenOptions } from './http/httpSimulator';

export interface SandboxOptions {
	/** Seeds both simulators; `connectwise.seed` / `atria.seed` override it per simulator. Default: empty states. */
	dataset?: Pick<Dataset, 'connectwise' | 'atria'>;
	/** Port (default 0: a free one), seed and config (keys, rate limit, ...) of the ConnectWise simulator. */
	connectwise?: ConnectWiseSimulatorOptions;
	/** Port, seed and config (tokens, envelope, naming) of the Atria simulator. */
	atria?: AtriaSimulatorOptions;
}

export interface Sandbox {
	cw: ConnectWiseSimulator;
	atria: AtriaSimulator;
	/** Closes both simulators, dropping open connections. */
	stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const cw = await ConnectWiseSimulator.start({ ...options.connectwise, seed: options.connectwise?.seed ?? options.dataset?.connectwise });
	// If Atria cannot start (port taken, bad seed), do not leave the ConnectWise server listening.
	const atria = await AtriaSimulator.start({ ...options.atria, seed: options.atria?.seed ?? options.dataset?.atria }).catch(
		async (error: unknown) => {
			await cw.close();
			return Promise.reject(error);
		},
	);
	return {
		cw,
		atria,
		stop: async () => {
			await Promise.all([cw.close(), atria.close()]);
		},
	};
}
