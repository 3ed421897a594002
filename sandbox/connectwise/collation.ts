/**
 * String semantics of ConnectWise's SQL Server collation (case-insensitive, trailing spaces ignored), so a client
 * that depends on exact-case matching fails here as it would there.
 */

export function normalizeText(text: string): string {
	return text.toLowerCase().replace(/ +$/, '');
}

export function compareText(a: string, b: string): number {
	const left = normalizeText(a);
	const right = normalizeText(b);
	return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * `like` patterns: `*` and `%` match any run of characters and `_` any one character, as SQL Server's LIKE
 * does (so a pattern with an underscore matches more than its author may expect).
 */
export function likeMatches(value: string, pattern: string): boolean {
	const source = normalizeText(pattern)
		.split('')
		.map((char) => {
			if (char === '*' || char === '%') return '.*';
			if (char === '_') return '.';
			return char.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&');
		})
		.join('');
	return new RegExp(`^${source}$`, 's').test(normalizeText(value));
}
