import { HttpSimulator, type ListenOptions } from '../http/httpSimulator';
import type { CwState } from '../model';
import { ConnectWiseApp } from './app';
import { defaultCwConfig, parseCwConfigPatch, type CwConfig } from './config';
import { emptyCwState } from './store';

export interface ConnectWiseSimulatorOptions extends ListenOptions {
	/** Default: an empty state. Deep-copied. */
	seed?: CwState;
	config?: Partial<CwConfig>;
}

/** The API path every client call goes under; `/vYYYY_N/apis/3.0` works too. */
export const CW_API_PATH = '/v4_6_release/apis/3.0';

/** A ConnectWise Manage API on loopback, with the shared fault, latency, journal and admin machinery. */
export class ConnectWiseSimulator extends HttpSimulator<CwState, CwConfig> {
	/** `url + '/v4_6_release/apis/3.0'`. */
	apiBase = '';

	static async start(options: ConnectWiseSimulatorOptions = {}): Promise<ConnectWiseSimulator> {
		const config = { ...defaultCwConfig(), ...parseCwConfigPatch(options.config ?? {}) };
		const simulator = new ConnectWiseSimulator(new ConnectWiseApp(options.seed ?? emptyCwState(), config));
		await simulator.listen(options);
		simulator.apiBase = `${simulator.url}${CW_API_PATH}`;
		return simulator;
	}
}

export const startConnectWiseSimulator = (options?: ConnectWiseSimulatorOptions): Promise<ConnectWiseSimulator> =>
	ConnectWiseSimulator.start(options);
