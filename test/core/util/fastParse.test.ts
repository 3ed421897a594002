import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';
import { fastSafeParse } from '../../../nodes/core/util/fastParse';
import { customerItemSchema, loggedItemSchema, planItemSchema } from '../../../nodes/core/contracts/items';
import { logEntrySchema } from '../../../nodes/core/contracts/logEntry';
import { lineOutcomeSchema } from '../../../nodes/core/contracts/plan';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { cloneDemoDataset } from '../../../sandbox/data/demo';
import { runSync } from '../../nodes/workflow';

/**
 * fastSafeParse gives zod's result, exactly: the same success, the same output (values, key order, keys present
 * as undefined) and, on a refusal, zod's own error. Checked on the items a real run hands from node to node
 * (through JSON, as n8n saves them), on those items with one field spoiled, and on small schemas of every kind
 * it reads, with arbitrary values.
 */

/** A value's JSON-like structure with the order of its keys and the keys that hold undefined. */
function layout(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(layout);
	if (typeof value === 'object' && value !== null)
		return Object.keys(value).map((key) => [key, layout((value as Record<string, unknown>)[key])]);
	if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
	return value === undefined ? '(undefined)' : value;
}

function expectSameAsZod(schema: z.ZodTypeAny, value: unknown): boolean {
	const fast = fastSafeParse(schema, value);
	const slow = schema.safeParse(value);
	expect(fast.success).toBe(slow.success);
	if (fast.success && slow.success) expect(layout(fast.data)).toEqual(layout(slow.data));
	else if (!fast.success && !slow.success) expect(fast.error.issues).toEqual(slow.error.issues);
	return fast.success;
}

let sandbox: Sandbox;
let items: { customer: IDataObject[]; plan: IDataObject[]; applied: IDataObject[] };
beforeAll(async () => {
	sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	const run = await runSync(sandbox, { reconcileAgreement: { allowCreateAdditions: true }, applyAdditions: { dryRun: true } });
	const viaJson = (list: IDataObject[]) => JSON.parse(JSON.stringify(list)) as IDataObject[];
	items = { customer: viaJson(run.json('Get Billing Data')), plan: viaJson(run.json('Reconcile Agreement')), applied: viaJson(run.json('Apply Additions')) };
}, 60_000);
afterAll(async () => sandbox.stop());

/** A path to a random place in `value` (an object key or array index at each step), and what to put there. */
const SPOILERS: unknown[] = [undefined, null, NaN, Infinity, -1, 0, 1.5, 1e12, '', ' x ', 'L999', 'CW99', 'x'.repeat(70), '2026-13-40', true, {}, [], [1], { code: 'CW07' }];

function spoil(value: unknown, steps: number[], replacement: unknown, remove: boolean): unknown {
	if (steps.length === 0 || typeof value !== 'object' || value === null) return replacement;
	const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
	const keys = Object.keys(copy);
	if (keys.length === 0) return replacement;
	const key = keys[steps[0] % keys.length];
	if (steps.length === 1 && remove) {
		if (Array.isArray(copy)) (copy as unknown[]).splice(Number(key), 1);
		else delete copy[key];
		return copy;
	}
	copy[key] = spoil(copy[key], steps.slice(1), replacement, remove);
	return copy;
}

describe('fastSafeParse on the items of a real run', () => {
	it('reads every item as zod does', () => {
		expect(items.customer.length).toBeGreaterThan(3);
		for (const item of items.customer) expect(expectSameAsZod(customerItemSchema, item)).toBe(true);
		for (const item of [...items.plan, ...items.applied]) {
			expect(expectSameAsZod(planItemSchema, item)).toBe(true);
			expect(expectSameAsZod(loggedItemSchema, item)).toBe(true);
		}
		for (const item of items.customer) expect(expectSameAsZod(loggedItemSchema, item)).toBe(true);
	});

	it('reads an item with one field spoiled, removed or added as zod does (success, output or error)', () => {
		const kinds = [
			{ schema: customerItemSchema, list: () => items.customer },
			{ schema: planItemSchema, list: () => items.plan },
			{ schema: planItemSchema, list: () => items.applied },
			{ schema: loggedItemSchema, list: () => items.plan },
		];
		let refused = 0;
		let passed = 0;
		fc.assert(
			fc.property(
				fc.nat(kinds.length - 1),
				fc.nat(),
				fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
				fc.constantFrom(...SPOILERS),
				fc.boolean(),
				(kind, at, steps, replacement, remove) => {
					const { schema, list } = kinds[kind];
					const item = list()[at % list().length];
					if (expectSameAsZod(schema, spoil(item, steps, replacement, remove))) passed++;
					else refused++;
				},
			),
			{ numRuns: 1500 },
		);
		// Both sides of the check were exercised.
		expect(refused).toBeGreaterThan(100);
		expect(passed).toBeGreaterThan(100);
	});
});

describe('fastSafeParse on every kind of schema it reads', () => {
	const schemas: Array<[string, z.ZodTypeAny]> = [
		['string checks and trim', z.string().trim().min(1).max(5)],
		['string regex', z.string().regex(/^\d{4}-\d{2}-\d{2}$/)],
		['number checks', z.number().int().min(-3).max(10)],
		['exclusive bounds and finite', z.number().finite().gt(0).lt(100)],
		['boolean, null, literal, enum', z.union([z.boolean(), z.null(), z.literal(7), z.enum(['a', 'b'])])],
		['optional and nullable', z.object({ a: z.string().optional(), b: z.number().nullable(), c: z.unknown() })],
		['passthrough object', z.object({ code: z.string() }).passthrough()],
		['strict object (read by zod)', z.object({ a: z.number() }).strict()],
		['arrays with bounds', z.array(z.number()).min(1).max(3)],
		['array of exact length', z.array(z.string()).length(2)],
		['discriminated union', lineOutcomeSchema],
		['refine', z.number().refine((value) => value % 2 === 0, 'even')],
		['transform', z.object({ a: z.string() }).transform((value) => ({ ...value, b: value.a.length }))],
		['transform adding an issue', z.string().transform((value, ctx) => (value === 'bad' ? (ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'bad' }), z.NEVER) : value))],
		['preprocess', z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), z.string().min(1))],
		['default (read by zod)', z.object({ a: z.number().default(3) })],
		['a log entry', logEntrySchema],
	];
	const values = fc.oneof(
		fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }),
		fc.record({ a: fc.oneof(fc.string(), fc.constant(undefined)), b: fc.oneof(fc.integer(), fc.constant(null)), code: fc.string(), extra: fc.anything() }, { requiredKeys: [] }),
		fc.constantFrom('bad', ' ab ', '', '2026-10-25', 4, 6, 7, NaN, Infinity, -Infinity, 99.5, ['x', 'y'], [1, 2], { lineId: 'L1', status: 'dryRun' }, { lineId: 'L1', status: 'held', code: 'ACW11', reason: 'r' }, { code: 'x', then: () => 1, catch: () => 2 }, { code: 'x', then: 1 }),
	);
	it.each(schemas)('%s', (_name, schema) => {
		fc.assert(
			fc.property(values, (value) => {
				expectSameAsZod(schema, value);
			}),
			{ numRuns: 400 },
		);
	});

	it('keeps a key given as undefined, leaves out an absent one, and drops what a stripped object does not know', () => {
		const schema = z.object({ a: z.string().optional(), b: z.string().optional() });
		const read = fastSafeParse(schema, { a: undefined, c: 1 });
		expect(read.success && Object.keys(read.data)).toEqual(['a']);
	});
});
