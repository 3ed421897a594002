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
