/**
 * The demo's expected outcome, written BY HAND from the README rules (not computed by any project code).
 * It is the independent oracle for the planner: if they disagree, read the rule and the comment per customer
 * in demo.ts before touching either side.
 *
 * The period is 2026-09-26 to 2026-10-25. A line bills in it when its effective day is on or before 2026-10-25
 * and its cancelled day, if any, on or after 2026-09-26; the period before ends on 2026-09-25.
 *
 * Conventions:
 * - additions: EVERY addition after the sync, on ALL agreements (touched or not), cancelled lines, lines that
 *   start later, NoCharge / DoNotBill lines and credits included, with who pays, included units, and the UTC
 *   days it bills from and to (test/support/outcome.ts compares them as
 *   `agreement|product|billCustomer|quantity|lessIncluded|effectiveDay|cancelledDay`). Sorted by agreementId,
 *   then productIdentifier (plain UTF-16 order, the same as localeCompare here), then quantity.
 * - productIdentifier is as stored in ConnectWise: a created addition carries the catalog identifier, not the
 *   case or spacing of Atria's SKU ('defender-o365-p1' creates 'DEFENDER-O365-P1'). A created addition is
 *   Billable, open-ended, without included units, and starts on the period's first day (Apply's default
 *   Effective Date of New Additions, and the core sync's).
 * - codesByCustomer: every customer code of the period's billable rows, and of the period before's when the
 *   customer has a Billing Identifier and no rows now (its services were removed); codes sorted (plain string
 *   order, so ACW.. before CW..) with repeats; CW01/CW23 excluded. Only CW08/CW22 differ between the two modes.
 */
import type { CwBillCustomer, ExpectedAddition, ExpectedOutcome } from '../model';

/** The first day of the period ending 2026-10-25: the effective day of every addition the sync creates. */
const PERIOD_START = '2026-09-26';

interface LineDetails {
	billCustomer?: CwBillCustomer;
	lessIncluded?: number;
	cancelledDay?: string;
}

/** An addition as it must be after the sync: Billable, no included units, open-ended unless said otherwise. */
function a(
	agreementId: number,
	productIdentifier: string,
	quantity: number,
	effectiveDay: string,
	details: LineDetails = {},
): ExpectedAddition {
	return {
		agreementId,
		productIdentifier,
		quantity,
		billCustomer: details.billCustomer ?? 'Billable',
		lessIncluded: details.lessIncluded ?? 0,
		effectiveDay,
		cancelledDay: details.cancelledDay ?? null,
	};
}

/** An addition the sync creates (CW08). */
function created(agreementId: number, productIdentifier: string, quantity: number): ExpectedAddition {
	return a(agreementId, productIdentifier, quantity, PERIOD_START);
}

