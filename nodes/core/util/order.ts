/**
 * The items in ascending order of `key` (a stable sort, like Array.sort), or the very list when it is in that
 * order already, as lists read from ConnectWise usually are: then nothing is copied and no comparator is called.
 */
export function ascendingBy<T>(items: readonly T[], key: (item: T) => number): readonly T[] {
	for (let index = 1; index < items.length; index++) {
		if (key(items[index - 1]) > key(items[index]))
			return [...items].sort((a, b) => key(a) - key(b));
	}
	return items;
}

/**
 * The positions of `keys` in ascending order of their key, equal keys in the order given (a stable sort). A
 * customer has a few dozen products at most: an insertion sort orders them without a comparator call per step;
 * a long list goes to Array.sort.
 */
export function ascendingOrder(keys: readonly string[]): number[] {
	// Pushed onto one literal rather than mapped: an empty list and a full one then share an array map, and
	// the optimized code of the callers is not thrown away for the first customer without lines.
	const order: number[] = [];
	for (let position = 0; position < keys.length; position++) order.push(position);
	if (keys.length > 64)
		return order.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
	for (let index = 1; index < order.length; index++) {
		const position = order[index];
		let at = index;
		while (at > 0 && keys[order[at - 1]] > keys[position]) {
			order[at] = order[at - 1];
			at--;
		}
		order[at] = position;
	}
	return order;
}
