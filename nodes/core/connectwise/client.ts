import { z } from 'zod';
import type { HttpMethod } from '../transport/http';
import type { ExecutedResponse, RequestExecutor, RequestInput } from '../transport/executor';
import { parseJson } from '../util/json';
import { batchForInList, DEFAULT_MAX_URL_LENGTH } from './batching';
import { allOf, equals, inList } from './conditions';
import { apiBaseUrl, CODEBASE_PATTERN, type ConnectWiseConnection } from './credentials';
import { apiErrorFromResponse, isUnsupportedApiVersion, UnexpectedResponseError } from './errors';
import {
	additionReader,
	agreementReader,
	agreementTypeReader,
	catalogItemReader,
	companyInfoSchema,
	companyReader,
	describeSchemaError,
	namedRefReader,
	systemInfoSchema,
	type Addition,
	type Agreement,
	type AgreementType,
	type CatalogItem,
	type Company,
	type NamedRef,
	type RecordReader,
} from './schemas';

export const MAX_PAGE_SIZE = 1000;

/** The model version we code against; without it ConnectWise serves its latest model, which can change. */
export const ACCEPT_HEADER = 'application/vnd.connectwise.com+json; version=2025.1';
/** The fallback for a server older than that model: no version, so the server serves its own (latest) model. */
export const ACCEPT_HEADER_UNVERSIONED = 'application/vnd.connectwise.com+json';

const FIELDS = {
	companies: 'id,identifier,name,deletedFlag',
	agreements: 'id,name,type,company,agreementStatus,cancelledFlag,startDate',
	additions:
		'id,product,quantity,lessIncluded,billCustomer,cancelledDate,effectiveDate,description,unitPrice,unitCost,agreementId,_info',
	catalog: 'id,identifier,description,inactiveFlag,productClass,price,cost',
	types: 'id,name,inactiveFlag',
	refs: 'id,name,inactiveFlag',
};

export interface ListQuery {
	conditions?: string;
	fields?: string;
	orderBy?: string;
}

export interface NewCatalogItem {
	identifier: string;
	description: string;
	customerDescription: string;
	subcategoryId: number;
	typeId: number;
	price?: number;
	cost?: number;
}

export interface NewAddition {
	productId: number;
	quantity: number;
	/** UTC `yyyy-MM-ddTHH:mm:ssZ`. */
	effectiveDate: string;
	description?: string;
	unitPrice?: number;
}

