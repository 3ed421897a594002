import { NodeConnectionTypes } from 'n8n-workflow';
import type { VersionDescription } from '../../shared/versioned';
import { connectWiseLimitOptions } from '../../shared/params';

/** Where a new addition's effective date comes from: the options, and the values a parameter may take. */
const EFFECTIVE_DATE_RULES = [
	{
		name: 'Start of the Billing Period',
		value: 'periodStart',
		description: 'The service was used from the start of the period',
	},
	{ name: 'Today', value: 'today', description: 'Today in the workflow time zone' },
	{ name: 'Specific Date', value: 'date', description: 'The date below' },
] as const;
type EffectiveDateRule = (typeof EFFECTIVE_DATE_RULES)[number]['value'];
export const EFFECTIVE_DATE_VALUES = EFFECTIVE_DATE_RULES.map((rule) => rule.value) as [
	EffectiveDateRule,
	...EffectiveDateRule[],
];

export const versionDescription: VersionDescription = {
	version: 1,
	subtitle: '={{$parameter["dryRun"] ? "Dry run" : "Write to ConnectWise"}}',
	defaults: { name: 'Apply Additions' },
	// Not offered as an AI tool: it writes to ConnectWise.
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'connectWiseManageApi', required: true }],
	properties: [
		{
			displayName: 'This node writes to ConnectWise agreement additions unless Dry Run is on',
			name: 'writesNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { dryRun: [false] } },
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description:
				'Whether to only report what would change (the same log, marked dryRun) without writing to ConnectWise',
		},
		{
			displayName: 'Lines to Apply',
			name: 'linesToApply',
			type: 'options',
			options: [
				{
					name: 'Lines the Review Policy Lets Through',
					value: 'allowed',
					description:
						"Every planned change except those Reconcile Agreement's review policy holds for approval (logged as ACW11)",
				},
				{
					name: 'Approved Lines',
					value: 'approved',
					description:
						'Only the lines whose IDs are given, held or not: what a person approved (the rest are logged as ACW11)',
				},
			],
			default: 'allowed',
			description: 'Which planned changes this node may write',
		},
		{
			displayName: 'Approved Line IDs',
			name: 'approvedLineIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. L2, L5 or {{ $json.review.heldLineIds }}',
			displayOptions: { show: { linesToApply: ['approved'] } },
			description:
				"The IDs of the item's plan lines a person approved, comma-separated, or an expression giving a list; empty approves nothing",
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
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: { show: { effectiveDate: ['date'] } },
			description:
				'The effective date (its calendar date in the workflow time zone; YYYY-MM-DD is accepted too)',
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
