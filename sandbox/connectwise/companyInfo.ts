import { jsonResponse, type SimResponse } from '../http/response';
import type { CwConfig } from './config';
import { cwError } from './errors';

/** Base of the unauthenticated lookup a client uses to discover the codebase. */
export const COMPANY_INFO_PREFIX = '/login/companyinfo/';

export function companyInfoResponse(method: string, path: string, config: CwConfig): SimResponse {
	if (method !== 'GET') return cwError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
	const companyId = safeDecode(path.slice(COMPANY_INFO_PREFIX.length).replace(/\/+$/, ''));
	const key = config.keys.find((candidate) => candidate.companyId.toLowerCase() === companyId.toLowerCase());
	if (companyId === '' || key === undefined) return cwError(404, 'NotFound', `Company '${companyId}' not found`);
	const versionCode = 'v2025.1';
	return jsonResponse(200, {
		CompanyName: config.companyName,
		Codebase: config.codebase,
		VersionCode: versionCode,
		VersionNumber: `${versionCode}.12345`,
		CompanyID: key.companyId,
		IsCloud: 'False',
	});
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
