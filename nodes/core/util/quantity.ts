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
	// Most quantities are whole: their digits and ".00" is what toFixed(2) says, without its cost (a log of
	// 100,000 lines formats tens of thousands of them).
	if (Number.isSafeInteger(quantity)) return `${quantity}.00`;
	if (Number.isInteger(quantity)) return quantity.toFixed(2);
	// Rounded to six decimals, less its trailing zeros, but never under two decimals. Rounding to fewer decimals
	// than six gives the same digits, since the dropped ones are zeros.
	const six = quantity.toFixed(6);
	let end = six.length;
	while (six.charCodeAt(end - 1) === ZERO) end--;
	const decimals = end - six.indexOf('.') - 1;
	return decimals >= 2 ? six.slice(0, end) : six.slice(0, end) + '00'.slice(decimals);
}

const ZERO = 48;

/** Sums without the drift of binary fractions (0.1 + 0.2), to six decimals. */
export function addQuantities(a: number, b: number): number {
	return Math.round((a + b) * 1e6) / 1e6;
}
