import fc from 'fast-check';
import { parseRow, parseRowBySchema } from '../../../nodes/core/atria/rows';
import { renameFields } from '../../../sandbox/atria/rows';
import { generateDatasetWithCases } from '../../../sandbox/data/generator';

/**
 * parseRow reads plain rows directly (zod's garbage at 75,000 rows was most of the benchmark's peak memory) and
 * hands every other row to rowSchema: whatever the row, it must answer exactly as rowSchema alone does.
 */
describe('Atria rows: the direct reading agrees with the schema', () => {
	const NAMES = [
		['customerCode', 'customerShortCode'],
		['customerName'],
		['customerAccountCode', 'billingIdentifier'],
		['productSku', 'sku', 'stockCode'],
		['summaryDescription', 'summaryGrouping', 'lineDescription'],
		['thisMonthCount', 'quantity'],
		['lastMonthCount'],
		['billableFlag', 'billable'],
	].flat();
	const caseOf = (name: string, mode: number) =>
		mode === 0 ? name : mode === 1 ? name.toLowerCase() : mode === 2 ? name.toUpperCase() : name[0].toUpperCase() + name.slice(1);

	const TRICKY: unknown[] = [
		'',
		' ',
		'  ACME ',
		'ACME',
		'Société Générale',
		'x'.repeat(200),
		'x'.repeat(201),
		` ${'y'.repeat(200)} `,
		'3',
		' 3 ',
		'2.75',
		'-0',
		'-1',
		'1e3',
		'3.',
		'.5',
		'0x10',
		'1000000000',
		'1000000001',
		'ten',
		'true',
		'True',
		'TRUE',
		'false',
		'False',
		'FALSE',
		'1',
		'0',
		'yes',
		'tRue',
		0,
		1,
		2,
		-0,
		-1,
		2.75,
		1e9,
		1e9 + 1,
		1e12,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY,
		true,
		false,
		null,
		undefined,
		{},
		[],
		['A'],
		{ value: 1 },
	];
	const tricky = fc.constantFrom(...TRICKY);
	const value = fc.oneof(tricky, fc.string(), fc.double(), fc.integer({ min: -5, max: 5 }), fc.boolean());
	const row = fc.dictionary(
		fc.tuple(fc.constantFrom(...NAMES, 'other', 'Id', '__proto__', 'constructor'), fc.integer({ min: 0, max: 3 })).map(([name, mode]) => caseOf(name, mode)),
		value,
		{ maxKeys: 4 },
	);

	const BASE = { customerCode: 'ACME', customerName: 'Acme', customerAccountCode: 'ACME1', productSku: 'M365', summaryDescription: 'Mail', thisMonthCount: 3, lastMonthCount: 2, billableFlag: true };

	it('on a valid row with each field in turn set to each edge value, under each of its names', () => {
		let cases = 0;
		for (const name of NAMES) {
			for (const mode of [0, 2]) {
				for (const edge of TRICKY) {
					const raw: Record<string, unknown> = { ...BASE, [caseOf(name, mode)]: edge };
					expect(parseRow(raw, 7)).toEqual(parseRowBySchema(raw, 7));
					cases++;
				}
			}
		}
		expect(cases).toBe(NAMES.length * 2 * TRICKY.length);
	});

	/** How fields were picked before the direct path (a Map of lower-cased names, the last spelling winning), under the first alias of each field. */
	const ALIASES: Array<[string, string[]]> = [
		['customerCode', ['customercode', 'customershortcode']],
		['customerName', ['customername']],
		['customerAccountCode', ['customeraccountcode', 'billingidentifier']],
		['productSku', ['productsku', 'sku', 'stockcode']],
		['summaryDescription', ['summarydescription', 'summarygrouping', 'linedescription']],
		['thisMonthCount', ['thismonthcount', 'quantity']],
		['lastMonthCount', ['lastmonthcount']],
		['billableFlag', ['billableflag', 'billable']],
	];
	const pickedAsBefore = (raw: Record<string, unknown>): Record<string, unknown> => {
		const byLowerName = new Map(Object.entries(raw).map(([key, value]) => [key.toLowerCase(), value]));
		const row: Record<string, unknown> = {};
		for (const [name, aliases] of ALIASES) {
			const alias = aliases.find((candidate) => byLowerName.has(candidate));
			row[name] = alias === undefined ? undefined : byLowerName.get(alias);
		}
		return row;
	};

	it('on rows with fields of every kind, valid or not, under any name and letter case', () => {
		fc.assert(
			fc.property(row, fc.boolean(), fc.nat(100_000), (changes, fromValid, index) => {
				const raw = fromValid ? { ...BASE, ...changes } : changes;
				const direct = parseRow(raw, index);
				const bySchema = parseRowBySchema(raw, index);
				expect(direct).toEqual(bySchema);
				expect(JSON.stringify(direct)).toBe(JSON.stringify(bySchema));
				// The same fields are picked as before: the row with only those, under their first names, reads the same.
				expect(parseRow(pickedAsBefore(raw), index)).toEqual(direct);
			}),
			{ numRuns: 2000, seed: 16 },
		);
	});

	it('on rows of plausible values (mostly valid), with repeated names in other letter cases', () => {
		const plausible = fc.record({
			code: fc.oneof(fc.constantFrom('ACME', ' acme ', '', '42'), fc.integer({ min: 0, max: 999 }), fc.string({ maxLength: 3 })),
			name: fc.oneof(fc.constantFrom('Acme Ltd', null, undefined, ' '), fc.integer()),
			identifier: fc.oneof(fc.constantFrom('ACME1', '  ', '', null, undefined), fc.integer()),
			sku: fc.oneof(fc.constantFrom('M365-E3', ' sku ', '', null, undefined), fc.integer()),
			quantity: fc.oneof(fc.double({ min: -2, max: 2e9 }), fc.constantFrom('3', ' 4.5 ', '-1', 'x')),
			previous: fc.oneof(fc.double({ min: -2, max: 2e9 }), fc.constantFrom(null, undefined, '7')),
			billable: fc.constantFrom<unknown>(true, false, 1, 0, 'true', 'False', null, undefined, 'no'),
			shadow: fc.option(fc.constantFrom('CUSTOMERCODE', 'Quantity', 'SKU', 'billableflag')),
		});
		fc.assert(
			fc.property(plausible, ({ code, name, identifier, sku, quantity, previous, billable, shadow }) => {
				const raw: Record<string, unknown> = {
					customerCode: code,
					customerName: name,
					customerAccountCode: identifier,
					productSku: sku,
					summaryDescription: 'Mail',
					thisMonthCount: quantity,
					lastMonthCount: previous,
					billableFlag: billable,
				};
				if (shadow !== null) raw[shadow] = 'shadowed';
				expect(parseRow(raw, 0)).toEqual(parseRowBySchema(raw, 0));
			}),
			{ numRuns: 3000, seed: 16 },
		);
	});

	it("on the generator's rows under each naming the sandbox serves", () => {
		const { dataset } = generateDatasetWithCases({ customers: 200, linesPerCustomer: 15, seed: 2026, changedFraction: 0.1, caseFraction: 0.05 });
		const rows = dataset.atria.periods[dataset.billingPeriodEnd];
		let direct = 0;
		for (const naming of ['canonical', 'aliases', 'pascal'] as const) {
			rows.forEach((atriaRow, index) => {
				const raw = JSON.parse(JSON.stringify(renameFields(atriaRow, naming))) as unknown;
				const result = parseRow(raw, index);
				expect(result).toEqual(parseRowBySchema(raw, index));
				if (result.ok) direct++;
			});
		}
		expect(direct).toBe(3 * rows.length);
	});
});
