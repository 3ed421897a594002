/**
 * Money as the log and reports show it: amounts per month in the agreement's currency, rounded to the cent only
 * when shown or totalled (a line's change keeps four decimals, so totals of many small lines stay exact).
 */
export function roundMoney(amount: number): number {
	return Math.round(amount * 10_000) / 10_000;
}

/** Totals are kept to the cent: what an invoice shows. */
export function roundCents(amount: number): number {
	return Math.round(amount * 100) / 100;
}

/** `-1234.5` as `-1,234.50`: two decimals and thousands separators, without a currency (ConnectWise has one per site). */
export function formatMoney(amount: number): string {
	if (!Number.isFinite(amount)) return String(amount);
	const cents = roundCents(amount);
	const sign = cents < 0 ? '-' : '';
	const [whole, fraction] = Math.abs(cents).toFixed(2).split('.');
	return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** `+12.00` or `-3.50`: a change, signed. */
export function formatMoneyChange(amount: number): string {
	const text = formatMoney(amount);
	return amount > 0 && roundCents(amount) !== 0 ? `+${text}` : text;
}
