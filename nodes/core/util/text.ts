/**
 * Printable ASCII without spaces: what may go into an HTTP header value unescaped. Anything else (CR/LF above
 * all) would be header injection, so credentials holding it are refused.
 */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function isHeaderSafe(value: string): boolean {
	return HEADER_SAFE.test(value);
}
