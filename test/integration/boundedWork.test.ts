import { PlanApplier } from '../../nodes/core/apply/applier';
import { toConnectWiseDate } from '../../nodes/core/atria/period';
import { AtriaClient } from '../../nodes/core/atria/client';
import { ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { connectWiseAuthHeaders, parseConnectWiseCredentials } from '../../nodes/core/connectwise/credentials';
import { getBillingData } from '../../nodes/core/sync/billingData';
import { reconcile } from '../../nodes/core/sync/reconcile';
import { RequestExecutor } from '../../nodes/core/transport/executor';
import { ITEMS_PER_REQUEST_SLOT } from '../../nodes/core/transport/pool';
import { startSandbox, type Sandbox } from '../../sandbox';
import { GENERATED_AGREEMENT_TYPE, GENERATED_BILLING_PERIOD_END, generateDatasetWithCases } from '../../sandbox/data/generator';
import type { Dataset } from '../../sandbox/model';
import { createAxiosTransport, systemClock } from '../support/axiosTransport';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_CREDENTIAL } from '../support/coreSync';
import { expectedLines, stateLines } from '../support/outcome';

const CONCURRENCY = 2;

/** A generated MSP in a sandbox whose answers come unevenly, so that customers finish out of order. */
async function startUnevenSandbox(seed: number): Promise<{ sandbox: Sandbox; dataset: Dataset }> {
	const { dataset } = generateDatasetWithCases({ customers: 120, linesPerCustomer: 6, seed, changedFraction: 0.3, caseFraction: 0.02 });
	const sandbox = await startSandbox({ dataset, connectwise: { config: { rateLimitPerMinute: 100_000, rateLimitWindowMs: 60_000 } } });
	sandbox.cw.setLatency([{ minMs: 0, maxMs: 15 }]);
	return { sandbox, dataset };
}

/**
 * A core run against `sandbox`: its ConnectWise executor (which a test may instrument before planning), and
 * `plan`, which reads the billing data and plans every customer through it.
 */
function openRun(sandbox: Sandbox, runId: string) {
	const connection = parseConnectWiseCredentials({ ...SANDBOX_CW_CREDENTIAL, customUrl: sandbox.cw.url });
	const cwTransport = createAxiosTransport(connectWiseAuthHeaders(connection));
	const atriaTransport = createAxiosTransport({ Authorization: `Bearer ${SANDBOX_ATRIA_TOKEN}` });
	const executor = new RequestExecutor({ transport: cwTransport, clock: systemClock, concurrency: CONCURRENCY });
	const context = { runId, now: () => new Date() };
	return {
		executor,
		context,
		async plan() {
			const atria = new AtriaClient(new RequestExecutor({ transport: atriaTransport, clock: systemClock }), sandbox.atria.url);
			const data = await getBillingData(
				atria,
				{ billingPeriod: GENERATED_BILLING_PERIOD_END, periodEndDay: 25, today: '2026-11-24', onlyBillable: true, customersFilter: [], skipLinesWithoutSku: false },
				context,
			);
			const client = await ConnectWiseClient.connect(executor, connection);
			const plans = await reconcile(
				client,
				data.customers,
				data.period,
				{ agreementTypeName: GENERATED_AGREEMENT_TYPE, allowCreateAdditions: true, createMissingProducts: null, agreementSelection: 'lowestId', quantityTolerance: 0.0001, review: null },
				context,
			);
			return { client, plans };
		},
		close() {
			cwTransport.close();
			atriaTransport.close();
		},
	};
}

/**
 * The snapshot's additions reads and Apply's writes go through a pool of a few agreements per request slot, not
 * all at once: work not yet due is not parked in the executor's queue (memory at 5,000 customers, #16). What a
 * run does must not change: the same final state, and Apply's results in the order of the plans.
 */
