import { valueAt } from './schema';

/**
 * A record as the API serialises it. ConnectWise leaves null fields out of its JSON, so a client must treat
 * a missing field as null; emitting `null` here would hide a client that reads `x === null`.
 */
export function presentRecord(record: object, fields?: string[][]): Record<string, unknown> {
	const full = withoutNulls(record) as Record<string, unknown>;
	if (fields === undefined) return full;
	const projected: Record<string, unknown> = {};
	for (const path of fields) {
		const value = valueAt(full, path);
		if (value !== undefined) setAt(projected, path, value);
	}
	return projected;
}

function withoutNulls(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutNulls);
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(value)) {
		if (field !== null && field !== undefined) copy[key] = withoutNulls(field);
	}
	return copy;
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
	let current = target;
	for (const segment of path.slice(0, -1)) {
		const next = current[segment];
		if (typeof next !== 'object' || next === null) current[segment] = {};
		current = current[segment] as Record<string, unknown>;
	}
	current[path[path.length - 1]] = value;
}
