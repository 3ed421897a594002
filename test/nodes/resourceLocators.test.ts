import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { ConnectWiseManageApi } from '../../credentials/ConnectWiseManageApi.credentials';
import { listSearch } from '../../nodes/ReconcileAgreement/v1/methods';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { runPlan, sandboxCredentials } from './workflow';

/**
 * Issue 14, deliverable 4: Agreement Type, Product Subcategory and Product Type are resource locators. Agreement
 * Type by ID (From List or By ID: the ConnectWise ID) or by name (By Name, or a plain name as older workflows
 * have) plans the same; the two product locators give their IDs.
 */

type Result = Awaited<ReturnType<typeof runPlan>>;
const plans = (result: Result) =>
	result
		.json('Reconcile Agreement')
		.map((item) => ({ customer: (item.customer as IDataObject | null)?.code, agreementType: item.agreementType, agreement: item.agreement, lines: item.lines }));
const rl = (mode: string, value: string | number, cachedResultName?: string) => ({ __rl: true, mode, value, ...(cachedResultName && { cachedResultName }) });

describe('resource locators of Reconcile Agreement', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	beforeEach(() => sandbox.cw.reset());
	afterAll(async () => sandbox.stop());

	it('Agreement Type From List, By ID and By Name plan as the plain name does', async () => {
		const plain = await runPlan(sandbox, { reconcileAgreement: { agreementType: 'Cloud and Hosting Services' } });
		expect(plain.error).toBeUndefined();
		for (const agreementType of [rl('list', 7, 'Cloud and Hosting Services'), rl('id', '7'), rl('id', ' 7 '), rl('name', 'cloud and hosting services ')]) {
			const result = await runPlan(sandbox, { reconcileAgreement: { agreementType } });
			expect(result.error).toBeUndefined();
			const got = plans(result).map((plan) => ({ ...plan, agreementType: undefined }));
			expect(got).toEqual(plans(plain).map((plan) => ({ ...plan, agreementType: undefined })));
		}
		// By ID, a plan is labelled with ConnectWise's name of the type.
		const byId = await runPlan(sandbox, { reconcileAgreement: { agreementType: rl('id', '7') } });
		expect(plans(byId).filter((plan) => plan.agreement !== null).map((plan) => plan.agreementType)).toEqual(
			plans(plain).filter((plan) => plan.agreement !== null).map(() => 'Cloud and Hosting Services'),
		);
		// The ID of another type plans that type.
		const managed = await runPlan(sandbox, { reconcileAgreement: { agreementType: rl('id', 3) } });
		const managedByName = await runPlan(sandbox, { reconcileAgreement: { agreementType: 'Managed Services' } });
		expect(plans(managed)).toEqual(plans(managedByName));
	});

	it.each([
		['an ID ConnectWise lacks', rl('id', '99999'), /^CW21: .*no active agreement type has the ID 99999/],
		['an empty ID', rl('list', ''), /^CW21: .*Agreement Type ID must be a whole number/],
		['an empty name', rl('name', ''), /^CW21: .*Agreement Type must be the name of an agreement type/],
	])('Agreement Type with %s is CW21', async (_what, agreementType, message) => {
		const result = await runPlan(sandbox, { reconcileAgreement: { agreementType } });
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(message);
	});

	it('Product Subcategory and Product Type From List or By ID give their IDs', async () => {
		const parameters = { createMissingProducts: true, productSubcategory: rl('list', 12), productType: rl('id', '21'), options: { newProductPrice: 9.5 } };
		const result = await runPlan(sandbox, { reconcileAgreement: parameters });
		expect(result.error).toBeUndefined();
		const line = result
			.json('Reconcile Agreement')
			.flatMap((item) => item.lines as IDataObject[])
			.find((candidate) => candidate.sku === 'VEEAM-365-BACKUP');
		expect(line).toMatchObject({ newProduct: { identifier: 'VEEAM-365-BACKUP', subcategoryId: 12, typeId: 21, price: 9.5 } });
	});

	it.each([
		['agreementType', rl('id', 'Cloud'), /Not a valid agreement type ID \(a whole number from 1\)/],
		['agreementType', rl('id', '-3'), /Not a valid agreement type ID/],
		['productSubcategory', rl('id', '1.5'), /Not a valid product subcategory ID/],
		['productType', rl('id', 'abc'), /Not a valid product type ID/],
	])('By ID that is not a whole number (%s = %j) is refused by n8n before the node runs', async (name, value, message) => {
		const reconcileAgreement = { createMissingProducts: true, productSubcategory: rl('list', 12), productType: rl('list', 21), [name]: value };
		await expect(runPlan(sandbox, { reconcileAgreement })).rejects.toThrow(message);
	});
});

describe('list search of Reconcile Agreement (From List)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterAll(async () => sandbox.stop());

	/** A load-options context as n8n gives one: the sandbox credential, requests authenticated as the credential does. */
	function searchContext(): ILoadOptionsFunctions {
		const credentials = sandboxCredentials(sandbox)!.connectWiseManageApi as ICredentialDataDecryptedObject;
		const credential = new ConnectWiseManageApi();
		const httpRequestWithAuthentication = async (_type: string, options: IHttpRequestOptions) => {
			const authenticated = await (credential.authenticate as (c: ICredentialDataDecryptedObject, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>)(credentials, options);
			const response = await fetch(String(authenticated.url), {
				method: authenticated.method ?? 'GET',
				headers: authenticated.headers as Record<string, string>,
				body: authenticated.body as string | undefined,
			});
			const headers: Record<string, string> = {};
			response.headers.forEach((value, name) => {
				headers[name] = value;
			});
			return { statusCode: response.status, headers, body: await response.text() };
		};
		return {
			getCredentials: async () => credentials,
			getNode: () => ({ name: 'Reconcile Agreement' }),
			helpers: { httpRequestWithAuthentication },
		} as unknown as ILoadOptionsFunctions;
	}

	it('lists the active agreement types by name with their IDs, narrowed by the search text', async () => {
		const all = await listSearch.searchAgreementTypes.call(searchContext());
		expect(all.results).toEqual([
			{ name: 'Block Hours', value: 4 },
			{ name: 'Cloud and Hosting Services', value: 7 },
			{ name: 'Managed Services', value: 3 },
		]);
		const found = await listSearch.searchAgreementTypes.call(searchContext(), 'CLOUD');
		expect(found.results).toEqual([{ name: 'Cloud and Hosting Services', value: 7 }]);
	});

	it('lists product subcategories and types with their IDs', async () => {
		const subcategories = await listSearch.searchSubcategories.call(searchContext());
		expect(subcategories.results.length).toBeGreaterThan(0);
		expect(subcategories.results.every((result) => typeof result.value === 'number' && result.value > 0)).toBe(true);
		const types = await listSearch.searchProductTypes.call(searchContext(), 'zzz-no-such-type');
		expect(types.results).toEqual([]);
	});
});
