import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PlanApplier } from '../../nodes/core/apply/applier';
import type { PeriodCustomer } from '../../nodes/core/atria/customers';
import * as reconcileModule from '../../nodes/core/sync/reconcile';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { runCoreSync } from '../support/coreSync';

/**
 * The job lets the billing data go once the plans are made (#16: at 5,000 customers it is memory the writes do
 * not need): by the time Apply starts, a full collection takes back the customers Reconcile planned.
 */
describe('runJob while it applies', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterAll(async () => sandbox.stop());

	it('no longer holds the billing customers', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		let customers: WeakRef<PeriodCustomer[]> | undefined;
		let heldDuringApply: boolean | undefined;
		// By hand, not jest.spyOn: a mock keeps the arguments of its calls.
		const module = reconcileModule as { reconcile: typeof reconcileModule.reconcile };
		const reconcile = module.reconcile;
		const apply = PlanApplier.prototype.apply;
		module.reconcile = (client, list, ...rest) => {
			customers = new WeakRef(list as PeriodCustomer[]);
			return reconcile(client, list, ...rest);
		};
		PlanApplier.prototype.apply = async function (this: PlanApplier, ...args: Parameters<typeof apply>) {
			// A WeakRef's target is kept until the current job ends: collect after it.
			await new Promise((resolve) => setImmediate(resolve));
			gc();
			heldDuringApply = customers?.deref() !== undefined;
			return apply.apply(this, args);
		};
		try {
			const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true });
			expect(result.results.length).toBeGreaterThan(0);
		} finally {
			module.reconcile = reconcile;
			PlanApplier.prototype.apply = apply;
		}
		expect(customers).toBeDefined();
		expect(heldDuringApply).toBe(false);
	});
});
