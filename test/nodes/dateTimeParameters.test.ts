import { calendarDateOf } from '../../nodes/shared/params';

describe('dateTime parameters: the calendar date n8n gives', () => {
	it.each([
		['2026-10-25', 'Europe/Zurich', '2026-10-25'],
		[' 2026-10-25 ', 'Europe/Zurich', '2026-10-25'],
		['2026-10-25T00:00:00', 'Pacific/Auckland', '2026-10-25'],
		['2026-10-25T23:30:00.000', 'Pacific/Auckland', '2026-10-25'],
		['2026-10-25T22:00:00.000Z', 'Pacific/Auckland', '2026-10-26'],
		['2026-10-25T02:00:00+02:00', 'America/New_York', '2026-10-24'],
	])('%j in %s is %s', (value, zone, date) => {
		expect(calendarDateOf(value, zone)).toBe(date);
	});

	it.each(['25/10/2026', '2026-10-1', '2026-10-25 DROP', ''])('leaves %j for the caller to refuse', (value) => {
		expect(calendarDateOf(value, 'UTC')).toBe(value);
	});
});
