import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';
import { ApplyAdditionsV1 } from './v1/ApplyAdditionsV1.node';

/** The node's entry: its identity and its versions. A version 2 goes in v2/ and is added to nodeVersions. */
export class ApplyAdditions extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Apply Additions',
			name: 'applyAdditions',
			icon: {
				light: 'file:../../icons/connectwise.svg',
				dark: 'file:../../icons/connectwise.dark.svg',
			},
			group: ['output'],
			description:
				'Writes the planned quantities to the ConnectWise agreement additions, or shows them in a dry run',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new ApplyAdditionsV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
