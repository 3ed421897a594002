const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

/** Text for an HTML element or a quoted attribute: customer names, SKUs and messages show as text, never as markup. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** A character that escapeJsonForScript escapes. */
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/;

/**
 * JSON text (a whole value, or a run of its characters) for a `<script type="application/json">` element. `<`,
 * `>` and `&` become \u escapes so that no value can close the element (`</script>`) or open a comment; U+2028
 * and U+2029 likewise, for older parsers. JSON.parse of the element's text gives the value back unchanged.
 */
export function escapeJsonForScript(json: string): string {
	// Nearly every part of a report has nothing to escape: it is then given back as it is, not copied.
	if (!SCRIPT_UNSAFE.test(json)) return json;
	return json.replace(
		/[<>&\u2028\u2029]/g,
		(character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
