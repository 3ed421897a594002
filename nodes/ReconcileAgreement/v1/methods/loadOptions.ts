import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ConnectWiseClient } from '../../../core/connectwise/client';
import { CwCodedError } from '../../../core/errors';
import { describeReadFailure } from '../../../core/plan/readFailure';
import { connectToConnectWise } from '../../../shared/connect';

/** Active records of a ConnectWise list as dropdown options, sorted by name; failures keep their CW code. */
async function listFromConnectWise<T extends { name: string; inactiveFlag?: boolean }>(
	context: ILoadOptionsFunctions,
	read: (client: ConnectWiseClient) => Promise<T[]>,
	value: (record: T) => string | number,
): Promise<INodePropertyOptions[]> {
	try {
		const { client } = await connectToConnectWise(context, { concurrency: 1, requestsPerMinute: 0 });
		const records = await read(client);
		return records
			.filter((record) => record.inactiveFlag !== true)
			.map((record) => ({ name: record.name, value: value(record) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		const coded = error instanceof CwCodedError ? error : describeReadFailure(error, 'the list');
		throw new NodeOperationError(context.getNode(), coded.message, { description: coded.howToResolve });
	}
}

export async function getAgreementTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listFromConnectWise(this, (client) => client.listAgreementTypes(), (type) => type.name);
}

export async function getSubcategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listFromConnectWise(this, (client) => client.listSubcategories(), (ref) => ref.id);
}

export async function getProductTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await listFromConnectWise(this, (client) => client.listProductTypes(), (ref) => ref.id);
}
