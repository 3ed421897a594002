import { runSync } from '../../nodes/workflow';
import { startRecordingServer, type RecordingServer } from '../../n8n/recordingServer';
import { startSandbox, type Sandbox } from '../../../sandbox';
import type { AtriaRow } from '../../../sandbox/model';
import { runCoreSync } from '../../support/coreSync';
import { FAST } from '../faults/matrix';
import { CLEAN_STATUS, cleanCodes, faultDataset } from '../support/faultDataset';
import {
	HOSTILE_AGREEMENT_TYPE,
	hostileDataset,
	hostileExpectedCodes,
	QUERYABLE_IDENTIFIERS,
	QUERYABLE_SKUS,
	TOO_LONG_CUSTOMER_CODE,
	TOO_LONG_IDENTIFIER,
	TOO_LONG_SKU,
	UNQUOTABLE,
} from '../support/hostileDataset';
import { activeLines, codesByCustomer, duplicatesCreated, expectedExcept, expectedLines, stateLines, writesIn } from '../../support/outcome';
import { hasControlCharacter, readSentQueries } from '../support/queries';
import { recordSection, Tally } from '../support/summary';

/**
 * Hostile and broken data from Atria and in ConnectWise: every value reaches ConnectWise only as a quoted
 * literal of a well-formed query (or not at all, when it cannot be quoted), each problem gets its CW code, and
 * nothing crashes or changes a line it should not.
 */
const tally = new Tally();
afterAll(() => recordSection('badInput.data', tally.section()));

const distinct = (values: string[]) => [...new Set(values)].sort();

describe('hostile identifiers, SKUs, names and quantities', () => {
	let sandbox: Sandbox;
	const dataset = hostileDataset();
	const expected = expectedLines(dataset.expected!.createAllowed.additions);
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset });
	});
	beforeEach(() => {
		sandbox.cw.reset();
		sandbox.cw.clearJournal();
	});
	afterAll(async () => sandbox.stop());

	function expectOnlyIntendedQueries(): void {
		const journal = sandbox.cw.journal();
		// Throws on any conditions string that is not exactly the intended shape.
		const sent = readSentQueries(journal);
		expect(distinct(sent.values['company/companies'] ?? [])).toEqual(distinct(QUERYABLE_IDENTIFIERS));
		expect(distinct(sent.values['procurement/catalog'] ?? [])).toEqual(distinct(QUERYABLE_SKUS));
		// A value with a double quote travels in single quotes, one with a single quote in double quotes.
		const companies = sent.conditions.find((text) => text.startsWith('identifier in') && text.includes('ALLGOOD'))!;
		expect(companies).toContain(`'" or 1=1'`);
		expect(companies).toContain(`"O'Neil"`);
		// What cannot be quoted is never sent, anywhere in any URL.
		const urls = journal.map((entry) => decodeURIComponent(`${entry.path}?${entry.query}`));
		for (const value of [...Object.values(UNQUOTABLE), TOO_LONG_IDENTIFIER, TOO_LONG_SKU]) {
			for (const url of urls) expect(url).not.toContain(value);
		}
		for (const url of urls) expect(hasControlCharacter(url)).toBe(false);
		tally.add('queriesChecked', sent.conditions.length);
	}

	it('the core: exact state, each problem its code, every query well formed', async () => {
		const result = await runCoreSync({
			cwUrl: sandbox.cw.url,
			atriaUrl: sandbox.atria.url,
			allowCreateAdditions: true,
			agreementType: HOSTILE_AGREEMENT_TYPE,
			retry: FAST,
		});
		expect(stateLines(sandbox.cw.state())).toEqual(expected);
		expect(duplicatesCreated(sandbox.cw.state(), dataset)).toEqual([]);
		expect(codesByCustomer(result.entries)).toEqual(hostileExpectedCodes);
		expectOnlyIntendedQueries();

		// The messages say which value was wrong and why.
		const messages = (code: string) => result.entries.filter((entry) => entry.code === code).map((entry) => entry.error ?? '');
		expect(messages('CW14')).toEqual(
			expect.arrayContaining([
				'the billing identifier contains both quote kinds or a control character',
				'the billing identifier contains both quote kinds or a control character',
				'the billing identifier is longer than 30 characters',
			]),
		);
		expect(messages('CW06').sort()).toEqual(
			['the SKU contains both quote kinds or a control character', 'the SKU contains both quote kinds or a control character', 'the SKU is longer than 60 characters'].sort(),
		);
		expect(messages('CW13')).toEqual([
			expect.stringMatching(/^row 21: quantity .*greater than or equal to 0; customer NEGATIVE is not processed this run$/),
			expect.stringMatching(/^row 23: quantity .*less than or equal to 1000000000; customer HUGE is not processed this run$/),
			expect.stringMatching(new RegExp(`^row 25: customerCode .*200.*; customer ${TOO_LONG_CUSTOMER_CODE} is not processed this run$`)),
		]);
		// Hostile text is carried verbatim in the log, never interpreted.
		expect(result.entries.find((entry) => entry.customerCode === 'MULTI\nLINE')).toMatchObject({ code: 'CW04', customerName: 'Multi\nline "name"' });
		expect(result.status).toBe('Failed');

		// Run again: nothing to write.
		sandbox.cw.clearJournal();
		await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, agreementType: HOSTILE_AGREEMENT_TYPE, retry: FAST });
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		tally.add('hostileValues', QUERYABLE_IDENTIFIERS.length + QUERYABLE_SKUS.length + Object.keys(UNQUOTABLE).length + 3);
		tally.add('hostileDatasetRuns');
	});

	it('the n8n nodes: the same state and codes, hostile names carried verbatim in the items', async () => {
		const result = await runSync(sandbox, { reconcileAgreement: { agreementType: HOSTILE_AGREEMENT_TYPE } });
		expect(result.error).toBeUndefined();
		expect(stateLines(sandbox.cw.state())).toEqual(expected);
		const rows = result.json('Emit CW Log', 0);
		expect(codesByCustomer(rows.map((row) => ({ code: row.code as never, customerCode: (row.customerCode as string) || undefined })))).toEqual(hostileExpectedCodes);
		const customers = result.json('Get Billing Data').map((item) => (item.customer as { code: string; name: string }).code);
		expect(customers).toEqual(expect.arrayContaining([`C" or 1=1`, `O'NEIL`, 'MULTI\nLINE', 'ÜNÏ']));
		expectOnlyIntendedQueries();
		tally.add('hostileDatasetRuns');
	});
});

