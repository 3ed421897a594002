import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { parseCustomersFilter } from '../core/atria/customers';
import { validatePeriodEndDay } from '../core/atria/period';
import { CwCodedError } from '../core/errors';
import type { LogContext, LogEntry } from '../core/log/entry';
import { readBillingData, startBillingRun } from '../core/sync/billingData';
import { connectToAtria } from '../shared/connect';
import { entryForFailure, toNodeError } from '../shared/errors';
import type { CustomerItem } from '../core/contracts/items';
import { billingPeriodChoice, readParameter, readPerRun, todayIn } from '../shared/params';

const END_DAY_OPTIONS = [
	{ name: 'Last Day of the Month', value: 'last' },
	...Array.from({ length: 28 }, (_, i) => ({ name: `Day ${i + 1}`, value: String(i + 1) })),
];

export class GetBillingData implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Get Billing Data',
		name: 'getBillingData',
		icon: { light: 'file:../../icons/atria.svg', dark: 'file:../../icons/atria.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: '={{"Period: " + ($parameter["billingPeriod"] === "date" ? $parameter["billingDate"] : $parameter["billingPeriod"])}}',
		description: "Reads one billing period from Atria and outputs one item per customer, with its lines summed per SKU",
		defaults: { name: 'Get Billing Data' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'atriaApi', required: true }],
		properties: [
			{
				displayName:
					'Atria is read once per run: these parameters apply to the whole run, so an expression in them must give the same value for every input item',
				name: 'perRunNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Billing Period',
				name: 'billingPeriod',
				type: 'options',
				options: [
					{ name: 'Current', value: 'Current', description: 'The period containing today (in the workflow time zone)' },
					{ name: 'Previous', value: 'Previous', description: 'The last closed period: the usual choice for a run on the day after the period ends' },
					{ name: 'Specific Date', value: 'date', description: 'The period containing a date you give' },
				],
				default: 'Current',
				description: "Which billing period to read (the Atria job's BillingPeriod parameter)",
			},
			{
				displayName: 'Date',
				name: 'billingDate',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-10-25',
				required: true,
				displayOptions: { show: { billingPeriod: ['date'] } },
				description: 'Any date in the period, written YYYY-MM-DD',
			},
			{
				displayName: 'Period End Day',
				name: 'periodEndDay',
				type: 'options',
				options: END_DAY_OPTIONS,
				default: '25',
				description: "The day every billing period ends on, as set in Atria's bill process settings",
			},
			{
				displayName: 'Customers Filter',
				name: 'customersFilter',
				type: 'string',
				default: '',
				placeholder: 'e.g. ACME, GLOBEX',
				description:
					'Atria customer codes to process, separated by commas or new lines; empty processes all customers (the CustomersFilter parameter). Applied after the period-wide facts are found, so it never changes what happens to a customer it selects.',
			},
			{
				displayName: 'Only Billable',
				name: 'onlyBillable',
				type: 'boolean',
				default: true,
				description: "Whether to leave out lines Atria's billing rules mark as not billable",
			},
			{
				displayName: 'Skip Lines Without SKU',
				name: 'skipLinesWithoutSku',
				type: 'boolean',
				default: false,
				description: 'Whether to drop lines that have no SKU silently instead of logging each one as CW05',
			},
		],
		hints: [
			{
				message: 'Each output item is one customer, so IF and Switch nodes can branch per customer before Reconcile Agreement',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const runId = randomUUID();
		const context: LogContext = { runId, now: () => new Date() };
		const pairedItem = { item: 0 };
		// A source node: one read of Atria per run, so every parameter is per run (input items must agree).
		const raw = (name: string, fallback?: unknown) => readPerRun(this, name, (itemIndex): unknown => this.getNodeParameter(name, itemIndex, fallback));
		const billingPeriod = raw('billingPeriod');
		const billingDate = billingPeriod === 'date' ? raw('billingDate', '') : undefined;
		const periodEndDayParameter = raw('periodEndDay', '25');
		const request = {
			customersFilter: parseCustomersFilter(readPerRun(this, 'customersFilter', (itemIndex) => readParameter(this, 'customersFilter', z.string().max(100_000), '', itemIndex))),
			onlyBillable: readPerRun(this, 'onlyBillable', (itemIndex) => readParameter(this, 'onlyBillable', z.boolean(), true, itemIndex)),
			skipLinesWithoutSku: readPerRun(this, 'skipLinesWithoutSku', (itemIndex) => readParameter(this, 'skipLinesWithoutSku', z.boolean(), false, itemIndex)),
			today: todayIn(this.getTimezone()),
		};
		let log: LogEntry[] = [];
		try {
			const periodEndDay = validatePeriodEndDay(periodEndDayParameter);
			const full = { ...request, billingPeriod: billingPeriodChoice(billingPeriod, billingDate), periodEndDay };
			const start = startBillingRun(full, context);
			log = start.log;
			const data = await readBillingData(await connectToAtria(this), start, full, context);
			log = data.log;
			// The period facts are the same for every customer: one sorted list, shared by the items.
			const period = { managedSkus: data.customers.length === 0 ? [] : [...data.customers[0].facts.managedSkus].sort() };
			const items: CustomerItem[] =
				data.customers.length === 0
					? [{ runId, billingPeriod: data.period, period, customer: null, lines: [], log }]
					: data.customers.map((customer, index) => ({
							runId,
							billingPeriod: data.period,
							period,
							customer: {
								code: customer.code,
								name: customer.name,
								billingIdentifier: customer.billingIdentifier,
								sharesBillingIdentifierWith: [...customer.facts.sharesBillingIdentifierWith],
							},
							lines: customer.lines,
							// The run's own entries (CW01, unreadable rows) ride on the first customer.
							log: index === 0 ? log : [],
						}));
			return [items.map((item) => ({ json: item as unknown as IDataObject, pairedItem }))];
		} catch (error) {
			if (!(error instanceof CwCodedError)) throw new NodeOperationError(this.getNode(), error as Error);
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
			const failed: CustomerItem = { runId, billingPeriod: null, period: { managedSkus: [] }, customer: null, lines: [], log: [...log, entryForFailure(context, error)] };
			return [[{ json: { ...failed, error: error.message } as unknown as IDataObject, pairedItem }]];
		}
	}
}
