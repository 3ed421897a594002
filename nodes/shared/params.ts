import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { CwCodedError } from '../core/errors';

/** Today's date in the workflow's time zone: the billing period is a calendar matter, not a UTC one. */
export function todayIn(timeZone: string, now = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(now);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The calendar date of a dateTime parameter: n8n gives an ISO string ("2026-10-25T00:00:00", with or without
 * milliseconds or a zone); older workflows give "YYYY-MM-DD". With a zone (Z or an offset) the instant is read
 * in the workflow's time zone; without one the date part is taken as given. Anything else is returned unchanged,
 * so the caller's own check refuses it with its usual message.
 */
export function calendarDateOf(value: string, timeZone: string): string {
	const match =
		/^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
			value.trim(),
		);
	if (!match) return value;
	if (match[2] === undefined) return match[1];
	const instant = new Date(value.trim());
	return Number.isNaN(instant.getTime()) ? match[1] : todayIn(timeZone, instant);
}

const wholeNumber = (min: number, max: number) =>
	z
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number')
		.min(min, `must be from ${min} to ${max}`)
		.max(max, `must be from ${min} to ${max}`);

export const concurrencySchema = wholeNumber(1, 16);
export const requestsPerMinuteSchema = wholeNumber(0, 100_000);
export const toleranceSchema = z
	.number({ invalid_type_error: 'must be a number' })
	.min(0, 'must be from 0 to 1')
	.max(1, 'must be from 0 to 1');
export const moneySchema = z
	.number({ invalid_type_error: 'must be a number' })
	.finite('must be a number')
	.min(0, 'must be from 0 to 1,000,000,000')
	.max(1e9, 'must be from 0 to 1,000,000,000');
export const flagSchema = z.boolean({ invalid_type_error: 'must be true or false' });

/** The request options every ConnectWise node offers, with the same names and limits. */
export const connectWiseLimitOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16, numberPrecision: 0 },
		default: 4,
		description:
			'How many ConnectWise requests may be in flight at once; one value per run (every input item must give the same)',
	},
	{
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 0 },
		default: 0,
		description:
			'Most requests to start in any minute, shared by the whole node run (every input item must give the same value); 0 = no budget (ConnectWise throttles at about 1,000 a minute and this node then waits for its Retry-After)',
	},
];

/**
 * Reads a node parameter for one input item (n8n evaluates expressions per item) and validates it with zod. A bad
 * value is refused with the parameter's name and what is wrong, never passed on to the core.
 */
export function readParameter<T>(
	context: IExecuteFunctions,
	name: string,
	schema: z.ZodType<T>,
	fallback?: unknown,
	itemIndex = 0,
	extractValue = false,
): T {
	// extractValue: a resource locator gives the value of its mode (a plain value, as older workflows have, as is).
	const value = extractValue
		? context.getNodeParameter(name, itemIndex, fallback, { extractValue: true })
		: context.getNodeParameter(name, itemIndex, fallback);
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new NodeOperationError(
		context.getNode(),
		`Invalid parameter "${name}": ${describeIssue(parsed.error.issues[0])}`,
		{
			description: `Correct the parameter in the node and run again.${forItem(context, itemIndex)}`,
			itemIndex,
		},
	);
}

/**
 * Reads one entry of the node's Options collection like readParameter: absent means the default, a bad value
 * is refused with the option's name (never a raw validation dump).
 */
export function readOption<T>(
	context: IExecuteFunctions,
	name: string,
	schema: z.ZodType<T>,
	fallback: T,
	itemIndex = 0,
): T {
	const options: unknown = context.getNodeParameter('options', itemIndex, {});
	const value =
		options !== null && typeof options === 'object'
			? (options as Record<string, unknown>)[name]
			: undefined;
	if (value === undefined || value === null) return fallback;
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	throw new NodeOperationError(
		context.getNode(),
		`Invalid option "${name}": ${describeIssue(parsed.error.issues[0])}`,
		{
			description: `Correct the option under Options in the node and run again.${forItem(context, itemIndex)}`,
			itemIndex,
		},
	);
}

/** Which item a refused value came from, when there are several (an expression may be wrong for one only). */
function forItem(context: IExecuteFunctions, itemIndex: number): string {
	return context.getInputData().length > 1
		? ` The value is the one for input item ${itemIndex + 1}.`
		: '';
}

/** Whether a parameter as saved in the workflow holds an expression anywhere: only then can its value differ per item. */
function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** The raw (unevaluated) value of a parameter, or of an entry of the Options collection ("options.name"). */
function rawParameter(context: IExecuteFunctions, path: string): unknown {
	let value: unknown = context.getNode().parameters;
	for (const key of path.split('.'))
		value =
			value !== null && typeof value === 'object'
				? (value as Record<string, unknown>)[key]
				: undefined;
	return value;
}

