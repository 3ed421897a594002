import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';
import { GetBillingDataV1 } from './v1/GetBillingDataV1.node';

/** The node's entry: its identity and its versions. A version 2 goes in v2/ and is added to nodeVersions. */
export class GetBillingData extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Get Billing Data',
			name: 'getBillingData',
			icon: { light: 'file:../../icons/atria.svg', dark: 'file:../../icons/atria.dark.svg' },
			group: ['input'],
			description:
				'Reads one billing period from Atria and outputs one item per customer, with its lines summed per SKU',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new GetBillingDataV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
