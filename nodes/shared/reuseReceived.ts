/**
 * n8n keeps every node's output of an execution in memory and saves it with flatted, which stores an object once
 * however many nodes output it, but a copy as often as there are copies. Our nodes validate their input with zod,
 * which returns copies, so a node that hands on what it received (a plan's customer, its review, the log entries
 * it did not change) would have it saved twice. These helpers give the received object back wherever the value
 * handed on is equal to it.
 */

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equal as JSON: the same values, a key whose value is undefined counting as absent (JSON drops it). */
export function jsonEqual(a: Json, b: Json): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false;
		return true;
	}
	if (Array.isArray(b) || !isRecord(a) || !isRecord(b)) return false;
	let definedInA = 0;
	for (const key in a) {
		if (a[key] === undefined) continue;
		definedInA++;
		if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEqual(a[key], b[key])) return false;
	}
	let definedInB = 0;
	for (const key in b) if (b[key] !== undefined) definedInB++;
	return definedInA === definedInB;
}

/** How far ahead an array element is looked for among the received ones (entries inserted or replaced shift the rest). */
const LOOKAHEAD = 16;

/**
 * `value` with every part that is equal to the part of `received` at the same place replaced by that part of
 * `received`: the whole of it when all is equal, else key by key for objects, and for arrays each element
 * equal to a received one found in order (a few entries inserted or replaced do not stop the rest being
 * reused). Neither argument is changed; the parts that differ stay `value`'s own.
 */
export function reuseReceived<T>(value: T, received: Json): T {
	if (jsonEqual(value, received)) return received as T;
	if (Array.isArray(value) && Array.isArray(received)) {
		let next = 0;
		return value.map((element: Json) => {
			const end = Math.min(received.length, next + LOOKAHEAD);
			for (let index = next; index < end; index++)
				if (jsonEqual(element, received[index])) {
					next = index + 1;
					return received[index];
				}
			return element;
		}) as T;
	}
	if (isRecord(value) && isRecord(received)) {
		const result: Record<string, Json> = {};
		for (const key in value) result[key] = reuseReceived(value[key], received[key]);
		return result as T;
	}
	return value;
}

/**
 * A function giving, for a value equal (as JSON) to one it was given before, that earlier value: items of one
 * output that say the same thing (a customer with nothing held) then share one object. Values are compared by
 * their JSON text, so this is for small values.
 */
export function sharedWhenEqual(): <T>(value: T) => T {
	const seen = new Map<string, unknown>();
	return <T>(value: T): T => {
		if (typeof value !== 'object' || value === null) return value;
		const key = JSON.stringify(value);
		const earlier = seen.get(key);
		if (earlier !== undefined) return earlier as T;
		seen.set(key, value);
		return value;
	};
}
