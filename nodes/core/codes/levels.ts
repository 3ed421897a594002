/**
 * The logging levels of Atria's job. Ordered by severity so a minimum level filters: Verbose < Info < Warn < Error.
 */
export const LOG_LEVELS = ['Verbose', 'Info', 'Warn', 'Error'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export function levelRank(level: LogLevel): number {
	return LOG_LEVELS.indexOf(level);
}

/** True when an entry of `level` is shown under the minimum level `minimum`. */
export function isAtLeast(level: LogLevel, minimum: LogLevel): boolean {
	return levelRank(level) >= levelRank(minimum);
}

/** The most severe of the levels given, or null for none. */
export function highestLevel(levels: Iterable<LogLevel>): LogLevel | null {
	let highest: LogLevel | null = null;
	for (const level of levels)
		if (highest === null || levelRank(level) > levelRank(highest)) highest = level;
	return highest;
}

export function isLogLevel(value: unknown): value is LogLevel {
	return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}
