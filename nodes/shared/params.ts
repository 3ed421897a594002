import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/** Today's date in the workflow's time zone: the billing period is a calendar matter, not a UTC one. */
export function todayIn(timeZone: string, now = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

export const concurrencySchema = z.number().int().min(1).max(16);
export const requestsPerMinuteSchema = z.number().int().min(0).max(100_000);
export const toleranceSchema = z.number().min(0).max(1);

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
	throw new NodeOperationError(context.getNode(), `Invalid parameter "${name}": ${parsed.error.issues[0]?.message ?? 'invalid value'}`, {
		description: 'Correct the parameter in the node and run again.',
	});
}