export const demoExpectedCreateAllowed: ExpectedOutcome = {
	additions: [
		// 1001 BLUEGUM (Cloud): M365-BP 22->24, backup 2.5->3.75; the rest unchanged or not Atria's.
		a(1001, 'AZ-BACKUP-TB', 3.75, '2022-02-01'),
		a(1001, 'DOMAIN-COM-AU', 1, '2021-07-01'),
		a(1001, 'EXO-P1', 5, '2021-07-01'),
		a(1001, 'M365-BP', 24, '2021-07-01'),
		a(1001, 'MIMECAST-EMAIL-SEC', 24, '2023-03-01'),
		a(1001, 'ONSITE-SUPPORT', 10, '2021-07-01'),
		// 1002 BLUEGUM (Managed Services): another type, untouched.
		a(1002, 'M365-BP', 3, '2019-03-01'),
		a(1002, 'MANAGED-WORKSTATION', 18, '2019-03-01'),
		// 1003 KAURI: M365-BS 21->19 (12 + 7).
		a(1003, 'AZ-BACKUP-TB', 1.5, '2022-04-01'),
		a(1003, 'DOMAIN-CO-NZ', 1, '2022-04-01'),
		a(1003, 'M365-BS', 19, '2022-04-01'),
		// 1004 OBRIEN: M365-BB 4->6, NCE "Annual" created.
		a(1004, 'DOMAIN-COM-AU', 1, '2023-02-01'),
		a(1004, 'M365-BB', 6, '2023-02-01'),
		created(1004, 'NCE-M365-BP "Annual"', 3),
		// 1005 ZÜRICH: POS 2->3; 0.3 TB kept (0.1 + 0.2 is within tolerance).
		a(1005, 'AZ-BACKUP-TB', 0.3, '2024-05-01'),
		a(1005, 'CAFÉ-POS-CLOUD', 3, '2024-05-01'),
		a(1005, 'M365-BB', 2, '2024-05-01'),
		// 1006 MĀORI: Teams Phone and M365-E3 removed (0); Defender already 0; EXO-ARCHIVE not managed.
		a(1006, 'DEFENDER-O365-P1', 0, '2022-09-01'),
		a(1006, 'EXO-ARCHIVE', 6, '2022-09-01'),
		a(1006, 'M365-BS', 8, '2022-09-01'),
		a(1006, 'M365-E3', 0, '2022-09-01'),
		a(1006, 'TEAMS-PHONE-STD', 0, '2023-04-01'),
		// 1007 ŁÓDŹ: target M365-BP (5022, lowest id) 10->12, its same-price duplicate (5023) 12->0; EXO-P2's
		// duplicate (5025) already 0.
		a(1007, 'EXO-P2', 0, '2024-02-01'),
		a(1007, 'EXO-P2', 2, '2023-11-01'),
		a(1007, 'M365-BP', 0, '2023-11-01'),
		a(1007, 'M365-BP', 12, '2023-11-01'),
		// 1008 HARBOUR: M365-E3 5->8, DEFENDER-O365-P1 created from 'defender-o365-p1'.
		created(1008, 'DEFENDER-O365-P1', 8),
		a(1008, 'EXO-P1', 4, '2021-01-01'),
		a(1008, 'M365-E3', 8, '2021-01-01'),
		// 1009 MERIDIAN (Cloud).
		a(1009, 'M365-BS', 15, '2020-08-01'),
		// 1010 KOWHAI: nothing can be added (unknown, inactive, unqueryable, bundle).
		a(1010, 'M365-BB', 5, '2024-01-01'),
		// 1011 THAMESVET: legacy 11->9; the lines that stopped before the period are untouched, and SPLA is not
		// created over its stopped line (ACW06).
		a(1011, 'EXO-P1', 4, '2019-10-01', { cancelledDay: '2025-06-30' }),
		a(1011, 'EXO-P1', 6, '2025-07-01'),
		a(1011, 'LEGACY-HOSTED-EXCH', 9, '2019-10-01'),
		a(1011, 'M365-BP', 5, '2021-01-01', { cancelledDay: '2024-03-31' }),
		a(1011, 'SPLA WIN SVR STD', 2, '2020-01-01', { cancelledDay: '2025-11-25' }),
		// 1012, 1013 IRONBARK (no agreement of the type): untouched.
		a(1012, 'M365-BP', 7, '2020-02-01'),
		a(1012, 'MANAGED-SERVER', 2, '2020-02-01'),
		a(1013, 'LEGACY-HOSTED-EXCH', 3, '2017-06-01'),
		// 1014 TUIBREW (cancelled agreement): untouched.
		a(1014, 'M365-BS', 4, '2021-05-01'),
		// 1015 MOAPOINT (deleted company): untouched.
		a(1015, 'EXO-P1', 3, '2022-03-01'),
		// 1016 BADQUOTE (identifier not queryable): untouched.
		a(1016, 'M365-BB', 1, '2023-08-01'),
		// 1017 ACORNOAK expired: untouched.
		a(1017, 'M365-BS', 6, '2022-01-01'),
		// 1018 ACORNOAK chosen (lowest active id): M365-BS 9->10.
		a(1018, 'DOMAIN-CO-UK', 2, '2025-01-01'),
		a(1018, 'M365-BS', 10, '2025-01-01'),
		// 1019 ACORNOAK second active agreement: untouched (its EXO-P1 is not a removed service).
		a(1019, 'EXO-P1', 2, '2025-06-01'),
		a(1019, 'M365-BS', 3, '2025-06-01'),
		// 1020 PIXELWORKS: hosted desktops created; no SSL line (0 and no addition).
		created(1020, 'HOSTED-DESKTOP', 4),
		a(1020, 'M365-BB', 4, '2025-03-01'),
		// 1021 WALKABOUT (not in Atria), 1022 GHOSTGUMTOURS (decoy), 1023 WATTLEGROVE (CW04 twin): untouched.
		a(1021, 'EXO-P1', 3, '2020-11-01'),
		a(1021, 'M365-BP', 12, '2020-11-01'),
		a(1022, 'M365-BB', 5, '2018-04-01'),
		a(1023, 'EXO-P1', 2, '2022-02-01'),
		// 1024 MERIDIAN block hours: another type, untouched.
		a(1024, 'ONSITE-SUPPORT', 20, '2026-01-01'),
		// 1025 KEA: the line cancelling on 2026-10-31 still bills: 10->12, its cancelled date kept; no second line.
		a(1025, 'M365-BS', 12, '2023-07-01', { cancelledDay: '2026-10-31' }),
		// 1026 TOTARA: the NoCharge line keeps its 3; the Billable line 15->17.
		a(1026, 'M365-BP', 3, '2022-08-01', { billCustomer: 'NoCharge' }),
		a(1026, 'M365-BP', 17, '2022-08-01'),
		// 1027 RIMU: the credit (-2) and the discount line (price -1.8) untouched; EXO-P1 8->9, M365-BB 5->6.
		a(1027, 'EXO-P1', -2, '2026-08-01'),
		a(1027, 'EXO-P1', 9, '2024-02-01'),
		a(1027, 'M365-BB', 5, '2026-01-01'),
		a(1027, 'M365-BB', 6, '2024-02-01'),
		// 1028 KOTARE: the current line 6->7; the line from 2026-12-01 keeps its 10.
		a(1028, 'M365-BS', 7, '2023-05-01'),
		a(1028, 'M365-BS', 10, '2026-12-01'),
		// 1029 PIPI: 3 -> 0.5 TB.
		a(1029, 'AZ-BACKUP-TB', 0.5, '2025-01-01'),
		// 1030 HOKI: M365-BB unchanged; the retired SKYPE-BIZ-P2 6->0.
		a(1030, 'M365-BB', 4, '2019-05-01'),
		a(1030, 'SKYPE-BIZ-P2', 0, '2019-05-01'),
		// 1031 TAKAHE (rows only in the period before): M365-BS 3->0, DOMAIN-CO-NZ 1->0; on-site support not Atria's.
		a(1031, 'DOMAIN-CO-NZ', 0, '2021-09-01'),
		a(1031, 'M365-BS', 0, '2021-09-01'),
		a(1031, 'ONSITE-SUPPORT', 2, '2021-09-01'),
		// 1032 MANUKA: every line as it was (NoCharge, DoNotBill, credit, starts later, stopped); nothing created.
		a(1032, 'DEFENDER-O365-P1', -5, '2026-07-01'),
		a(1032, 'EXO-P2', 2, '2020-03-01', { billCustomer: 'NoCharge' }),
		a(1032, 'M365-E3', 8, '2026-12-15'),
		a(1032, 'SSL-WILDCARD', 1, '2023-03-01', { cancelledDay: '2026-08-31' }),
		a(1032, 'TEAMS-PHONE-STD', 4, '2020-03-01', { billCustomer: 'DoNotBill' }),
		// 1033 TUATARA: two prices, nothing changed.
		a(1033, 'M365-BP', 4, '2025-09-01'),
		a(1033, 'M365-BP', 10, '2024-09-01'),
		// 1034 WEKA: the line that stopped on 2026-10-10 keeps its 5; its replacement 7->8.
		a(1034, 'M365-BS', 5, '2022-11-01', { cancelledDay: '2026-10-10' }),
		a(1034, 'M365-BS', 8, '2026-10-11'),
		// 1035 KARAKA: 6->9, 2 included units kept.
		a(1035, 'HOSTED-DESKTOP', 9, '2021-04-01', { lessIncluded: 2 }),
	],
	codesByCustomer: {
		BLUEGUM: ['CW07', 'CW07', 'CW09', 'CW09'],
		KAURI: ['CW07', 'CW09', 'CW09'],
		OBRIEN: ['CW07', 'CW08', 'CW09'],
		ZÜRICH: ['CW07', 'CW09', 'CW09'],
		MĀORI: ['CW09', 'CW20', 'CW20'],
		ŁÓDŹ: ['ACW02', 'CW07', 'CW09'],
		HARBOUR: ['CW07', 'CW08', 'CW09'],
		MERIDIAN: ['CW05', 'CW05', 'CW05', 'CW09'],
		KOWHAI: ['CW06', 'CW06', 'CW06', 'CW09', 'CW12'],
		THAMESVET: ['ACW06', 'CW07', 'CW09'],
		IRONBARK: ['CW14'],
		TUIBREW: ['CW05', 'CW14'],
		MOAPOINT: ['CW14'],
		BADQUOTE: ['CW14'],
		ACORNOAK: ['ACW01', 'CW07', 'CW09'],
		PIXELWORKS: ['CW08', 'CW09'],
		GHOSTGUM: ['CW05', 'CW14'],
		NBPHYSIO: ['CW14'],
		SUNSURF: ['CW04'],
		WATTLE: ['CW04'],
		PAUA: ['CW04'],
		KEA: ['ACW05', 'CW07'],
		TOTARA: ['CW07'],
		RIMU: ['CW07', 'CW07'],
		KOTARE: ['CW07'],
		PIPI: ['CW07'],
		HOKI: ['CW09', 'CW20'],
		TAKAHE: ['CW20', 'CW20'],
		MANUKA: ['ACW06', 'ACW06', 'ACW06', 'ACW06', 'ACW06'],
		TUATARA: ['ACW07'],
		WEKA: ['CW07'],
		KARAKA: ['CW07'],
	},
};

