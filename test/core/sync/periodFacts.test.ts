import type { AtriaClient } from '../../../nodes/core/atria/client';
import { withPeriodFacts, type PeriodCustomer } from '../../../nodes/core/atria/customers';
import type { BillingRow } from '../../../nodes/core/atria/rows';
import { planReconciliation } from '../../../nodes/core/plan/planner';
import type { CustomerPlan } from '../../../nodes/core/plan/types';
import { readBillingData, startBillingRun, type BillingDataRequest } from '../../../nodes/core/sync/billingData';
import { CwCodedError } from '../../../nodes/core/errors';
import { addition, agreement, company, context, customer, line, options, period, product, snapshot } from '../fixtures';
import { messageOf } from '../../../nodes/core/log/entry';

/**
 * Period-wide facts (README "In any workflow shape"): which Atria customers share a Billing Identifier and which
 * SKUs Atria manages this period and last are known from every row of both periods, before Customers Filter, and
 * travel with each customer, so the plan of a customer never depends on which other customers are planned with it.
 */

const row = (customerCode: string, billingIdentifier: string | null, sku: string | null, quantity: number, previousQuantity: number | null = null): BillingRow => ({
	customerCode,
	customerName: `${customerCode} name`,
	billingIdentifier,
	sku,
	description: sku ?? 'no SKU',
	quantity,
	previousQuantity,
	billable: true,
});

/** An Atria client answering from rows per period end, as the sandbox would. */
function atria(periods: Record<string, BillingRow[]>): AtriaClient {
	return { fetchBillingRows: async (end: string) => ({ rows: periods[end] ?? [], rejected: [] }) } as unknown as AtriaClient;
}

const request = (customersFilter: string[] = []): BillingDataRequest => ({
	billingPeriod: '2026-10-25',
	periodEndDay: 25,
	today: '2026-11-24',
	onlyBillable: true,
	customersFilter,
	skipLinesWithoutSku: false,
});

async function read(periods: Record<string, BillingRow[]>, customersFilter: string[] = []) {
	const full = request(customersFilter);
	return readBillingData(atria(periods), startBillingRun(full, context), full, context);
}

const facts = (customers: readonly PeriodCustomer[]) =>
	Object.fromEntries(customers.map((c) => [c.code, { shares: [...c.facts.sharesBillingIdentifierWith], managed: [...c.facts.managedSkus].sort() }]));

describe('period facts from a full list (withPeriodFacts)', () => {
	it('lists, for each customer, the other customers with its Billing Identifier (trimmed, case-insensitive), sorted', () => {
		const customers = withPeriodFacts([
			customer('C2', ' acme ', [line('M365-BP', 1)]),
			customer('A1', 'ACME', [line('EXO-P1', 1)]),
			customer('B1', 'Acme', []),
			customer('D', 'OTHER', [line(' m365-bp ', 2)]),
			customer('E', '  ', [line('DNS', 1)]),
			customer('F', null, []),
			customer('G', '', []),
		]);
		expect(facts(customers)).toEqual({
			C2: { shares: ['A1', 'B1'], managed: ['dns', 'exo-p1', 'm365-bp'] },
			A1: { shares: ['B1', 'C2'], managed: ['dns', 'exo-p1', 'm365-bp'] },
			B1: { shares: ['A1', 'C2'], managed: ['dns', 'exo-p1', 'm365-bp'] },
			D: { shares: [], managed: ['dns', 'exo-p1', 'm365-bp'] },
			E: { shares: [], managed: ['dns', 'exo-p1', 'm365-bp'] },
			F: { shares: [], managed: ['dns', 'exo-p1', 'm365-bp'] },
			G: { shares: [], managed: ['dns', 'exo-p1', 'm365-bp'] },
		});
	});

	it('takes a given managed set instead of the list\'s own (a subset planned with the period\'s set)', () => {
		const [only] = withPeriodFacts([customer('A', 'A', [line('X', 1)])], new Set(['x', 'y']));
		expect([...only.facts.managedSkus].sort()).toEqual(['x', 'y']);
	});
});

