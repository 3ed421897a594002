import { WAIT_INDEFINITELY, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import {
	IF_TYPE,
	MANUAL_TRIGGER_TYPE,
	MERGE_TYPE,
	NO_OP_TYPE,
	resumeWorkflow,
	ResumeRefusedError,
	runWorkflow,
	SEND_EMAIL_TYPE,
	type HarnessWorkflow,
} from './harness';

/** The harness's waiting and resuming (putExecutionToWait, n8n's waiting webhook) and its If, Merge and Send Email stand-ins. */
const to = (node: string, index = 0) => ({ node, type: 'main' as const, index });
const ask = (name: string) => ({
	name,
	type: SEND_EMAIL_TYPE,
	typeVersion: 2.1,
	parameters: {
		operation: 'sendAndWait',
		fromEmail: 'n8n@example.com',
		toEmail: 'admin@example.com',
		subject: '=Approve {{ $json.what }}',
		message: '=Please approve {{ $json.what }}',
		approvalOptions: { values: { approvalType: 'double' } },
		options: {},
	},
});

/** Emits the items given as its `items` parameter (a JSON string). */
class Items implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'string', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [(JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[]).map((json) => ({ json }))];
	}
}
const nodeTypes = { 'test.items': new Items() };
const items = (name: string, list: IDataObject[]) => ({ name, type: 'test.items', parameters: { items: JSON.stringify(list) } });

function askThenAfter(): HarnessWorkflow {
	return {
		nodes: [{ name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: {} }, items('What', [{ what: 'lines' }, { what: 'more' }]), ask('Ask'), { name: 'After', type: NO_OP_TYPE, parameters: {} }],
		connections: { Start: { main: [[to('What')]] }, What: { main: [[to('Ask')]] }, Ask: { main: [[to('After')]] } },
		settings: { executionOrder: 'v1' },
	};
}

describe('harness: waiting executions and their resume', () => {
	it('a send-and-wait node puts the execution to wait with one message whose buttons are signed resume URLs', async () => {
		const waiting = await runWorkflow(askThenAfter(), { nodeTypes });
		expect(waiting.error).toBeUndefined();
		expect(waiting.status).toBe('waiting');
		expect(waiting.waitingNode).toBe('Ask');
		expect(waiting.waitTill).toEqual(WAIT_INDEFINITELY);
		expect(waiting.outputs.After).toBeUndefined();
		// One message for the whole input, item 0's parameters.
		expect(waiting.approvals).toEqual([
			expect.objectContaining({ node: 'Ask', to: 'admin@example.com', subject: 'Approve lines', message: 'Please approve lines' }),
		]);
		const { approveUrl, declineUrl } = waiting.approvals[0];
		expect(approveUrl).toMatch(new RegExp(`^http://localhost:5678/webhook-waiting/${waiting.executionId}/node-2\\?approved=true&signature=[0-9a-f]{64}$`));
		expect(declineUrl).toMatch(/\?approved=false&signature=[0-9a-f]{64}$/);
	});

	it('resuming runs the node once more, disabled, with the webhook output as its output, and goes on', async () => {
		const waiting = await runWorkflow(askThenAfter(), { nodeTypes });
		const done = await resumeWorkflow(waiting, waiting.approvals[0].approveUrl);
		expect(done.status).toBe('success');
		expect(done.executionId).toBe(waiting.executionId);
		expect(done.executionOrder).toEqual(['Ask', 'After']);
		// The paused run of Ask is replaced, not added to: one run, the webhook's item.
		expect(done.outputs.Ask).toHaveLength(1);
		expect(done.json('Ask')).toEqual([{ data: { approved: true, respondedAt: expect.any(String) } }]);
		expect(done.json('After')).toEqual(done.json('Ask'));
		// The first part's runs are kept.
		expect(done.json('What')).toEqual([{ what: 'lines' }, { what: 'more' }]);
		// The waiting result is a stored snapshot: resuming it does not change it.
		expect(waiting.status).toBe('waiting');
		const declined = await resumeWorkflow(waiting, waiting.approvals[0].declineUrl!);
		expect(declined.json('After')).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
	});

	it('refuses an unsigned or altered URL, another execution, and a finished execution', async () => {
		const waiting = await runWorkflow(askThenAfter(), { nodeTypes });
		const { approveUrl } = waiting.approvals[0];
		await expect(resumeWorkflow(waiting, approveUrl.replace(/signature=.*/, 'signature=0'))).rejects.toMatchObject({ httpStatus: 401 });
		await expect(resumeWorkflow(waiting, { query: { approved: 'true' } })).rejects.toMatchObject({ httpStatus: 401 });
		await expect(resumeWorkflow(waiting, approveUrl.replace(waiting.executionId, 'harness-execution-0'))).rejects.toMatchObject({ httpStatus: 404 });
		const done = await resumeWorkflow(waiting, approveUrl);
		await expect(resumeWorkflow(done, approveUrl)).rejects.toBeInstanceOf(ResumeRefusedError);
	});

	it('an execution can wait again after a resume', async () => {
		const workflow = askThenAfter();
		workflow.nodes.splice(3, 0, ask('Ask Again'));
		workflow.connections.Ask = { main: [[to('Ask Again')]] };
		workflow.connections['Ask Again'] = { main: [[to('After')]] };
		const first = await runWorkflow(workflow, { nodeTypes });
		const second = await resumeWorkflow(first, first.approvals[0].approveUrl);
		expect(second.status).toBe('waiting');
		expect(second.waitingNode).toBe('Ask Again');
		expect(second.approvals.map((message) => message.node)).toEqual(['Ask', 'Ask Again']);
		const third = await resumeWorkflow(second, second.approvals[1].declineUrl!);
		expect(third.status).toBe('success');
		expect(third.json('After')).toEqual([{ data: { approved: false, respondedAt: expect.any(String) } }]);
	});
});

