import { cloneDemoDataset } from '../../../sandbox/data/demo';
import type { AtriaRow, Dataset } from '../../../sandbox/model';

/** The demo's one Error-level line (a Bundle SKU, CW12): left out, so a run's status says whether a fault hurt. */
const BUNDLE_SKU = 'M365-STARTER-BUNDLE';

/**
 * The demo dataset without the Bundle row. A clean sync then ends "Completed with warnings" (the demo's data
 * problems are Warn), and any Error in the log (CW02, CW03, CW10, CW12, CW13) can only come from a fault.
 * ConnectWise's expected state is the demo's (the Bundle was never created anyway).
 */
export function faultDataset(): Dataset {
	const dataset = cloneDemoDataset();
	const keep = (rows: AtriaRow[]) => rows.filter((row) => row.productSku !== BUNDLE_SKU);
	dataset.atria.periods = Object.fromEntries(Object.entries(dataset.atria.periods).map(([end, rows]) => [end, keep(rows)]));
	dataset.atria.defaultRows = dataset.atria.defaultRows === null ? null : keep(dataset.atria.defaultRows);
	const expected = dataset.expected!;
	const codes = expected.createAllowed.codesByCustomer;
	const kowhai = [...codes.KOWHAI];
	kowhai.splice(kowhai.indexOf('CW12'), 1);
	expected.createAllowed = { ...expected.createAllowed, codesByCustomer: { ...codes, KOWHAI: kowhai } };
	return dataset;
}

/** What a clean sync of faultDataset() logs per customer. */
export function cleanCodes(): Record<string, string[]> {
	return faultDataset().expected!.createAllowed.codesByCustomer;
}

/** The status a clean sync of faultDataset() closes with. */
export const CLEAN_STATUS = 'Completed with warnings';
