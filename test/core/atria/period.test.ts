import { periodContaining, resolveBillingPeriod, toConnectWiseDate, validatePeriodEndDay } from '../../../nodes/core/atria/period';
import { CwCodedError } from '../../../nodes/core/errors';

describe('billing period', () => {
	it.each([
		// [choice, end day, today, start, end]
		['Current', 25, '2026-11-24', '2026-10-26', '2026-11-25'],
		['Current', 25, '2026-11-25', '2026-10-26', '2026-11-25'],
		['Current', 25, '2026-11-26', '2026-11-26', '2026-12-25'],
		['Previous', 25, '2026-10-26', '2026-09-26', '2026-10-25'],
		['Previous', 25, '2026-11-24', '2026-09-26', '2026-10-25'],
		['previous', 25, '2026-01-10', '2025-11-26', '2025-12-25'],
		['Current', 25, '2026-12-31', '2026-12-26', '2027-01-25'],
		['Current', 'last', '2026-02-14', '2026-02-01', '2026-02-28'],
		['Current', 'last', '2028-02-29', '2028-02-01', '2028-02-29'],
		['Previous', 'last', '2026-03-01', '2026-02-01', '2026-02-28'],
		['2026-10-25', 25, '2030-01-01', '2026-09-26', '2026-10-25'],
		['2026-10-26', 25, '2030-01-01', '2026-10-26', '2026-11-25'],
		['2026-03-10', 28, '2030-01-01', '2026-03-01', '2026-03-28'],
		['2026-03-01', 28, '2030-01-01', '2026-03-01', '2026-03-28'],
		['2026-02-28', 28, '2030-01-01', '2026-01-29', '2026-02-28'],
	] as const)('%s with end day %s on %s is %s..%s', (choice, endDay, today, start, end) => {
		expect(resolveBillingPeriod(choice, endDay, today)).toEqual({ start, end });
	});

	it.each(['2026-02-30', '2026-13-01', '26-10-25', '2026/10/25', 'yesterday', '', '2026-10-25T00:00:00Z', ' " or 1=1'])(
		'refuses %j with CW19',
		(choice) => {
			expect(() => resolveBillingPeriod(choice, 25, '2026-11-24')).toThrow(CwCodedError);
			try {
				resolveBillingPeriod(choice, 25, '2026-11-24');
			} catch (error) {
				expect((error as CwCodedError).code).toBe('CW19');
			}
		},
	);

	it('validates the period end day', () => {
		expect(validatePeriodEndDay('last')).toBe('last');
		expect(validatePeriodEndDay('25')).toBe(25);
		for (const bad of [0, 29, 31, 1.5, '', 'x', null]) expect(() => validatePeriodEndDay(bad)).toThrow(/CW19/);
	});

	it('every day of a year falls in exactly one period, and periods tile the year', () => {
		for (const endDay of ['last', 1, 15, 25, 28] as const) {
			let previousEnd = '';
			for (let day = 0; day < 366; day++) {
				const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
				const period = periodContaining(date, endDay);
				expect(period.start <= date && date <= period.end).toBe(true);
				if (previousEnd && period.end !== previousEnd) {
					const next = new Date(Date.parse(`${previousEnd}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
					expect(period.start).toBe(next);
				}
				previousEnd = period.end;
			}
		}
	});

	it('formats an effective date the way ConnectWise requires', () => {
		expect(toConnectWiseDate('2026-09-26')).toBe('2026-09-26T00:00:00Z');
	});
});
