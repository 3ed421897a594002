/**
 * Stand-ins for the n8n-nodes-base nodes the example workflows route with (n8n-nodes-base is not installed
 * here): If (2 to 2.3), Merge (3 to 3.2: Append and Combine > All Possible Combinations) and Send Email (2, 2.1:
 * Send and Wait for Response, approval only). Each keeps what the engine and our nodes see of the real one in
 * n8n 2.41.1: the type name and versions, the parameter names, the outputs, Merge's `requiredInputs` (what v1
 * execution order reads to run a Merge with one input), and for Send Email the signed resume URLs,
 * `putExecutionToWait` and the webhook's output `{ data: { approved, respondedAt } }`. Send Email sends nothing:
 * the message is kept in memory (`approvalsSentIn`).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

export const IF_TYPE = 'n8n-nodes-base.if';
export const MERGE_TYPE = 'n8n-nodes-base.merge';
export const SEND_EMAIL_TYPE = 'n8n-nodes-base.emailSend';

/**
 * If: one `filter` parameter (n8n-workflow evaluates it, strict types unless Convert Types Where Required is on),
 * items that pass on output 0 (true), the rest on output 1 (false).
 */
export class IfStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'If',
		name: 'if',
		group: ['transform'],
		version: [2, 2.1, 2.2, 2.3],
		description: 'Route items to different branches (true/false)',
		defaults: { name: 'If' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['true', 'false'],
		properties: [
			{
				displayName: 'Conditions',
				name: 'conditions',
				type: 'filter',
				default: {},
				typeOptions: {
					filter: {
						caseSensitive: '={{!$parameter.options.ignoreCase}}',
						typeValidation: '={{ ($nodeVersion < 2.1 ? $parameter.options.looseTypeValidation : $parameter.looseTypeValidation) ? "loose" : "strict" }}',
						version: '={{ $nodeVersion >= 2.3 ? 3 : $nodeVersion >= 2.2 ? 2 : 1 }}',
					},
				},
			},
			{ displayName: 'Convert Types Where Required', name: 'looseTypeValidation', type: 'boolean', default: false },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Ignore Case', name: 'ignoreCase', type: 'boolean', default: true }],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const trueItems: INodeExecutionData[] = [];
		const falseItems: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			let pass: boolean;
			try {
				pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			} catch (error) {
				if (this.continueOnFail()) {
					falseItems.push(item);
					return;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			item.pairedItem ??= { item: itemIndex };
			(pass ? trueItems : falseItems).push(item);
		});
		return [trueItems, falseItems];
	}
}

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** lodash `merge` for JSON: nested objects and arrays merged key by key (index by index), later sources win. */
function deepMerge(target: IDataObject, source: IDataObject): IDataObject {
	for (const [key, value] of Object.entries(source)) {
		if (value === undefined && key in target) continue;
		const current = target[key];
		if (Array.isArray(value)) {
			const base: unknown[] = Array.isArray(current) ? [...(current as unknown[])] : [];
			value.forEach((element, index) => {
				base[index] = isPlainObject(element) || Array.isArray(element) ? Object.values(deepMerge({ v: base[index] } as IDataObject, { v: element } as IDataObject))[0] : element;
			});
			target[key] = base as IDataObject[];
		} else if (isPlainObject(value)) {
			target[key] = deepMerge(isPlainObject(current) ? { ...current } : {}, value);
		} else {
			target[key] = value;
		}
	}
	return target;
}

/**
 * Merge v3: Append (every item of input 1, then of input 2) and Combine > All Possible Combinations (each item of
 * input 1 with each of input 2, fields merged; on a clash input 2 wins unless When Field Values Clash is Prefer
 * Input 1 Version). `requiredInputs` is the real node's: one input with data is enough, except for Choose Branch.
 */
