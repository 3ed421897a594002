import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { PlanApplier, type ApplyOptions } from '../../core/apply/applier';
import { toConnectWiseDate } from '../../core/atria/period';
import { CwCodedError, StageInputError } from '../../core/errors';
import type { LogContext } from '../../core/log/entry';
import type { CustomerPlan } from '../../core/plan/types';
import { DEFAULT_QUANTITY_TOLERANCE } from '../../core/util/quantity';
import { describeItemError, planItemSchema, type PlanItem } from '../../core/contracts/items';
import { connectToConnectWise } from '../../shared/connect';
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

function isPlanWithCustomer(item: PlanItem): item is PlanItem & CustomerPlan {
	return item.customer !== null && item.billingPeriod !== null;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const input = this.getInputData();
	const items: PlanItem[] = input.map((item, index) => {
		const parsed = planItemSchema.safeParse(item.json);
		if (!parsed.success)
			throw new NodeOperationError(
				this.getNode(),
				describeItemError(parsed.error, index, 'a Reconcile Agreement item'),
				{ itemIndex: index },
			);
		return parsed.data;
	});
	if (items.length === 0) return [[]];
	const context: LogContext = { runId: items[0].runId, now: () => new Date() };
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
	const checkOf = perItem('options.checkBeforeCreate', (itemIndex) =>
		readOption(this, 'checkBeforeCreate', flagSchema, true, itemIndex),
	);
	const optionsByItem = new Map<PlanItem, ApplyOptions>();
	items.forEach((item, itemIndex) => {
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
		optionsByItem.set(item, {
			dryRun: dryRunOf(itemIndex),
			effectiveDate: (plan: CustomerPlan) =>
				fixedDate ?? toConnectWiseDate(plan.billingPeriod.start),
			checkBeforeCreate: checkOf(itemIndex),
			quantityTolerance: DEFAULT_QUANTITY_TOLERANCE,
		});
	});
	const limits = {
		concurrency: readPerRun(this, 'options.concurrency', (itemIndex) =>
			readOption(this, 'concurrency', concurrencySchema, 4, itemIndex),
		),
		requestsPerMinute: readPerRun(this, 'options.requestsPerMinute', (itemIndex) =>
			readOption(this, 'requestsPerMinute', requestsPerMinuteSchema, 0, itemIndex),
		),
	};

	const plans = items.filter(isPlanWithCustomer);
	let results: Map<PlanItem, IDataObject>;
	try {
		const applier = new PlanApplier(() => connectToConnectWise(this, limits), context);
		const applied = await applier.apply(plans, (plan) => optionsByItem.get(plan as PlanItem)!);
		results = new Map(
			plans.map((plan, index) => [plan as PlanItem, applied[index] as unknown as IDataObject]),
		);
	} catch (error) {
		if (error instanceof StageInputError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				description:
					'Applying two plans of one customer could write its agreement twice. Check for a Merge in Append mode or a loop that repeats items before this node.',
				itemIndex: items.indexOf(plans[error.positions[1] ?? 0] as PlanItem),
			});
		}
		if (!(error instanceof CwCodedError))
			throw new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		const failure = entryForFailure(context, error);
		return [
			items.map((item, index) => ({
				json: {
					...item,
					log: index === 0 ? [...item.log, failure] : item.log,
					error: error.message,
				} as unknown as IDataObject,
				pairedItem: { item: index },
			})),
		];
	}
	return [
		items.map((item, index) => ({
			json: results.get(item) ?? (item as unknown as IDataObject),
			pairedItem: { item: index },
		})),
	];
}
