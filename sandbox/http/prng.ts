/** A seeded pseudo-random generator: returns numbers in [0, 1). */
export type Prng = () => number;

/**
 * mulberry32: tiny and fast. Seeded so that a fault plan with a probability fails the same calls on every run,
 * which keeps flaky-network tests repeatable.
 */
export function createPrng(seed: number): Prng {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