describe('work in flight is bounded by the executor concurrency', () => {
	let sandbox: Sandbox;
	let dataset: Dataset;
	beforeAll(async () => {
		({ sandbox, dataset } = await startUnevenSandbox(16));
	});
	afterAll(async () => sandbox.stop());

	it('keeps at most concurrency x ITEMS_PER_REQUEST_SLOT agreements with requests outstanding, and the run as it was', async () => {
		const run = openRun(sandbox, 'bounded');
		try {
			const { executor, context } = run;
			// Requests handed to the executor and not yet answered (queued or in flight), by agreement.
			const outstanding = new Map<string, number>();
			let most = 0;
			let agreementRequests = 0;
			const tryExecute = executor.tryExecute.bind(executor);
			executor.tryExecute = async (request, options) => {
				const agreement = /\/finance\/agreements\/(\d+)\//.exec(request.url)?.[1];
				if (agreement === undefined) return tryExecute(request, options);
				agreementRequests++;
				outstanding.set(agreement, (outstanding.get(agreement) ?? 0) + 1);
				most = Math.max(most, outstanding.size);
				try {
					return await tryExecute(request, options);
				} finally {
					const left = outstanding.get(agreement)! - 1;
					if (left === 0) outstanding.delete(agreement);
					else outstanding.set(agreement, left);
				}
			};
			const { client, plans } = await run.plan();
			const readsOfSnapshot = agreementRequests;
			const results = await new PlanApplier(async () => ({ client, executor }), context).apply(plans, {
				dryRun: false,
				checkBeforeCreate: true,
				quantityTolerance: 0.0001,
				effectiveDate: (plan) => toConnectWiseDate(plan.billingPeriod.start),
			});

			// Enough agreements for the bound to matter: all at once would have had every one outstanding.
			expect(readsOfSnapshot).toBeGreaterThan(4 * CONCURRENCY * ITEMS_PER_REQUEST_SLOT);
			expect(agreementRequests - readsOfSnapshot).toBeGreaterThan(4 * CONCURRENCY * ITEMS_PER_REQUEST_SLOT);
			expect(most).toBeLessThanOrEqual(CONCURRENCY * ITEMS_PER_REQUEST_SLOT);
			expect(outstanding.size).toBe(0);
			expect(results.map((result) => result.customer.code)).toEqual(plans.map((plan) => plan.customer.code));
			expect(results.map((result) => result.lines)).toEqual(plans.map((plan) => plan.lines));
			expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(dataset.expected!.createAllowed.additions));
		} finally {
			run.close();
		}
	});
});

/**
 * Apply Additions reads each plan from its input item when the customer is due and hands the result on when the
 * customer is done (applyEach), so a run of thousands of customers never holds every plan and result at once
 * (#16). Plans held are bounded by the pool, each plan is read twice (once to learn the customers and the
 * catalog items the run needs, once to apply it), and the run ends as apply() ends it.
 */
describe('applyEach holds only the plans in flight', () => {
	let sandbox: Sandbox;
	let dataset: Dataset;
	beforeAll(async () => {
		({ sandbox, dataset } = await startUnevenSandbox(61));
	});
	afterAll(async () => sandbox.stop());

	it('reads each plan when its customer is due, hands each result on when done, and ends in the expected state', async () => {
		const run = openRun(sandbox, 'apply-each');
		try {
			const { executor, context } = run;
			const { client, plans } = await run.plan();
			const options = { dryRun: false, checkBeforeCreate: true, quantityTolerance: 0.0001, effectiveDate: (plan: (typeof plans)[number]) => toConnectWiseDate(plan.billingPeriod.start) };
			const reads = new Array<number>(plans.length).fill(0);
			const held = new Set<number>();
			let mostHeld = 0;
			const doneOrder: number[] = [];
			const results = new Array<Awaited<ReturnType<PlanApplier['apply']>>[number]>(plans.length);
			await new PlanApplier(async () => ({ client, executor }), context).applyEach(
				{
					count: plans.length,
					plan: (index) => {
						reads[index]++;
						// The second read is the one the customer is applied with: held until its result is handed on.
						if (reads[index] === 2) {
							held.add(index);
							mostHeld = Math.max(mostHeld, held.size);
						}
						// A copy each time, as reading an item gives.
						return structuredClone(plans[index]);
					},
					options: () => options,
				},
				(index, result) => {
					expect(held.has(index)).toBe(true);
					held.delete(index);
					doneOrder.push(index);
					results[index] = result;
				},
			);

			expect(plans.length).toBeGreaterThan(4 * CONCURRENCY * ITEMS_PER_REQUEST_SLOT);
			expect(reads.every((count) => count === 2)).toBe(true);
			expect(mostHeld).toBeLessThanOrEqual(CONCURRENCY * ITEMS_PER_REQUEST_SLOT);
			expect(held.size).toBe(0);
			// Customers finished out of order (uneven latency), and each result still went to its own index.
			expect(doneOrder).not.toEqual([...doneOrder].sort((a, b) => a - b));
			expect(results.map((result) => result.customer.code)).toEqual(plans.map((plan) => plan.customer.code));
			expect(stateLines(sandbox.cw.state())).toEqual(expectedLines(dataset.expected!.createAllowed.additions));
		} finally {
			run.close();
		}
	});
});
