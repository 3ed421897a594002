import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import type { CwAddition } from '../../sandbox/model';
import { applyPlans } from '../support/applyPlans';
import { runCoreSync } from '../support/coreSync';

/**
 * A plan applied late (an approval that waited): a line a person added meanwhile decides. Apply never adds a
 * second line beside one that bills in the period or starts later, and adopts one that can take the quantity.
 */
const AGREEMENT = 1004;
const SKU = 'NCE-M365-BP "Annual"';

describe('a create applied after a person added a line of the product', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	async function planThenAddByHand(line: Partial<CwAddition>) {
		const planned = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true });
		expect(planned.plans.find((plan) => plan.customer.code === 'OBRIEN')?.lines.filter((l) => l.action === 'create').map((l) => l.sku)).toEqual([SKU]);
		const state = sandbox.cw.state();
		const product = state.catalog.find((item) => item.identifier === SKU)!;
		const byHand: CwAddition = {
			id: 9001,
			agreementId: AGREEMENT,
			product: { id: product.id, identifier: product.identifier },
			quantity: 1,
			billCustomer: 'Billable',
			effectiveDate: '2026-10-01T00:00:00Z',
			cancelledDate: null,
			unitPrice: product.price,
			...line,
		};
		state.additions.push(byHand);
		sandbox.cw.reset(state);
		sandbox.cw.clearJournal();
		return planned.plans;
	}

	const posts = () => sandbox.cw.journal().filter((entry) => entry.method === 'POST' && entry.route === `finance/agreements/${AGREEMENT}/additions`);
	const linesOfSku = () => sandbox.cw.state().additions.filter((addition) => addition.agreementId === AGREEMENT && addition.product.identifier === SKU);

	it('does not add beside a NoCharge line, and says so on the line (CW12)', async () => {
		const plans = await planThenAddByHand({ billCustomer: 'NoCharge' });
		const results = await applyPlans(sandbox, plans);
		expect(posts()).toEqual([]);
		expect(linesOfSku().map((addition) => [addition.id, addition.quantity, addition.billCustomer])).toEqual([[9001, 1, 'NoCharge']]);
		const entry = results.flatMap((result) => result.log).find((e) => e.customerCode === 'OBRIEN' && e.sku === SKU)!;
		expect(entry.code).toBe('CW12');
		expect(entry.error).toBe('a line of the product was added since the plan was made (addition 9001 is NoCharge); nothing was added beside it');
	});

	it('does not add beside a line that starts later', async () => {
		const plans = await planThenAddByHand({ effectiveDate: '2026-11-01T00:00:00Z' });
		await applyPlans(sandbox, plans);
		expect(posts()).toEqual([]);
		expect(linesOfSku().map((addition) => addition.quantity)).toEqual([1]);
	});

	it('adopts a Billable line that bills in the period, even with a cancel date ahead, instead of adding a second', async () => {
		const plans = await planThenAddByHand({ cancelledDate: '2026-12-31T00:00:00Z' });
		const results = await applyPlans(sandbox, plans);
		expect(posts()).toEqual([]);
		expect(linesOfSku().map((addition) => [addition.id, addition.quantity])).toEqual([[9001, 3]]);
		const entry = results.flatMap((result) => result.log).find((e) => e.customerCode === 'OBRIEN' && e.code === 'CW08')!;
		expect(entry).toMatchObject({ outcome: 'applied', additionId: 9001 });
	});
});
