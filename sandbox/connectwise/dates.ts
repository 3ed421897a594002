/** ConnectWise's only accepted date format in bodies and conditions: UTC `yyyy-MM-ddTHH:mm:ssZ`. */
const CW_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Epoch milliseconds, or undefined when the text is not exactly that format or not a real instant. */
export function parseCwDate(text: string): number | undefined {
	const match = CW_DATE.exec(text);
	if (match === null) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const time = Date.UTC(year, month - 1, day, hour, minute, second);
	const date = new Date(time);
	const roundTrips =
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		date.getUTCHours() === hour &&
		date.getUTCMinutes() === minute &&
		date.getUTCSeconds() === second;
	return roundTrips ? time : undefined;
}

export function formatCwDate(time: number): string {
	return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The `_info.lastUpdated` of a write: now, but always later than the record's previous stamp, so that a client
 * comparing stamps sees every change even when two writes land in the same second.
 */
export function nextLastUpdated(previous: string | undefined, now = Date.now()): string {
	const previousTime = previous === undefined ? undefined : parseCwDate(previous);
	const time = previousTime !== undefined && previousTime >= Math.floor(now / 1000) * 1000 ? previousTime + 1000 : now;
	return formatCwDate(time);
}

/** The stamp given to seeded records that have none: fixed, so that runs repeat. */
export const SEEDED_LAST_UPDATED = '2025-01-01T00:00:00Z';
