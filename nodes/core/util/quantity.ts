/** Quantities closer than this are the same quantity (floating point and decimal round-trips). */
export const DEFAULT_QUANTITY_TOLERANCE = 0.0001;

export function sameQuantity(
	a: number,
	b: number,
	tolerance = DEFAULT_QUANTITY_TOLERANCE,
): boolean {
	return Math.abs(a - b) <= tolerance;
}

/**
 * Two decimals at least, as Atria's job's messages print them ("to 0.00"), more when the quantity has them
 * (2.125 stays 2.125), never more than six.
 */
export function formatQuantity(quantity: number): string {
	if (!Number.isFinite(quantity)) return String(quantity);
	if (Number.isInteger(quantity)) return quantity.toFixed(2);
	const six = quantity.toFixed(6).replace(/0+$/, '');
	const decimals = six.split('.')[1]?.length ?? 0;
	return quantity.toFixed(Math.max(2, decimals));
}

/** Sums without the drift of binary fractions (0.1 + 0.2), to six decimals. */
export function addQuantities(a: number, b: number): number {
	return Math.round((a + b) * 1e6) / 1e6;
}
