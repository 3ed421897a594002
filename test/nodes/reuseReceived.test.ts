import { jsonEqual, reuseReceived, sharedWhenEqual } from '../../nodes/shared/reuseReceived';
import { runSync } from './workflow';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';

describe('reuseReceived: what a node hands on unchanged is the object it received', () => {
	it('compares as JSON: undefined keys count as absent, order of keys does not matter, arrays do', () => {
		expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
		expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
		expect(jsonEqual([1, 2], [2, 1])).toBe(false);
		expect(jsonEqual({ a: [1] }, { a: { 0: 1 } })).toBe(false);
		expect(jsonEqual(0, -0)).toBe(true);
		expect(jsonEqual('1', 1)).toBe(false);
	});

	it('gives the received object for an equal value and keeps its own parts where they differ', () => {
		const received = { customer: { code: 'A' }, review: { held: ['L1'] }, log: [{ code: 'CW09' }, { code: 'CW07', outcome: 'planned' }, { code: 'CW09' }] };
		const value = {
			customer: { code: 'A' },
			review: { held: ['L1', 'L2'] },
			log: [{ code: 'CW09' }, { code: 'CW07', outcome: 'applied' }, { code: 'CW08' }, { code: 'CW09' }],
			outcomes: [{ lineId: 'L2' }],
		};
		const result = reuseReceived(value, received);
		expect(result).toEqual(value);
		expect(result.customer).toBe(received.customer);
		expect(result.review).not.toBe(received.review);
		expect(result.log[0]).toBe(received.log[0]);
		expect(result.log[1]).toBe(value.log[1]);
		expect(result.log[2]).toBe(value.log[2]);
		// Found after the inserted entry: the entries after an insert are still the received ones.
		expect(result.log[3]).toBe(received.log[2]);
		expect(result.outcomes).toBe(value.outcomes);
		expect(reuseReceived({ ...received }, received)).toBe(received);
	});

	it('never hands on a received part that differs, however the arrays shift', () => {
		const received = { log: Array.from({ length: 40 }, (_, index) => ({ code: `C${index % 3}`, n: index % 5 })) };
		const value = { log: [...received.log.slice(10).map((entry) => ({ ...entry })), { code: 'X', n: 1 }] };
		const result = reuseReceived(value, received);
		expect(result).toEqual(value);
		result.log.forEach((entry, index) => expect(entry).toEqual(value.log[index]));
	});
});

describe('sharedWhenEqual: items that say the same thing share one object', () => {
	it('gives the first of equal values, and keeps values that differ and primitives as they are', () => {
		const same = sharedWhenEqual();
		const first = { needsApproval: false, heldLineIds: [] };
		expect(same(first)).toBe(first);
		expect(same({ needsApproval: false, heldLineIds: [] })).toBe(first);
		const other = { needsApproval: true, heldLineIds: ['L1'] };
		expect(same(other)).toBe(other);
		expect(same(3)).toBe(3);
		expect(same(null)).toBeNull();
		// Another output's function knows nothing of this one's values.
		expect(sharedWhenEqual()({ needsApproval: false, heldLineIds: [] })).not.toBe(first);
	});
});

describe('Apply Additions hands on the plan it received as the same objects (n8n saves them once)', () => {
	let sandbox: Sandbox;
	beforeEach(async () => {
		sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	});
	afterEach(async () => sandbox.stop());

	it('shares the lines, customer, money and review, and the log entries it did not change', async () => {
		const result = await runSync(sandbox);
		expect(result.status).toBe('success');
		const plans = result.json('Reconcile Agreement');
		const applied = result.json('Apply Additions');
		expect(applied.length).toBe(plans.length);
		let sharedEntries = 0;
		applied.forEach((item, index) => {
			const plan = plans[index];
			if (!plan.customer) return;
			for (const key of ['lines', 'customer', 'company', 'agreement', 'billingPeriod', 'money', 'review']) expect([key, item[key] === plan[key]]).toEqual([key, true]);
			const received = new Set(plan.log as object[]);
			sharedEntries += (item.log as object[]).filter((entry) => received.has(entry)).length;
			if ((item.outcomes as unknown[]).length === 0) expect(item.log).toBe(plan.log);
		});
		expect(sharedEntries).toBeGreaterThan(0);
		// Customers with nothing held share one review object (Reconcile Agreement's output).
		const nothingHeld = plans.filter((plan) => plan.customer && (plan.review as { needsApproval: boolean }).needsApproval === false);
		expect(nothingHeld.length).toBeGreaterThan(1);
		expect(new Set(nothingHeld.map((plan) => plan.review)).size).toBe(1);
	});
});
