import { looksLikeOurCreate, newLinesOfProduct } from '../../../nodes/core/apply/lineChecks';
import type { PlanLine } from '../../../nodes/core/plan/types';
import { addition } from '../fixtures';

/** Which lines Apply counts as its own creates, so as ever to adopt or delete them. */
const EFFECTIVE = '2026-09-26T00:00:00Z';
const planned: PlanLine = {
	lineId: 'L1',
	action: 'create',
	code: 'CW08',
	sku: 'M365-BP',
	lineDescription: 'M365-BP',
	quantityBefore: null,
	quantityAfter: 7,
	agreementId: 100,
	product: { id: 50, identifier: 'M365-BP' },
	unitPrice: 10,
};
const ours = (id: number, member: string | undefined, extra = {}) =>
	addition(id, 50, 'M365-BP', 7, { effectiveDate: EFFECTIVE, ...(member ? { _info: { lastUpdated: '2026-10-27T00:00:00Z', updatedBy: member } } : {}), ...extra });

describe('what Apply counts as its own create', () => {
	it('is the product, Billable, open-ended, dated as sent, at the planned price', () => {
		expect(looksLikeOurCreate(ours(1, 'api'), planned, EFFECTIVE)).toBe(true);
		expect(looksLikeOurCreate(ours(1, 'api', { effectiveDate: '2026-10-01T00:00:00Z' }), planned, EFFECTIVE)).toBe(false);
		expect(looksLikeOurCreate(ours(1, 'api', { billCustomer: 'NoCharge' }), planned, EFFECTIVE)).toBe(false);
		expect(looksLikeOurCreate(ours(1, 'api', { cancelledDate: '2026-12-31T00:00:00Z' }), planned, EFFECTIVE)).toBe(false);
		expect(looksLikeOurCreate(ours(1, 'api', { unitPrice: 12 }), planned, EFFECTIVE)).toBe(false);
		expect(looksLikeOurCreate(addition(1, 51, 'EXO-P1', 7, { effectiveDate: EFFECTIVE }), planned, EFFECTIVE)).toBe(false);
	});

	it('after a create, only lines by the same API member count: a person\'s look-alike line is never deleted', () => {
		const created = ours(20, 'api');
		const additions = [ours(5, 'api'), created, ours(21, 'jsmith'), ours(22, 'api'), ours(23, undefined)];
		// 5 was there before the create; 21 is a person's, 23 says no maker: neither is ever counted.
		expect(newLinesOfProduct(additions, planned, new Set([5]), EFFECTIVE, created).map((line) => line.id)).toEqual([20, 22]);
	});

	it('when ConnectWise does not say who made the created line, no other line is counted', () => {
		const created = ours(20, undefined);
		expect(newLinesOfProduct([created, ours(22, 'api'), ours(23, undefined)], planned, new Set(), EFFECTIVE, created).map((line) => line.id)).toEqual([20]);
	});
});
