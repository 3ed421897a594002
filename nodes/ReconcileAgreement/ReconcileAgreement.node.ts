import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';
import { ReconcileAgreementV1 } from './v1/ReconcileAgreementV1.node';

/** The node's entry: its identity and its versions. A version 2 goes in v2/ and is added to nodeVersions. */
export class ReconcileAgreement extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Reconcile Agreement',
			name: 'reconcileAgreement',
			icon: {
				light: 'file:../../icons/connectwise.svg',
				dark: 'file:../../icons/connectwise.dark.svg',
			},
			group: ['transform'],
			description:
				"Finds each customer's ConnectWise company and agreement and plans the additions' quantities (no writes)",
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new ReconcileAgreementV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
