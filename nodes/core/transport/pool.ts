/**
 * `Promise.all(items.map(work))` with at most `width` items started and not yet settled: the results come back
 * in the order of `items`, whatever order the work finishes in.
 *
 * Why: a run's work per customer (or per agreement) is a few requests that queue in the executor's concurrency
 * limiter. Started all at once, 5,000 customers park tens of thousands of closures, promises and request bodies
 * in that queue for the minutes the rate limit takes to drain it, long enough for the garbage collector to move
 * them to the old generation. A few times the executor's concurrency in flight keeps it just as busy, and the
 * work of a customer not yet started is not created.
 *
 * Items are started in their order. On the first failure no further item is started and the returned promise
 * rejects with that failure at once, as Promise.all does (work already started runs to its end).
 */
export async function mapInPool<T, R>(
	items: readonly T[],
	width: number,
	work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
	if (!Number.isInteger(width) || width < 1)
		throw new RangeError('the pool width must be a whole number of at least 1');
	const results = new Array<R>(items.length);
	let next = 0;
	let failed = false;
	const worker = async (): Promise<void> => {
		while (!failed && next < items.length) {
			const index = next++;
			let succeeded = false;
			try {
				results[index] = await work(items[index], index);
				succeeded = true;
			} finally {
				// A failure goes up through Promise.all below; the other workers take no further item.
				if (!succeeded) failed = true;
			}
		}
	};
	const workers: Array<Promise<void>> = [];
	for (let i = 0; i < Math.min(width, items.length); i++) workers.push(worker());
	await Promise.all(workers);
	return results;
}

/** Customers (or agreements) in flight per request slot of the executor: enough to keep every slot busy. */
export const ITEMS_PER_REQUEST_SLOT = 4;
