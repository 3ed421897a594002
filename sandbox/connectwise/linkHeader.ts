import type { SimRequest } from '../http/request';

const PAGING_PARAMS = new Set(['page', 'pagesize', 'pageid']);

/**
 * The URL of another page: the request's own URL with its other query parameters kept and the paging
 * parameters replaced, as ConnectWise's RFC 5988 Link header does.
 */
export function pageUrl(request: SimRequest, paging: Record<string, number>): string {
	const params = new URLSearchParams();
	for (const [key, value] of request.query) {
		if (!PAGING_PARAMS.has(key.toLowerCase())) params.append(key, value);
	}
	for (const [key, value] of Object.entries(paging)) params.append(key, String(value));
	return `${request.origin}${request.path}?${params.toString()}`;
}

export function linkHeader(links: Array<[rel: string, url: string]>): Record<string, string> {
	if (links.length === 0) return {};
	return { Link: links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', ') };
}
