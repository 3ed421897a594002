/**
 * How ConnectWise compares identifiers (SQL Server's default collation): case-insensitive, trailing spaces
 * ignored. We also ignore leading spaces and normalise Unicode, because Atria's free text carries both.
 */
export function normalizeKey(value: string): string {
	// ASCII needs no Unicode normalisation, and most identifiers and SKUs are ASCII: skip the costly step.
	return (ASCII.test(value) ? value : value.normalize('NFC')).trim().toLowerCase();
}

const ASCII = /^[^\u0080-\uffff]*$/;
