import { catalogDescription, planReconciliation } from '../../nodes/core/plan/planner';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import type { AtriaRow, Dataset } from '../../sandbox/model';
import { PlanApplier } from '../../nodes/core/apply/applier';
import { ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { connectWiseAuthHeaders, parseConnectWiseCredentials } from '../../nodes/core/connectwise/credentials';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import { createAxiosTransport, systemClock } from '../support/axiosTransport';
import { runCoreSync, SANDBOX_CW_CREDENTIAL, type CoreSyncOptions } from '../support/coreSync';
import { context, customer, line, options, period, snapshot } from '../core/fixtures';
import { messageOf } from '../../nodes/core/log/entry';

/** Cloud Backup / Subscription in the demo catalog. */
const NEW_PRODUCTS = { subcategoryId: 12, typeId: 21, price: 4.5 };
const SKU = 'VEEAM-365-BACKUP';

/** The demo, plus a second customer (BLUEGUM) that also bills the SKU missing from the catalog. */
function datasetWithSharedMissingSku(): Dataset {
	const dataset = cloneDemoDataset();
	const rows = dataset.atria.periods['2026-10-25'];
	const bluegum = rows.find((row) => row.customerCode === 'BLUEGUM' && row.billableFlag) as AtriaRow;
	const extra: AtriaRow = { ...bluegum, productSku: SKU.toLowerCase(), summaryDescription: 'Veeam Backup for Microsoft 365', thisMonthCount: 3, lastMonthCount: 0 };
	rows.push(extra);
	dataset.atria.defaultRows = rows;
	return dataset;
}

function catalogItems(sandbox: Sandbox, identifier: string) {
	return sandbox.cw.state().catalog.filter((item) => item.identifier.toLowerCase() === identifier.toLowerCase());
}

function activeAdditionsOf(sandbox: Sandbox, identifier: string) {
	return sandbox.cw.state().additions.filter((addition) => !addition.cancelledDate && addition.product.identifier.toLowerCase() === identifier.toLowerCase());
}

describe('Create Missing Products (CW11)', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: datasetWithSharedMissingSku() });
	});
	afterEach(async () => sandbox.stop());

	const sync = (extra: Partial<CoreSyncOptions> = {}) =>
		runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, createMissingProducts: NEW_PRODUCTS, retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 1500, ...extra });

	it('creates one catalog item for a SKU two customers need, then both additions', async () => {
		const result = await sync();
		const [item] = catalogItems(sandbox, SKU);
		expect(catalogItems(sandbox, SKU)).toHaveLength(1);
		// The first customer needing it (by code: BLUEGUM) gives the spelling; SKUs match case-insensitively.
		expect(item).toMatchObject({ identifier: SKU.toLowerCase(), description: 'Veeam Backup for Microsoft 365', customerDescription: 'Veeam Backup for Microsoft 365', subcategory: { id: 12 }, type: { id: 21 }, price: 4.5 });
		expect(sandbox.cw.journal().filter((entry) => entry.method === 'POST' && entry.route === 'procurement/catalog')).toHaveLength(1);
		expect(activeAdditionsOf(sandbox, SKU).map((addition) => addition.quantity).sort((a, b) => a - b)).toEqual([3, 10]);
		const codes = (code: string) => result.entries.filter((entry) => entry.code === code);
		expect(codes('ACW04')).toHaveLength(1);
		expect(messageOf(codes('ACW04')[0])).toBe(`BLUEGUM Catalog Item Added : New product ${SKU.toLowerCase()} added to the ConnectWise catalog for Veeam Backup for Microsoft 365`);
		expect(codes('CW08').filter((entry) => entry.sku?.toLowerCase() === SKU.toLowerCase())).toHaveLength(2);
		// An inactive catalog item is not created again, and an unquotable SKU is never sent.
		expect(codes('CW06').map((entry) => entry.sku).sort()).toEqual(['LEGACY-HOSTED-EXCH', `SPLA-SQL-"STD"-2'CORE`]);

		sandbox.cw.clearJournal();
		await sync();
		expect(sandbox.cw.journal().filter((entry) => entry.method !== 'GET')).toEqual([]);
	});

	it('creates the product but no addition when creating additions is not allowed (ACW04, CW22)', async () => {
		const result = await sync({ allowCreateAdditions: false });
		expect(catalogItems(sandbox, SKU)).toHaveLength(1);
		expect(activeAdditionsOf(sandbox, SKU)).toEqual([]);
		const kowhai = result.entries.filter((entry) => entry.customerCode === 'KOWHAI').map((entry) => entry.code);
		expect(kowhai).toEqual(expect.arrayContaining(['ACW04', 'CW22']));
	});

	it('logs CW11 with the API message on every line that needed a product it could not create, and the rest completes', async () => {
		sandbox.cw.setFaults([{ method: 'POST', path: 'procurement/catalog', kind: 403 }]);
		const result = await sync();
		const failures = result.entries.filter((entry) => entry.code === 'CW11');
		expect(failures.map((entry) => entry.customerCode).sort()).toEqual(['BLUEGUM', 'KOWHAI']);
		expect(messageOf(failures[0])).toMatch(/Catalog Item Veeam Backup for Microsoft 365, SKU VEEAM-365-BACKUP, Error Details HTTP 403 Security/i);
		expect(catalogItems(sandbox, SKU)).toEqual([]);
		expect(activeAdditionsOf(sandbox, SKU)).toEqual([]);
		const expected = cloneDemoDataset().expected!.createAllowed.additions.length;
		// Every addition is in the expectation (cancelled and scheduled lines too): none was added.
		expect(sandbox.cw.state().additions).toHaveLength(expected);
		expect(result.status).toBe('Failed');
	});

	it('never creates the product twice when its create succeeds but the answer is lost', async () => {
		sandbox.cw.setFaults([{ method: 'POST', path: 'procurement/catalog', kind: 'reset', stage: 'after', times: 1 }]);
		const result = await sync();
		expect(catalogItems(sandbox, SKU)).toHaveLength(1);
		expect(activeAdditionsOf(sandbox, SKU)).toHaveLength(2);
		expect(result.entries.filter((entry) => entry.code === 'ACW04')).toHaveLength(1);
		expect(result.entries.filter((entry) => entry.code === 'CW11')).toEqual([]);
	});

	it('uses an item someone created between plan and apply (ObjectExists) instead of failing or duplicating', async () => {
		const planned = await sync({ dryRun: true });
		const state = sandbox.cw.state();
		state.catalog.push({ id: 999, identifier: SKU, description: 'Made by hand', inactiveFlag: false, productClass: 'Service' });
		sandbox.cw.reset(state);
		sandbox.cw.clearJournal();
		const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url });
		const transport = createAxiosTransport(connectWiseAuthHeaders(connection));
		try {
			const executor = new RequestExecutor({ transport, clock: systemClock, retry: { baseDelayMs: 5 } });
			const client = await ConnectWiseClient.connect(executor, connection);
			const results = await new PlanApplier(async () => ({ client, executor }), { runId: 'r', now: () => new Date() }).apply(planned.plans, {
				dryRun: false,
				effectiveDate: () => '2026-09-26T00:00:00Z',
				checkBeforeCreate: true,
				quantityTolerance: 0.0001,
			});
			const entries = results.flatMap((result) => result.log);
			expect(sandbox.cw.journal().filter((entry) => entry.route === 'procurement/catalog' && entry.method === 'POST').map((entry) => entry.status)).toEqual([400]);
			expect(catalogItems(sandbox, SKU)).toHaveLength(1);
			expect(activeAdditionsOf(sandbox, SKU).map((addition) => addition.product.id)).toEqual([999, 999]);
			expect(entries.filter((entry) => entry.code === 'ACW04' || entry.code === 'CW11')).toEqual([]);
		} finally {
			transport.close();
		}
	});
});

describe('planning new products', () => {
	it('refuses SKUs too long for the catalog, and cuts descriptions at a word', () => {
		const long = 'X'.repeat(61);
		const [plan] = planReconciliation(
			[customer('A', 'ACME', [line(long, 1), line('NEW-1', 2, 'A very long description of a cloud service that goes well past sixty characters')])],
			snapshot({ companies: [{ id: 1, identifier: 'ACME', name: 'Acme' }], agreements: [{ id: 5, name: 'A', type: { id: 7, name: 'Cloud and Hosting Services' }, company: { id: 1 }, agreementStatus: 'Active', cancelledFlag: false }], additions: { 5: [] } }),
			{ ...options, allowCreateAdditions: true, createMissingProducts: { subcategoryId: 1, typeId: 1 } },
			context,
			period,
		);
		expect(plan.lines.map((l) => [l.code, l.action])).toEqual([
			['CW08', 'create'],
			['CW06', 'skip'],
		]);
		expect(plan.lines[1].error).toMatch(/longer than 60/);
		expect(plan.lines[0].newProduct?.description).toBe('A very long description of a cloud service that goes well');
		expect(catalogDescription('  ', 'SKU-1')).toBe('SKU-1');
	});
});
