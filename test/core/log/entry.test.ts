import { blankEntry, createEntry, unsetEntry, unsetEntryCopy } from '../../../nodes/core/log/entry';

/**
 * Entries are made two ways (unsetEntry's literal for the planner's long-lived entries, a copy of it for brief
 * ones): both must give one shape, so every consumer sees the same fields in the same order.
 */
describe('unset entries', () => {
	const context = { runId: 'r1', now: () => new Date('2026-11-29T10:00:00.000Z') };

	it('a copy has the literal fields, in the same order, all unset', () => {
		const copy = unsetEntryCopy();
		expect(Object.keys(copy)).toEqual(Object.keys(unsetEntry()));
		expect(Object.values(copy).every((value) => value === undefined)).toBe(true);
	});

	it('copies are independent of each other and of the template they come from', () => {
		const first = unsetEntryCopy();
		first.customerCode = 'C1';
		first.quantityAfter = 3;
		const second = unsetEntryCopy();
		expect(second.customerCode).toBeUndefined();
		expect(second.quantityAfter).toBeUndefined();
		expect(first).not.toBe(second);
	});

	it('createEntry (made from a copy) and blankEntry (made from the literal) give one shape', () => {
		const created = createEntry(context, 'CW07', { customerCode: 'C1', quantityAfter: 4 });
		const blank = blankEntry(context, 'CW07');
		expect(Object.keys(created)).toEqual(Object.keys(blank));
		expect(created).toMatchObject({ runId: 'r1', code: 'CW07', level: blank.level, timestamp: '2026-11-29T10:00:00.000Z', customerCode: 'C1', quantityAfter: 4 });
		// createEntry's fields do not leak into later entries.
		expect(createEntry(context, 'CW07').customerCode).toBeUndefined();
	});
});
