import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import {
	LINES_TO_APPLY,
	PlanApplier,
	type ApplyOptions,
	type LinesToApply,
} from '../../core/apply/applier';
import { WRITE_ACTIONS } from '../../core/plan/types';
import { toConnectWiseDate } from '../../core/atria/period';
import { CwCodedError, StageInputError } from '../../core/errors';
import type { LogContext } from '../../core/log/entry';
import type { CustomerPlan } from '../../core/plan/types';
import { DEFAULT_QUANTITY_TOLERANCE } from '../../core/util/quantity';
import {
	describeItemError,
	planItemSchema,
	toPlanItem,
	type PlanItem,
	fastSafeParse,
} from '../../core/contracts/items';
import { connectToConnectWise } from '../../shared/connect';
import { reuseReceived } from '../../shared/reuseReceived';
import { entryForFailure, toNodeError } from '../../shared/errors';
import {
	calendarDateOf,
	concurrencySchema,
	flagSchema,
	perItemReader,
	readOption,
	readParameter,
	readPerRun,
	requestsPerMinuteSchema,
	todayIn,
} from '../../shared/params';
import { EFFECTIVE_DATE_VALUES } from './description';

/** Line IDs as a person or an expression gives them: "L2, L5", or a list. */
const approvedLineIdsSchema = z
	.union([z.string().max(100_000), z.array(z.string().max(100)).max(100_000)], {
		invalid_type_error: 'expected line IDs such as "L2, L5", or a list of them',
	})
	.transform((value) =>
		(Array.isArray(value) ? value : value.split(/[\s,;]+/))
			.map((id) => id.trim())
			.filter((id) => id !== ''),
	);

/**
 * The approved IDs of one item, each a planned write of its customer: an ID the plan does not have (a typo, an
 * approval of another customer's line) is refused, rather than leaving an approved change silently unwritten.
 */
function approvedLines(
	context: IExecuteFunctions,
	item: PlanItem,
	ids: string[],
	itemIndex: number,
): Set<string> {
	const writes = new Set(
		item.lines.filter((line) => WRITE_ACTIONS.has(line.action)).map((line) => line.lineId),
	);
	const unknown = ids.filter((id) => !writes.has(id));
	if (unknown.length > 0) {
		const who = item.customer ? `customer ${item.customer.code}` : 'this item';
		throw new NodeOperationError(
			context.getNode(),
			`Invalid parameter "approvedLineIds": ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is not a planned change' : 'are not planned changes'} of ${who}`,
			{
				description:
					"Give the IDs of the item's plan lines that write (lines with a review decision), e.g. {{ $json.review.heldLineIds }}.",
				itemIndex,
			},
		);
	}
	return new Set(ids);
}

