import { codesCausedByApi, codesOfKind, isCwCode } from '../../../nodes/core/codes/catalogue';
import { describeItemError, planItemSchema } from '../../../nodes/core/contracts/items';
import { PLAN_FORMAT } from '../../../nodes/core/contracts/plan';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import { agreement, company, context, customer, line, options, period, snapshot } from '../fixtures';

/** The plan item contract: one schema, the format it carries, and the codes' kinds from the catalogue. */
const [plan] = planReconciliation(
	[customer('ACME', 'ACME', [line('M365-BP', 2)])],
	snapshot({ companies: [company(1, 'ACME')], agreements: [agreement(100, 1)], additions: { 100: [] } }),
	options,
	context,
	period,
);

describe('plan items', () => {
	it('a plan made now is a valid plan item of the current format', () => {
		expect(plan.planFormat).toBe(PLAN_FORMAT);
		expect(planItemSchema.safeParse(plan).success).toBe(true);
	});

	it('a plan of another format is refused, saying which format this version reads', () => {
		const parsed = planItemSchema.safeParse({ ...plan, planFormat: PLAN_FORMAT + 1 });
		expect(parsed.success).toBe(false);
		expect(describeItemError(parsed.error!, 0, 'a Reconcile Agreement item')).toBe(
			`input item 1 is not a Reconcile Agreement item: planFormat: plan format ${PLAN_FORMAT + 1} is not known to this version of Apply Additions (it reads format ${PLAN_FORMAT}): run Reconcile Agreement of the same version again`,
		);
	});

	it('a plan without a format comes from an older Reconcile Agreement', () => {
		const { planFormat: _format, ...older } = plan;
		const parsed = planItemSchema.safeParse(older);
		expect(describeItemError(parsed.error!, 0, 'a Reconcile Agreement item')).toMatch(/planFormat: missing: the item comes from an older Reconcile Agreement/);
	});
});

describe('the catalogue is the one list of codes and their kinds', () => {
	it('the write codes are the ones the run summary counts', () => {
		expect([...codesOfKind('write')].sort()).toEqual(['ACW02', 'CW07', 'CW08', 'CW20']);
		expect([...codesOfKind('stopsRun')].sort()).toEqual(['CW02', 'CW03', 'CW13', 'CW16', 'CW17', 'CW18', 'CW19', 'CW21']);
		expect([...codesCausedByApi()].sort()).toEqual(['CW02', 'CW03', 'CW13']);
		expect(isCwCode('ACW10')).toBe(true);
		expect(isCwCode('CW24')).toBe(false);
	});
});
