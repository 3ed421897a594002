import { CwCodedError } from '../errors';
import type { RequestExecutor } from '../transport/executor';
import { parseJson } from '../util/json';
import { isHeaderSafe } from '../util/text';
import { checkServiceUrl, trimTrailingSlash } from '../util/url';
import { parseRow, unwrapRows, type BillingRow } from './rows';

export interface AtriaCredentialData {
	baseUrl?: string;
	apiToken?: string;
	allowPlainHttp?: boolean;
}

/** Validates the Atria credential; the token itself is applied by the transport, never kept here. */
export function parseAtriaCredentials(data: unknown): { baseUrl: string } {
	if (data === null || typeof data !== 'object')
		throw new CwCodedError('CW03', { error: 'the Atria API credential has no data' });
	const credential = data as AtriaCredentialData;
	const raw = typeof credential.baseUrl === 'string' ? credential.baseUrl.trim() : '';
	if (raw === '') throw new CwCodedError('CW03', { error: 'the Atria base URL is empty' });
	const checked = checkServiceUrl(raw, credential.allowPlainHttp === true);
	if (!checked.ok)
		throw new CwCodedError('CW03', { error: `the Atria base URL ${checked.reason}` });
	const token = typeof credential.apiToken === 'string' ? credential.apiToken.trim() : '';
	if (token === '' || !isHeaderSafe(token))
		throw new CwCodedError('CW03', {
			error: 'the Atria API token is empty or has invalid characters',
		});
	return { baseUrl: trimTrailingSlash(checked.url.origin + checked.url.pathname) };
}

export interface RejectedRow {
	error: string;
	customerCode?: string;
	customerName?: string;
	sku?: string;
}

export interface BillingRowsResult {
	rows: BillingRow[];
	/** Rows that do not match the contract (CW13 each); the rest of the period is still processed. */
	rejected: RejectedRow[];
}

export class AtriaClient {
	constructor(
		private readonly executor: RequestExecutor,
		private readonly baseUrl: string,
	) {}

	/**
	 * `GET /api/billing/{endDate}`: CW03 when Atria cannot be reached or refuses the token, CW13 for a wrong shape.
	 *
	 * A period is one response (75,000 rows, 15 MB at 5,000 customers; the API has no paging), so it is held
	 * once at a time: the body's text only until it is parsed (the executor's parse, not a second one), and each
	 * parsed row only until it is read.
	 */
	async fetchBillingRows(periodEnd: string, onlyBillable: boolean): Promise<BillingRowsResult> {
		return readRows(await this.fetchRowList(periodEnd, onlyBillable), onlyBillable);
	}

	/** The response's list of rows, parsed; the response and its text are left behind when this returns. */
	private async fetchRowList(periodEnd: string, onlyBillable: boolean): Promise<unknown[]> {
		const url = `${this.baseUrl}/api/billing/${encodeURIComponent(periodEnd)}?billable=${onlyBillable}&aggregateByCustomer=false`;
		const response = await this.executor.tryExecute(
			{ method: 'GET', url, headers: { Accept: 'application/json' } },
			{ idempotent: true },
		);
		if ('failure' in response) throw new CwCodedError('CW03', { error: response.failure.message });
		if (response.status !== 200) {
			const reason =
				response.status === 401 || response.status === 403
					? `HTTP ${response.status}: the API token was refused`
					: `HTTP ${response.status}`;
			throw new CwCodedError('CW03', { error: reason }, { httpStatus: response.status });
		}
		const body =
			'json' in response
				? { ok: true as const, value: response.json }
				: parseJson(response.bodyText);
		if (!body.ok) throw new CwCodedError('CW13', { error: 'Atria billing data is not valid JSON' });
		const list = unwrapRows(body.value);
		if (list === null)
			throw new CwCodedError('CW13', { error: 'Atria billing data is not a list of rows' });
		return list;
	}
}

/** Reads each row of the list, emptying its slot as it goes: the parsed rows give way to the read ones. */
function readRows(list: unknown[], onlyBillable: boolean): BillingRowsResult {
	const rows: BillingRow[] = [];
	const rejected: RejectedRow[] = [];
	let read = 0;
	for (let index = 0; index < list.length; index++) {
		const result = parseRow(list[index], index);
		list[index] = undefined;
		if (result.ok) {
			read++;
			if (!onlyBillable || result.row.billable) rows.push(result.row);
		} else
			rejected.push({
				error: result.error,
				customerCode: result.customerCode,
				customerName: result.customerName,
				sku: result.sku,
			});
	}
	if (list.length > 0 && read === 0) {
		throw new CwCodedError('CW13', {
			error: `no row of the Atria billing data has the expected fields (${rejected[0]?.error ?? ''})`,
		});
	}
	return { rows, rejected };
}
