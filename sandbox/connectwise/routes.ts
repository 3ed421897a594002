import { emptyResponse, jsonResponse } from '../http/response';
import type { CwAgreement } from '../model';
import { createAddition, patchAddition } from './additionWrites';
import { createCatalogItem } from './catalogWrites';
import { ADDITIONS_SCHEMA, TOP_LEVEL_COLLECTIONS, type CollectionSpec } from './collections';
import { notFound } from './errors';
import { countResponse, listResponse } from './listQuery';
import { presentRecord } from './present';
import { parseFields, queryParam } from './queryParams';
import { parseJsonBody } from './requestBody';
import type { Route, RouteContext, RouteHandler } from './router';
import type { ObjectSchema } from './schema';
import type { CwStore } from './store';

/** What `/system/info` reports: the cheap call clients use to test credentials. */
const SYSTEM_INFO = { version: 'v2025.1.12345', isCloud: false, serverTimeZone: 'Eastern Standard Time' };

export function buildRoutes(): Route[] {
	return [
		{ pattern: 'system/info', methods: { GET: () => jsonResponse(200, SYSTEM_INFO) } },
		...additionRoutes(),
		...TOP_LEVEL_COLLECTIONS.flatMap(collectionRoutes),
	];
}

function collectionRoutes(spec: CollectionSpec): Route[] {
	const list: RouteHandler = ({ request, store }) => listResponse(request, spec.records(store.data), spec.schema);
	const routes: Route[] = [
		{ pattern: spec.path, methods: { GET: list } },
		{ pattern: `${spec.path}/count`, methods: { GET: ({ request, store }) => countResponse(request, spec.records(store.data), spec.schema) } },
		{
			pattern: `${spec.path}/{id}`,
			methods: { GET: (context) => singleResponse(context, spec.records(context.store.data), spec.schema, spec.label, context.ids[0]) },
		},
	];
	if (spec.path === 'procurement/catalog') {
		routes[0].methods.POST = ({ request, store, key }) =>
			jsonResponse(201, presentRecord(createCatalogItem(store, parseJsonBody(request), key.publicKey)));
	}
	return routes;
}

function additionRoutes(): Route[] {
	const base = 'finance/agreements/{id}/additions';
	return [
		{
			pattern: base,
			methods: {
				GET: (context) => listResponse(context.request, agreementAdditions(context), ADDITIONS_SCHEMA),
				POST: (context) => {
					const agreement = requireAgreement(context.store, context.ids[0]);
					const addition = createAddition(context.store, agreement, parseJsonBody(context.request), context.key.publicKey);
					return jsonResponse(201, presentRecord(addition));
				},
			},
		},
		{
			pattern: `${base}/count`,
			methods: { GET: (context) => countResponse(context.request, agreementAdditions(context), ADDITIONS_SCHEMA) },
		},
		{
			pattern: `${base}/{id}`,
			methods: {
				GET: (context) => singleResponse(context, agreementAdditions(context), ADDITIONS_SCHEMA, 'Addition', context.ids[1]),
				PATCH: (context) => {
					const addition = requireAddition(context);
					const body = parseJsonBody(context.request);
					return jsonResponse(200, presentRecord(patchAddition(context.store, addition, body, context.key.publicKey)));
				},
				DELETE: (context) => {
					const addition = requireAddition(context);
					context.store.data.additions = context.store.data.additions.filter((candidate) => candidate !== addition);
					return emptyResponse(204);
				},
			},
		},
	];
}

function singleResponse(context: RouteContext, records: Array<{ id: number }>, schema: ObjectSchema, label: string, id: number) {
	const fields = parseFields(queryParam(context.request, 'fields'), schema);
	const record = records.find((candidate) => candidate.id === id);
	if (record === undefined) throw notFound(`${label} with id ${id} not found`);
	return jsonResponse(200, presentRecord(record, fields));
}

function requireAgreement(store: CwStore, id: number): CwAgreement {
	const agreement = store.data.agreements.find((candidate) => candidate.id === id);
	if (agreement === undefined) throw notFound(`Agreement with id ${id} not found`);
	return agreement;
}

/** Additions live under their agreement: an unknown agreement is a 404 even for listing. */
function agreementAdditions(context: RouteContext) {
	const agreement = requireAgreement(context.store, context.ids[0]);
	return context.store.data.additions.filter((addition) => addition.agreementId === agreement.id);
}

function requireAddition(context: RouteContext) {
	const addition = agreementAdditions(context).find((candidate) => candidate.id === context.ids[1]);
	if (addition === undefined) throw notFound(`Addition with id ${context.ids[1]} not found`);
	return addition;
}
