/**
 * A small n8n execution harness for this package's tests. It runs a workflow (nodes + connections)
 * through n8n-core's real `WorkflowExecute`, with this package's node and credential classes loaded
 * straight from the TypeScript sources (ts-jest), and a credentials helper that hands out given data
 * and applies each credential's `authenticate` the way n8n's own CredentialsHelper does, so
 * `httpRequestWithAuthentication` really sends requests. `testCredential` reproduces n8n's
 * CredentialsTester for `test: ICredentialTestRequest`. See HARNESS.md.
 *
 * n8n's own test harness (packages/core/nodes-testing) is not published; this follows its shape.
 */
import './env';

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	getAdditionalKeys,
	RoutingNode,
	validateUrlSignature,
	WAITING_TOKEN_QUERY_PARAM,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	ITriggerFunctions,
	IWebhookData,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import {
	approvalsSentIn,
	IF_TYPE,
	IfStandIn,
	MERGE_TYPE,
	MergeStandIn,
	SEND_EMAIL_TYPE,
	SendEmailStandIn,
	type SentApproval,
} from './standIns';

export { approvalsSentIn, IF_TYPE, MERGE_TYPE, SEND_EMAIL_TYPE, type SentApproval } from './standIns';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

const packageJson = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The npm package name; n8n names installed community nodes `<package>.<node name>`. */
export const PACKAGE_NAME = packageJson.name;

/** `n8n-nodes-atria-connectwise.<name>`: the type name a workflow uses for one of this package's nodes. */
export function packageNodeType(name: string): string {
	return `${PACKAGE_NAME}.${name}`;
}

/** Type name of the harness's stand-in for n8n-nodes-base's Manual Trigger (not installed here). */
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** Stand-in for n8n-nodes-base's No Operation node (the credential tester's carrier node). */
export const NO_OP_TYPE = 'n8n-nodes-base.noOp';

type AnyNodeType = INodeType | IVersionedNodeType;

