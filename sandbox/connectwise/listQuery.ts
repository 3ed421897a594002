import type { SimRequest } from '../http/request';
import { jsonResponse, type SimResponse } from '../http/response';
import { compareText } from './collation';
import { parseCwDate } from './dates';
import { matchesCondition } from './conditions/evaluator';
import { linkHeader, pageUrl } from './linkHeader';
import { presentRecord } from './present';
import { parseConditionsParam, parseListQuery, type SortKey } from './queryParams';
import { valueAt, type ObjectSchema } from './schema';

type StoredRecord = { id: number };

/** A collection GET: filter, order, page, project, with the Link header of the paging mode. */
export function listResponse(request: SimRequest, records: StoredRecord[], schema: ObjectSchema): SimResponse {
	const query = parseListQuery(request, schema);
	const condition = query.conditions;
	const matching = condition === undefined ? records : records.filter((record) => matchesCondition(condition, record));
	const present = (page: StoredRecord[]): Record<string, unknown>[] => page.map((record) => presentRecord(record, query.fields));

	if (query.paging.mode === 'forward-only') {
		const { pageId, pageSize } = query.paging;
		const after = sortById(matching).filter((record) => record.id > pageId);
		const page = after.slice(0, pageSize);
		const more = after.length > pageSize;
		const links: Array<[string, string]> = more ? [['next', pageUrl(request, { pageSize, pageId: page[page.length - 1].id })]] : [];
		return jsonResponse(200, present(page), linkHeader(links));
	}

	const { page, pageSize } = query.paging;
	const ordered = sortRecords(sortById(matching), query.orderBy);
	const lastPage = Math.max(1, Math.ceil(ordered.length / pageSize));
	const links: Array<[string, string]> = [];
	if (page > 1) {
		links.push(['first', pageUrl(request, { pageSize, page: 1 })]);
		links.push(['prev', pageUrl(request, { pageSize, page: Math.min(page - 1, lastPage) })]);
	}
	if (page < lastPage) {
		links.push(['next', pageUrl(request, { pageSize, page: page + 1 })]);
		links.push(['last', pageUrl(request, { pageSize, page: lastPage })]);
	}
	const slice = ordered.slice((page - 1) * pageSize, page * pageSize);
	return jsonResponse(200, present(slice), linkHeader(links));
}

/** `/count`: honours conditions, ignores paging and ordering. */
export function countResponse(request: SimRequest, records: StoredRecord[], schema: ObjectSchema): SimResponse {
	const condition = parseConditionsParam(request, schema);
	const count = condition === undefined ? records.length : records.filter((record) => matchesCondition(condition, record)).length;
	return jsonResponse(200, { count });
}

function sortById<T extends StoredRecord>(records: T[]): T[] {
	return [...records].sort((a, b) => a.id - b.id);
}

/** Stable, so ties keep id order. Nulls sort first ascending, as in SQL Server. */
function sortRecords<T extends StoredRecord>(records: T[], keys: SortKey[]): T[] {
	if (keys.length === 0) return records;
	return [...records].sort((a, b) => {
		for (const key of keys) {
			const difference = compareValues(valueAt(a, key.field), valueAt(b, key.field), key.fieldType);
			if (difference !== 0) return key.descending ? -difference : difference;
		}
		return 0;
	});
}

function compareValues(left: unknown, right: unknown, fieldType: SortKey['fieldType']): number {
	const absentLeft = left === undefined || left === null;
	const absentRight = right === undefined || right === null;
	if (absentLeft || absentRight) return absentLeft === absentRight ? 0 : absentLeft ? -1 : 1;
	switch (fieldType) {
		case 'string':
			return compareText(String(left), String(right));
		case 'date':
			return (parseCwDate(String(left)) ?? 0) - (parseCwDate(String(right)) ?? 0);
		case 'boolean':
			return Number(left) - Number(right);
		case 'number':
			return Number(left) - Number(right);
	}
}
