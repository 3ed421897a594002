import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';
import { EmitCwLogV1 } from './v1/EmitCwLogV1.node';

/** The node's entry: its identity and its versions. A version 2 goes in v2/ and is added to nodeVersions. */
export class EmitCwLog extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Emit CW Log',
			name: 'emitCwLog',
			icon: { light: 'file:../../icons/atria.svg', dark: 'file:../../icons/atria.dark.svg' },
			group: ['transform'],
			description:
				'Closes the run with CW23 and outputs the CW log as flat rows for a sheet or table, plus a run summary',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new EmitCwLogV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
