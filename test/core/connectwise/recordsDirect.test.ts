import fc from 'fast-check';
import {
	additionReader,
	agreementReader,
	catalogItemReader,
	companyReader,
	type RecordReader,
} from '../../../nodes/core/connectwise/schemas';
import { generateDatasetWithCases } from '../../../sandbox/data/generator';

/**
 * The client reads plain ConnectWise records directly (zod's garbage at 100,000 records was the largest share of
 * the benchmark's allocations) and hands every other record to the schema: a record the direct reader accepts
 * must be one the schema accepts, read to the same value, with the same keys in the same order.
 */
const READERS: Array<[string, RecordReader<unknown>]> = [
	['company', companyReader as RecordReader<unknown>],
	['agreement', agreementReader as RecordReader<unknown>],
	['addition', additionReader as RecordReader<unknown>],
	['catalog item', catalogItemReader as RecordReader<unknown>],
];

/** Keys at every depth, in order, so that a difference in key order or in a key kept with undefined shows. */
function keyTrace(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(keyTrace);
	return Object.keys(value).map((key) => [key, keyTrace((value as Record<string, unknown>)[key])]);
}

/** The direct reading agrees with the schema: either it declines, or it gives exactly what the schema gives. */
function expectAgreement(reader: RecordReader<unknown>, raw: unknown): 'direct' | 'schema' {
	const direct = reader.direct!(raw);
	const bySchema = reader.schema.safeParse(raw);
	if (direct === undefined) return 'schema';
	expect(bySchema.success).toBe(true);
	expect(direct).toStrictEqual(bySchema.data);
	expect(keyTrace(direct)).toEqual(keyTrace(bySchema.data));
	return 'direct';
}

const VALID: Record<string, Record<string, unknown>> = {
	company: { id: 11, identifier: 'ACME', name: 'Acme Ltd', deletedFlag: false },
	agreement: {
		id: 5,
		name: 'Cloud',
		type: { id: 7, name: 'Cloud and Hosting Services' },
		company: { id: 11, identifier: 'ACME', name: 'Acme Ltd' },
		agreementStatus: 'Active',
		cancelledFlag: false,
		startDate: '2024-01-01T00:00:00Z',
	},
	addition: {
		id: 900,
		product: { id: 3, identifier: 'M365-E3' },
		quantity: 12,
		lessIncluded: 0,
		billCustomer: 'Billable',
		cancelledDate: null,
		effectiveDate: '2026-09-26T00:00:00Z',
		description: 'Microsoft 365 E3',
		unitPrice: 32.5,
		unitCost: 28,
		agreementId: 5,
		_info: { lastUpdated: '2026-10-01T00:00:00Z', updatedBy: 'api' },
	},
	'catalog item': {
		id: 3,
		identifier: 'M365-E3',
		description: 'Microsoft 365 E3',
		inactiveFlag: false,
		productClass: 'NonInventory',
		price: 32.5,
		cost: 28,
	},
};

const EDGES: unknown[] = [
	undefined,
	null,
	0,
	-1,
	1,
	2.5,
	1e21,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	Number.NEGATIVE_INFINITY,
	'',
	'x',
	'12',
	'Billable',
	'DoNotBill',
	'NoCharge',
	'billable',
	true,
	false,
	{},
	[],
	{ id: 3 },
	{ id: 3, identifier: 'M365-E3' },
	{ id: 3, identifier: 'M365-E3', extra: 1 },
	{ id: 0, identifier: 'M365-E3' },
	{ id: 3, name: 'Named' },
	{ lastUpdated: null },
	{ lastUpdated: '2026-10-01', updatedBy: 5 },
	{ updatedBy: undefined },
	{ then: () => undefined, catch: () => undefined },
	new Date(0),
	new Map(),
];

describe('ConnectWise records: the direct reading agrees with the schema', () => {
	it.each(READERS)('%s: a valid record, each field in turn set to each edge value, missing, or shadowed', (kind, reader) => {
		const base = VALID[kind];
		expect(expectAgreement(reader, base)).toBe('direct');
		expect(expectAgreement(reader, JSON.parse(JSON.stringify({ ...base, unknown: 1 })))).toBe('direct');
		for (const key of Object.keys(base)) {
			for (const edge of EDGES) expectAgreement(reader, { ...base, [key]: edge });
			const { [key]: _left, ...without } = base;
			expectAgreement(reader, without);
		}
		for (const edge of EDGES) expectAgreement(reader, edge);
		expect(expectAgreement(reader, Object.assign(Object.create(null), base))).toBe('direct');
	});

	const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
		value: fc.oneof(
			{ depthSize: 'small' },
			fc.constantFrom(...EDGES),
			fc.string({ maxLength: 4 }),
			fc.double(),
			fc.integer({ min: -3, max: 1000 }),
			fc.boolean(),
			tie('object'),
		),
		object: fc.dictionary(fc.constantFrom('id', 'identifier', 'name', 'lastUpdated', 'updatedBy', 'other'), tie('value'), { maxKeys: 3 }),
	})).value;

	it.each(READERS)('%s: records with fields of every kind, valid or not', (kind, reader) => {
		const keys = [...Object.keys(VALID[kind]), 'other', '__proto__', 'constructor'];
		const changes = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 });
		let direct = 0;
		fc.assert(
			fc.property(changes, fc.boolean(), fc.boolean(), (change, fromValid, throughJson) => {
				const record = fromValid ? { ...VALID[kind], ...change } : change;
				const raw = throughJson ? (JSON.parse(JSON.stringify(record) ?? 'null') as unknown) : record;
				if (expectAgreement(reader, raw) === 'direct') direct++;
			}),
			{ numRuns: 3000, seed: 16 },
		);
		// The property is not vacuous: many of the records were read directly.
		expect(direct).toBeGreaterThan(100);
	});

	it("reads every record of the generator's ConnectWise directly, as the schema reads it", () => {
		const { dataset } = generateDatasetWithCases({ customers: 200, linesPerCustomer: 15, seed: 2026, changedFraction: 0.1, caseFraction: 0.05 });
		const cw = dataset.connectwise;
		const lists: Array<[RecordReader<unknown>, unknown[]]> = [
			[companyReader as RecordReader<unknown>, cw.companies],
			[agreementReader as RecordReader<unknown>, cw.agreements],
			[additionReader as RecordReader<unknown>, cw.additions],
			[catalogItemReader as RecordReader<unknown>, cw.catalog],
		];
		let read = 0;
		for (const [reader, records] of lists) {
			for (const record of JSON.parse(JSON.stringify(records)) as unknown[]) {
				expect(expectAgreement(reader, record)).toBe('direct');
				read++;
			}
		}
		expect(read).toBeGreaterThan(3000);
	});
});
