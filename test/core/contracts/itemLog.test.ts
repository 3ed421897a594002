import { packLog, unpackLog, type LogContext } from '../../../nodes/core/contracts/itemLog';
import { planItemSchema, toPlanItem } from '../../../nodes/core/contracts/items';
import { WRITE_ACTIONS } from '../../../nodes/core/plan/types';
import { messageOf, type LogEntry } from '../../../nodes/core/log/entry';
import { DEFAULT_REVIEW_POLICY } from '../../../nodes/core/plan/review';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { cloneDemoDataset } from '../../../sandbox/data/demo';
import { applyPlans } from '../../support/applyPlans';
import { runCoreSync } from '../../support/coreSync';

/**
 * Packed logs (what items carry) give back exactly the entries they were packed from, after the JSON round trip
 * n8n gives every item, and are much smaller.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ dataset: cloneDemoDataset() });
});
afterAll(async () => sandbox.stop());

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function roundTrip(context: LogContext, entries: LogEntry[]): { packed: number; full: number } {
	const packed = viaJson(packLog(context, entries));
	expect(unpackLog(viaJson(context), packed)).toEqual(viaJson(entries));
	return { packed: JSON.stringify(packed).length, full: JSON.stringify(entries).length };
}

describe('packed item logs', () => {
	it('plans and apply results of the demo (held, applied, failed, ACW05, ACW09 ...) round-trip exactly, at under a third of the size', async () => {
		sandbox.cw.setFaults([{ method: 'PATCH', path: 'finance/agreements/1001/additions/5001', kind: 403 }]);
		const planned = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true, review: DEFAULT_REVIEW_POLICY });
		const results = await applyPlans(sandbox, planned.plans);
		sandbox.cw.clearFaults();
		const codes = new Set<string>([...planned.plans, ...results].flatMap((plan) => plan.log.map((entry) => entry.code)));
		for (const code of ['CW07', 'CW09', 'CW10', 'CW14', 'CW20', 'ACW05', 'ACW11']) expect([code, codes.has(code)]).toEqual([code, true]);
		let packed = 0;
		let full = 0;
		for (const plan of [...planned.plans, ...results]) {
			const sizes = roundTrip(plan, plan.log);
			packed += sizes.packed;
			full += sizes.full;
		}
		expect(packed).toBeLessThan(full / 3);
	});

	it('keeps what a person or a node changed: an edited message or level, a removed field, another run', async () => {
		const { plans } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, dryRun: true });
		const plan = plans.find((candidate) => candidate.log.some((entry) => entry.lineId !== undefined))!;
		const edited = plan.log.map((entry, index) =>
			index === 0 ? { ...entry, message: 'edited by a Code node', level: 'Error' as const, runId: 'another-run' } : entry.lineId !== undefined ? { ...entry, sku: undefined, quantityAfter: 42 } : entry,
		);
		roundTrip(plan, edited);
	});

	it('entries carry no rendered message: one set to what its code and fields render is left out, and shows the same', async () => {
		const { plans } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, dryRun: true });
		const plan = plans.find((candidate) => candidate.log.some((entry) => entry.lineId !== undefined))!;
		expect(plan.log.filter((entry) => entry.message !== undefined)).toEqual([]);
		const rendered = plan.log.map((entry) => ({ ...entry, message: messageOf(entry) }));
		const packed = viaJson(packLog(plan, rendered));
		expect(packed.filter((element) => typeof element !== 'string' && 'message' in element)).toEqual([]);
		const unpacked = unpackLog(viaJson(plan), packed);
		expect(unpacked.map((entry) => entry.message)).toEqual(plan.log.map(() => undefined));
		expect(unpacked.map(messageOf)).toEqual(rendered.map((entry) => entry.message));
		expect(rendered[0].message).toMatch(new RegExp(`^${plan.customer.code} `));
	});

	it('entries of an item without a customer or lines (Get Billing Data, a failure) round-trip', async () => {
		const { entries } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, dryRun: true });
		roundTrip({ runId: entries[0].runId }, entries);
		roundTrip({ runId: 'other' }, entries.slice(0, 3));
	});

	it("a line's own entry (its code, nothing else of its own) is the line's ID alone; any other entry stays an object", async () => {
		const { plans } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, dryRun: true });
		const plan = plans.find((candidate) => candidate.lines.some((line) => line.code === 'CW09'))!;
		const packed = packLog(plan, plan.log);
		const lineOf = (id: string | undefined) => plan.lines.find((line) => line.lineId === id);
		expect(packed.some((element) => typeof element === 'string')).toBe(true);
		const planned = plans.flatMap((candidate) => packLog(candidate, candidate.log).filter((element, index) => typeof element === 'string' && candidate.log[index].outcome === 'planned'));
		expect(planned.length).toBeGreaterThan(0);
		packed.forEach((element, index) => {
			const entry = plan.log[index];
			if (typeof element !== 'string') return expect(element.code).toBe(entry.code);
			expect(element).toBe(entry.lineId);
			expect(entry.code).toBe(lineOf(element)!.code);
			// A planned write's own entry says "planned"; any other line's says no outcome.
			expect(entry.outcome).toBe(WRITE_ACTIONS.has(lineOf(element)!.action) ? 'planned' : undefined);
			expect(entry.timestamp).toBe(plan.log[index - 1].timestamp);
		});
		const own = plan.log.filter((_, index) => typeof packed[index] === 'string');
		// Another code on the same line, or a field of its own, keeps the entry an object.
		const changed = plan.log.map((entry) => (entry === own[0] ? { ...entry, code: 'ACW09' as const } : entry));
		expect(packLog(plan, changed)[plan.log.indexOf(own[0])]).toMatchObject({ code: 'ACW09', lineId: own[0].lineId });
		roundTrip(plan, changed);
	});

	it('an item whose log names a line it does not have is refused, naming the line', async () => {
		const { plans } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, dryRun: true });
		const plan = plans.find((candidate) => candidate.lines.some((line) => line.code === 'CW09'))!;
		const item = viaJson(toPlanItem(plan));
		const index = item.log.findIndex((element) => typeof element === 'string');
		expect(index).toBeGreaterThanOrEqual(0);
		expect(planItemSchema.safeParse(item).success).toBe(true);
		item.log[index] = 'L999';
		const parsed = planItemSchema.safeParse(item);
		expect(parsed.success).toBe(false);
		if (!parsed.success) expect(parsed.error.issues[0]).toMatchObject({ path: ['log', index], message: 'names line "L999", which is not one of the item\'s lines' });
	});
});
