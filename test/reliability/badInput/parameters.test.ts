import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runSync, type SyncParameters } from '../../nodes/workflow';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { faultDataset } from '../support/faultDataset';
import { writesIn } from '../../support/outcome';
import { recordSection, Tally } from '../support/summary';

/**
 * Every parameter of the four nodes and every field of both credentials, given empty, malformed, oversized,
 * wrongly typed and hostile values (as an expression can): each is refused by the node it belongs to, before
 * any write, with its CW code where the seed has one (CW19 billing period, CW21 agreement type, CW16-CW18
 * ConnectWise credential, CW03 Atria credential) and otherwise a message naming the parameter. No message
 * repeats the value, and nothing crashes.
 */
const tally = new Tally();
const HOSTILE = `" or 1=1 -- ') (*%\n`;
const HUGE = 'x'.repeat(200_001);

type Kind = 'empty' | 'malformed' | 'oversized' | 'wrong type' | 'hostile';
type NodeKey = 'getBillingData' | 'reconcileAgreement' | 'applyAdditions' | 'emitCwLog';
const NODE_NAMES: Record<NodeKey, string> = {
	getBillingData: 'Get Billing Data',
	reconcileAgreement: 'Reconcile Agreement',
	applyAdditions: 'Apply Additions',
	emitCwLog: 'Emit CW Log',
};

interface ParameterRow {
	node: NodeKey;
	parameter: string;
	kind: Kind;
	value: unknown;
	/** Other parameters the value needs to be read (e.g. billingPeriod 'date' for billingDate). */
	with?: INodeParameters;
	message: RegExp;
	/**
	 * A well-formed name that is simply not there: the CW21 message names what was looked up. (It is matched
	 * among the types ConnectWise lists, never sent in a query.)
	 */
	namesValue?: boolean;
}

