import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';
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

/** What a credential gives each request it authenticates. */
export interface RequestAuth {
	/** For a relative request without a base of its own. */
	baseUrl: string;
	allowPlainHttp: boolean;
	/** Names the service in a refusal ("ConnectWise: not sending credentials to ..."). */
	serviceName: string;
	/** Set on every request, replacing same-named headers whatever their case. */
	headers: Readonly<Record<string, string>>;
}

/** A credential's RequestAuth with its header names lowercased once, for replacing a request's own headers. */
export type DerivedAuth = Readonly<RequestAuth & { replaced: ReadonlySet<string> }>;

interface KnownAuth {
	/** The data's own keys and values when `auth` was derived from it, in enumeration order. */
	keys: string[];
	values: unknown[];
	auth: DerivedAuth;
}

/**
 * `derive` of a credential's data, worked out once per data object. The nodes hand n8n the credential they read
 * for their run, and n8n passes that same object to `authenticate` for every one of the run's thousands of
 * requests: validating it (zod) and encoding its authorization for each request was most of what the
 * credential path allocated. The result is used again only while the object holds exactly the values it was
 * derived from (same keys, each value the same): an object changed since is derived again, and a derivation that
 * fails is not kept, so it fails again.
 */
export function perCredentialData(
	derive: (data: ICredentialDataDecryptedObject) => RequestAuth,
): (data: ICredentialDataDecryptedObject) => DerivedAuth {
	const derived = new WeakMap<object, KnownAuth>();
	return (data) => {
		const known = derived.get(data);
		if (known !== undefined && holdsValues(data, known)) return known.auth;
		const auth = derive(data);
		const keys: string[] = [];
		const values: unknown[] = [];
		for (const key in data) {
			keys.push(key);
			values.push(data[key]);
		}
		const replaced = new Set(Object.keys(auth.headers).map((name) => name.toLowerCase()));
		const entry: KnownAuth = { keys, values, auth: Object.freeze({ ...auth, replaced }) };
		derived.set(data, entry);
		return entry.auth;
	};
}

/** Whether `data` has exactly the keys and values it had when `known` was derived (no allocation: for-in). */
function holdsValues(data: ICredentialDataDecryptedObject, known: KnownAuth): boolean {
	let index = 0;
	for (const key in data) {
		if (key !== known.keys[index] || data[key] !== known.values[index]) return false;
		index++;
	}
	return index === known.keys.length;
}

/**
 * Fills `baseURL` when the request has a relative `url` and no base of its own, refuses plain HTTP to
 * a non-loopback host unless allowed (checked on the final URL, so also on absolute URLs such as a
 * pagination link), and sets the credential's headers (replacing same-named headers whatever their case).
 */
export function withBaseAndHeaders(
	requestOptions: IHttpRequestOptions,
	auth: DerivedAuth,
): IHttpRequestOptions {
	const options: IHttpRequestOptions = { ...requestOptions };
	if (!ABSOLUTE_URL.test(options.url ?? '') && !options.baseURL) {
		options.baseURL = auth.baseUrl;
	}
	const target = requestTargetUrl(options);
	const checked = checkServiceUrl(target, auth.allowPlainHttp);
	if (!checked.ok) {
		throw new UserError(
			`${auth.serviceName}: not sending credentials to ${target}: the URL ${checked.reason}`,
		);
	}
	const merged: IDataObject = {};
	const given = options.headers ?? {};
	for (const name in given) {
		if (!auth.replaced.has(name.toLowerCase())) merged[name] = given[name];
	}
	options.headers = Object.assign(merged, auth.headers);
	return options;
}
