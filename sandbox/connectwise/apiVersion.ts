import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../http/request';
import type { SimResponse } from '../http/response';
import { cwError } from './errors';

/** A model version as ConnectWise numbers them: year, dot, release (`2025.1`, `2019.5`, `2024.10`). */
export const API_VERSION_PATTERN = /^\d{4}\.\d+$/;

/** Compares two valid versions numerically, year first, then release: 2025.1 > 2024.10 > 2024.2 > 2019.5. */
export function compareApiVersions(a: string, b: string): number {
	const [yearA, releaseA] = a.split('.').map(Number);
	const [yearB, releaseB] = b.split('.').map(Number);
	return yearA !== yearB ? yearA - yearB : releaseA - releaseB;
}

/** Every `version` parameter of every media range in the Accept header (name case-insensitive, quotes removed). */
function requestedVersions(accept: string): string[] {
	const versions: string[] = [];
	for (const range of accept.split(',')) {
		for (const parameter of range.split(';').slice(1)) {
			const equals = parameter.indexOf('=');
			const name = (equals === -1 ? parameter : parameter.slice(0, equals)).trim();
			if (name.toLowerCase() !== 'version') continue;
			const value = equals === -1 ? '' : parameter.slice(equals + 1).trim();
			versions.push(value.replace(/^"(.*)"$/, '$1'));
		}
	}
	return versions;
}

/**
 * The model version check: `Accept: application/vnd.connectwise.com+json; version=X` asks for model X, and a
 * server older than X refuses it (the reference: "a server older than the requested version answers that it does
 * not support the API version", seen on on-premise servers). No version (or `application/json`, `*\/*`) is served
 * with the server's own model. The version is read from any media range that carries one: stricter than a server
 * that only looks at the first.
 *
 * The exact answer is not documented. The sandbox's choice: 400 with ConnectWise's error body and the message
 * ASP.NET API versioning gives, as an on-premise server answered in a public issue (connectwise-rest #35):
 * `{"code":"ConnectWiseApi","message":"The HTTP resource that matches the request URI '…' does not support the
 * API version '2025.1'.","errors":null}`. A malformed version is a 400 of the same shape (also the sandbox's choice).
 * Returns undefined when the request may proceed.
 */
export function checkApiVersion(headers: IncomingHttpHeaders, requestUri: string, serverVersion: string): SimResponse | undefined {
	const accept = headerValue(headers, 'accept');
	if (accept === undefined) return undefined;
	for (const version of requestedVersions(accept)) {
		if (!API_VERSION_PATTERN.test(version)) {
			return cwError(400, 'ConnectWiseApi', `The API version '${version}' is not valid: expected a version such as 2025.1.`);
		}
		if (compareApiVersions(version, serverVersion) > 0) {
			return cwError(400, 'ConnectWiseApi', `The HTTP resource that matches the request URI '${requestUri}' does not support the API version '${version}'.`);
		}
	}
	return undefined;
}
