import { quote } from './conditions';

/** ConnectWise and the proxies in front of it reject URLs much longer than this. */
export const DEFAULT_MAX_URL_LENGTH = 2000;

function encodedLength(text: string): number {
	return encodeURIComponent(text).length;
}

/**
 * Splits values into batches whose `in (...)` list keeps the whole URL under `maxUrlLength`, given the
 * URL's length without any list values. Values are measured as they will be quoted and encoded.
 */
export function batchForInList<T extends string | number>(
	values: readonly T[],
	fixedUrlLength: number,
	maxUrlLength = DEFAULT_MAX_URL_LENGTH,
	maxBatch = 1000,
): T[][] {
	const separator = encodedLength(',');
	const room = maxUrlLength - fixedUrlLength;
	const batches: T[][] = [];
	let current: T[] = [];
	let used = 0;
	for (const value of values) {
		const size = encodedLength(typeof value === 'number' ? String(value) : quote(value));
		if (size > room) throw new RangeError('a single value is too long for a ConnectWise query');
		const extra = current.length === 0 ? size : size + separator;
		if (current.length > 0 && (used + extra > room || current.length >= maxBatch)) {
			batches.push(current);
			current = [];
			used = 0;
		}
		used += current.length === 0 ? size : size + separator;
		current.push(value);
	}
	if (current.length > 0) batches.push(current);
	return batches;
}