function isPlanWithCustomer(item: PlanItem): item is PlanItem & CustomerPlan {
	return item.customer !== null && item.billingPeriod !== null;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const input = this.getInputData();
	/**
	 * An input item's plan, read again each time it is needed rather than held: an apply of thousands of
	 * customers holds only the plans in flight (n8n already holds the items). Reading is deterministic, so every
	 * read of an item gives the plan the first read checked.
	 */
	const planOf = (index: number): PlanItem => {
		const parsed = fastSafeParse(planItemSchema, input[index].json);
		if (!parsed.success)
			throw new NodeOperationError(
				this.getNode(),
				describeItemError(parsed.error, index, 'a Reconcile Agreement item'),
				{ itemIndex: index },
			);
		return parsed.data;
	};
	if (input.length === 0) return [[]];
	const first = planOf(0);
	const context: LogContext = { runId: first.runId, now: () => new Date() };
	// Dry Run, the effective date and Check Before Creating are read per item (a review flow can dry-run some
	// customers and apply others in one pass); the connection limits are one value per run.
	const perItem = <T>(path: string, read: (itemIndex: number) => T) =>
		perItemReader(this, path, read);
	const dryRunOf = perItem('dryRun', (itemIndex) =>
		readParameter(this, 'dryRun', z.boolean(), false, itemIndex),
	);
	const ruleOf = perItem('effectiveDate', (itemIndex) =>
		readParameter(this, 'effectiveDate', z.enum(EFFECTIVE_DATE_VALUES), 'periodStart', itemIndex),
	);
	const dateValueOf = perItem('effectiveDateValue', (itemIndex) =>
		readParameter(
			this,
			'effectiveDateValue',
			z.string({ invalid_type_error: 'expected YYYY-MM-DD' }).trim().max(40, 'expected YYYY-MM-DD'),
			undefined,
			itemIndex,
		),
	);
	const linesToApplyOf = perItem('linesToApply', (itemIndex) =>
		readParameter(this, 'linesToApply', z.enum(LINES_TO_APPLY), 'allowed', itemIndex),
	);
	const approvedOf = perItem('approvedLineIds', (itemIndex) =>
		readParameter<string[]>(
			this,
			'approvedLineIds',
			approvedLineIdsSchema as z.ZodType<string[]>,
			'',
			itemIndex,
		),
	);
	const checkOf = perItem('options.checkBeforeCreate', (itemIndex) =>
		readOption(this, 'checkBeforeCreate', flagSchema, true, itemIndex),
	);
	// Each item is read (and so checked) here, before anything is written; what is kept of it is whether it is a
	// customer's plan, and the options it is applied with.
	const optionsOf: ApplyOptions[] = [];
	const customerItems: number[] = [];
	for (let itemIndex = 0; itemIndex < input.length; itemIndex++) {
		const item = itemIndex === 0 ? first : planOf(itemIndex);
		if (isPlanWithCustomer(item)) customerItems.push(itemIndex);
		const rule = ruleOf(itemIndex);
		// Read outside the try below: readParameter's refusal already names the parameter.
		const dateValue = rule === 'date' ? dateValueOf(itemIndex) : undefined;
		let fixedDate: string | undefined;
		try {
			if (rule === 'today') fixedDate = toConnectWiseDate(todayIn(this.getTimezone()));
			if (dateValue !== undefined)
				fixedDate = toConnectWiseDate(calendarDateOf(dateValue, this.getTimezone()));
		} catch (error) {
			const reason =
				error instanceof CwCodedError
					? (error.fields.error ?? error.message)
					: (error as Error).message;
			throw new NodeOperationError(
				this.getNode(),
				`Invalid parameter "effectiveDateValue": ${reason}`,
				{
					description: 'Enter a real date written YYYY-MM-DD, for example 2026-10-01.',
					itemIndex,
				},
			);
		}
		const linesToApply: LinesToApply = linesToApplyOf(itemIndex);
		const approvedLineIds =
			linesToApply === 'approved'
				? approvedLines(this, item, approvedOf(itemIndex), itemIndex)
				: undefined;
		optionsOf.push({
			linesToApply,
			approvedLineIds,
			dryRun: dryRunOf(itemIndex),
			effectiveDate: (plan: CustomerPlan) =>
				fixedDate ?? toConnectWiseDate(plan.billingPeriod.start),
			checkBeforeCreate: checkOf(itemIndex),
			quantityTolerance: DEFAULT_QUANTITY_TOLERANCE,
		});
	}
	const limits = {
		concurrency: readPerRun(this, 'options.concurrency', (itemIndex) =>
			readOption(this, 'concurrency', concurrencySchema, 4, itemIndex),
		),
		requestsPerMinute: readPerRun(this, 'options.requestsPerMinute', (itemIndex) =>
			readOption(this, 'requestsPerMinute', requestsPerMinuteSchema, 0, itemIndex),
		),
	};

	// Each customer's result is made into its output item as soon as the customer is done, and its plan and
	// result are dropped: what Apply hands on unchanged (the plan's lines, customer, review, the entries it did
	// not add to) goes on as the very objects that came in, so n8n saves them once (reuseReceived.ts).
	const output = new Array<INodeExecutionData>(input.length);
	const outputItem = (itemIndex: number, json: IDataObject): INodeExecutionData => ({
		json: reuseReceived({ ...json, lines: input[itemIndex].json.lines }, input[itemIndex].json),
		pairedItem: { item: itemIndex },
	});
	try {
		const applier = new PlanApplier(() => connectToConnectWise(this, limits), context);
		await applier.applyEach(
			{
				count: customerItems.length,
				plan: (index) => planOf(customerItems[index]) as PlanItem & CustomerPlan,
				options: (index) => optionsOf[customerItems[index]],
			},
			(index, result) => {
				const itemIndex = customerItems[index];
				output[itemIndex] = outputItem(itemIndex, toPlanItem(result) as unknown as IDataObject);
			},
		);
	} catch (error) {
		if (error instanceof StageInputError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				description:
					'Applying two plans of one customer could write its agreement twice. Check for a Merge in Append mode or a loop that repeats items before this node.',
				itemIndex: customerItems[error.positions[1] ?? 0],
			});
		}
		if (!(error instanceof CwCodedError))
			throw new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		const failure = entryForFailure(context, error);
		return [
			input.map((_, index) => {
				const item = index === 0 ? first : planOf(index);
				return {
					json: {
						...toPlanItem({ ...item, log: index === 0 ? [...item.log, failure] : item.log }),
						error: error.message,
					} as unknown as IDataObject,
					pairedItem: { item: index },
				};
			}),
		];
	}
	// Items that are not a customer's plan (a run-level entry) go on as they came, read and written again.
	for (let itemIndex = 0; itemIndex < input.length; itemIndex++)
		output[itemIndex] ??= outputItem(
			itemIndex,
			toPlanItem(planOf(itemIndex)) as unknown as IDataObject,
		);
	return [output];
}
