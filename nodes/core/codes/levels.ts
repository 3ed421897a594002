/**
 * The seed's logging levels. Ordered by severity so a minimum level filters: Verbose < Info < Warn < Error.
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

export function isLogLevel(value: unknown): value is LogLevel {
	return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}
