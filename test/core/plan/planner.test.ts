import { planEachCustomer, planReconciliation } from '../../../nodes/core/plan/planner';
import type { CustomerPlan } from '../../../nodes/core/plan/types';
import { addition, agreement, company, context, customer, line, options, period, product, snapshot } from '../fixtures';
import { messageOf } from '../../../nodes/core/log/entry';

function codes(plan: CustomerPlan): string[] {
	return plan.log.map((entry) => entry.code);
}

const baseSnapshot = snapshot({
	companies: [company(1, 'ACME'), company(2, 'GONE', { deletedFlag: true }), company(3, 'NOAGR'), company(4, 'TWO')],
	agreements: [
		agreement(100, 1),
		agreement(300, 3, { cancelledFlag: true, agreementStatus: 'Cancelled' }),
		agreement(401, 4, { startDate: '2026-01-01T00:00:00Z' }),
		agreement(400, 4, { startDate: '2026-03-01T00:00:00Z' }),
	],
	additions: {
		100: [
			addition(1000, 50, 'M365-BP', 10),
			addition(1001, 51, 'EXO-P1', 3),
			addition(1002, 52, 'BACKUP-TB', 2.5),
			addition(1003, 53, 'AZ-VM', 4, { cancelledDate: '2026-01-01T00:00:00Z' }),
			addition(1004, 54, 'ONSITE', 8),
			addition(1005, 55, 'DNS', 1),
			addition(1006, 51, 'exo-p1', 2),
		],
		400: [addition(4000, 50, 'M365-BP', 1)],
	},
	catalog: [product(50, 'M365-BP'), product(51, 'EXO-P1'), product(52, 'BACKUP-TB'), product(53, 'AZ-VM'), product(56, 'NEW-SKU'), product(57, 'BUNDLE', { productClass: 'Bundle' }), product(58, 'OLD', { inactiveFlag: true })],
});

