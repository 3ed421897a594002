import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { checkServiceUrl } from '../../nodes/core/util/url';

/**
 * Request plumbing shared by this package's credentials. Every authenticated request (node code and
 * n8n's credential test alike) passes through a credential's `authenticate`, so that is where the base
 * URL is supplied for relative requests and where the plain-HTTP rule is enforced on the URL actually
 * hit. The rules themselves (URL checks, base URL shape) live in nodes/core and are only applied here.
 */

const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i;

/** The URL a request will really hit: an absolute `url` wins, otherwise `baseURL` + `url` (axios rules). */
export function requestTargetUrl(options: Pick<IHttpRequestOptions, 'url' | 'baseURL'>): string {
	const url = options.url ?? '';
	if (ABSOLUTE_URL.test(url) || !options.baseURL) {
		return url;
	}
	if (url === '') {
		return options.baseURL;
	}
	return `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

/**
 * Runs a core parser and turns its failure into a UserError carrying the core's message (a CW-coded
 * message never contains a secret). n8n's credential tester shows `error.cause.code` when there is one,
 * which for a CwCodedError would be the bare code, so the original error is not passed on.
 */
export function parseOrExplain<T>(parse: () => T): T {
	let failure: string | undefined;
	let parsed: T | undefined;
	try {
		parsed = parse();
	} catch (error) {
		failure = error instanceof Error ? error.message : String(error);
	}
	if (failure !== undefined) {
		throw new UserError(failure);
	}
	return parsed as T;
}

/**
 * Fills `baseURL` when the request has a relative `url` and no base of its own, refuses plain HTTP to
 * a non-loopback host unless allowed (checked on the final URL, so also on absolute URLs such as a
 * pagination link), and sets `headers` (replacing same-named headers whatever their case).
 */
export function withBaseAndHeaders(
	requestOptions: IHttpRequestOptions,
	baseUrl: string,
	allowPlainHttp: boolean,
	serviceName: string,
	headers: Record<string, string>,
): IHttpRequestOptions {
	const options: IHttpRequestOptions = { ...requestOptions };
	if (!ABSOLUTE_URL.test(options.url ?? '') && !options.baseURL) {
		options.baseURL = baseUrl;
	}
	const target = requestTargetUrl(options);
	const checked = checkServiceUrl(target, allowPlainHttp);
	if (!checked.ok) {
		throw new UserError(
			`${serviceName}: not sending credentials to ${target}: the URL ${checked.reason}`,
		);
	}
	const merged: IDataObject = {};
	const replaced = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (!replaced.has(name.toLowerCase())) {
			merged[name] = value;
		}
	}
	options.headers = { ...merged, ...headers };
	return options;
}