describe('Get Billing Data core: facts from all rows of both periods, then Customers Filter', () => {
	const periods = {
		'2026-10-25': [
			row('MAORI', 'Maori-Trust', 'M365-BS', 8, 8),
			row('HARBOUR', 'harbourview', 'm365-e3', 8, 5),
			row('KAURI', 'KAURI-LEGAL', 'M365-BS', 12),
			row('KAURI2', ' kauri-legal', 'EXO-P1', 3),
			row('MAORI', 'Maori-Trust', null, 1),
		],
		'2026-09-25': [
			row('MAORI', 'Maori-Trust', 'TEAMS-PHONE', 4),
			// Only in the period before, with an identifier of its own: a customer that left; its SKUs are managed.
			row('GONE', 'GONE-LTD', 'SKYPE-P2', 6),
			// Only in the period before, with KAURI's identifier: the company re-coded in Atria. KAURI's lines decide.
			row('RECODED', 'KAURI-LEGAL ', 'M365-BS', 2),
		],
	};
	const managed = ['exo-p1', 'm365-bs', 'm365-e3', 'skype-p2', 'teams-phone'];

	it('gives every customer the period\'s managed SKUs and who shares its identifier', async () => {
		const data = await read(periods);
		expect(facts(data.customers)).toEqual({
			MAORI: { shares: [], managed },
			HARBOUR: { shares: [], managed },
			KAURI: { shares: ['KAURI2'], managed },
			KAURI2: { shares: ['KAURI'], managed },
			GONE: { shares: [], managed },
		});
	});

	it('applies Customers Filter after the facts: a filtered customer keeps what the others say', async () => {
		const maori = await read(periods, [' maori ']);
		expect(maori.customers.map((c) => c.code)).toEqual(['MAORI']);
		expect(facts(maori.customers)).toEqual({ MAORI: { shares: [], managed } });
		expect(maori.customers[0].lines.map((l) => [l.sku, l.quantity])).toEqual([
			['M365-BS', 8],
			[null, 1],
			['TEAMS-PHONE', 0],
		]);

		const kauri = await read(periods, ['KAURI']);
		expect(facts(kauri.customers)).toEqual({ KAURI: { shares: ['KAURI2'], managed } });
		expect((await read(periods, ['RECODED'])).customers).toEqual([]);

		// A customer with rows only in the period before is one of the period's customers too.
		const gone = await read(periods, ['GONE']);
		expect(gone.customers.map((c) => [c.code, c.lines.map((l) => [l.sku, l.quantity])])).toEqual([['GONE', [['SKYPE-P2', 0]]]]);
		expect(gone.log.map((entry) => entry.code)).toEqual(['CW01']);
	});

	it('a filter that selects nobody is still CW15, and an empty period has no facts to give', async () => {
		const nobody = await read(periods, ['NOBODY']);
		expect(nobody.customers).toEqual([]);
		expect(nobody.log.map((entry) => entry.code)).toEqual(['CW01', 'CW15']);
		const empty = await read({ '2026-09-25': periods['2026-09-25'] });
		expect(empty.customers).toEqual([]);
		expect(empty.log.map((entry) => entry.code)).toEqual(['CW01', 'CW15']);
	});
});

describe('planReconciliation with per-customer facts', () => {
	const snap = snapshot({
		companies: [company(1, 'ACME'), company(2, 'MAORI')],
		agreements: [agreement(100, 1), agreement(200, 2)],
		additions: { 100: [addition(10, 50, 'M365-BP', 5)], 200: [addition(20, 50, 'M365-BP', 4), addition(21, 51, 'M365-E3', 3)] },
		catalog: [product(50, 'M365-BP'), product(51, 'M365-E3')],
	});
	const all = [
		customer('ACME', 'ACME', [line('M365-BP', 7)]),
		customer('ACME2', 'acme', [line('M365-BP', 1)]),
		customer('MAORI', 'MAORI', [line('M365-BP', 4)]),
		customer('HARBOUR', 'HARBOUR', [line('m365-e3', 8)]),
	];
	const summary = (plan: CustomerPlan) => ({ codes: plan.log.map((entry) => entry.code), lines: plan.lines });

	it('plans a customer alone exactly as in the whole period, from its own facts', () => {
		const full = new Map(planReconciliation(all, snap, options, context, period).map((plan) => [plan.customer.code, summary(plan)]));
		expect(full.get('ACME')!.codes).toEqual(['ACW03']);
		expect(full.get('MAORI')!.lines.map((l) => [l.code, l.additionId, l.quantityAfter])).toEqual([
			['CW09', 20, 4],
			['CW20', 21, 0],
		]);
		for (const one of withPeriodFacts(all)) {
			const [alone] = planReconciliation([one], snap, options, context, period);
			expect(summary(alone)).toEqual(full.get(one.code));
		}
	});

	it('uses the facts a customer carries, not the list it is planned with', () => {
		const [maori] = withPeriodFacts(all).filter((c) => c.code === 'MAORI');
		const noneManaged = { ...maori, facts: { ...maori.facts, managedSkus: new Set(['m365-bp']) } };
		const [plan] = planReconciliation([noneManaged], snap, options, context, period);
		expect(plan.lines.map((l) => l.code)).toEqual(['CW09']);
		const [acme] = withPeriodFacts(all);
		const [shared] = planReconciliation([{ ...acme, facts: { ...acme.facts, sharesBillingIdentifierWith: ['ZED'] } }], snap, options, context, period);
		expect(messageOf(shared.log[0])).toContain('is also used by Atria customer ZED');
	});
});

describe('Get Billing Data core: the previous period cannot be read', () => {
	it('this period is still read and planned; ACW10 says services that left are not seen this run', async () => {
		const client = {
			fetchBillingRows: async (end: string) => {
				if (end === '2026-09-25') throw new CwCodedError('CW03', { error: 'HTTP 503' });
				return { rows: [row('ACME', 'ACME', 'M365-BP', 3)], rejected: [] };
			},
		} as unknown as AtriaClient;
		const full = request();
		const data = await readBillingData(client, startBillingRun(full, context), full, context);
		expect(data.customers.map((c) => [c.code, c.lines.map((l) => [l.sku, l.quantity])])).toEqual([['ACME', [['M365-BP', 3]]]]);
		expect(data.log.map((entry) => [entry.code, entry.level])).toEqual([
			['CW01', 'Info'],
			['ACW10', 'Warn'],
		]);
		expect(messageOf(data.log[1])).toBe(
			'Previous billing period 2026-09-25 could not be read from Atria: services that left since then are not set to 0 this run. Error reported was : HTTP 503',
		);
	});
});