export class MergeStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Merge',
		name: 'merge',
		group: ['transform'],
		version: [3, 3.1, 3.2],
		description: 'Merges data of multiple streams once data from both is available',
		defaults: { name: 'Merge' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		requiredInputs: '={{ $parameter["mode"] === "chooseBranch" ? [0, 1] : 1 }}',
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Append', value: 'append' },
					{ name: 'Combine', value: 'combine' },
				],
				default: 'append',
			},
			{
				displayName: 'Combine By',
				name: 'combineBy',
				type: 'options',
				options: [{ name: 'All Possible Combinations', value: 'combineAll' }],
				default: 'combineAll',
				displayOptions: { show: { mode: ['combine'] } },
			},
			{
				displayName: 'Number of Inputs',
				name: 'numberInputs',
				type: 'options',
				options: [{ name: '2', value: 2 }],
				default: 2,
				displayOptions: { show: { mode: ['append'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				displayOptions: { show: { mode: ['combine'] } },
				options: [
					{
						displayName: 'Clash Handling',
						name: 'clashHandling',
						type: 'fixedCollection',
						default: { values: { resolveClash: 'preferLast', mergeMode: 'deepMerge', overrideEmpty: false } },
						options: [
							{
								displayName: 'Values',
								name: 'values',
								values: [
									{
										displayName: 'When Field Values Clash',
										name: 'resolveClash',
										type: 'options',
										options: [
											{ name: 'Prefer Input 1 Version', value: 'preferInput1' },
											{ name: 'Prefer Input 2 Version', value: 'preferLast' },
										],
										default: '',
									},
									{
										displayName: 'Merging Nested Fields',
										name: 'mergeMode',
										type: 'options',
										options: [
											{ name: 'Deep Merge', value: 'deepMerge' },
											{ name: 'Shallow Merge', value: 'shallowMerge' },
										],
										default: 'deepMerge',
									},
								],
							},
						],
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const inputs = [0, 1].map((index) => {
			try {
				return this.getInputData(index) ?? [];
			} catch {
				return [];
			}
		});
		const mode = this.getNodeParameter('mode', 0) as string;
		if (mode === 'append') return [[...inputs[0], ...inputs[1]]];
		const combineBy = this.getNodeParameter('combineBy', 0) as string;
		if (mode !== 'combine' || combineBy !== 'combineAll') {
			throw new NodeOperationError(this.getNode(), `Harness Merge stand-in: mode ${mode}/${combineBy} is not implemented`);
		}
		// As the real node: the option's own default does not apply when the option is not added.
		const clash = this.getNodeParameter('options.clashHandling.values', 0, {}) as { resolveClash?: string; mergeMode?: string };
		let [first, second] = inputs;
		if (clash.resolveClash === 'preferInput1') [first, second] = [second, first];
		const mergeFields = (a: IDataObject, b: IDataObject): IDataObject =>
			clash.mergeMode === 'shallowMerge' ? { ...a, ...b } : deepMerge(deepMerge({}, a), b);
		const combined: INodeExecutionData[] = [];
		if (first.length === 0 || second.length === 0) return [combined];
		for (const one of first) {
			for (const other of second) {
				combined.push({
					json: mergeFields(one.json, other.json),
					binary: { ...one.binary, ...other.binary },
					pairedItem: [one.pairedItem, other.pairedItem].flat().filter((paired) => paired !== undefined) as never,
				});
			}
		}
		return [combined];
	}
}

/** What the Send Email stand-in would have sent: the message and the links of its buttons. */
export interface SentApproval {
	node: string;
	executionId: string;
	from: string;
	to: string;
	subject: string;
	message: string;
	/** The signed resume URL of the Approve button (`?approved=true&signature=...`). */
	approveUrl: string;
	/** The Decline button's, when the approval type is Approve and Disapprove. */
	declineUrl?: string;
}

const outboxes = new Map<string, SentApproval[]>();

/** The messages the Send Email stand-in sent in an execution, in order. */
export function approvalsSentIn(executionId: string): SentApproval[] {
	return [...(outboxes.get(executionId) ?? [])];
}

/**
 * Send Email v2 with Send and Wait for Response, response type Approval: one message for the whole input (item 0's
 * parameters), buttons with `getSignedResumeUrl({ approved })`, then `putExecutionToWait` (indefinitely, as
 * without Limit Wait Time) and the input passed on; the message is kept for `approvalsSentIn(executionId)`. Its webhook (GET or POST on the node's resume URL) outputs
 * one item `{ data: { approved: query.approved === 'true', respondedAt } }`, as n8n's sendAndWaitWebhook does.
 */
export class SendEmailStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Email',
		name: 'emailSend',
		group: ['output'],
		version: [2, 2.1],
		description: 'Sends an email using SMTP protocol',
		defaults: { name: 'Send Email' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smtp', required: true }],
		webhooks: (['GET', 'POST'] as const).map((httpMethod) => ({
			name: 'default' as const,
			httpMethod,
			responseMode: 'onReceived',
			responseData: '',
			path: '={{ $nodeId }}',
			restartWebhook: true,
			isFullPath: true,
		})),
		properties: [
			{ displayName: 'Resource', name: 'resource', type: 'hidden', default: 'email' },
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				options: [
					{ name: 'Send', value: 'send' },
					{ name: 'Send and Wait for Response', value: 'sendAndWait' },
				],
				default: 'send',
			},
			{ displayName: 'From Email', name: 'fromEmail', type: 'string', default: '', required: true },
			{ displayName: 'To Email', name: 'toEmail', type: 'string', default: '', required: true },
			{ displayName: 'Subject', name: 'subject', type: 'string', default: '', required: true },
			{ displayName: 'Message', name: 'message', type: 'string', default: '', required: true },
			{
				displayName: 'Response Type',
				name: 'responseType',
				type: 'options',
				options: [{ name: 'Approval', value: 'approval' }],
				default: 'approval',
			},
			{
				displayName: 'Approval Options',
				name: 'approvalOptions',
				type: 'fixedCollection',
				default: {},
				options: [
					{
						displayName: 'Values',
						name: 'values',
						values: [
							{
								displayName: 'Type of Approval',
								name: 'approvalType',
								type: 'options',
								options: [
									{ name: 'Approve Only', value: 'single' },
									{ name: 'Approve and Disapprove', value: 'double' },
								],
								default: 'single',
							},
							{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve' },
							{ displayName: 'Disapprove Button Label', name: 'disapproveLabel', type: 'string', default: 'Decline' },
						],
					},
				],
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		const responseType = this.getNodeParameter('responseType', 0, 'approval') as string;
		if (operation !== 'sendAndWait' || responseType !== 'approval') {
			throw new NodeOperationError(this.getNode(), `Harness Send Email stand-in: only Send and Wait for Response with Approval (got ${operation}, ${responseType})`);
		}
		const approval = this.getNodeParameter('approvalOptions.values', 0, {}) as { approvalType?: string };
		const sent: SentApproval = {
			node: this.getNode().name,
			executionId: this.getExecutionId(),
			from: this.getNodeParameter('fromEmail', 0) as string,
			to: this.getNodeParameter('toEmail', 0) as string,
			subject: this.getNodeParameter('subject', 0, '') as string,
			message: (this.getNodeParameter('message', 0, '') as string).trim(),
			approveUrl: this.getSignedResumeUrl({ approved: 'true' }),
			declineUrl: approval.approvalType === 'double' ? this.getSignedResumeUrl({ approved: 'false' }) : undefined,
		};
		const outbox = outboxes.get(sent.executionId) ?? [];
		outbox.push(sent);
		outboxes.set(sent.executionId, outbox);
		await this.putExecutionToWait(WAIT_INDEFINITELY);
		return [this.getInputData()];
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as { approved?: string };
		return {
			webhookResponse: 'Got it, thanks',
			workflowData: [[{ json: { data: { approved: query.approved === 'true', respondedAt: new Date().toISOString() } } }]],
		};
	}
}
