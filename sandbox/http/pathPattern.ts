/**
 * Matching of request paths against the patterns of fault and latency rules.
 *
 * A pattern is relative to the API base (`finance/agreements/*\/additions`). Segments are compared
 * case-insensitively because the servers route case-insensitively; `*` inside a segment matches any characters
 * of that one segment, and a whole segment `**` matches any number of segments (including none).
 */

export function splitPath(path: string): string[] {
	return path.split('/').filter((segment) => segment.length > 0);
}

export function matchesPathPattern(pattern: string, path: string): boolean {
	return matchSegments(splitPath(pattern.toLowerCase()), splitPath(path.toLowerCase()));
}

/** A rule without a method, or with `*`, matches every method. */
export function matchesMethod(ruleMethod: string | undefined, method: string): boolean {
	return ruleMethod === undefined || ruleMethod === '*' || ruleMethod.toUpperCase() === method.toUpperCase();
}

function matchSegments(pattern: string[], path: string[]): boolean {
	if (pattern.length === 0) return path.length === 0;
	const [head, ...rest] = pattern;
	if (head === '**') {
		for (let skipped = 0; skipped <= path.length; skipped++) {
			if (matchSegments(rest, path.slice(skipped))) return true;
		}
		return false;
	}
	if (path.length === 0) return false;
	return segmentMatches(head, path[0]) && matchSegments(rest, path.slice(1));
}

function segmentMatches(pattern: string, segment: string): boolean {
	if (!pattern.includes('*')) return pattern === segment;
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${source}$`).test(segment);
}