describe('Atria rows that do not match the contract', () => {
	let sandbox: Sandbox;
	let atria: RecordingServer;
	const dataset = faultDataset();
	const goodRows: AtriaRow[] = dataset.atria.periods['2026-10-25'];
	const bluegumRow = goodRows.find((row) => row.customerCode === 'BLUEGUM' && row.productSku === 'M365-BP' && row.billableFlag)!;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset });
		atria = await startRecordingServer();
	});
	beforeEach(() => {
		sandbox.cw.reset();
		sandbox.cw.clearJournal();
	});
	afterAll(async () => {
		await sandbox.stop();
		await atria.close();
	});

	/** The broken rows for the period; the period before it as the demo has it (its services that left). */
	function serve(rows: unknown[]): void {
		const previous = dataset.atria.periods['2026-09-25'];
		atria.reply((request) => ({
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(request.url.includes('/api/billing/2026-09-25') ? previous : rows),
		}));
	}
	const sync = () => runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: atria.url, allowCreateAdditions: true, retry: FAST });

	/** BLUEGUM's M365-BP row (22 -> 24) with one field broken. JSON has no NaN: "NaN" and a missing value stand in. */
	const broken: Array<[string, Record<string, unknown>, RegExp]> = [
		['quantity "NaN"', { thisMonthCount: 'NaN' }, /quantity is not a number/],
		['quantity missing', { thisMonthCount: undefined }, /quantity is missing/],
		['quantity null', { thisMonthCount: null }, /quantity is missing/],
		['quantity negative', { thisMonthCount: -1 }, /quantity number must be greater than or equal to 0/],
		['quantity huge', { thisMonthCount: 1e12 }, /quantity number must be less than or equal to 1000000000/],
		['quantity "12abc"', { thisMonthCount: '12abc' }, /quantity is not a number/],
		['quantity true', { thisMonthCount: true }, /quantity is not a number/],
		['quantity an object', { thisMonthCount: { value: 24 } }, /quantity is not a number/],
		['last month negative', { lastMonthCount: -3 }, /previousQuantity number must be greater than or equal to 0/],
		['SKU an object', { productSku: { id: 1 } }, /sku is not text/],
		['SKU a list', { productSku: ['M365-BP'] }, /sku is not text/],
		['billable "yes"', { billableFlag: 'yes' }, /billable is not true or false/],
		['billing identifier an object', { customerAccountCode: { id: 251 } }, /billingIdentifier is not text/],
		['customer name a list', { customerName: ['Bluegum'] }, /customerName is not text/],
	];

	it.each(broken)('%s: CW13 naming the row and field; BLUEGUM is left as it is, every other customer completes', async (_what, change, reason) => {
		serve([...goodRows, { ...bluegumRow, ...change }]);
		const result = await sync();
		const bad = result.entries.filter((entry) => entry.code === 'CW13');
		expect(bad).toHaveLength(1);
		expect(bad[0]).toMatchObject({ customerCode: 'BLUEGUM', level: 'Error' });
		expect(bad[0].error).toMatch(new RegExp(`^row ${goodRows.length + 1}: `));
		expect(bad[0].error).toMatch(reason);
		expect(bad[0].error).toMatch(/customer BLUEGUM is not processed this run$/);
		// Nothing of BLUEGUM's changed: its unreadable line is not taken for a removed service.
		expect(stateLines(sandbox.cw.state())).toEqual(expectedExcept(dataset, { agreementId: 1001 }));
		const { BLUEGUM: _bluegum, ...others } = cleanCodes();
		expect(codesByCustomer(result.entries)).toEqual({ ...others, BLUEGUM: ['CW13'] });
		expect(result.status).toBe('Failed');
		tally.add('badRows');
	});

	const unowned: Array<[string, unknown]> = [
		['no customer code', { ...bluegumRow, customerCode: undefined }],
		['an empty customer code', { ...bluegumRow, customerCode: '' }],
		['a blank customer code', { ...bluegumRow, customerCode: '   ' }],
		['a customer code that is an object', { ...bluegumRow, customerCode: { code: 'BLUEGUM' } }],
		['a row that is null', null],
		['a row that is text', 'BLUEGUM,M365-BP,24'],
		['a row that is a list', ['BLUEGUM', 'M365-BP', 24]],
	];

	it.each(unowned)('%s: the row belongs to no known customer, so the run stops with CW13 and writes nothing', async (_what, badRow) => {
		serve([...goodRows, badRow]);
		const result = await sync();
		expect(result.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW13', 'CW23']);
		expect(result.entries[1].error).toMatch(new RegExp(`^row ${goodRows.length + 1}[: ].*names no customer`));
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		expect(stateLines(sandbox.cw.state())).toEqual(activeLines(dataset.connectwise.additions));
		tally.add('badRows');
	});

	it.each([
		['not JSON', '{"rows": [1, 2', /not valid JSON/],
		['not a list', '{"rows": []}', /not a list of rows/],
		['rows of the wrong shape only', '[{"a": 1}, {"b": 2}]', /no row of the Atria billing data has the expected fields/],
	])('a body that is %s stops the run with CW13 and writes nothing', async (_what, body, message) => {
		atria.reply({ status: 200, headers: { 'content-type': 'application/json' }, body });
		const result = await sync();
		expect(result.entries.map((entry) => entry.code)).toEqual(['CW01', 'CW13', 'CW23']);
		expect(result.entries[1].error).toMatch(message);
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		tally.add('badBodies');
	});

	it('fractional, string and exactly duplicated quantities are read as numbers and summed', async () => {
		const exo = goodRows.find((row) => row.customerCode === 'BLUEGUM' && row.productSku === 'EXO-P1')!;
		// EXO-P1 5 twice (a duplicated row) is 10; "3.75" as text is 3.75.
		serve([...goodRows, { ...exo }, { ...exo, productSku: 'AZ-BACKUP-TB', thisMonthCount: '0.25' }]);
		const result = await sync();
		expect(result.entries.filter((entry) => entry.level === 'Error')).toEqual([]);
		const bluegum = sandbox.cw.state().additions.filter((addition) => addition.agreementId === 1001).map((addition) => `${addition.product.identifier}|${addition.quantity}`);
		expect(bluegum).toEqual(expect.arrayContaining(['EXO-P1|10', 'AZ-BACKUP-TB|4']));
		expect(result.status).toBe(CLEAN_STATUS);
		tally.add('badRows', 2);
	});
});
