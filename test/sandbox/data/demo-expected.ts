/**
 * The demo's expected outcome, written BY HAND from the reconcile rules (not computed by any project code).
 * It is the independent oracle for the planner: if they disagree, read the rule and the comment per customer
 * in demo.ts before touching either side.
 *
 * Conventions:
 * - additions: every addition with cancelledDate null after the sync, on ALL agreements (touched or not),
 *   sorted by agreementId, then productIdentifier (plain UTF-16 order, the same as localeCompare here), then
 *   quantity (two active additions of one product only occur with duplicates, one of which ends at 0).
 * - productIdentifier is as stored in ConnectWise: a created addition carries the catalog identifier, not the
 *   case or spacing of Atria's SKU ('defender-o365-p1' creates 'DEFENDER-O365-P1').
 * - codesByCustomer: every customer code of the period's billable rows, codes sorted (plain string order, so
 *   ACW.. before CW..) with repeats; CW01/CW23 excluded. Only CW08/CW22 differ between the two modes.
 */
import type { ExpectedAddition, ExpectedOutcome } from '../model';

function a(agreementId: number, productIdentifier: string, quantity: number): ExpectedAddition {
	return { agreementId, productIdentifier, quantity };
}

export const demoExpectedCreateAllowed: ExpectedOutcome = {
	additions: [
		// 1001 BLUEGUM (Cloud): M365-BP 22->24, backup 2.5->3.75; the rest unchanged or not Atria's.
		a(1001, 'AZ-BACKUP-TB', 3.75),
		a(1001, 'DOMAIN-COM-AU', 1),
		a(1001, 'EXO-P1', 5),
		a(1001, 'M365-BP', 24),
		a(1001, 'MIMECAST-EMAIL-SEC', 24),
		a(1001, 'ONSITE-SUPPORT', 10),
		// 1002 BLUEGUM (Managed Services): another type, untouched.
		a(1002, 'M365-BP', 3),
		a(1002, 'MANAGED-WORKSTATION', 18),
		// 1003 KAURI: M365-BS 21->19 (12 + 7).
		a(1003, 'AZ-BACKUP-TB', 1.5),
		a(1003, 'DOMAIN-CO-NZ', 1),
		a(1003, 'M365-BS', 19),
		// 1004 OBRIEN: M365-BB 4->6, NCE "Annual" created.
		a(1004, 'DOMAIN-COM-AU', 1),
		a(1004, 'M365-BB', 6),
		a(1004, 'NCE-M365-BP "Annual"', 3),
		// 1005 ZÜRICH: POS 2->3; 0.3 TB kept (0.1 + 0.2 is within tolerance).
		a(1005, 'AZ-BACKUP-TB', 0.3),
		a(1005, 'CAFÉ-POS-CLOUD', 3),
		a(1005, 'M365-BB', 2),
		// 1006 MĀORI: Teams Phone and M365-E3 removed (0); Defender already 0; EXO-ARCHIVE not managed.
		a(1006, 'DEFENDER-O365-P1', 0),
		a(1006, 'EXO-ARCHIVE', 6),
		a(1006, 'M365-BS', 8),
		a(1006, 'M365-E3', 0),
		a(1006, 'TEAMS-PHONE-STD', 0),
		// 1007 ŁÓDŹ: primary M365-BP (5022) 10->12, duplicate (5023) 12->0; EXO-P2 duplicate already 0.
		a(1007, 'EXO-P2', 0),
		a(1007, 'EXO-P2', 2),
		a(1007, 'M365-BP', 0),
		a(1007, 'M365-BP', 12),
		// 1008 HARBOUR: M365-E3 5->8, DEFENDER-O365-P1 created from 'defender-o365-p1'.
		a(1008, 'DEFENDER-O365-P1', 8),
		a(1008, 'EXO-P1', 4),
		a(1008, 'M365-E3', 8),
		// 1009 MERIDIAN (Cloud).
		a(1009, 'M365-BS', 15),
		// 1010 KOWHAI: nothing can be added (unknown, inactive, unqueryable, bundle).
		a(1010, 'M365-BB', 5),
		// 1011 THAMESVET: legacy 11->9; SPLA created (its old addition is cancelled, so not listed).
		a(1011, 'EXO-P1', 6),
		a(1011, 'LEGACY-HOSTED-EXCH', 9),
		a(1011, 'SPLA WIN SVR STD', 4),
		// 1012, 1013 IRONBARK (no agreement of the type): untouched.
		a(1012, 'M365-BP', 7),
		a(1012, 'MANAGED-SERVER', 2),
		a(1013, 'LEGACY-HOSTED-EXCH', 3),
		// 1014 TUIBREW (cancelled agreement): untouched.
		a(1014, 'M365-BS', 4),
		// 1015 MOAPOINT (deleted company): untouched.
		a(1015, 'EXO-P1', 3),
		// 1016 BADQUOTE (identifier not queryable): untouched.
		a(1016, 'M365-BB', 1),
		// 1017 ACORNOAK expired: untouched.
		a(1017, 'M365-BS', 6),
		// 1018 ACORNOAK chosen (lowest active id): M365-BS 9->10.
		a(1018, 'DOMAIN-CO-UK', 2),
		a(1018, 'M365-BS', 10),
		// 1019 ACORNOAK second active agreement: untouched (its EXO-P1 is not a removed service).
		a(1019, 'EXO-P1', 2),
		a(1019, 'M365-BS', 3),
		// 1020 PIXELWORKS: hosted desktops created; no SSL line (0 and no addition).
		a(1020, 'HOSTED-DESKTOP', 4),
		a(1020, 'M365-BB', 4),
		// 1021 WALKABOUT (not in Atria), 1022 GHOSTGUMTOURS (decoy), 1023 WATTLEGROVE (CW04 twin): untouched.
		a(1021, 'EXO-P1', 3),
		a(1021, 'M365-BP', 12),
		a(1022, 'M365-BB', 5),
		a(1023, 'EXO-P1', 2),
		// 1024 MERIDIAN block hours: another type, untouched.
		a(1024, 'ONSITE-SUPPORT', 20),
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
		THAMESVET: ['CW07', 'CW08', 'CW09'],
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
	},
};