describe('harness: If and Merge stand-ins', () => {
	const condition = (leftValue: string) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [{ id: 'c1', leftValue, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } }],
			combinator: 'and',
		},
		options: {},
	});

	/** Start -> Items -> If -> (true) Merge input 1, (false) Merge input 2, as v1 execution order runs it. */
	function routed(list: IDataObject[], merge: IDataObject, leftValue = '={{ $json.flag }}'): HarnessWorkflow {
		return {
			nodes: [
				{ name: 'Start', type: MANUAL_TRIGGER_TYPE, parameters: {} },
				items('Items', list),
				{ name: 'If', type: IF_TYPE, typeVersion: 2.2, parameters: condition(leftValue) as never },
				{ name: 'Merge', type: MERGE_TYPE, typeVersion: 3.2, parameters: merge as never },
			],
			connections: {
				Start: { main: [[to('Items')]] },
				Items: { main: [[to('If')]] },
				If: { main: [[to('Merge', 0)], [to('Merge', 1)]] },
			},
			settings: { executionOrder: 'v1' },
		};
	}

	it('If routes on a boolean, strictly typed; Merge Append runs with one input when the other branch is empty', async () => {
		const both = await runWorkflow(routed([{ n: 1, flag: true }, { n: 2, flag: false }, { n: 3, flag: true }], { mode: 'append' }), { nodeTypes });
		expect(both.json('If', 0).map((item) => item.n)).toEqual([1, 3]);
		expect(both.json('If', 1).map((item) => item.n)).toEqual([2]);
		expect(both.json('Merge').map((item) => item.n)).toEqual([1, 3, 2]);
		// An item without the field (a plan item carrying only the run's log has no review) goes to false.
		const oneBranch = await runWorkflow(routed([{ n: 1, flag: false }, { n: 2 }], { mode: 'append' }), { nodeTypes });
		expect(oneBranch.status).toBe('success');
		expect(oneBranch.json('Merge')).toEqual([{ n: 1, flag: false }, { n: 2 }]);
		const wrongType = await runWorkflow(routed([{ n: 1, flag: 'yes' }], { mode: 'append' }), { nodeTypes });
		expect(wrongType.status).toBe('error');
		expect(wrongType.nodeErrors.If?.message).toMatch(/Wrong type/);
	});

	it('Merge Combine > All Possible Combinations pairs every item of input 1 with every item of input 2', async () => {
		const list = [{ n: 1, flag: true, same: 'input 1', deep: { a: 1 } }, { n: 2, flag: true, same: 'input 1', deep: { a: 2 } }, { n: 3, flag: false, same: 'input 2', deep: { b: 3 } }];
		const preferLast = await runWorkflow(routed(list, { mode: 'combine', combineBy: 'combineAll', options: {} }), { nodeTypes });
		expect(preferLast.json('Merge')).toEqual([
			{ n: 3, flag: false, same: 'input 2', deep: { a: 1, b: 3 } },
			{ n: 3, flag: false, same: 'input 2', deep: { a: 2, b: 3 } },
		]);
		const preferInput1 = await runWorkflow(
			routed(list, { mode: 'combine', combineBy: 'combineAll', options: { clashHandling: { values: { resolveClash: 'preferInput1', mergeMode: 'deepMerge' } } } }),
			{ nodeTypes },
		);
		expect(preferInput1.json('Merge')).toEqual([
			{ n: 1, flag: true, same: 'input 1', deep: { a: 1, b: 3 } },
			{ n: 2, flag: true, same: 'input 1', deep: { a: 2, b: 3 } },
		]);
	});
});
