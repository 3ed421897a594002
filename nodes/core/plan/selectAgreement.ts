import type { Agreement } from '../connectwise/schemas';
import type { AgreementSelectionRule } from './types';

/** Active means billing now: not cancelled and in status Active (Expired and Inactive ones do not bill). */
export function isActiveAgreement(agreement: Agreement): boolean {
	return (
		agreement.cancelledFlag !== true &&
		(agreement.agreementStatus === undefined || agreement.agreementStatus === 'Active')
	);
}

function startOf(agreement: Agreement): string {
	return agreement.startDate ?? '';
}

/** Picks one agreement by the rule; deterministic whatever the order ConnectWise returned them in. */
export function selectAgreement(
	agreements: readonly Agreement[],
	rule: AgreementSelectionRule,
): Agreement | undefined {
	// Nearly every company has one agreement of the type: nothing to choose, nor to copy and sort.
	if (agreements.length === 1) return agreements[0];
	const sorted = [...agreements].sort((a, b) => {
		if (rule !== 'lowestId') {
			const byStart = startOf(a).localeCompare(startOf(b));
			if (byStart !== 0) return rule === 'earliestStart' ? byStart : -byStart;
		}
		return a.id - b.id;
	});
	return sorted[0];
}
