import type { CustomerResult } from '../../nodes/core/apply/applier';
import { DEFAULT_REVIEW_POLICY } from '../../nodes/core/plan/review';
import type { CustomerPlan, PlanLine } from '../../nodes/core/plan/types';
import { startSandbox, type Sandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { applyPlans } from '../support/applyPlans';
import { runCoreSync } from '../support/coreSync';
import { messageOf } from '../../nodes/core/log/entry';

/**
 * Held and approved lines through the core against the sandbox: a dry run shows what would be held, a held line
 * is never written, an approval writes only its lines (once), and an approval that comes late never overwrites
 * a line a person changed meanwhile.
 */
let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({ dataset: cloneDemoDataset() });
});
afterEach(async () => sandbox.stop());

const plan = async (): Promise<CustomerPlan[]> =>
	(await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true, review: DEFAULT_REVIEW_POLICY, retry: { baseDelayMs: 5, maxDelayMs: 20 } })).plans;
const writes = () => sandbox.cw.journal().filter((entry) => entry.method !== 'GET');
const held = (plans: readonly CustomerPlan[]) => plans.filter((p) => p.review?.needsApproval);
const statusOf = (results: readonly CustomerResult[]) => Object.fromEntries(results.flatMap((result) => result.outcomes.map((outcome) => [`${result.customer.code}/${outcome.lineId}`, outcome.status])));
const heldUpdate = (plans: readonly CustomerPlan[]): { plan: CustomerPlan; line: PlanLine } => {
	for (const p of plans) {
		const line = p.lines.find((l) => l.review?.decision === 'hold' && l.action === 'update' && l.additionId !== undefined);
		if (line) return { plan: p, line };
	}
	throw new Error('the demo has no held update');
};

describe('held and approved lines (core, sandbox)', () => {
	it('a dry run marks held lines held and the rest dryRun, and writes nothing', async () => {
		const plans = await plan();
		sandbox.cw.clearJournal();
		const results = await applyPlans(sandbox, plans, { dryRun: true });
		expect(writes()).toEqual([]);
		const status = statusOf(results);
		for (const p of plans)
			for (const line of p.lines.filter((l) => l.review))
				expect([`${p.customer.code}/${line.lineId}`, status[`${p.customer.code}/${line.lineId}`]]).toEqual([`${p.customer.code}/${line.lineId}`, line.review!.decision === 'hold' ? 'held' : 'dryRun']);
	});

	it('an approval applied to the first apply writes the approved lines once, and nothing already applied again', async () => {
		const plans = await plan();
		const first = await applyPlans(sandbox, plans);
		const firstWrites = writes().length;
		expect(firstWrites).toBeGreaterThan(0);
		sandbox.cw.clearJournal();
		const approved = Object.fromEntries(held(plans).map((p) => [p.customer.code, p.review!.heldLineIds]));
		const second = await applyPlans(sandbox, first, { linesToApply: 'approved', approved });
		const writtenAdditions = writes().filter((entry) => entry.method === 'PATCH').map((entry) => Number(entry.path.split('/').pop()));
		const heldAdditions = held(plans).flatMap((p) => p.lines.filter((l) => l.review?.decision === 'hold' && l.additionId !== undefined).map((l) => l.additionId!));
		// Only held lines are written now (once each); lines applied the first time are not touched again.
		expect(writtenAdditions.every((id) => heldAdditions.includes(id))).toBe(true);
		expect(new Set(writtenAdditions).size).toBe(writtenAdditions.length);
		expect(Object.values(statusOf(second)).filter((status) => status === 'held')).toEqual([]);
		// Applying the approval again writes nothing more.
		sandbox.cw.clearJournal();
		await applyPlans(sandbox, second, { linesToApply: 'approved', approved });
		expect(writes()).toEqual([]);
	});

	it('an approval that comes two hours late does not overwrite a line a person changed meanwhile (ACW08)', async () => {
		const plans = await plan();
		const first = await applyPlans(sandbox, plans);
		const { plan: target, line } = heldUpdate(plans);
		const state = sandbox.cw.state();
		const addition = state.additions.find((a) => a.id === line.additionId)!;
		addition.quantity = 99;
		addition._info = { lastUpdated: '2026-10-27T09:15:00Z', updatedBy: 'jsmith' };
		sandbox.cw.reset(state);
		const late = first.map((result) => ({ ...result, plannedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }));
		const results = await applyPlans(sandbox, late.filter((r) => r.customer.code === target.customer.code), { linesToApply: 'approved', approved: { [target.customer.code]: [line.lineId] } });
		expect(sandbox.cw.state().additions.find((a) => a.id === line.additionId)?.quantity).toBe(99);
		expect(results[0].outcomes.find((o) => o.lineId === line.lineId)).toMatchObject({ status: 'skipped', code: 'ACW08' });
	});

	it('held entries say what the line stays at, what it would become, its money and why (ACW11)', async () => {
		const plans = await plan();
		const results = await applyPlans(sandbox, plans);
		const { plan: target, line } = heldUpdate(plans);
		const entry = results.find((r) => r.customer.code === target.customer.code)!.log.find((e) => e.lineId === line.lineId && e.code === 'ACW11')!;
		expect(entry).toMatchObject({ level: 'Warn', outcome: 'held', review: 'hold', reviewReason: line.review!.reasons.join('; '), monthlyRevenueChange: line.monthlyRevenueChange });
		expect(messageOf(entry)).toContain(`${target.customer.code} Held for approval : `);
		expect(messageOf(entry)).toContain(line.review!.reasons[0]);
	});
});

describe('the README example (Approval by risk and money)', () => {
	it('default policy with a Line Amount Limit of 100: BLUEGUM written, KAURI and PIXELWORKS held with their money', async () => {
		const plans = (await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, allowCreateAdditions: true, dryRun: true, review: { ...DEFAULT_REVIEW_POLICY, lineAmount: 100 } })).plans;
		const lineOf = (code: string, sku: string) => plans.find((p) => p.customer.code === code)!.lines.find((l) => l.sku === sku && l.review)!;
		expect(lineOf('BLUEGUM', 'M365-BP')).toMatchObject({ quantityBefore: 22, quantityAfter: 24, unitPrice: 36.3, monthlyRevenueChange: 72.6, review: { decision: 'auto', reasons: [] } });
		expect(lineOf('KAURI', 'M365-BS')).toMatchObject({ quantityBefore: 21, quantityAfter: 19, unitPrice: 18.7, review: { decision: 'hold', reasons: ['monthly revenue decreases by 37.40'] } });
		expect(lineOf('PIXELWORKS', 'HOSTED-DESKTOP')).toMatchObject({ action: 'create', quantityAfter: 4, unitPrice: 65, monthlyRevenueChange: 260, review: { decision: 'hold', reasons: ['new line', 'monthly revenue changes by +260.00, more than the line limit of 100.00'] } });
		const results = await applyPlans(sandbox, plans);
		const kauri = results.find((r) => r.customer.code === 'KAURI')!.log.find((e) => e.code === 'ACW11')!;
		expect(messageOf(kauri)).toBe('KAURI Held for approval : Microsoft 365 Business Standard - Auckland office with Product ID M365-BS stays at 21.00 instead of 19.00 (monthly revenue -37.40) : monthly revenue decreases by 37.40');
	});
});
