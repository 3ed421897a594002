import { splitPath } from '../http/pathPattern';
import type { SimRequest } from '../http/request';
import type { SimResponse } from '../http/response';
import type { CwApiKey } from './config';
import type { CwStore } from './store';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
	request: SimRequest;
	/** The integer path parameters, in order. */
	ids: number[];
	store: CwStore;
	key: CwApiKey;
}

export type RouteHandler = (context: RouteContext) => SimResponse;

export interface Route {
	/** Relative to the API base; `{id}` is an integer segment. */
	pattern: string;
	methods: Partial<Record<HttpMethod, RouteHandler>>;
}

export type RouteMatch =
	| { kind: 'found'; handler: RouteHandler; ids: number[] }
	| { kind: 'method-not-allowed'; allowed: string[] }
	| { kind: 'not-found' };

/** Literal segments match case-insensitively, like the real (IIS/ASP.NET) server. */
export function matchRoute(routes: Route[], method: string, route: string): RouteMatch {
	const segments = splitPath(route);
	for (const candidate of routes) {
		const ids = matchPattern(splitPath(candidate.pattern), segments);
		if (ids === undefined) continue;
		const handler = candidate.methods[method as HttpMethod];
		if (handler === undefined) return { kind: 'method-not-allowed', allowed: Object.keys(candidate.methods) };
		return { kind: 'found', handler, ids };
	}
	return { kind: 'not-found' };
}

function matchPattern(pattern: string[], segments: string[]): number[] | undefined {
	if (pattern.length !== segments.length) return undefined;
	const ids: number[] = [];
	for (let index = 0; index < pattern.length; index++) {
		if (pattern[index] === '{id}') {
			if (!/^\d+$/.test(segments[index])) return undefined;
			ids.push(Number(segments[index]));
		} else if (pattern[index].toLowerCase() !== segments[index].toLowerCase()) {
			return undefined;
		}
	}
	return ids;
}
