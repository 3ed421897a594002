const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * An https URL, or http on loopback (the sandbox), or http anywhere when the credential explicitly allows
 * it: keys must not cross a network in clear text by accident.
 */
export function checkServiceUrl(raw: string, allowPlainHttp: boolean): UrlCheck {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { ok: false, reason: 'is not a valid URL' };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { ok: false, reason: 'must start with https://' };
	// DNS names are at most 253 characters: a longer one can only fail, slowly, at connection time.
	if (url.hostname.length > 253)
		return { ok: false, reason: 'has a host name longer than 253 characters' };
	if (url.username || url.password)
		return { ok: false, reason: 'must not contain a user name or password' };
	if (url.protocol === 'http:' && !allowPlainHttp && !isLoopbackHost(url.hostname)) {
		return {
			ok: false,
			reason: 'uses plain http: use https, or turn on Allow Plain HTTP in the credential',
		};
	}
	return { ok: true, url };
}

/** Drops a trailing slash so paths can be appended with one. */
export function trimTrailingSlash(value: string): string {
	return value.replace(/\/+$/, '');
}
