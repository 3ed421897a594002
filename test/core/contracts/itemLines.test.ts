import { packLines, unpackLines, type PackableLine } from '../../../nodes/core/contracts/itemLines';
import { planItemSchema, toPlanItem } from '../../../nodes/core/contracts/items';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { cloneDemoDataset } from '../../../sandbox/data/demo';
import { runCoreSync } from '../../support/coreSync';

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Line = PackableLine & { lineId: string; quantityAfter: number | null };
const line = (fields: Partial<Line>): Line => ({ lineId: 'L1', action: 'unchanged', sku: 'M365-BP', quantityAfter: 5, ...fields });

describe('packed plan lines', () => {
	it('leave out the plan agreement, a 0 change on a line that writes nothing, and a product identifier that is the SKU', () => {
		const lines = [
			line({ agreementId: 1002, product: { id: 7, identifier: 'M365-BP' }, unitPrice: 20, unitCost: 15, monthlyRevenueChange: 0, monthlyCostChange: 0 }),
			line({ lineId: 'L2', action: 'update', agreementId: 1002, unitPrice: 20, monthlyRevenueChange: 0 }),
		];
		const packed = viaJson(packLines(1002, lines));
		expect(packed[0]).toEqual({ lineId: 'L1', action: 'unchanged', sku: 'M365-BP', quantityAfter: 5, product: { id: 7 }, unitPrice: 20, unitCost: 15 });
		// A write keeps its change, even 0: only a line that writes nothing changes nothing by definition.
		expect(packed[1]).toEqual({ lineId: 'L2', action: 'update', sku: 'M365-BP', quantityAfter: 5, unitPrice: 20, monthlyRevenueChange: 0 });
		expect(unpackLines(1002, packed)).toEqual(lines);
	});

	it('leave out the quantity after of an unchanged line only when it is the quantity before', () => {
		const lines = [
			line({ quantityBefore: 5, quantityAfter: 5 }),
			line({ lineId: 'L2', quantityBefore: 5, quantityAfter: 5.00001 }),
			line({ lineId: 'L3', action: 'update', quantityBefore: 5, quantityAfter: 5 }),
			line({ lineId: 'L4', action: 'skip', quantityBefore: null, quantityAfter: null }),
		];
		const packed = viaJson(packLines(undefined, lines)) as Array<Record<string, unknown>>;
		expect(packed.map((entry) => 'quantityAfter' in entry)).toEqual([false, true, true, true]);
		expect(packed[3].quantityAfter).toBeNull();
		expect(unpackLines(undefined, packed)).toEqual(lines);
	});

	it('keep what differs from what would be restored, null standing for absent', () => {
		const lines = [
			line({ agreementId: 999, product: { id: 7, identifier: 'm365-bp' }, unitPrice: 20, monthlyRevenueChange: 3 }),
			line({ lineId: 'L2', unitPrice: 20, unitCost: 15 }),
			line({ lineId: 'L3', action: 'skip', sku: null, product: { id: 8, identifier: 'X' } }),
		];
		const packed = viaJson(packLines(1002, lines));
		expect(packed[0]).toMatchObject({ agreementId: 999, product: { id: 7, identifier: 'm365-bp' }, monthlyRevenueChange: 3 });
		expect(packed[1]).toMatchObject({ agreementId: null, monthlyRevenueChange: null, monthlyCostChange: null });
		expect(unpackLines(1002, packed)).toEqual(lines);
		expect(unpackLines(undefined, viaJson(packLines(undefined, lines)))).toEqual(lines);
	});

	describe('on the demo plans', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox({ dataset: cloneDemoDataset() });
		});
		afterAll(async () => sandbox.stop());

		it('every plan item reads back as the plan it was made from, and is smaller', async () => {
			const { plans } = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true });
			let packedBytes = 0;
			let fullBytes = 0;
			for (const plan of plans) {
				const item = viaJson(toPlanItem(plan));
				const parsed = planItemSchema.parse(item);
				expect(parsed.lines).toEqual(viaJson(plan.lines));
				expect(parsed.log).toEqual(viaJson(plan.log));
				packedBytes += JSON.stringify(item.lines).length;
				fullBytes += JSON.stringify(plan.lines).length;
			}
			expect(packedBytes).toBeLessThan(fullBytes * 0.9);
		});
	});
});
