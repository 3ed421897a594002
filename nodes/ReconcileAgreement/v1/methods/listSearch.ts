import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ConnectWiseClient } from '../../../core/connectwise/client';
import { CwCodedError } from '../../../core/errors';
import { describeReadFailure } from '../../../core/plan/readFailure';
import { connectToConnectWise } from '../../../shared/connect';

/**
 * Active records of a ConnectWise list for a resource locator's "From List" mode: value is the record's id,
 * sorted by name, narrowed to names containing the search text (case-insensitive). Failures keep their CW code.
 */
async function searchConnectWise<T extends { id: number; name: string; inactiveFlag?: boolean }>(
	context: ILoadOptionsFunctions,
	read: (client: ConnectWiseClient) => Promise<T[]>,
	filter?: string,
): Promise<INodeListSearchResult> {
	try {
		const { client } = await connectToConnectWise(context, {
			concurrency: 1,
			requestsPerMinute: 0,
		});
		const records = await read(client);
		const wanted = (filter ?? '').trim().toLowerCase();
		const results = records
			.filter(
				(record) =>
					record.inactiveFlag !== true &&
					(wanted === '' || record.name.toLowerCase().includes(wanted)),
			)
			.map((record) => ({ name: record.name, value: record.id }))
			.sort((a, b) => a.name.localeCompare(b.name));
		return { results };
	} catch (error) {
		const coded = error instanceof CwCodedError ? error : describeReadFailure(error, 'the list');
		throw new NodeOperationError(context.getNode(), coded.message, {
			description: coded.howToResolve,
		});
	}
}

export async function searchAgreementTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchConnectWise(this, (client) => client.listAgreementTypes(), filter);
}

export async function searchSubcategories(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchConnectWise(this, (client) => client.listSubcategories(), filter);
}

export async function searchProductTypes(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchConnectWise(this, (client) => client.listProductTypes(), filter);
}
