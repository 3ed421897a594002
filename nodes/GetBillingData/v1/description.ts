import { NodeConnectionTypes } from 'n8n-workflow';
import type { VersionDescription } from '../../shared/versioned';

const END_DAY_OPTIONS = [
	{ name: 'Last Day of the Month', value: 'last' },
	...Array.from({ length: 28 }, (_, i) => ({ name: `Day ${i + 1}`, value: String(i + 1) })),
];

export const versionDescription: VersionDescription = {
	version: 1,
	subtitle:
		'={{"Period: " + ($parameter["billingPeriod"] === "date" ? $parameter["billingDate"] : $parameter["billingPeriod"])}}',
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
				{
					name: 'Current',
					value: 'Current',
					description: 'The period containing today (in the workflow time zone)',
				},
				{
					name: 'Previous',
					value: 'Previous',
					description:
						'The last closed period: the usual choice for a run on the day after the period ends',
				},
				{
					name: 'Specific Date',
					value: 'date',
					description: 'The period containing a date you give',
				},
			],
			default: 'Current',
			description: "Which billing period to read (the Atria job's BillingPeriod parameter)",
		},
		{
			displayName: 'Date',
			name: 'billingDate',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { billingPeriod: ['date'] } },
			description:
				'Any date in the period (its calendar date in the workflow time zone; YYYY-MM-DD is accepted too)',
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
			description:
				'Whether to drop lines that have no SKU silently instead of logging each one as CW05',
		},
	],
	hints: [
		{
			message:
				'Each output item is one customer, so IF and Switch nodes can branch per customer before Reconcile Agreement',
			type: 'info',
			location: 'outputPane',
			whenToDisplay: 'afterExecution',
		},
	],
};
