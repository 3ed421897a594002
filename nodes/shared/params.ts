import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { CwCodedError } from '../core/errors';

/** Today's date in the workflow's time zone: the billing period is a calendar matter, not a UTC one. */
export function todayIn(timeZone: string, now = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

const wholeNumber = (min: number, max: number) =>
	z
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number')
		.min(min, `must be from ${min} to ${max}`)
		.max(max, `must be from ${min} to ${max}`);

export const concurrencySchema = wholeNumber(1, 16);
export const requestsPerMinuteSchema = wholeNumber(0, 100_000);
export const toleranceSchema = z.number({ invalid_type_error: 'must be a number' }).min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');
export const moneySchema = z.number({ invalid_type_error: 'must be a number' }).finite('must be a number').min(0, 'must be from 0 to 1,000,000,000').max(1e9, 'must be from 0 to 1,000,000,000');
export const flagSchema = z.boolean({ invalid_type_error: 'must be true or false' });

/** The request options every ConnectWise node offers, with the same names and limits. */
export const connectWiseLimitOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16, numberPrecision: 0 },
		default: 4,
		description: 'How many ConnectWise requests may be in flight at once',
	},
	{
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			'Most requests to start in any minute, shared by the whole node run; 0 = no budget (ConnectWise throttles at about 1,000 a minute and this node then waits for its Retry-After)',
	},
];

/**
 * Reads a node parameter and validates it with zod. A bad value is refused with the parameter's name and
 * what is wrong, never passed on to the core.
 */
export function readParameter<T>(context: IExecuteFunctions, name: string, schema: z.ZodType<T>, fallback?: unknown): T {
	const value = context.getNodeParameter(name, 0, fallback);
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new NodeOperationError(context.getNode(), `Invalid parameter "${name}": ${describeIssue(parsed.error.issues[0])}`, {
		description: 'Correct the parameter in the node and run again.',
	});
}

/**
 * Reads one entry of the node's Options collection like readParameter: absent means the default, a bad value
 * is refused with the option's name (never a raw validation dump).
 */
export function readOption<T>(context: IExecuteFunctions, name: string, schema: z.ZodType<T>, fallback: T): T {
	const options: unknown = context.getNodeParameter('options', 0, {});
	const value = options !== null && typeof options === 'object' ? (options as Record<string, unknown>)[name] : undefined;
	if (value === undefined || value === null) return fallback;
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new NodeOperationError(context.getNode(), `Invalid option "${name}": ${describeIssue(parsed.error.issues[0])}`, {
		description: 'Correct the option under Options in the node and run again.',
	});
}

/** What is wrong, without repeating the value: it may be long, or text meant to mislead whoever reads the log. */
function describeIssue(issue: z.ZodIssue | undefined): string {
	if (issue === undefined) return 'invalid value';
	if (issue.code === 'invalid_enum_value') return `must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`;
	return issue.message;
}

/**
 * The Billing Period parameter (and its Date) as the core's period choice. Anything else is the seed's CW19,
 * like an impossible date, so Continue On Fail logs it the same way.
 */
export function billingPeriodChoice(period: unknown, date: unknown): string {
	if (period === 'Current' || period === 'Previous') return period;
	if (period !== 'date') throw new CwCodedError('CW19', { error: 'Billing Period must be Current, Previous or Specific Date' });
	if (typeof date !== 'string' || date.trim().length > 40) throw new CwCodedError('CW19', { error: 'Date must be a date written YYYY-MM-DD' });
	return date;
}

/** An Agreement Type parameter that is empty, not text or overlong is the seed's CW21, like a name ConnectWise lacks. */
export function checkAgreementTypeName(name: string): void {
	if (name === '' || name.length > 100) throw new CwCodedError('CW21', { error: 'Agreement Type must be the name of an agreement type (at most 100 characters)' });
}