export const demoExpectedCreateNotAllowed: ExpectedOutcome = {
	additions: [
		a(1001, 'AZ-BACKUP-TB', 3.75, '2022-02-01'),
		a(1001, 'DOMAIN-COM-AU', 1, '2021-07-01'),
		a(1001, 'EXO-P1', 5, '2021-07-01'),
		a(1001, 'M365-BP', 24, '2021-07-01'),
		a(1001, 'MIMECAST-EMAIL-SEC', 24, '2023-03-01'),
		a(1001, 'ONSITE-SUPPORT', 10, '2021-07-01'),
		a(1002, 'M365-BP', 3, '2019-03-01'),
		a(1002, 'MANAGED-WORKSTATION', 18, '2019-03-01'),
		a(1003, 'AZ-BACKUP-TB', 1.5, '2022-04-01'),
		a(1003, 'DOMAIN-CO-NZ', 1, '2022-04-01'),
		a(1003, 'M365-BS', 19, '2022-04-01'),
		// 1004 OBRIEN: NCE "Annual" is CW22, not created.
		a(1004, 'DOMAIN-COM-AU', 1, '2023-02-01'),
		a(1004, 'M365-BB', 6, '2023-02-01'),
		a(1005, 'AZ-BACKUP-TB', 0.3, '2024-05-01'),
		a(1005, 'CAFÉ-POS-CLOUD', 3, '2024-05-01'),
		a(1005, 'M365-BB', 2, '2024-05-01'),
		a(1006, 'DEFENDER-O365-P1', 0, '2022-09-01'),
		a(1006, 'EXO-ARCHIVE', 6, '2022-09-01'),
		a(1006, 'M365-BS', 8, '2022-09-01'),
		a(1006, 'M365-E3', 0, '2022-09-01'),
		a(1006, 'TEAMS-PHONE-STD', 0, '2023-04-01'),
		a(1007, 'EXO-P2', 0, '2024-02-01'),
		a(1007, 'EXO-P2', 2, '2023-11-01'),
		a(1007, 'M365-BP', 0, '2023-11-01'),
		a(1007, 'M365-BP', 12, '2023-11-01'),
		// 1008 HARBOUR: Defender is CW22, not created.
		a(1008, 'EXO-P1', 4, '2021-01-01'),
		a(1008, 'M365-E3', 8, '2021-01-01'),
		a(1009, 'M365-BS', 15, '2020-08-01'),
		a(1010, 'M365-BB', 5, '2024-01-01'),
		// 1011 THAMESVET: as with creating allowed (SPLA is ACW06 in both modes).
		a(1011, 'EXO-P1', 4, '2019-10-01', { cancelledDay: '2025-06-30' }),
		a(1011, 'EXO-P1', 6, '2025-07-01'),
		a(1011, 'LEGACY-HOSTED-EXCH', 9, '2019-10-01'),
		a(1011, 'M365-BP', 5, '2021-01-01', { cancelledDay: '2024-03-31' }),
		a(1011, 'SPLA WIN SVR STD', 2, '2020-01-01', { cancelledDay: '2025-11-25' }),
		a(1012, 'M365-BP', 7, '2020-02-01'),
		a(1012, 'MANAGED-SERVER', 2, '2020-02-01'),
		a(1013, 'LEGACY-HOSTED-EXCH', 3, '2017-06-01'),
		a(1014, 'M365-BS', 4, '2021-05-01'),
		a(1015, 'EXO-P1', 3, '2022-03-01'),
		a(1016, 'M365-BB', 1, '2023-08-01'),
		a(1017, 'M365-BS', 6, '2022-01-01'),
		a(1018, 'DOMAIN-CO-UK', 2, '2025-01-01'),
		a(1018, 'M365-BS', 10, '2025-01-01'),
		a(1019, 'EXO-P1', 2, '2025-06-01'),
		a(1019, 'M365-BS', 3, '2025-06-01'),
		// 1020 PIXELWORKS: hosted desktop is CW22, not created.
		a(1020, 'M365-BB', 4, '2025-03-01'),
		a(1021, 'EXO-P1', 3, '2020-11-01'),
		a(1021, 'M365-BP', 12, '2020-11-01'),
		a(1022, 'M365-BB', 5, '2018-04-01'),
		a(1023, 'EXO-P1', 2, '2022-02-01'),
		a(1024, 'ONSITE-SUPPORT', 20, '2026-01-01'),
		// 1025 to 1035: the billing-model cases create nothing, so both modes agree.
		a(1025, 'M365-BS', 12, '2023-07-01', { cancelledDay: '2026-10-31' }),
		a(1026, 'M365-BP', 3, '2022-08-01', { billCustomer: 'NoCharge' }),
		a(1026, 'M365-BP', 17, '2022-08-01'),
		a(1027, 'EXO-P1', -2, '2026-08-01'),
		a(1027, 'EXO-P1', 9, '2024-02-01'),
		a(1027, 'M365-BB', 5, '2026-01-01'),
		a(1027, 'M365-BB', 6, '2024-02-01'),
		a(1028, 'M365-BS', 7, '2023-05-01'),
		a(1028, 'M365-BS', 10, '2026-12-01'),
		a(1029, 'AZ-BACKUP-TB', 0.5, '2025-01-01'),
		a(1030, 'M365-BB', 4, '2019-05-01'),
		a(1030, 'SKYPE-BIZ-P2', 0, '2019-05-01'),
		a(1031, 'DOMAIN-CO-NZ', 0, '2021-09-01'),
		a(1031, 'M365-BS', 0, '2021-09-01'),
		a(1031, 'ONSITE-SUPPORT', 2, '2021-09-01'),
		a(1032, 'DEFENDER-O365-P1', -5, '2026-07-01'),
		a(1032, 'EXO-P2', 2, '2020-03-01', { billCustomer: 'NoCharge' }),
		a(1032, 'M365-E3', 8, '2026-12-15'),
		a(1032, 'SSL-WILDCARD', 1, '2023-03-01', { cancelledDay: '2026-08-31' }),
		a(1032, 'TEAMS-PHONE-STD', 4, '2020-03-01', { billCustomer: 'DoNotBill' }),
		a(1033, 'M365-BP', 4, '2025-09-01'),
		a(1033, 'M365-BP', 10, '2024-09-01'),
		a(1034, 'M365-BS', 5, '2022-11-01', { cancelledDay: '2026-10-10' }),
		a(1034, 'M365-BS', 8, '2026-10-11'),
		a(1035, 'HOSTED-DESKTOP', 9, '2021-04-01', { lessIncluded: 2 }),
	],
	codesByCustomer: {
		BLUEGUM: ['CW07', 'CW07', 'CW09', 'CW09'],
		KAURI: ['CW07', 'CW09', 'CW09'],
		OBRIEN: ['CW07', 'CW09', 'CW22'],
		ZÜRICH: ['CW07', 'CW09', 'CW09'],
		MĀORI: ['CW09', 'CW20', 'CW20'],
		ŁÓDŹ: ['ACW02', 'CW07', 'CW09'],
		HARBOUR: ['CW07', 'CW09', 'CW22'],
		MERIDIAN: ['CW05', 'CW05', 'CW05', 'CW09'],
		KOWHAI: ['CW06', 'CW06', 'CW06', 'CW09', 'CW12'],
		THAMESVET: ['ACW06', 'CW07', 'CW09'],
		IRONBARK: ['CW14'],
		TUIBREW: ['CW05', 'CW14'],
		MOAPOINT: ['CW14'],
		BADQUOTE: ['CW14'],
		ACORNOAK: ['ACW01', 'CW07', 'CW09'],
		PIXELWORKS: ['CW09', 'CW22'],
		GHOSTGUM: ['CW05', 'CW14'],
		NBPHYSIO: ['CW14'],
		SUNSURF: ['CW04'],
		WATTLE: ['CW04'],
		PAUA: ['CW04'],
		KEA: ['ACW05', 'CW07'],
		TOTARA: ['CW07'],
		RIMU: ['CW07', 'CW07'],
		KOTARE: ['CW07'],
		PIPI: ['CW07'],
		HOKI: ['CW09', 'CW20'],
		TAKAHE: ['CW20', 'CW20'],
		MANUKA: ['ACW06', 'ACW06', 'ACW06', 'ACW06', 'ACW06'],
		TUATARA: ['ACW07'],
		WEKA: ['CW07'],
		KARAKA: ['CW07'],
	},
};

