/**
 * Test-only node (deliberately not under nodes/): for each input item it sends one request with
 * `this.helpers.httpRequestWithAuthentication` using the credential type and request options given
 * as parameters, and outputs what came back. With `captureErrors` on, a thrown error is described in
 * the output instead of failing the node (without a catch block: the lint rules for node code apply here too).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

export const PROBE_TYPE = 'test.authProbe';

interface FullResponse {
	body: unknown;
	headers: object;
	statusCode: number;
	statusMessage?: string;
}

function describeResponse(response: unknown): IDataObject {
	if (response !== null && typeof response === 'object' && 'statusCode' in response) {
		const full = response as FullResponse;
		return {
			statusCode: full.statusCode,
			statusMessage: full.statusMessage ?? null,
			headersIsPlainObject: Object.getPrototypeOf(full.headers) === Object.prototype,
			headersClass: full.headers.constructor.name,
			headers: { ...(full.headers as IDataObject) },
			bodyType: Buffer.isBuffer(full.body) ? 'buffer' : typeof full.body,
			body: full.body as IDataObject,
		};
	}
	return { bodyType: typeof response, body: response as IDataObject };
}

function describeError(error: unknown): IDataObject {
	const described = error as Error & {
		description?: string | null;
		httpCode?: string | null;
		code?: string;
		cause?: Error & { code?: string; status?: number; response?: { status: number } };
	};
	return {
		className: described.constructor.name,
		isNodeApiError: error instanceof NodeApiError,
		name: described.name,
		message: described.message,
		description: described.description ?? null,
		httpCode: described.httpCode ?? null,
		code: described.code ?? null,
		causeClassName: described.cause?.constructor.name ?? null,
		causeName: described.cause?.name ?? null,
		causeMessage: described.cause?.message ?? null,
		causeCode: described.cause?.code ?? null,
		causeResponseStatus: described.cause?.response?.status ?? null,
	};
}

export class AuthProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Auth Probe',
		name: 'authProbe',
		icon: 'fa:vial',
		group: ['transform'],
		version: 1,
		description: 'Test-only node that sends one authenticated request per item',
		defaults: { name: 'Auth Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'connectWiseManageApi', required: false },
			{ name: 'atriaApi', required: false },
		],
		properties: [
			{
				displayName: 'Credential Type',
				name: 'credentialType',
				type: 'string',
				default: 'connectWiseManageApi',
			},
			{
				displayName: 'Request',
				name: 'request',
				type: 'json',
				default: '{}',
				description: 'IHttpRequestOptions passed as they are',
			},
			{
				displayName: 'Capture Errors',
				name: 'captureErrors',
				type: 'boolean',
				default: false,
				description: 'Whether to describe a thrown error in the output instead of failing',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const credentialType = this.getNodeParameter('credentialType', itemIndex) as string;
			const rawRequest = this.getNodeParameter('request', itemIndex) as string | IHttpRequestOptions;
			const request = (typeof rawRequest === 'string' ? JSON.parse(rawRequest) : rawRequest) as IHttpRequestOptions;
			const captureErrors = this.getNodeParameter('captureErrors', itemIndex) as boolean;
			const sent = this.helpers.httpRequestWithAuthentication.call(this, credentialType, request);
			const json = captureErrors
				? await sent.then(
						(response: unknown) => ({ response: describeResponse(response) }),
						(error: unknown) => ({ error: describeError(error) }),
					)
				: { response: describeResponse(await sent) };
			returnData.push({ json, pairedItem: { item: itemIndex } });
		}
		return [returnData];
	}
}

/** A Manual Trigger followed by one probe node named `Probe`. */
export function probeWorkflow(parameters: {
	credentialType: string;
	request: IHttpRequestOptions;
	captureErrors?: boolean;
	credentialId?: string;
}) {
	return {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Probe',
				type: PROBE_TYPE,
				parameters: {
					credentialType: parameters.credentialType,
					request: JSON.stringify(parameters.request),
					captureErrors: parameters.captureErrors ?? false,
				},
				credentials: {
					[parameters.credentialType]: {
						id: parameters.credentialId ?? parameters.credentialType,
						name: `${parameters.credentialType} (test)`,
					},
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Probe', type: NodeConnectionTypes.Main, index: 0 }]] },
		},
	};
}
