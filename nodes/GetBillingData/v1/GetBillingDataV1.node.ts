import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describeVersion } from '../../shared/versioned';
import { versionDescription } from './description';
import { execute } from './execute';

/**
 * Version 1: the node's identity (name, icon, group) comes from the entry file, which n8n resolves the icon against;
 * this version adds its parameters, inputs and outputs. A version 2 is a sibling class in v2/, leaving this one as is.
 */
// eslint-disable-next-line @n8n/community-nodes/icon-validation -- the icon is the entry's (baseDescription): n8n resolves it against the entry file
export class GetBillingDataV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = describeVersion(baseDescription, versionDescription);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
