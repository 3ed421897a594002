import fc from 'fast-check';
import { dayAfter, dayOf } from '../../../nodes/core/plan/billingLines';

/**
 * A ConnectWise date's UTC day, as Date reads it: the reference the fast path of dayOf must agree with,
 * including where Date rolls a day past the month's end (2026-02-29 is March 1st) or hour 24 over.
 */
function referenceDay(value: string): string | null | undefined {
	const text = value.trim();
	if (text === '') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
	if (!match) return undefined;
	const time = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
	if (Number.isNaN(time)) return undefined;
	return new Date(time).toISOString().slice(0, 10);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Dates of ConnectWise's two UTC forms, with every part allowed out of range by a little. */
const plainDates = fc
	.record({
		year: fc.integer({ min: 1999, max: 2101 }),
		month: fc.integer({ min: 0, max: 13 }),
		day: fc.integer({ min: 0, max: 32 }),
		time: fc.option(fc.record({ hour: fc.integer({ min: 0, max: 24 }), minute: fc.integer({ min: 0, max: 60 }), second: fc.integer({ min: 0, max: 60 }) })),
	})
	.map(({ year, month, day, time }) => {
		const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
		return time === null ? date : `${date}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}Z`;
	});

/** One character of a plain date changed, cut off or added to: what a hand edit or another system might send. */
const nearDates = fc.tuple(plainDates, fc.nat(), fc.constantFrom('0', '9', '-', 'T', 'Z', ':', ' ', '.', '+', 'x', '/', '١')).map(([date, at, character]) => {
	const position = at % (date.length + 1);
	return at % 3 === 0 ? date.slice(0, position) + character + date.slice(position + 1) : at % 3 === 1 ? date.slice(0, position) + character + date.slice(position) : date.slice(0, position);
});

describe('dayOf: the UTC day of a ConnectWise date', () => {
	it('agrees with Date on both UTC forms, out-of-range parts included', () => {
		fc.assert(fc.property(plainDates, (date) => expect([date, dayOf(date)]).toEqual([date, referenceDay(date)])), { numRuns: 5000 });
	});

	it('agrees with Date on dates one character away from them', () => {
		fc.assert(fc.property(nearDates, (date) => expect([date, dayOf(date)]).toEqual([date, referenceDay(date)])), { numRuns: 5000 });
	});

	it.each([
		['2024-02-29', '2024-02-29'],
		['2026-02-29', '2026-03-01'],
		['2100-02-29T00:00:00Z', '2100-03-01'],
		['2000-02-29T23:59:59Z', '2000-02-29'],
		['2026-04-31', '2026-05-01'],
		['2026-10-31T23:59:59Z', '2026-10-31'],
		['2026-10-31T24:00:00Z', '2026-11-01'],
		['2026-10-31T23:59:60Z', undefined],
		['2026-10-31T23:00:00+02:00', '2026-10-31'],
		['2026-10-31T23:00:00-02:00', '2026-11-01'],
		['2026-10-31T12:00:00.000Z', '2026-10-31'],
		[' 2026-10-31 ', '2026-10-31'],
		['2026-1-31', undefined],
		['', null],
	])('%j is day %j', (date, day) => {
		expect(dayOf(date)).toBe(day);
		expect(referenceDay(date)).toBe(day);
	});

	it('absent dates have no day', () => {
		expect(dayOf(null)).toBeNull();
		expect(dayOf(undefined)).toBeNull();
	});

	it('dayAfter agrees with comparing the days', () => {
		fc.assert(
			fc.property(fc.oneof(plainDates, nearDates), fc.constantFrom('2026-10-25', '2026-10-31', '2024-02-29'), (date, day) => {
				const reference = referenceDay(date);
				expect(dayAfter(date, day)).toBe(typeof reference === 'string' && reference > day);
			}),
			{ numRuns: 3000 },
		);
	});
});
