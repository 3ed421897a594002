import { headerValue, type SimRequest } from '../http/request';
import type { Condition } from './conditions/ast';
import { parseConditions } from './conditions/parser';
import { invalidObject } from './errors';
import { resolveFieldPath, type ObjectSchema, type ScalarType } from './schema';

/** ConnectWise's page size cap: larger requests are clamped, not refused. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 25;

export interface SortKey {
	field: string[];
	fieldType: ScalarType;
	descending: boolean;
}

export type Paging =
	| { mode: 'pages'; page: number; pageSize: number }
	| { mode: 'forward-only'; pageId: number; pageSize: number };

export interface ListQuery {
	conditions?: Condition;
	orderBy: SortKey[];
	/** Projection paths; undefined returns whole records. */
	fields?: string[][];
	paging: Paging;
}

/**
 * Query parameter names match case-insensitively (ASP.NET binding); a parameter given twice is refused rather
 * than guessing which one the server would use.
 */
export function queryParam(request: SimRequest, name: string): string | undefined {
	const values: string[] = [];
	for (const [key, value] of request.query) {
		if (key.toLowerCase() === name.toLowerCase()) values.push(value);
	}
	if (values.length > 1) throw invalidObject(`The query parameter '${name}' was given more than once`);
	return values[0];
}

/** Only the `conditions` filter: what `/count` honours. A ConditionSyntaxError becomes a 400 in the app. */
export function parseConditionsParam(request: SimRequest, schema: ObjectSchema): Condition | undefined {
	rejectUnsupportedFilters(request);
	const text = queryParam(request, 'conditions');
	return text === undefined ? undefined : parseConditions(text, schema);
}

export function parseListQuery(request: SimRequest, schema: ObjectSchema): ListQuery {
	const conditions = parseConditionsParam(request, schema);
	const orderBy = parseOrderBy(queryParam(request, 'orderBy'), schema);
	const fields = parseFields(queryParam(request, 'fields'), schema);
	const paging = parsePaging(request);
	if (paging.mode === 'forward-only' && orderBy.length > 0) {
		throw invalidObject('orderBy cannot be used with forward-only pagination: results are ordered by id');
	}
	return { conditions, orderBy, fields, paging };
}

/** `fields` also applies to single-record GETs. */
export function parseFields(text: string | undefined, schema: ObjectSchema): string[][] | undefined {
	if (text === undefined) return undefined;
	return text.split(',').map((entry) => {
		const path = entry.trim();
		const resolved = path === '' ? undefined : resolveFieldPath(schema, path);
		if (resolved === undefined) throw invalidObject(`fields: unknown field '${path}'`);
		return resolved.segments;
	});
}

/**
 * The sandbox does not implement these filters; refusing them keeps a client that relies on one from
 * silently getting every record.
 */
function rejectUnsupportedFilters(request: SimRequest): void {
	for (const name of ['childConditions', 'customFieldConditions']) {
		if (queryParam(request, name) !== undefined) {
			throw invalidObject(`${name} is not supported by the sandbox simulator`);
		}
	}
}

function parseOrderBy(text: string | undefined, schema: ObjectSchema): SortKey[] {
	if (text === undefined) return [];
	return text.split(',').map((entry) => {
		const words = entry.trim().split(/\s+/);
		const [path, direction = 'asc'] = words;
		if (words.length > 2 || !/^(asc|desc)$/i.test(direction)) {
			throw invalidObject(`orderBy: expected 'field [asc|desc]' but found '${entry.trim()}'`);
		}
		const resolved = path === '' ? undefined : resolveFieldPath(schema, path);
		if (resolved === undefined) throw invalidObject(`orderBy: unknown field '${path}'`);
		if (typeof resolved.schema !== 'string') throw invalidObject(`orderBy: '${path}' is an object, not a sortable field`);
		return { field: resolved.segments, fieldType: resolved.schema, descending: direction.toLowerCase() === 'desc' };
	});
}

function parsePaging(request: SimRequest): Paging {
	const pageSizeText = queryParam(request, 'pageSize');
	const pageSize = pageSizeText === undefined ? DEFAULT_PAGE_SIZE : Math.min(parsePositiveInteger('pageSize', pageSizeText), MAX_PAGE_SIZE);
	const pageText = queryParam(request, 'page');
	const pageIdText = queryParam(request, 'pageId');
	const paginationType = headerValue(request.headers, 'pagination-type');

	if (paginationType === undefined) {
		if (pageIdText !== undefined) throw invalidObject("pageId needs the header 'pagination-type: forward-only'");
		return { mode: 'pages', page: pageText === undefined ? 1 : parsePositiveInteger('page', pageText), pageSize };
	}
	if (paginationType.trim().toLowerCase() !== 'forward-only') {
		throw invalidObject(`Unknown pagination-type '${paginationType}': the only value is forward-only`);
	}
	if (pageText !== undefined) throw invalidObject('page cannot be used with forward-only pagination: use pageId');
	const pageId = pageIdText === undefined ? 0 : parseNonNegativeInteger('pageId', pageIdText);
	return { mode: 'forward-only', pageId, pageSize };
}

function parsePositiveInteger(name: string, text: string): number {
	const value = Number(text);
	if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
		throw invalidObject(`${name} must be a whole number of at least 1, not '${text}'`);
	}
	return value;
}

function parseNonNegativeInteger(name: string, text: string): number {
	const value = Number(text);
	if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
		throw invalidObject(`${name} must be a whole number, not '${text}'`);
	}
	return value;
}