function encodeQuery(params: Record<string, string | number | undefined>): string {
	return Object.entries(params)
		.filter(
			(entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
		)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');
}

function hasNextLink(link: string | undefined): boolean {
	return link !== undefined && /rel\s*=\s*"?next"?/i.test(link);
}

/**
 * ConnectWise Manage REST client: reads page to the end, batches `in (...)` lists by URL length, validates
 * every response against its zod schema (plain records directly, as the schema would read them: see
 * RecordReader). Authentication is the transport's job (n8n applies the credential), so the
 * client never holds a key.
 */
export class ConnectWiseClient {
	/** Pinned to 2025.1 until a server refuses that model; then unversioned for the rest of this client's life. */
	private accept = ACCEPT_HEADER;

	private constructor(
		private readonly executor: RequestExecutor,
		readonly apiBase: string,
		private readonly maxUrlLength: number,
	) {}

	/** Resolves the codebase (from /login/companyinfo when the credential leaves it empty) and returns a client. */
	static async connect(
		executor: RequestExecutor,
		connection: Pick<ConnectWiseConnection, 'origin' | 'codebase' | 'companyId'>,
		options: { maxUrlLength?: number } = {},
	): Promise<ConnectWiseClient> {
		let codebase = connection.codebase;
		if (codebase === null) {
			const url = `${connection.origin}/login/companyinfo/${encodeURIComponent(connection.companyId)}`;
			const response = await executor.execute(
				{ method: 'GET', url, headers: { Accept: 'application/json' } },
				{ idempotent: true },
			);
			if (response.status !== 200) throw apiErrorFromResponse(response.status, response.bodyText);
			const info = companyInfoSchema.safeParse(safeJson(response.bodyText));
			if (!info.success)
				throw new UnexpectedResponseError(describeSchemaError(info.error, 'company info'));
			codebase = info.data.Codebase.endsWith('/') ? info.data.Codebase : `${info.data.Codebase}/`;
			if (!CODEBASE_PATTERN.test(codebase))
				throw new UnexpectedResponseError('company info: unexpected codebase');
		}
		return new ConnectWiseClient(
			executor,
			apiBaseUrl(connection.origin, codebase),
			options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH,
		);
	}

	/** Requests the client's executor sends at once: callers size how much work they start by it. */
	get concurrency(): number {
		return this.executor.concurrency;
	}

	async systemInfo(): Promise<{ version: string }> {
		const body = await this.call('GET', 'system/info', {}, undefined, true);
		return parseWith(systemInfoSchema, body, 'system info');
	}

	listAgreementTypes(): Promise<AgreementType[]> {
		return this.listAll(
			'finance/agreements/types',
			{ fields: FIELDS.types, orderBy: 'id asc' },
			agreementTypeReader,
			'agreement types',
		);
	}

	/** Companies whose identifier is one of `identifiers` (matched by ConnectWise case-insensitively). */
	findCompanies(identifiers: readonly string[]): Promise<Company[]> {
		return this.listInBatches(
			'company/companies',
			'identifier',
			identifiers,
			(list) => list,
			FIELDS.companies,
			companyReader,
			'companies',
		);
	}

	/** Agreements of one type for the given companies, cancelled ones left out by ConnectWise. */
	findAgreements(companyIds: readonly number[], typeId: number): Promise<Agreement[]> {
		return this.listInBatches(
			'finance/agreements',
			'company/id',
			companyIds,
			(list) => allOf(list, equals('type/id', typeId), equals('cancelledFlag', false)),
			FIELDS.agreements,
			agreementReader,
			'agreements',
		);
	}

	findCatalogItems(identifiers: readonly string[]): Promise<CatalogItem[]> {
		return this.listInBatches(
			'procurement/catalog',
			'identifier',
			identifiers,
			(list) => list,
			FIELDS.catalog,
			catalogItemReader,
			'catalog items',
		);
	}

	listSubcategories(): Promise<NamedRef[]> {
		return this.listAll(
			'procurement/subcategories',
			{ fields: FIELDS.refs, orderBy: 'id asc' },
			namedRefReader,
			'product subcategories',
		);
	}

	listProductTypes(): Promise<NamedRef[]> {
		return this.listAll(
			'procurement/types',
			{ fields: FIELDS.refs, orderBy: 'id asc' },
			namedRefReader,
			'product types',
		);
	}

	/** Not idempotent: may throw OutcomeUnknownError, after which the caller must re-read the catalog. */
	async createCatalogItem(item: NewCatalogItem): Promise<CatalogItem> {
		const body = await this.call(
			'POST',
			'procurement/catalog',
			{},
			{
				identifier: item.identifier,
				description: item.description,
				customerDescription: item.customerDescription,
				subcategory: { id: item.subcategoryId },
				type: { id: item.typeId },
				...(item.price !== undefined ? { price: item.price } : {}),
				...(item.cost !== undefined ? { cost: item.cost } : {}),
			},
			false,
		);
		return readRecord(catalogItemReader, body, 'created catalog item');
	}

	/** Every addition of an agreement, cancelled ones included (the planner decides what they mean). */
	listAdditions(agreementId: number): Promise<Addition[]> {
		return this.listAll(
			`finance/agreements/${agreementId}/additions`,
			{ fields: FIELDS.additions, orderBy: 'id asc' },
			additionReader,
			'additions',
		);
	}

	/** Sets an absolute quantity: sending it twice does no harm, so it is retried freely. */
	async updateAdditionQuantity(
		agreementId: number,
		additionId: number,
		quantity: number,
	): Promise<Addition> {
		const body = await this.call(
			'PATCH',
			`finance/agreements/${agreementId}/additions/${additionId}`,
			{},
			[{ op: 'replace', path: 'quantity', value: quantity }],
			true,
		);
		return readRecord(additionReader, body, 'updated addition');
	}

	/**
	 * Deletes an addition: only ever one this package just created as a duplicate of a line created at the same
	 * time (never invoiced yet). Idempotent in effect: a 404 means it is already gone.
	 */
	async deleteAddition(agreementId: number, additionId: number): Promise<void> {
		const url = `${this.apiBase}/finance/agreements/${agreementId}/additions/${additionId}`;
		const response = await this.send({ method: 'DELETE', url, headers: {} }, true);
		if (response.status === 404) return;
		if (response.status < 200 || response.status >= 300)
			throw apiErrorFromResponse(response.status, response.bodyText);
	}

	/** Not idempotent: may throw OutcomeUnknownError, after which the caller must re-read before retrying. */
	async createAddition(agreementId: number, addition: NewAddition): Promise<Addition> {
		const body = await this.call(
			'POST',
			`finance/agreements/${agreementId}/additions`,
			{},
			{
				product: { id: addition.productId },
				quantity: addition.quantity,
				billCustomer: 'Billable',
				effectiveDate: addition.effectiveDate,
				...(addition.description ? { description: addition.description.slice(0, 6000) } : {}),
				...(addition.unitPrice !== undefined ? { unitPrice: addition.unitPrice } : {}),
			},
			false,
		);
		return readRecord(additionReader, body, 'created addition');
	}

	private async listInBatches<T, V extends string | number>(
		path: string,
		field: string,
		values: readonly V[],
		wrap: (inCondition: string) => string,
		fields: string,
		reader: RecordReader<T>,
		what: string,
	): Promise<T[]> {
		if (values.length === 0) return [];
		const fixed = this.listUrl(
			path,
			{ conditions: wrap(`${field} in ()`), fields, orderBy: 'id asc' },
			1,
			MAX_PAGE_SIZE,
		).length;
		const batches = batchForInList(values, fixed, this.maxUrlLength);
		const pages = await Promise.all(
			batches.map((batch) =>
				this.listAll(
					path,
					{ conditions: wrap(inList(field, batch)), fields, orderBy: 'id asc' },
					reader,
					what,
				),
			),
		);
		return pages.flat();
	}

	private async listAll<T>(
		path: string,
		query: ListQuery,
		reader: RecordReader<T>,
		what: string,
	): Promise<T[]> {
		const records: T[] = [];
		for (let page = 1; ; page++) {
			const url = this.listUrl(path, query, page, MAX_PAGE_SIZE);
			const response = await this.send({ method: 'GET', url }, true);
			if (response.status !== 200) throw apiErrorFromResponse(response.status, response.bodyText);
			const items = readList(reader, bodyOf(response), what);
			records.push(...items);
			if (items.length < MAX_PAGE_SIZE || !hasNextLink(response.headers.link)) return records;
		}
	}

	private listUrl(path: string, query: ListQuery, page: number, pageSize: number): string {
		return `${this.apiBase}/${path}?${encodeQuery({ conditions: query.conditions, fields: query.fields, orderBy: query.orderBy, page, pageSize })}`;
	}

	private async call(
		method: HttpMethod,
		path: string,
		query: Record<string, string>,
		body: unknown,
		idempotent: boolean,
	): Promise<unknown> {
		const search = encodeQuery(query);
		const url = `${this.apiBase}/${path}${search ? `?${search}` : ''}`;
		const headers: Record<string, string> =
			body !== undefined ? { 'Content-Type': 'application/json' } : {};
		const response = await this.send({ method, url, headers, body }, idempotent);
		if (response.status < 200 || response.status >= 300)
			throw apiErrorFromResponse(response.status, response.bodyText);
		return bodyOf(response);
	}

	/**
	 * Sends with the model version pinned, falling back once for an older server. An on-premise server older than
	 * 2025.1 refuses every versioned request ("does not support the API version") while the credential test, which
	 * sends none, passes. So on that refusal the same request is repeated once without the version (the server then
	 * serves its own model, which the zod schemas still check), and the client remembers it: one client is one run,
	 * so later requests skip the refused round trip. Repeating is safe for writes too: the refusal is a 4xx, so the
	 * request was not processed (not an unknown outcome). Requests already in flight when the first refusal arrives
	 * are each repeated once as well; a refusal of the unversioned request is returned as it is, never looped.
	 */
	private async send(request: RequestInput, idempotent: boolean): Promise<ExecutedResponse> {
		const accept = this.accept;
		const response = await this.executor.execute(
			{ ...request, headers: { ...request.headers, Accept: accept } },
			{ idempotent },
		);
		if (accept !== ACCEPT_HEADER || !isUnsupportedApiVersion(response.status, response.bodyText))
			return response;
		this.accept = ACCEPT_HEADER_UNVERSIONED;
		return this.executor.execute(
			{ ...request, headers: { ...request.headers, Accept: ACCEPT_HEADER_UNVERSIONED } },
			{ idempotent },
		);
	}
}

const NOT_JSON = Symbol('not JSON');

function safeJson(text: string): unknown {
	const parsed = parseJson(text);
	return parsed.ok ? parsed.value : NOT_JSON;
}

/** The response's JSON: the executor's reading when it made one (idempotent requests), else read here. */
function bodyOf(response: ExecutedResponse): unknown {
	return 'json' in response ? response.json : safeJson(response.bodyText);
}

/** A list of records: each read directly, or the whole list by the schema when one is not plain (see RecordReader). */
function readList<T>(reader: RecordReader<T>, value: unknown, what: string): T[] {
	const { direct } = reader;
	if (Array.isArray(value)) {
		const records = new Array<T>(value.length);
		let index = 0;
		for (; index < value.length; index++) {
			const record = direct(value[index]);
			if (record === undefined) break;
			records[index] = record;
		}
		if (index === value.length) return records;
	}
	return parseWith(z.array(reader.schema), value, what);
}

function readRecord<T>(reader: RecordReader<T>, value: unknown, what: string): T {
	return reader.direct(value) ?? parseWith(reader.schema, value, what);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
	if (value === NOT_JSON)
		throw new UnexpectedResponseError(`${what}: the response is not valid JSON`);
	const parsed = schema.safeParse(value);
	if (!parsed.success) throw new UnexpectedResponseError(describeSchemaError(parsed.error, what));
	return parsed.data;
}