describe('planner', () => {
	it('plans every per-line case for one customer in a deterministic order', () => {
		const acme = customer('ACME', ' acme ', [
			line('M365-BP', 12),
			line(' exo-p1 ', 3),
			line('BACKUP-TB', 2.50001),
			line(null, 4, 'Unmapped service'),
			line('AZ-VM', 6),
			line('UNKNOWN', 1),
			line('OLD', 1),
			line('BUNDLE', 1),
		]);
		// DNS is managed because another customer has it this period; ONSITE is not, so it is left alone.
		const other = customer('ZED', null, [line('DNS', 1)]);
		const [plan] = planReconciliation([acme, other], baseSnapshot, options, context, period);
		expect(plan.company?.id).toBe(1);
		expect(plan.agreement?.id).toBe(100);
		expect(plan.lines.map((l) => [l.action, l.code, l.sku, l.quantityBefore, l.quantityAfter, l.additionId ?? null])).toEqual([
			['skip', 'CW05', null, null, null, null],
			// AZ-VM's only line stopped billing before the period: a person ended it, so nothing is added (ACW06).
			['skip', 'ACW06', 'AZ-VM', null, 6, null],
			['unchanged', 'CW09', 'BACKUP-TB', 2.5, 2.5, 1002],
			['skip', 'CW12', 'BUNDLE', null, null, null],
			['remove', 'CW20', 'DNS', 1, 0, 1005],
			['unchanged', 'CW09', ' exo-p1 ', 3, 3, 1001],
			['remove', 'ACW02', ' exo-p1 ', 2, 0, 1006],
			['update', 'CW07', 'M365-BP', 10, 12, 1000],
			['skip', 'CW06', 'OLD', null, null, null],
			['skip', 'CW06', 'UNKNOWN', null, null, null],
		]);
		expect(codes(plan)).toEqual(['CW05', 'ACW06', 'CW09', 'CW12', 'CW20', 'CW09', 'ACW02', 'CW07', 'CW06', 'CW06']);
		expect(plan.log.filter((entry) => entry.outcome === 'planned').map((entry) => entry.lineId)).toEqual(
			plan.lines.filter((l) => ['update', 'create', 'remove'].includes(l.action)).map((l) => l.lineId),
		);
	});

	it('creates the missing addition when allowed (CW08), and never beside a line that stopped (ACW06)', () => {
		const acme = customer('ACME', 'ACME', [line('AZ-VM', 6), line('NEW-SKU', 2)]);
		const [plan] = planReconciliation([acme], baseSnapshot, { ...options, allowCreateAdditions: true }, context, period);
		const creates = plan.lines.filter((l) => l.action === 'create');
		expect(creates.map((l) => [l.sku, l.product?.id, l.quantityAfter, l.unitPrice])).toEqual([['NEW-SKU', 56, 2, 12.5]]);
		expect(codes(plan)).toEqual(['ACW06', 'CW08']);
		expect(messageOf(plan.log[0])).toContain('addition 1003 stopped billing on 2026-01-01');
	});

	it('logs CW04 alone for a customer without billing identifier', () => {
		const [plan] = planReconciliation([customer('NOBI', '  ', [line(null, 1), line('M365-BP', 1)])], baseSnapshot, options, context, period);
		expect(codes(plan)).toEqual(['CW04']);
		expect(messageOf(plan.log[0])).toBe(
			'NOBI CompanyID Missing Unable to process records for Atria Customer NOBI Ltd – Please add CompanyID from ConnectWise into Billing Identifier field on Customer',
		);
	});

	it.each([
		['an unknown company', 'NOPE'],
		['a deleted company', 'GONE'],
		['a company whose only agreement of the type is cancelled', 'NOAGR'],
		['an identifier with both quote kinds', `Bad"Id'Co`],
		['an identifier longer than 30 characters', 'X'.repeat(31)],
	])('logs CW14 (with CW05 lines kept) for %s', (_what, identifier) => {
		const [plan] = planReconciliation([customer('C1', identifier, [line(null, 1), line('M365-BP', 1)])], baseSnapshot, options, context, period);
		expect(codes(plan)).toEqual(['CW05', 'CW14']);
		expect(plan.lines.filter((l) => l.action !== 'skip')).toEqual([]);
	});

	it.each([
		['lowestId', 400],
		['earliestStart', 401],
		['latestStart', 400],
	] as const)('picks one of several agreements by rule %s and warns ACW01', (rule, expected) => {
		const [plan] = planReconciliation([customer('TWO', 'TWO', [line('M365-BP', 1)])], baseSnapshot, { ...options, agreementSelection: rule }, context, period);
		expect(plan.agreement?.id).toBe(expected);
		expect(codes(plan)[0]).toBe('ACW01');
		expect(plan.log[0].level).toBe('Warn');
	});

	it('sets a service Atria reports at 0 to 0 (CW20) and leaves an already-zero one unchanged', () => {
		const snap = snapshot({
			companies: [company(1, 'ACME')],
			agreements: [agreement(100, 1)],
			additions: { 100: [addition(1, 50, 'A', 5), addition(2, 51, 'B', 0)] },
			catalog: [product(50, 'A'), product(51, 'B')],
		});
		const [plan] = planReconciliation([customer('ACME', 'ACME', [line('A', 0), line('B', 0), line('C', 0)])], snap, options, context, period);
		expect(plan.lines.map((l) => [l.code, l.sku, l.quantityAfter])).toEqual([
			['CW20', 'A', 0],
			['CW09', 'B', 0],
		]);
	});

	it('reports a customer whose additions could not be read as CW10 and plans nothing for it', () => {
		const snap = { ...baseSnapshot, additionErrors: new Map([[100, 'HTTP 500']]) };
		const [plan] = planReconciliation([customer('ACME', 'ACME', [line('M365-BP', 12)])], snap, options, context, period);
		expect(codes(plan)).toEqual(['CW10']);
		expect(messageOf(plan.log[0])).toContain('HTTP 500');
	});

	it('processes neither of two customers sharing a billing identifier (ACW03), so neither undoes the other', () => {
		const plans = planReconciliation(
			[customer('A1', 'ACME', [line('M365-BP', 5)]), customer('A2', ' acme', [line('EXO-P1', 1)]), customer('B', 'TWO', [line('M365-BP', 1)])],
			baseSnapshot,
			options,
			context,
			period,
		);
		expect(plans.map((plan) => [plan.customer.code, codes(plan)])).toEqual([
			['A1', ['ACW03']],
			['A2', ['ACW03']],
			['B', ['ACW01', 'CW09']],
		]);
		expect(messageOf(plans[0].log[0])).toBe(
			"A1 Billing Identifier ACME is also used by Atria customer A2: not processed, as one agreement cannot carry two customers' quantities",
		);
	});

	it('is pure: same input, same plan, whatever the order of customers and records', () => {
		const customers = [customer('B', 'ACME', [line('M365-BP', 3)]), customer('A', 'TWO', [line('M365-BP', 2)])];
		const first = planReconciliation(customers, baseSnapshot, options, context, period);
		const shuffled = snapshot({
			companies: [...baseSnapshot.companies].reverse(),
			agreements: [...baseSnapshot.agreements].reverse(),
			additions: Object.fromEntries([...baseSnapshot.additions].map(([id, list]) => [id, [...list].reverse()])),
			catalog: [...baseSnapshot.catalog].reverse(),
		});
		const second = planReconciliation([...customers].reverse(), shuffled, options, context, period);
		expect(second).toEqual(first);
		expect(first.map((plan) => plan.customer.code)).toEqual(['A', 'B']);
	});
});

describe('planEachCustomer', () => {
	it('hands over each plan as it is made, in plan order, with its customer\'s position; the plans are planReconciliation\'s', () => {
		const customers = [
			customer('ZED', null, [line('DNS', 1)]),
			customer('ACME', ' acme ', [line('M365-BP', 12), line('EXO-P1', 3)]),
			customer('TWO', 'two', [line('M365-BP', 2)]),
			customer('NOAGR', 'noagr', [line('DNS', 1)]),
		];
		const handed: Array<[number, string]> = [];
		const plans: CustomerPlan[] = [];
		planEachCustomer(customers, baseSnapshot, options, context, period, (position, plan) => {
			// Each plan is complete when handed over: its log is there, and nothing is added to it afterwards.
			expect(plan.log.length).toBeGreaterThan(0);
			handed.push([position, plan.customer.code]);
			plans.push(plan);
		});
		expect(handed).toEqual([
			[1, 'ACME'],
			[3, 'NOAGR'],
			[2, 'TWO'],
			[0, 'ZED'],
		]);
		expect(plans).toEqual(planReconciliation(customers, baseSnapshot, options, context, period));
	});
});
