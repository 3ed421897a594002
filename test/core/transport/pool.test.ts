import { mapInPool } from '../../../nodes/core/transport/pool';

/** A task settled from outside, so the test decides the order in which work finishes. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapInPool', () => {
	it('gives the results in the order of the items, whatever order the work finishes in', async () => {
		const items = Array.from({ length: 20 }, (_, i) => i);
		const results = await mapInPool(items, 4, async (item) => {
			// Later items finish sooner.
			await new Promise((resolve) => setTimeout(resolve, 20 - item));
			return `r${item}`;
		});
		expect(results).toEqual(items.map((item) => `r${item}`));
	});

	it('never has more than `width` items started and not settled, starts them in order, and each once', async () => {
		const tasks = Array.from({ length: 10 }, () => deferred<number>());
		const started: number[] = [];
		let running = 0;
		let most = 0;
		const done = mapInPool(tasks, 3, async (task, index) => {
			started.push(index);
			running++;
			most = Math.max(most, running);
			try {
				return await task.promise;
			} finally {
				running--;
			}
		});
		await flush();
		expect(started).toEqual([0, 1, 2]);
		// Finishing the third item lets exactly one more start.
		tasks[2].resolve(2);
		await flush();
		expect(started).toEqual([0, 1, 2, 3]);
		for (const [index, task] of tasks.entries()) {
			task.resolve(index);
			await flush();
		}
		expect(await done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(most).toBe(3);
	});

	it('rejects with the first failure at once, and starts no item after it', async () => {
		const tasks = Array.from({ length: 6 }, () => deferred<number>());
		const started: number[] = [];
		const done = mapInPool(tasks, 2, async (task, index) => {
			started.push(index);
			return task.promise;
		});
		const outcome = done.then(
			() => 'resolved',
			(error: Error) => error.message,
		);
		await flush();
		tasks[1].reject(new Error('boom'));
		// Item 0 is still running: the rejection does not wait for it.
		expect(await outcome).toBe('boom');
		tasks[0].resolve(0);
		await flush();
		expect(started).toEqual([0, 1]);
	});

	it('takes every item at a width wider than the list, and an empty list', async () => {
		expect(await mapInPool([1, 2], 100, async (item) => item * 2)).toEqual([2, 4]);
		expect(await mapInPool([], 4, async () => 1)).toEqual([]);
	});

	it('refuses a width that is not a whole number of at least 1', async () => {
		await expect(mapInPool([1], 0, async (item) => item)).rejects.toThrow(RangeError);
		await expect(mapInPool([1], 1.5, async (item) => item)).rejects.toThrow(RangeError);
		await expect(mapInPool([1], Number.NaN, async (item) => item)).rejects.toThrow(RangeError);
	});
});
