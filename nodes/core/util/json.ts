/** JSON.parse as a result: unreadable JSON is an answer to handle (CW13, a retry), not an exception. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}
