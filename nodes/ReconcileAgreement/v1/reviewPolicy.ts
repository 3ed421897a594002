import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../core/plan/review';
import { perItemReader, readParameter } from '../../shared/params';

/** Reconcile Agreement's review policy: the parameters, and their reading into the core's policy per item. */

const REVIEW_POLICIES = ['holdRisky', 'applyAll'] as const;

const holdRule = (displayName: string, name: keyof ReviewPolicy, description: string) => ({
	displayName,
	name,
	type: 'boolean' as const,
	default: DEFAULT_REVIEW_POLICY[name] as boolean,
	description,
});

const limit = (
	displayName: string,
	name: keyof ReviewPolicy,
	description: string,
	percent: boolean,
) => ({
	displayName,
	name,
	type: 'number' as const,
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	description: `${description}; 0 is off${percent ? '' : ' (in the agreement currency, per month)'}`,
});

export const reviewPolicyProperties: INodeProperties[] = [
	{
		displayName: 'Review Policy',
		name: 'reviewPolicy',
		type: 'options',
		options: [
			{
				name: 'Hold Changes That Can Cost Money',
				value: 'holdRisky',
				description:
					'Increases and unchanged lines go through; decreases, lines set to 0, new lines and new products (and what the rules below add) wait for approval',
			},
			{
				name: 'Apply Every Change',
				value: 'applyAll',
				description: "Nothing waits for approval, as in Atria's ConnectWise Manage Billing job",
			},
		],
		default: 'holdRisky',
		description:
			'Which planned changes Apply Additions writes at once and which wait for a person (held lines are logged as ACW11; items with review.needsApproval true have some)',
	},
	{
		displayName: 'Review Rules',
		name: 'reviewRules',
		type: 'collection',
		placeholder: 'Add rule',
		default: {},
		displayOptions: { show: { reviewPolicy: ['holdRisky'] } },
		options: [
			limit(
				'Customer Amount Limit',
				'customerAmount',
				'Hold every change of a customer whose monthly revenue changes by more than this in all (either way)',
				false,
			),
			limit(
				'Customer Percent Limit',
				'customerPercent',
				'Hold every change of a customer whose monthly revenue changes by more than this percentage of what its agreement bills now',
				true,
			),
			holdRule(
				'Hold Decreases',
				'holdDecreases',
				'Whether a change that lowers the monthly revenue waits for approval',
			),
			holdRule(
				'Hold First Billing Month',
				'holdFirstMonth',
				'Whether every change of a customer Atria billed nothing the period before waits for approval',
			),
			holdRule('Hold New Lines', 'holdNewLines', 'Whether a new addition waits for approval'),
			holdRule(
				'Hold New Products',
				'holdNewProducts',
				'Whether a product Create Missing Products would add to the catalog waits for approval',
			),
			holdRule(
				'Hold Lines Set to 0',
				'holdSetToZero',
				'Whether setting a line to 0 (a service that left, a duplicate) waits for approval',
			),
			limit(
				'Line Amount Limit',
				'lineAmount',
				'Hold a line whose monthly revenue changes by more than this (either way)',
				false,
			),
			limit(
				'Line Percent Limit',
				'linePercent',
				'Hold a line whose quantity changes by more than this percentage of what it was',
				true,
			),
		],
	},
];

const amount = z
	.number({ invalid_type_error: 'must be a number' })
	.finite('must be a number')
	.min(0, 'must be 0 or more')
	.max(1e9, 'must be at most 1,000,000,000');
const flag = z.boolean({ invalid_type_error: 'must be true or false' });
const rulesSchema = z
	.object({
		holdDecreases: flag.default(DEFAULT_REVIEW_POLICY.holdDecreases),
		holdSetToZero: flag.default(DEFAULT_REVIEW_POLICY.holdSetToZero),
		holdNewLines: flag.default(DEFAULT_REVIEW_POLICY.holdNewLines),
		holdNewProducts: flag.default(DEFAULT_REVIEW_POLICY.holdNewProducts),
		holdFirstMonth: flag.default(DEFAULT_REVIEW_POLICY.holdFirstMonth),
		lineAmount: amount.default(0),
		linePercent: amount.default(0),
		customerAmount: amount.default(0),
		customerPercent: amount.default(0),
	})
	.strict();

/** The review policy of each item: null for Apply Every Change. */
export function reviewPolicyReader(
	context: IExecuteFunctions,
): (itemIndex: number) => ReviewPolicy | null {
	const policy = perItemReader(context, 'reviewPolicy', (itemIndex) =>
		readParameter(context, 'reviewPolicy', z.enum(REVIEW_POLICIES), 'holdRisky', itemIndex),
	);
	const rules = perItemReader(context, 'reviewRules', (itemIndex): ReviewPolicy => {
		const raw: unknown = context.getNodeParameter('reviewRules', itemIndex, {});
		const parsed = rulesSchema.safeParse(raw ?? {});
		if (parsed.success) return parsed.data;
		const issue = parsed.error.issues[0];
		const name = issue?.path.join('.') ?? '';
		throw new NodeOperationError(
			context.getNode(),
			`Invalid review rule${name ? ` "${name}"` : ''}: ${issue?.code === 'unrecognized_keys' ? 'not a rule of this node' : (issue?.message ?? 'unexpected value')}`,
			{ description: 'Correct the rule under Review Rules and run again.', itemIndex },
		);
	});
	return (itemIndex) => (policy(itemIndex) === 'applyAll' ? null : rules(itemIndex));
}