const CW19 = /^CW19: Incorrect billing period date or format \(/;
const CW21 = /^CW21: Invalid agreement type\. Please check agreement type in job parameters\./;

function rows(node: NodeKey, parameter: string, message: RegExp, values: Array<[Kind, unknown]>, extra?: INodeParameters): ParameterRow[] {
	return values.map(([kind, value]) => ({ node, parameter, kind, value, message, with: extra }));
}
/** An enum parameter's refusal: the allowed values, whatever was given instead. */
function oneOf(name: string, values: string[]): RegExp {
	const quoted = (quote: string) => values.map((value) => `${quote}${value}${quote}`);
	return new RegExp(`^Invalid parameter "${name}": (must be one of ${quoted('"').join(', ')}|Expected ${quoted("'").join(' \\| ')}, received \\w+)$`);
}
const option = (name: string) => `options.${name}`;

const parameterRows: ParameterRow[] = [
	...rows('getBillingData', 'billingPeriod', /^CW19: .*\(Billing Period must be Current, Previous or Specific Date\)$/, [
		['empty', ''],
		['malformed', 'Yesterday'],
		['oversized', HUGE],
		['wrong type', 5],
		['hostile', HOSTILE],
	]),
	...rows('getBillingData', 'billingDate', CW19, [
		['empty', '   '],
		['malformed', '2026-02-30'],
		['malformed', '2026-13-01'],
		['malformed', '25/10/2026'],
		['malformed', '２０２６-10-25'],
		['oversized', HUGE],
		['wrong type', 20261025],
		['hostile', `2026-10-25${HOSTILE}`],
	], { billingPeriod: 'date' }),
	...rows('getBillingData', 'periodEndDay', /^CW19: .*the period end day must be "last" or a day from 1 to 28/, [
		['empty', ''],
		['malformed', '29'],
		['malformed', '0'],
		['malformed', 2.5],
		['oversized', HUGE],
		['wrong type', true],
		['hostile', HOSTILE],
	]),
	...rows('getBillingData', 'customersFilter', /^Invalid parameter "customersFilter": /, [
		['oversized', HUGE],
		['wrong type', 42],
	]),
	...rows('getBillingData', 'onlyBillable', /^Invalid parameter "onlyBillable": /, [
		['wrong type', 'yes'],
		['hostile', HOSTILE],
	]),
	...rows('getBillingData', 'skipLinesWithoutSku', /^Invalid parameter "skipLinesWithoutSku": /, [
		['wrong type', 1],
		['hostile', HOSTILE],
	]),
	...rows('reconcileAgreement', 'agreementType', CW21, [
		['empty', ''],
		['empty', '   '],
		['oversized', HUGE],
		['wrong type', 7],
	]),
	...rows('reconcileAgreement', 'agreementType', CW21, [
		['malformed', 'Cloud and Hosting Service'],
		['hostile', HOSTILE],
	]).map((row) => ({ ...row, namesValue: true })),
	...rows('reconcileAgreement', 'allowCreateAdditions', /^Invalid parameter "allowCreateAdditions": /, [
		['wrong type', 'true'],
		['hostile', HOSTILE],
	]),
	...rows('reconcileAgreement', 'agreementSelection', oneOf('agreementSelection', ['lowestId', 'earliestStart', 'latestStart']), [
		['empty', ''],
		['malformed', 'highestId'],
		['wrong type', 3],
		['hostile', HOSTILE],
	]),
	...rows('reconcileAgreement', option('concurrency'), /^Invalid option "concurrency": must be (from 1 to 16|a whole number|a number)$/, [
		['malformed', 0],
		['malformed', 17],
		['malformed', 2.5],
		['malformed', -1],
		['oversized', 1e9],
		['wrong type', 'four'],
		['hostile', HOSTILE],
	]),
	...rows('reconcileAgreement', option('requestsPerMinute'), /^Invalid option "requestsPerMinute": must be (from 0 to 100000|a whole number|a number)$/, [
		['malformed', -1],
		['malformed', 1.5],
		['oversized', 1e12],
		['wrong type', '600'],
	]),
	...rows('reconcileAgreement', option('quantityTolerance'), /^Invalid option "quantityTolerance": must be (from 0 to 1|a number)$/, [
		['malformed', -0.1],
		['oversized', 2],
		['wrong type', 'tiny'],
	]),
	...rows('applyAdditions', 'dryRun', /^Invalid parameter "dryRun": /, [
		['wrong type', 'yes'],
		['hostile', HOSTILE],
	]),
	...rows('applyAdditions', 'effectiveDate', oneOf('effectiveDate', ['periodStart', 'today', 'date']), [
		['empty', ''],
		['malformed', 'tomorrow'],
		['wrong type', 1],
		['hostile', HOSTILE],
	]),
	...rows('applyAdditions', 'effectiveDateValue', /^Invalid parameter "effectiveDateValue": (expected YYYY-MM-DD|no such date)$/, [
		['empty', '   '],
		['malformed', '2026-02-30'],
		['malformed', '2026-10-1'],
		['oversized', HUGE],
		['wrong type', 20261001],
		['hostile', HOSTILE],
	], { effectiveDate: 'date' }),
	...rows('applyAdditions', option('concurrency'), /^Invalid option "concurrency": must be (from 1 to 16|a whole number|a number)$/, [
		['malformed', 0],
		['wrong type', 'all'],
	]),
	...rows('applyAdditions', option('requestsPerMinute'), /^Invalid option "requestsPerMinute": must be (from 0 to 100000|a whole number|a number)$/, [
		['malformed', -5],
		['wrong type', true],
	]),
	...rows('applyAdditions', option('checkBeforeCreate'), /^Invalid option "checkBeforeCreate": must be true or false$/, [
		['wrong type', 'no'],
		['wrong type', 0],
		['hostile', HOSTILE],
	]),
	...rows('emitCwLog', 'minimumLevel', oneOf('minimumLevel', ['Verbose', 'Info', 'Warn', 'Error']), [
		['empty', ''],
		['malformed', 'Debug'],
		['wrong type', 2],
		['hostile', HOSTILE],
	]),
];

/** One customer is enough to reach every node: the run stays short. */
const ONE_CUSTOMER: SyncParameters = { getBillingData: { customersFilter: 'BLUEGUM' } };

function parametersFor(row: ParameterRow): SyncParameters {
	const [name, sub] = row.parameter.split('.');
	const value = sub === undefined ? { [name]: row.value } : { options: { [sub]: row.value } };
	return { ...ONE_CUSTOMER, [row.node]: { ...ONE_CUSTOMER[row.node], ...row.with, ...value } as INodeParameters };
}

/** The message must not carry the value back: it may be a secret, very long, or crafted to mislead a reader. */
function expectNoEcho(text: string, value: unknown): void {
	if (typeof value === 'string' && value.trim().length >= 6) expect(text).not.toContain(value.trim());
}

describe('bad node parameters and credential fields', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: faultDataset() });
	});
	beforeEach(() => {
		sandbox.cw.reset();
		sandbox.cw.clearJournal();
	});
	afterAll(async () => {
		await sandbox.stop();
		await recordSection('badInput.parameters', tally.section());
	});

	it.each(parameterRows.map((row) => [NODE_NAMES[row.node], row.parameter, row.kind, row] as const))(
		'%s %s (%s) is refused by its node with a clear message',
		async (node, _parameter, kind, row) => {
			const result = await runSync(sandbox, parametersFor(row));
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ node: expect.objectContaining({ name: node }) });
			const message = String(result.error?.message);
			expect(message).toMatch(row.message);
			expect(result.error?.description).toBeTruthy();
			if (row.namesValue) expect(sandbox.cw.journal().map((entry) => decodeURIComponent(entry.query)).join('\n')).not.toContain(String(row.value).trim());
			else expectNoEcho(message, row.value);
			// A bad Emit CW Log parameter only fails the log; every other one stops before any write.
			if (row.node !== 'emitCwLog') expect(writesIn(sandbox.cw.journal())).toEqual([]);
			tally.add('parameterValues');
			tally.note('parameters', `${row.node}.${row.parameter}`);
			tally.note('kinds', kind);
		},
	);

	it.each([
		['Get Billing Data', { getBillingData: { billingPeriod: 'date', billingDate: '' } }],
		['Apply Additions', { applyAdditions: { effectiveDate: 'date', effectiveDateValue: '' } }],
	] as Array<[string, SyncParameters]>)('a required date left empty: n8n itself refuses to run the workflow (%s has issues)', async (node, parameters) => {
		await expect(runSync(sandbox, parameters)).rejects.toThrow(new RegExp(`The '${node}' node has issues`));
		expect(sandbox.cw.journal()).toEqual([]);
		tally.add('parameterValues');
	});

	it.each([
		['an impossible date (CW19)', { getBillingData: { billingDate: '2026-02-30' } }, ['CW19', 'CW23']],
		['an empty agreement type (CW21)', { reconcileAgreement: { agreementType: '' } }, ['CW01', 'CW21', 'CW23']],
	] as Array<[string, SyncParameters, string[]]>)('with Continue On Fail, %s reaches Emit CW Log as its entry', async (_what, parameters, codes) => {
		const result = await runSync(sandbox, { ...parameters, continueOnFail: true });
		expect(result.status).toBe('success');
		const logged = result.json('Emit CW Log', 0);
		expect(logged.map((entry) => entry.code)).toEqual(codes);
		expect(logged.at(-1)?.message).toBe('Billing Process Completed with status Failed');
		expect(writesIn(sandbox.cw.journal())).toEqual([]);
		tally.add('parameterValues');
	});

	it('odd but valid values are read as meant: spaces, case, a number for a day, hostile filter text', async () => {
		// A filter naming no customer selects none: CW15, and ConnectWise is never asked anything.
		const none = await runSync(sandbox, { getBillingData: { customersFilter: HOSTILE } });
		expect(none.json('Emit CW Log', 0).map((entry) => entry.code)).toEqual(['CW01', 'CW15', 'CW23']);
		expect(sandbox.cw.journal()).toEqual([]);

		const some = await runSync(sandbox, {
			getBillingData: { billingDate: ' 2026-10-25 ', periodEndDay: 25, customersFilter: 'zürich\n bluegum ;' },
			reconcileAgreement: { agreementType: '  cloud AND hosting services ', options: { concurrency: 16, requestsPerMinute: 0, quantityTolerance: 0 } },
			applyAdditions: { options: { checkBeforeCreate: true } },
		});
		expect(some.status).toBe('success');
		const customers = some.json('Get Billing Data').map((item) => (item.customer as IDataObject).code);
		expect(customers.sort()).toEqual(['BLUEGUM', 'ZÜRICH']);
		expect(writesIn(sandbox.cw.journal()).length).toBeGreaterThan(0);
		tally.add('parameterValues', 2);
	});

	interface CredentialRow {
		credential: 'cw' | 'atria';
		field: string;
		kind: Kind;
		value: unknown;
		message: RegExp;
	}
	const cw = (field: string, message: RegExp, values: Array<[Kind, unknown]>): CredentialRow[] =>
		values.map(([kind, value]) => ({ credential: 'cw', field, kind, value, message }));
	const atria = (field: string, message: RegExp, values: Array<[Kind, unknown]>): CredentialRow[] =>
		values.map(([kind, value]) => ({ credential: 'atria', field, kind, value, message }));
	const cw18 = (property: string) => new RegExp(`^CW18: Failed to validate ConnectWise secrets\\. ${property} must have a valid value`);
	const GUID = '00000000-0000-4000-8000-000000000000';

	const credentialRows: CredentialRow[] = [
		...cw('site', /^CW17: Failed to Retrieve Job Task Parameters: Error reported was: api url is not available$/, [
			['empty', ''],
			['wrong type', 5],
		]),
		...cw('site', cw18('Site'), [
			['malformed', 'not a host name'],
			['hostile', HOSTILE],
		]),
		...cw('customUrl', /^CW17: /, [
			['empty', ''],
			['wrong type', 8611],
		]),
		...cw('customUrl', cw18('Custom URL'), [
			['malformed', 'not a url'],
			['malformed', 'javascript:alert(1)'],
			['malformed', 'ftp://cw.example.com'],
			['malformed', 'https://user:secret@cw.example.com'],
			['malformed', 'http://cw.example.com'],
			['hostile', HOSTILE],
			['oversized', `https://${HUGE}`],
		]),
		...cw('codebase', cw18('Codebase'), [
			['malformed', 'v9/'],
			['malformed', '../../admin/'],
			['oversized', HUGE],
			['wrong type', 2025],
			['hostile', HOSTILE],
		]),
		...cw('companyId', cw18('Company ID'), [
			['empty', ''],
			['malformed', 'sand+box'],
			['malformed', 'sand:box'],
			['malformed', 'sändbox'],
			['oversized', 'C'.repeat(51)],
			['wrong type', 12345],
			['hostile', HOSTILE],
		]),
		...cw('publicKey', cw18('Public Key'), [
			['empty', ''],
			['malformed', 'PUBLIC:KEY'],
			['oversized', 'P'.repeat(101)],
			['wrong type', 12345],
			['hostile', HOSTILE],
		]),
		...cw('privateKey', cw18('Private Key'), [
			['empty', ''],
			['malformed', 'PRIVATE KEY WITH SPACES'],
			['malformed', 'PRIVATE-KEY-ÄÖÜ'],
			['oversized', 'K'.repeat(101)],
			['wrong type', 12345],
			['hostile', HOSTILE],
		]),
		...cw('clientId', cw18('Client ID'), [
			['empty', ''],
			['malformed', 'not-a-guid'],
			['malformed', `{${GUID}}`],
			['malformed', `${GUID}\r\nX-Injected: 1`],
			['oversized', `${GUID}${'0'.repeat(100)}`],
			['wrong type', 12345],
			['hostile', HOSTILE],
		]),
		...atria('baseUrl', /^CW03: Failed to connect to Atria: Error reported was : the Atria base URL /, [
			['empty', ''],
			['malformed', 'not a url'],
			['malformed', 'ftp://atria.example.com'],
			['malformed', 'https://user:secret@atria.example.com'],
			['malformed', 'http://atria.example.com'],
			['wrong type', 8612],
			['hostile', HOSTILE],
		]),
		...atria('apiToken', /^CW03: Failed to connect to Atria: Error reported was : /, [
			['empty', ''],
			['malformed', 'TOKEN WITH SPACES'],
			['malformed', 'TOKEN-ÄÖÜ'],
			['malformed', 'TOKEN\nX-Injected: 1'],
			['oversized', 'T'.repeat(20_000)],
			['wrong type', 12345],
			['hostile', HOSTILE],
		]),
	];

	it.each(credentialRows.map((row) => [row.credential === 'cw' ? 'ConnectWise' : 'Atria', row.field, row.kind, row] as const))(
		'%s credential %s (%s) is refused with its code and without its value',
		async (_credential, _field, _kind, row) => {
			// The plain-http cases would be allowed by Allow Plain HTTP: it is off here.
			const result = await runSync(sandbox, ONE_CUSTOMER, { [row.credential]: { [row.field]: row.value } });
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({ node: expect.objectContaining({ name: row.credential === 'cw' ? 'Reconcile Agreement' : 'Get Billing Data' }) });
			const text = `${String(result.error?.message)} ${String(result.error?.description)}`;
			expect(String(result.error?.message)).toMatch(row.message);
			expectNoEcho(text, row.value);
			expectNoEcho(JSON.stringify(result.run), row.value);
			expect(writesIn(sandbox.cw.journal())).toEqual([]);
			tally.add('credentialValues');
			tally.note('credentialFields', `${row.credential}.${row.field}`);
		},
	);

	it('Allow Plain HTTP must be exactly true: a text "true" keeps plain http refused', async () => {
		for (const [credential, field, url] of [
			['cw', 'customUrl', 'http://cw.example.com'],
			['atria', 'baseUrl', 'http://atria.example.com'],
		]) {
			const result = await runSync(sandbox, {}, { [credential]: { [field]: url, allowPlainHttp: 'true' } });
			expect(String(result.error?.message)).toMatch(/plain http/);
		}
		tally.add('credentialValues', 2);
		tally.note('credentialFields', 'atria.allowPlainHttp');
		tally.note('credentialFields', 'cw.allowPlainHttp');
	});
});
