import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { recordSection, type Tally } from './summary';

/**
 * One sandbox for a describe block: started before its tests, reset (state, faults, latency, journal) before each, and
 * stopped after them with the block's counts recorded in the summary. Returns a stand-in whose `cw` and
 * `atria` are the running simulators.
 */
export function suiteSandbox(options: () => SandboxOptions, section: string, tally: Tally): Sandbox {
	let running: Sandbox | undefined;
	const current = (): Sandbox => {
		if (!running) throw new Error('the sandbox is used outside its describe block');
		return running;
	};
	beforeAll(async () => {
		running = await startSandbox(options());
	});
	beforeEach(() => {
		for (const simulator of [current().cw, current().atria]) {
			simulator.reset();
			simulator.clearFaults();
			simulator.clearLatency();
			simulator.clearJournal();
		}
	});
	afterAll(async () => {
		await running?.stop();
		await recordSection(section, tally.section());
	});
	return {
		get cw() {
			return current().cw;
		},
		get atria() {
			return current().atria;
		},
		stop: () => current().stop(),
	};
}
