import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { PlanApplier, type ApplyOptions } from '../core/apply/applier';
import { toConnectWiseDate } from '../core/atria/period';
import { CwCodedError, StageInputError } from '../core/errors';
import type { LogContext } from '../core/log/entry';
import type { CustomerPlan } from '../core/plan/types';
import { DEFAULT_QUANTITY_TOLERANCE } from '../core/util/quantity';
import { connectToConnectWise } from '../shared/connect';
import { entryForFailure, toNodeError } from '../shared/errors';
import { describeItemError, planItemSchema, type PlanItem } from '../core/contracts/items';
import { concurrencySchema, connectWiseLimitOptions, flagSchema, perItemReader, readOption, readParameter, readPerRun, requestsPerMinuteSchema, todayIn } from '../shared/params';

/** Where a new addition's effective date comes from: the options, and the values a parameter may take. */
const EFFECTIVE_DATE_RULES = [
	{ name: 'Start of the Billing Period', value: 'periodStart', description: 'The service was used from the start of the period' },
	{ name: 'Today', value: 'today', description: 'Today in the workflow time zone' },
	{ name: 'Specific Date', value: 'date', description: 'The date below' },
] as const;
type EffectiveDateRule = (typeof EFFECTIVE_DATE_RULES)[number]['value'];
const EFFECTIVE_DATE_VALUES = EFFECTIVE_DATE_RULES.map((rule) => rule.value) as [EffectiveDateRule, ...EffectiveDateRule[]];

function isPlanWithCustomer(item: PlanItem): item is PlanItem & CustomerPlan {
	return item.customer !== null && item.billingPeriod !== null;
}

export class ApplyAdditions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apply Additions',
		name: 'applyAdditions',
		icon: { light: 'file:../../icons/connectwise.svg', dark: 'file:../../icons/connectwise.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["dryRun"] ? "Dry run" : "Write to ConnectWise"}}',
		description: 'Writes the planned quantities to the ConnectWise agreement additions, or shows them in a dry run',
		defaults: { name: 'Apply Additions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectWiseManageApi', required: true }],
		properties: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only report what would change (the same log, marked dryRun) without writing to ConnectWise',
			},
			{
				displayName: 'Effective Date of New Additions',
				name: 'effectiveDate',
				type: 'options',
				options: [...EFFECTIVE_DATE_RULES],
				default: 'periodStart',
				description: 'The effective date ConnectWise gets for additions this node creates',
			},
			{
				displayName: 'Date',
				name: 'effectiveDateValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-10-01',
				required: true,
				displayOptions: { show: { effectiveDate: ['date'] } },
				description: 'Written YYYY-MM-DD',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					...connectWiseLimitOptions,
					{
						displayName: 'Check Before Creating',
						name: 'checkBeforeCreate',
						type: 'boolean',
						default: true,
						description:
							'Whether to re-read an agreement just before adding to it, so a plan applied late or twice never adds a second addition of a product',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const input = this.getInputData();
		const items: PlanItem[] = input.map((item, index) => {
			const parsed = planItemSchema.safeParse(item.json);
			if (!parsed.success) throw new NodeOperationError(this.getNode(), describeItemError(parsed.error, index, 'a Reconcile Agreement item'), { itemIndex: index });
			return parsed.data;
		});
		if (items.length === 0) return [[]];
		const context: LogContext = { runId: items[0].runId, now: () => new Date() };
		// Dry Run, the effective date and Check Before Creating are read per item (a review flow can dry-run some
		// customers and apply others in one pass); the connection limits are one value per run.
		const perItem = <T>(path: string, read: (itemIndex: number) => T) => perItemReader(this, path, read);
		const dryRunOf = perItem('dryRun', (itemIndex) => readParameter(this, 'dryRun', z.boolean(), false, itemIndex));
		const ruleOf = perItem('effectiveDate', (itemIndex) => readParameter(this, 'effectiveDate', z.enum(EFFECTIVE_DATE_VALUES), 'periodStart', itemIndex));
		const dateValueOf = perItem('effectiveDateValue', (itemIndex) =>
			readParameter(this, 'effectiveDateValue', z.string({ invalid_type_error: 'expected YYYY-MM-DD' }).trim().max(40, 'expected YYYY-MM-DD'), undefined, itemIndex),
		);
		const checkOf = perItem('options.checkBeforeCreate', (itemIndex) => readOption(this, 'checkBeforeCreate', flagSchema, true, itemIndex));
		const optionsByItem = new Map<PlanItem, ApplyOptions>();
		items.forEach((item, itemIndex) => {
			const rule = ruleOf(itemIndex);
			// Read outside the try below: readParameter's refusal already names the parameter.
			const dateValue = rule === 'date' ? dateValueOf(itemIndex) : undefined;
			let fixedDate: string | undefined;
			try {
				if (rule === 'today') fixedDate = toConnectWiseDate(todayIn(this.getTimezone()));
				if (dateValue !== undefined) fixedDate = toConnectWiseDate(dateValue);
			} catch (error) {
				const reason = error instanceof CwCodedError ? (error.fields.error ?? error.message) : (error as Error).message;
				throw new NodeOperationError(this.getNode(), `Invalid parameter "effectiveDateValue": ${reason}`, {
					description: 'Enter a real date written YYYY-MM-DD, for example 2026-10-01.',
					itemIndex,
				});
			}
			optionsByItem.set(item, {
				dryRun: dryRunOf(itemIndex),
				effectiveDate: (plan: CustomerPlan) => fixedDate ?? toConnectWiseDate(plan.billingPeriod.start),
				checkBeforeCreate: checkOf(itemIndex),
				quantityTolerance: DEFAULT_QUANTITY_TOLERANCE,
			});
		});
		const limits = {
			concurrency: readPerRun(this, 'options.concurrency', (itemIndex) => readOption(this, 'concurrency', concurrencySchema, 4, itemIndex)),
			requestsPerMinute: readPerRun(this, 'options.requestsPerMinute', (itemIndex) => readOption(this, 'requestsPerMinute', requestsPerMinuteSchema, 0, itemIndex)),
		};

		const plans = items.filter(isPlanWithCustomer);
		let results: Map<PlanItem, IDataObject>;
		try {
			const applier = new PlanApplier(() => connectToConnectWise(this, limits), context);
			const applied = await applier.apply(plans, (plan) => optionsByItem.get(plan as PlanItem)!);
			results = new Map(plans.map((plan, index) => [plan as PlanItem, applied[index] as unknown as IDataObject]));
		} catch (error) {
			if (error instanceof StageInputError) {
				throw new NodeOperationError(this.getNode(), error.message, {
					description: 'Applying two plans of one customer could write its agreement twice. Check for a Merge in Append mode or a loop that repeats items before this node.',
					itemIndex: items.indexOf(plans[error.positions[1] ?? 0] as PlanItem),
				});
			}
			if (!(error instanceof CwCodedError)) throw new NodeOperationError(this.getNode(), error as Error);
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
			const failure = entryForFailure(context, error);
			return [items.map((item, index) => ({ json: { ...item, log: index === 0 ? [...item.log, failure] : item.log, error: error.message } as unknown as IDataObject, pairedItem: { item: index } }))];
		}
		return [items.map((item, index) => ({ json: results.get(item) ?? (item as unknown as IDataObject), pairedItem: { item: index } }))];
	}
}