export const demoExpectedCreateNotAllowed: ExpectedOutcome = {
	additions: [
		a(1001, 'AZ-BACKUP-TB', 3.75),
		a(1001, 'DOMAIN-COM-AU', 1),
		a(1001, 'EXO-P1', 5),
		a(1001, 'M365-BP', 24),
		a(1001, 'MIMECAST-EMAIL-SEC', 24),
		a(1001, 'ONSITE-SUPPORT', 10),
		a(1002, 'M365-BP', 3),
		a(1002, 'MANAGED-WORKSTATION', 18),
		a(1003, 'AZ-BACKUP-TB', 1.5),
		a(1003, 'DOMAIN-CO-NZ', 1),
		a(1003, 'M365-BS', 19),
		// 1004 OBRIEN: NCE "Annual" is CW22, not created.
		a(1004, 'DOMAIN-COM-AU', 1),
		a(1004, 'M365-BB', 6),
		a(1005, 'AZ-BACKUP-TB', 0.3),
		a(1005, 'CAFÉ-POS-CLOUD', 3),
		a(1005, 'M365-BB', 2),
		a(1006, 'DEFENDER-O365-P1', 0),
		a(1006, 'EXO-ARCHIVE', 6),
		a(1006, 'M365-BS', 8),
		a(1006, 'M365-E3', 0),
		a(1006, 'TEAMS-PHONE-STD', 0),
		a(1007, 'EXO-P2', 0),
		a(1007, 'EXO-P2', 2),
		a(1007, 'M365-BP', 0),
		a(1007, 'M365-BP', 12),
		// 1008 HARBOUR: Defender is CW22, not created.
		a(1008, 'EXO-P1', 4),
		a(1008, 'M365-E3', 8),
		a(1009, 'M365-BS', 15),
		a(1010, 'M365-BB', 5),
		// 1011 THAMESVET: SPLA is CW22, not created.
		a(1011, 'EXO-P1', 6),
		a(1011, 'LEGACY-HOSTED-EXCH', 9),
		a(1012, 'M365-BP', 7),
		a(1012, 'MANAGED-SERVER', 2),
		a(1013, 'LEGACY-HOSTED-EXCH', 3),
		a(1014, 'M365-BS', 4),
		a(1015, 'EXO-P1', 3),
		a(1016, 'M365-BB', 1),
		a(1017, 'M365-BS', 6),
		a(1018, 'DOMAIN-CO-UK', 2),
		a(1018, 'M365-BS', 10),
		a(1019, 'EXO-P1', 2),
		a(1019, 'M365-BS', 3),
		// 1020 PIXELWORKS: hosted desktop is CW22, not created.
		a(1020, 'M365-BB', 4),
		a(1021, 'EXO-P1', 3),
		a(1021, 'M365-BP', 12),
		a(1022, 'M365-BB', 5),
		a(1023, 'EXO-P1', 2),
		a(1024, 'ONSITE-SUPPORT', 20),
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
		THAMESVET: ['CW07', 'CW09', 'CW22'],
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
		situation: 'Duplicate additions: lowest id is primary, the other set to 0 (ACW02); an already-0 duplicate ignored',
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
			'Inactive catalog product with an active addition is updated; cancelled additions never matched; SKU with spaces created over a cancelled line',
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
