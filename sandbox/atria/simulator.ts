import { HttpSimulator, type ListenOptions } from '../http/httpSimulator';
import type { AtriaState } from '../model';
import { AtriaApp } from './app';
import { defaultAtriaConfig, parseAtriaConfigPatch, type AtriaConfig } from './config';
import { emptyAtriaState } from './state';

export interface AtriaSimulatorOptions extends ListenOptions {
	/** Default: an empty state (periods end on the last day, no rows). Deep-copied. */
	seed?: AtriaState;
	config?: Partial<AtriaConfig>;
}

/** The Atria billing API on loopback, with the shared fault, latency, journal and admin machinery. */
export class AtriaSimulator extends HttpSimulator<AtriaState, AtriaConfig> {
	static async start(options: AtriaSimulatorOptions = {}): Promise<AtriaSimulator> {
		const config = { ...defaultAtriaConfig(), ...parseAtriaConfigPatch(options.config ?? {}) };
		const simulator = new AtriaSimulator(new AtriaApp(options.seed ?? emptyAtriaState(), config));
		await simulator.listen(options);
		return simulator;
	}
}

export const startAtriaSimulator = (options?: AtriaSimulatorOptions): Promise<AtriaSimulator> => AtriaSimulator.start(options);
