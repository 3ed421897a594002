/**
 * How ConnectWise compares identifiers (SQL Server's default collation): case-insensitive, trailing spaces
 * ignored. We also ignore leading spaces and normalise Unicode, because Atria's free text carries both.
 */
export function normalizeKey(value: string): string {
	return value.normalize('NFC').trim().toLowerCase();
}