/** Minimal Manual Trigger: in manual mode emits one empty item, like n8n-nodes-base's. */
class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow when the test starts it',
		defaults: { name: 'When clicking "Execute workflow"' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Minimal No Operation node: passes its input through. */
class NoOp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'No Operation, do nothing',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: 'No operation',
		defaults: { name: 'No Operation, do nothing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** `dist/nodes/X/X.node.js` -> `<root>/nodes/X/X.node.ts`, loaded through ts-jest. */
async function loadFromSources<T>(distPaths: string[] | undefined): Promise<T[]> {
	const loaded: T[] = [];
	for (const distPath of distPaths ?? []) {
		const sourcePath = join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const className = (distPath.split('/').pop() ?? '').replace(/\.(node|credentials)\.js$/, '');
		const moduleExports = (await import(sourcePath)) as Record<string, new () => T>;
		const Class = moduleExports[className];
		if (typeof Class !== 'function') {
			throw new Error(`${sourcePath} does not export a class named ${className}`);
		}
		loaded.push(new Class());
	}
	return loaded;
}

/** This package's node types (from package.json `n8n.nodes`), keyed by `<package>.<name>`. */
export async function loadPackageNodeTypes(): Promise<Record<string, AnyNodeType>> {
	const result: Record<string, AnyNodeType> = {};
	for (const nodeType of await loadFromSources<AnyNodeType>(packageJson.n8n?.nodes)) {
		result[packageNodeType(nodeType.description.name)] = nodeType;
	}
	return result;
}

/** This package's credential types (from package.json `n8n.credentials`), keyed by name. */
export async function loadPackageCredentialTypes(): Promise<Record<string, ICredentialType>> {
	const result: Record<string, ICredentialType> = {};
	for (const credentialType of await loadFromSources<ICredentialType>(packageJson.n8n?.credentials)) {
		result[credentialType.name] = credentialType;
	}
	return result;
}

/**
 * A node-types registry: built-in stand-ins (Manual Trigger, No Operation, If, Merge, Send Email; see standIns.ts),
 * this package's nodes, then `extra` (by full type name).
 */
export class HarnessNodeTypes implements INodeTypes {
	readonly types: Record<string, AnyNodeType>;

	constructor(packageTypes: Record<string, AnyNodeType>, extra: Record<string, AnyNodeType> = {}) {
		this.types = {
			[MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
			[NO_OP_TYPE]: new NoOp(),
			[IF_TYPE]: new IfStandIn(),
			[MERGE_TYPE]: new MergeStandIn(),
			[SEND_EMAIL_TYPE]: new SendEmailStandIn(),
			...packageTypes,
			...extra,
		};
	}

	/** The built-in stand-ins, this package's nodes (from source) and `extra`. */
	static async create(extra: Record<string, AnyNodeType> = {}): Promise<HarnessNodeTypes> {
		return new HarnessNodeTypes(await loadPackageNodeTypes(), extra);
	}

	getByName(nodeType: string): AnyNodeType {
		const type = this.types[nodeType];
		if (type === undefined) {
			throw new Error(`Unknown node type "${nodeType}" (known: ${Object.keys(this.types).join(', ')})`);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

const mockNode: INode = {
	id: 'harness-mock',
	name: 'Harness credential resolver',
	type: 'harness.mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const emptyNodeTypes: INodeTypes = {
	getByName: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getByNameAndVersion: () => ({ description: { properties: [] } }) as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/**
 * Hands out credential data by credential type name (optionally by credential id first), applying the
 * type's defaults and resolving expressions in it like n8n's CredentialsHelper.getDecrypted, and
 * authenticating requests like n8n's CredentialsHelper.authenticate (function or generic form).
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Every request options object after `authenticate`, in order (for assertions). */
	readonly authenticatedRequests: IHttpRequestOptions[] = [];
	/** The credential type of every read of a credential (`getDecrypted`), in order (for assertions). */
	readonly decryptedReads: string[] = [];

	constructor(
		readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getCredentialType(typeName: string): ICredentialType {
		const type = this.credentialTypes[typeName];
		if (type === undefined) {
			throw new Error(`Unknown credential type "${typeName}"`);
		}
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.credentialTypes[typeName]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.getCredentialType(typeName);
		if (type.extends === undefined) {
			return type.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getCredentialType(typeName);
		let result = requestOptions;
		if (typeof authenticate === 'function') {
			result = await authenticate(credentials, requestOptions);
		} else if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new Error('Workflow and node are required for declarative credential authentication');
			}
			const resolveValue = (value: string): string => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(inner as Record<string, string>)) {
					target[outerKey][resolveValue(key)] = resolveValue(value);
				}
			}
		}
		this.authenticatedRequests.push(result);
		return result;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptedReads.push(type);
		const stored =
			(nodeCredentials.id !== null && this.data[nodeCredentials.id]) || this.data[type] || undefined;
		if (stored === undefined) {
			throw new Error(`Harness: no credential data given for "${type}" (id ${nodeCredentials.id})`);
		}
		if (raw === true) {
			return { ...stored };
		}
		return this.applyDefaults(additionalData, { ...stored }, type, mode, executeData, expressionResolveValues);
	}

	/** Defaults for missing fields, then expressions resolved (as n8n's applyDefaultsAndOverwrites). */
	applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		stored: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			return expressionResolveValues.workflow.expression.getParameterValue(
				withDefaults as INodeParameters,
				expressionResolveValues.runExecutionData,
				expressionResolveValues.runIndex,
				expressionResolveValues.itemIndex,
				expressionResolveValues.node.name,
				expressionResolveValues.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				withDefaults,
			) as ICredentialDataDecryptedObject;
		}
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: emptyNodeTypes });
		return workflow.expression.getComplexParameterValue(
			mockNode,
			withDefaults as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

export const HARNESS_BASE_URL = 'http://localhost:5678';

/** Additional data with valid base URLs, the given credentials helper and hooks. */
export function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId = 'harness-execution',
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => () => {
		throw new Error(`Harness: ${what} is not supported`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_BASE_URL}/`,
		formBaseUrl: `${HARNESS_BASE_URL}/form`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		formTestBaseUrl: `${HARNESS_BASE_URL}/form-test`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		mcpBaseUrl: `${HARNESS_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${HARNESS_BASE_URL}/mcp-test`,
		userId: 'harness-user',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: unsupported('startRunnerTask (Code node task runner)'),
		externalSecretsProxy: new ExternalSecretsProxy(),
	} as IWorkflowExecuteAdditionalData;
}

/** A workflow as exported by n8n (extra fields are ignored); node `id`/`position` may be left out. */
export interface HarnessWorkflow {
	name?: string;
	nodes: Array<Omit<INode, 'id' | 'position' | 'typeVersion'> & Partial<Pick<INode, 'id' | 'position' | 'typeVersion'>>>;
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface RunWorkflowOptions {
	/** Credential data by credential type name (or by the credential id the workflow's nodes reference). */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Extra node types by full type name, e.g. `{ 'test.echo': new Echo() }`. */
	nodeTypes?: Record<string, AnyNodeType>;
	/** Extra credential types (this package's are always loaded). */
	credentialTypes?: ICredentialType[];
	/** Execution mode; default `manual` (Manual Trigger emits one empty item). */
	mode?: WorkflowExecuteMode;
	/** Name of the node to start from; default: n8n's choice (the trigger). */
	startNode?: string;
}

export interface WorkflowRunResult {
	/** `success`, `error`, `waiting` (a node called putExecutionToWait: resume with `resumeWorkflow`) ... */
	status: ExecutionStatus;
	/** The execution's id (one per runWorkflow; a resumed run keeps it, as in n8n). */
	executionId: string;
	/** When the run is `waiting`: until when (n8n's WAIT_INDEFINITELY, 3000-01-01, for a wait without limit). */
	waitTill?: Date;
	/** When the run is `waiting`: the node it waits in (n8n's `lastNodeExecuted`). */
	waitingNode?: string;
	/** Per node name: one entry per run, each the node's main outputs (array per output index). */
	outputs: Record<string, INodeExecutionData[][][]>;
	/**
	 * The workflow-level error, if any: n8n records a plain-object copy of the failing node's error
	 * (NodeApiError/NodeOperationError fields: message, description, httpCode, node, ...), not the instance.
	 */
	error?: ExecutionError;
	/** Per node name: the error of its last run, if it failed. */
	nodeErrors: Record<string, ExecutionError>;
	/** Node names in the order they finished (in this part of the execution only, for a resumed run). */
	executionOrder: string[];
	/** Items of `node`'s output `outputIndex` (default 0) in run `runIndex` (default 0); [] if none. */
	items(node: string, outputIndex?: number, runIndex?: number): INodeExecutionData[];
	/** Same as `items(...)` mapped to `.json`. */
	json(node: string, outputIndex?: number, runIndex?: number): IDataObject[];
	/** The messages the Send Email stand-in sent in this execution (both parts of a resumed one). */
	approvals: SentApproval[];
	/** n8n's full run data. */
	run: IRun;
	/** The credentials helper used (its `authenticatedRequests` lists the requests after authenticate). */
	credentialsHelper: HarnessCredentialsHelper;
	/** What `resumeWorkflow` needs to continue this execution. */
	readonly resumable: { workflowData: HarnessWorkflow; options: RunWorkflowOptions };
}

async function allCredentialTypes(extra: ICredentialType[] = []): Promise<Record<string, ICredentialType>> {
	const types = await loadPackageCredentialTypes();
	for (const type of extra) {
		types[type.name] = type;
	}
	return types;
}

let executionCount = 0;

/** The workflow, hooks and additional data of one execution (or of the resumed part of one). */
async function prepareExecution(workflowData: HarnessWorkflow, options: RunWorkflowOptions, executionId: string) {
	const nodeTypes = await HarnessNodeTypes.create(options.nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper(
		await allCredentialTypes(options.credentialTypes),
		options.credentials ?? {},
	);
	// Fresh node objects each time, as n8n builds the Workflow again from the stored workflow on resume.
	const nodes: INode[] = workflowData.nodes.map((node, index) => ({
		typeVersion: 1,
		position: [index * 200, 0],
		id: `node-${index}`,
		...structuredClone(node),
	}));
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: workflowData.name ?? 'Harness workflow',
		nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		nodes,
		connections: workflowData.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: workflowData.settings,
	});
	const executionOrder: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		executionOrder.push(nodeName);
	});
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolveRun) => {
		resolveFinished = resolveRun;
	});
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));
	const additionalData = createAdditionalData(credentialsHelper, hooks, executionId);
	return { workflow, mode, additionalData, credentialsHelper, executionOrder, finished };
}

function collectResult(
	run: IRun,
	executionId: string,
	executionOrder: string[],
	credentialsHelper: HarnessCredentialsHelper,
	resumable: WorkflowRunResult['resumable'],
): WorkflowRunResult {
	const { runData, error } = run.data.resultData;
	const outputs: Record<string, INodeExecutionData[][][]> = {};
	const nodeErrors: Record<string, ExecutionError> = {};
	for (const [nodeName, taskDataList] of Object.entries(runData)) {
		outputs[nodeName] = taskDataList.map((taskData) => (taskData.data?.main ?? []).map((items) => items ?? []));
		const lastError = taskDataList.at(-1)?.error;
		if (lastError) {
			nodeErrors[nodeName] = lastError;
		}
	}
	const items = (node: string, outputIndex = 0, runIndex = 0) => outputs[node]?.[runIndex]?.[outputIndex] ?? [];
	const waiting = run.status === 'waiting';
	return {
		status: run.status,
		executionId,
		waitTill: waiting ? (run.waitTill ?? undefined) : undefined,
		waitingNode: waiting ? run.data.resultData.lastNodeExecuted : undefined,
		outputs,
		error: error ?? undefined,
		nodeErrors,
		executionOrder,
		items,
		json: (node, outputIndex, runIndex) => items(node, outputIndex, runIndex).map((item) => item.json),
		approvals: approvalsSentIn(executionId),
		run,
		credentialsHelper,
		resumable,
	};
}

/** Runs `workflowData` through n8n-core's WorkflowExecute and returns every node's output and errors. */
export async function runWorkflow(
	workflowData: HarnessWorkflow,
	options: RunWorkflowOptions = {},
): Promise<WorkflowRunResult> {
	executionCount += 1;
	const executionId = `harness-execution-${executionCount}`;
	const { workflow, mode, additionalData, credentialsHelper, executionOrder, finished } = await prepareExecution(
		workflowData,
		options,
		executionId,
	);
	const startNode = options.startNode ? workflow.getNode(options.startNode) ?? undefined : undefined;
	const workflowExecute = new WorkflowExecute(additionalData, mode);
	await workflowExecute.run({ workflow, startNode });
	const run = await finished;
	return collectResult(run, executionId, executionOrder, credentialsHelper, { workflowData, options });
}

/**
 * The request that resumes a waiting execution: a resume URL as a waiting node made it (for Send and Wait, the
 * signed link of a button: `approvals[0].approveUrl`), or the query by itself. `userAgent` defaults to a browser's.
 */
export interface ResumeRequest {
	url?: string;
	method?: 'GET' | 'POST';
	query?: Record<string, string>;
	body?: IDataObject;
	userAgent?: string;
}

/** Raised where n8n's waiting-webhook endpoint answers with an HTTP error (the status is in `httpStatus`). */
export class ResumeRefusedError extends Error {
	constructor(
		message: string,
		readonly httpStatus: number,
	) {
		super(message);
	}
}

const BROWSER_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/**
 * Resumes a `waiting` run as n8n 2.41's WaitingWebhooks and webhook helpers do for a request on
 * `/webhook-waiting/<executionId>/<nodeId>`:
 *  - the execution is read back as stored (a JSON copy of the run data: nothing in memory is shared);
 *  - a Send and Wait URL must carry a valid `signature` (HMAC of the path and query with the instance's secret,
 *    n8n-core's validateUrlSignature); a finished execution or another node's path is refused;
 *  - the waiting node (first on the execution stack) is disabled, `waitTill` cleared and its paused run removed;
 *  - the node's `webhook` method runs (a WebhookContext with the request) and what it returns as `workflowData`
 *    becomes that node's input (`forwardAllOutputs`), so the disabled node hands it on as its output;
 *  - a new WorkflowExecute continues with processRunExecutionData (additionalData.restartExecutionId set).
 * Returns the whole execution's result (the first part's node runs included), which may be `waiting` again.
 */
export async function resumeWorkflow(
	waiting: WorkflowRunResult,
	request: ResumeRequest | string,
): Promise<WorkflowRunResult> {
	const { workflowData, options } = waiting.resumable;
	const asked = typeof request === 'string' ? { url: request } : request;
	if (waiting.status !== 'waiting') {
		throw new ResumeRefusedError(`The execution "${waiting.executionId}" has finished already.`, 409);
	}
	const executionId = waiting.executionId;
	// As stored in and read back from n8n's database.
	const runExecutionData = JSON.parse(JSON.stringify(waiting.run.data)) as IRunExecutionData;
	const { workflow, mode, additionalData, credentialsHelper, executionOrder, finished } = await prepareExecution(
		workflowData,
		options,
		executionId,
	);
	const lastNodeExecuted = runExecutionData.resultData.lastNodeExecuted;
	const node = lastNodeExecuted ? workflow.getNode(lastNodeExecuted) : null;
	const stackEntry = runExecutionData.executionData?.nodeExecutionStack[0];
	if (!node || !stackEntry || stackEntry.node.name !== node.name) {
		throw new ResumeRefusedError(`The execution "${executionId}" has no waiting node to resume.`, 404);
	}

	const url = new URL(asked.url ?? `${HARNESS_BASE_URL}/webhook-waiting/${executionId}/${node.id}`);
	for (const [key, value] of Object.entries(asked.query ?? {})) url.searchParams.set(key, value);
	const [, , pathExecutionId, suffix] = url.pathname.split('/');
	if (pathExecutionId !== executionId) {
		throw new ResumeRefusedError(`The execution "${pathExecutionId}" does not exist.`, 404);
	}
	// WaitingWebhooks.getWebhookExecutionData.
	stackEntry.node.disabled = true;
	runExecutionData.waitTill = undefined;
	runExecutionData.resultData.runData[node.name]?.pop();
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const method = asked.method ?? 'GET';
	const description = nodeType.description.webhooks?.find(
		(webhook) => webhook.restartWebhook === true && webhook.httpMethod === method,
	);
	if (!nodeType.webhook || !description) {
		throw new ResumeRefusedError(
			`The workflow for execution "${executionId}" does not contain a waiting webhook with a matching path/method.`,
			404,
		);
	}
	const query = Object.fromEntries(url.searchParams.entries());
	additionalData.httpRequest = {
		method,
		url: `${url.pathname}${url.search}`,
		query,
		body: asked.body ?? {},
		headers: { 'user-agent': asked.userAgent ?? BROWSER_USER_AGENT, host: url.host },
		params: {},
	} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = {
		setHeader: () => {},
		send: () => {},
		render: () => {},
		status: () => additionalData.httpResponse,
		end: () => {},
	} as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const webhookData: IWebhookData = {
		httpMethod: method,
		node: node.name,
		path: node.id,
		webhookDescription: description,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new WebhookContext(workflow, node, additionalData, mode, webhookData, [], runExecutionData);
	// The signature check of WaitingWebhooks for a Send and Wait node's URL, with the instance's secret (the
	// context's InstanceSettings: the one n8n-core signed the URL with).
	const isSendAndWait = node.id === decodeURIComponent(suffix ?? '') && node.parameters.operation === 'sendAndWait';
	if (isSendAndWait) {
		const signature = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM);
		const { hmacSignatureSecret } = (context as unknown as { instanceSettings: { hmacSignatureSecret: string } }).instanceSettings;
		if (!signature || !validateUrlSignature(signature, url, hmacSignatureSecret)) {
			throw new ResumeRefusedError('Invalid token: the resume URL is not signed by this instance', 401);
		}
	}
	const response = await nodeType.webhook.call(context);
	if (response.workflowData === undefined) {
		throw new ResumeRefusedError(`${node.name} answered the request without resuming (noWebhookResponse)`, 200);
	}
	// webhook-helpers' prepareExecutionData for an existing execution.
	stackEntry.data.main = response.workflowData;
	stackEntry.metadata = { ...stackEntry.metadata, forwardAllOutputs: true };

	// WorkflowRunner.runMainProcess with executionData: a new WorkflowExecute over the stored run data.
	additionalData.restartExecutionId = executionId;
	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await finished;
	return collectResult(run, executionId, executionOrder, credentialsHelper, waiting.resumable);
}

export interface CredentialTestOptions {
	/** Extra credential types (this package's are always loaded). */
	credentialTypes?: ICredentialType[];
}

/**
 * Tests credential data the way n8n's CredentialsTester does for a `test: ICredentialTestRequest`:
 * defaults and expressions applied to the data, a temporary No-Op node whose only property routes
 * `test.request`, run by n8n-core's RoutingNode (so `baseURL`/`url` expressions resolve with
 * `$credentials`, then `authenticate` applies, then the request is sent); a thrown HTTP error is
 * matched against `test.rules` (`responseCode`), any other non-2xx is an error, a network error
 * reports its code; after a 2xx, `responseSuccessBody` rules are checked.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
	options: CredentialTestOptions = {},
): Promise<INodeCredentialTestResult> {
	const credentialTypes = await allCredentialTypes(options.credentialTypes);
	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, { [typeName]: data });
	const credentialType = credentialsHelper.getCredentialType(typeName);
	const testRequest = credentialType.test;
	if (testRequest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}
	const additionalData = createAdditionalData(credentialsHelper);
	const mode: WorkflowExecuteMode = 'internal';
	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		credentialsDecrypted = {
			id: 'harness-credential',
			name: 'Harness credential',
			type: typeName,
			data: credentialsHelper.applyDefaults(additionalData, { ...data }, typeName, mode),
		};
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	const baseNodeType = new NoOp();
	const testNodeType: INodeType = {
		description: {
			...baseNodeType.description,
			name: NO_OP_TYPE,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NO_OP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const nodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const runExecutionData = createRunExecutionData({ executionData: null });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as Error & {
			cause?: { response?: { status: number; statusText?: string }; code?: string };
		};
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json ?? {};
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((current, key) => (current as IDataObject | undefined)?.[key], body);
			if (value === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