/**
 * A parameter read per item (n8n evaluates expressions per item): `read` for an item index. Without an expression
 * the value cannot differ, so it is read once and kept: a large input costs nothing extra.
 */
export function perItemReader<T>(
	context: IExecuteFunctions,
	path: string,
	read: (itemIndex: number) => T,
): (itemIndex: number) => T {
	if (hasExpression(rawParameter(context, path))) return read;
	let once: { value: T } | undefined;
	return () => (once ??= { value: read(0) }).value;
}

/**
 * A parameter the node applies to the whole run (a source node's, a connection limit, the log's). n8n evaluates
 * it per item like any other; when input items give different values the run is refused, naming the parameter
 * and the first two items that disagree, rather than silently using the first item's value.
 */
export function readPerRun<T>(
	context: IExecuteFunctions,
	path: string,
	read: (itemIndex: number) => T,
): T {
	const value = read(0);
	if (!hasExpression(rawParameter(context, path))) return value;
	const first = JSON.stringify(value);
	const count = context.getInputData().length;
	for (let itemIndex = 1; itemIndex < count; itemIndex++) {
		if (JSON.stringify(read(itemIndex)) === first) continue;
		const [kind, name] = path.startsWith('options.')
			? ['Option', path.slice('options.'.length)]
			: ['Parameter', path];
		throw new NodeOperationError(
			context.getNode(),
			`${kind} "${name}" is read once per run, but input items 1 and ${itemIndex + 1} give different values`,
			{
				description:
					'This node uses one value for the whole run. Give a fixed value, or an expression that gives the same value for every input item.',
				itemIndex,
			},
		);
	}
	return value;
}

/** What is wrong, without repeating the value: it may be long, or text meant to mislead whoever reads the log. */
function describeIssue(issue: z.ZodIssue | undefined): string {
	if (issue === undefined) return 'invalid value';
	if (issue.code === 'invalid_enum_value')
		return `must be one of ${issue.options.map((option) => `"${String(option)}"`).join(', ')}`;
	return issue.message;
}

/**
 * The Billing Period parameter (and its Date) as the core's period choice. Anything else is CW19 (as in Atria's
 * ConnectWise Manage Billing job), like an impossible date, so Continue On Fail logs it the same way.
 */
export function billingPeriodChoice(period: unknown, date: unknown): string {
	if (period === 'Current' || period === 'Previous') return period;
	if (period !== 'date')
		throw new CwCodedError('CW19', {
			error: 'Billing Period must be Current, Previous or Specific Date',
		});
	if (typeof date !== 'string' || date.trim().length > 40)
		throw new CwCodedError('CW19', { error: 'Date must be a date written YYYY-MM-DD' });
	return date;
}

/**
 * The Agreement Type resource locator: From List and By ID give the type's ConnectWise ID, By Name its name.
 * A plain value (a workflow from before the locator, or an expression giving text) is a name. The name of a
 * type chosen by ID is its list label when the editor cached one, else "ID <n>"; ConnectWise's own name labels
 * the plans. A malformed value is left to checkAgreementType (CW21).
 */
export function agreementTypeChoice(value: unknown): { name: string; id?: number } {
	if (value !== null && typeof value === 'object' && 'mode' in value) {
		const locator = value as { mode?: unknown; value?: unknown; cachedResultName?: unknown };
		if (locator.mode === 'list' || locator.mode === 'id') {
			const text =
				typeof locator.value === 'number'
					? String(locator.value)
					: typeof locator.value === 'string'
						? locator.value.trim()
						: '';
			const id = /^[1-9][0-9]{0,14}$/.test(text) ? Number(text) : Number.NaN;
			const cached =
				typeof locator.cachedResultName === 'string' ? locator.cachedResultName.trim() : '';
			return {
				name: cached !== '' && cached.length <= 100 ? cached : `ID ${text.slice(0, 20)}`,
				id,
			};
		}
		return { name: typeof locator.value === 'string' ? locator.value.trim() : '' };
	}
	return { name: typeof value === 'string' ? value.trim() : '' };
}

/** An Agreement Type that is empty, not text, overlong or not a whole-number ID is CW21 (as in Atria's ConnectWise Manage Billing job), like a type ConnectWise lacks. */
export function checkAgreementType(name: string, id?: number): void {
	if (id !== undefined) {
		if (!Number.isSafeInteger(id) || id < 1)
			throw new CwCodedError('CW21', {
				error:
					'Agreement Type ID must be a whole number from 1 (the ID of an agreement type in ConnectWise)',
			});
		return;
	}
	if (name === '' || name.length > 100)
		throw new CwCodedError('CW21', {
			error: 'Agreement Type must be the name of an agreement type (at most 100 characters)',
		});
}