export interface DemoSituation {
	customerCode: string;
	situation: string;
}

/** Customer code -> the situation it exercises, for the README. */
export const demoSituations: DemoSituation[] = [
	{
		customerCode: 'BLUEGUM',
		situation:
			'Happy path: quantity up (incl. 2.5 -> 3.75 TB), unchanged lines, non-billable rows ignored, non-Atria additions left alone, Managed Services agreement untouched',
	},
	{
		customerCode: 'KAURI',
		situation: 'Several rows of one SKU summed (12 + 7 vs 21: decrease); 1.5 vs 1.5 TB unchanged',
	},
	{
		customerCode: 'OBRIEN',
		situation: "Company identifier with a single quote, name with '&'; new SKU with double quotes (created / CW22)",
	},
	{ customerCode: 'ZÜRICH', situation: 'Non-ASCII code, identifier and SKU; 0.1 + 0.2 TB vs 0.3 within tolerance' },
	{
		customerCode: 'MĀORI',
		situation:
			'Removed services: row with 0 this month, and a managed addition absent from the rows; already-0 and unmanaged additions left alone',
	},
	{
		customerCode: 'ŁÓDŹ',
		situation:
			'Duplicate additions (same price, both billing): lowest id takes the quantity, the other set to 0 (ACW02); an already-0 duplicate ignored',
	},
	{
		customerCode: 'HARBOUR',
		situation:
			'Billing identifier and SKUs differing only in case / surrounding spaces; new service from a lower-case SKU',
	},
	{ customerCode: 'MERIDIAN', situation: 'Lines without SKU (null, empty, spaces): CW05 each' },
	{
		customerCode: 'KOWHAI',
		situation: 'Unknown SKU, SKU only inactive in the catalog, SKU with both quote kinds (CW06); Bundle (CW12)',
	},
	{
		customerCode: 'THAMESVET',
		situation:
			'Inactive catalog product with an addition is updated; lines that stopped before the period never matched; SKU with spaces whose only line stopped in 2025: nothing added, ACW06 in both modes',
	},
	{
		customerCode: 'IRONBARK',
		situation: 'Company without an agreement of the type (other and retired types only): CW14',
	},
	{
		customerCode: 'TUIBREW',
		situation: 'Only agreement of the type is cancelled: CW14 (and CW05 for its SKU-less line)',
	},
	{ customerCode: 'MOAPOINT', situation: 'Company marked deleted: CW14' },
	{ customerCode: 'BADQUOTE', situation: 'Billing identifier with both quote kinds: not queryable, CW14' },
	{
		customerCode: 'ACORNOAK',
		situation: 'Two active agreements of the type (lowest id used, ACW01) and an expired one with a lower id',
	},
	{
		customerCode: 'PIXELWORKS',
		situation:
			'Name with <script>, identifier with a trailing space; new service (created / CW22); SKU at 0 with no addition: nothing',
	},
	{ customerCode: 'GHOSTGUM', situation: 'No company with this identifier (a longer one exists): CW14, plus CW05' },
	{ customerCode: 'NBPHYSIO', situation: 'Billing identifier longer than 30 characters: CW14' },
	{ customerCode: 'SUNSURF', situation: 'No billing identifier (null): CW04 only, its SKU-less line not reported' },
	{ customerCode: 'WATTLE', situation: 'Billing identifier of spaces: CW04' },
	{ customerCode: 'PAUA', situation: 'Empty billing identifier: CW04' },
	{
		customerCode: 'KEA',
		situation:
			'Only line cancels after the period (notice given): still bills, so updated (CW07) with ACW05; no second line even with creating allowed',
	},
	{
		customerCode: 'TOTARA',
		situation: 'NoCharge line (internal licences, lower id) beside the Billable one: the Billable line updated, the NoCharge one untouched',
	},
	{
		customerCode: 'RIMU',
		situation: 'A credit line (quantity -2) and a discount line (price -1.8) beside normal lines: the normal ones updated, the credits untouched',
	},
	{
		customerCode: 'KOTARE',
		situation: 'A line starting after the period beside the current one: the current one updated, the future one untouched',
	},
	{ customerCode: 'PIPI', situation: 'Fractional count against a whole one: 3 -> 0.5 TB updated (CW07), not removed' },
	{
		customerCode: 'HOKI',
		situation:
			'Retired SKU: reported only in the period before (by this customer), by nobody now: its line set to 0 (CW20)',
	},
	{
		customerCode: 'TAKAHE',
		situation:
			'Rows only in the period before, none now: its Atria lines set to 0 (CW20), the non-Atria line and its SKU-less row left alone',
	},
	{
		customerCode: 'MANUKA',
		situation:
			'The only line of a product is NoCharge, DoNotBill, a credit, starts after the period, or stopped before it: ACW06 each, nothing changed or added in both modes',
	},
	{
		customerCode: 'TUATARA',
		situation: 'Two Billable lines of one product billing now at different prices: ACW07, nothing changed',
	},
	{
		customerCode: 'WEKA',
		situation:
			'A line cancelled during the period and its replacement from the next day: the replacement updated, the old line untouched (not a duplicate)',
	},
	{ customerCode: 'KARAKA', situation: 'A line with 2 included units: quantity set to Atria\'s count, included units kept' },
];

/** demoSituations as a Markdown table with the expected codes of both modes. */
export function demoSituationsMarkdown(): string {
	const lines = [
		'| Customer | Situation | Codes (create allowed) | Codes (create not allowed) |',
		'| --- | --- | --- | --- |',
	];
	for (const s of demoSituations) {
		const allowed = demoExpectedCreateAllowed.codesByCustomer[s.customerCode] ?? [];
		const notAllowed = demoExpectedCreateNotAllowed.codesByCustomer[s.customerCode] ?? [];
		const escape = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
		lines.push(
			`| ${escape(s.customerCode)} | ${escape(s.situation)} | ${allowed.join(' ')} | ${notAllowed.join(' ')} |`,
		);
	}
	return lines.join('\n') + '\n';
}
