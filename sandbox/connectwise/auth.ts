import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../http/request';
import type { SimResponse } from '../http/response';
import type { CwApiKey } from './config';
import { cwError } from './errors';

export type AuthResult = { ok: true; key: CwApiKey } | { ok: false; response: SimResponse };

const unauthorized = (message: string): AuthResult => ({ ok: false, response: cwError(401, 'Unauthorized', message) });

/**
 * `Authorization: Basic base64(companyId+publicKey:privateKey)` plus a `clientId` header of the same key set.
 * The company id matches case-insensitively (it is a login name); the keys exactly. The clientId is a GUID,
 * so its case does not matter.
 */
export function authenticate(headers: IncomingHttpHeaders, keys: CwApiKey[]): AuthResult {
	const clientId = headerValue(headers, 'clientId')?.trim();
	if (clientId === undefined || clientId === '') return unauthorized('clientId header is required');
	const authorization = headerValue(headers, 'authorization');
	if (authorization === undefined) return unauthorized('Authorization header is required');
	const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization);
	if (match === null) return unauthorized('Authorization must be Basic base64(companyId+publicKey:privateKey)');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const plus = decoded.indexOf('+');
	if (colon === -1 || plus === -1 || plus > colon) {
		return unauthorized('Authorization must be Basic base64(companyId+publicKey:privateKey)');
	}
	const companyId = decoded.slice(0, plus);
	const publicKey = decoded.slice(plus + 1, colon);
	const privateKey = decoded.slice(colon + 1);
	const key = keys.find(
		(candidate) =>
			candidate.companyId.toLowerCase() === companyId.toLowerCase() &&
			candidate.publicKey === publicKey &&
			candidate.privateKey === privateKey,
	);
	if (key === undefined) return unauthorized('The credentials supplied are invalid.');
	if (key.clientId.toLowerCase() !== clientId.toLowerCase()) return unauthorized(`clientId '${clientId}' is not valid`);
	return { ok: true, key };
}

/** The header a client sends; exported for tests and the CLI's printout. */
export function basicAuthorization(key: Pick<CwApiKey, 'companyId' | 'publicKey' | 'privateKey'>): string {
	return `Basic ${Buffer.from(`${key.companyId}+${key.publicKey}:${key.privateKey}`).toString('base64')}`;
}
