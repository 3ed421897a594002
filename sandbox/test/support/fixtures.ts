import type { AtriaRow, AtriaState, CwState } from '../../model';

/** A tiny ConnectWise state, built fresh each call so tests can change it freely. */
export function tinyCwState(): CwState {
	const info = (lastUpdated: string) => ({ lastUpdated });
	return {
		companies: [
			{ id: 1, identifier: 'ACME', name: 'Acme Corp', status: { id: 1, name: 'Active' }, deletedFlag: false, _info: info('2025-03-01T10:00:00Z') },
			{ id: 2, identifier: 'BETA', name: 'Beta Ltd   ', status: { id: 5, name: 'Inactive' }, deletedFlag: true, _info: info('2025-06-01T10:00:00Z') },
			{ id: 3, identifier: "O'Brien", name: 'The "Best" Plumbers', status: { id: 1, name: 'Active' }, deletedFlag: false },
		],
		agreementTypes: [
			{ id: 1, name: 'Cloud and Hosting Services', inactiveFlag: false },
			{ id: 2, name: 'Managed Services', inactiveFlag: true },
		],
		agreements: [
			{
				id: 10,
				name: 'Acme Cloud',
				type: { id: 1, name: 'Cloud and Hosting Services' },
				company: { id: 1, identifier: 'ACME', name: 'Acme Corp' },
				agreementStatus: 'Active',
				cancelledFlag: false,
				startDate: '2024-01-01T00:00:00Z',
				endDate: null,
			},
			{
				id: 11,
				name: 'Beta Managed',
				type: { id: 2, name: 'Managed Services' },
				company: { id: 2, identifier: 'BETA', name: 'Beta Ltd' },
				agreementStatus: 'Cancelled',
				cancelledFlag: true,
				startDate: '2023-01-01T00:00:00Z',
				endDate: '2025-06-30T00:00:00Z',
			},
			{
				id: 12,
				name: "O'Brien Cloud",
				type: { id: 1, name: 'Cloud and Hosting Services' },
				company: { id: 3, identifier: "O'Brien", name: 'The "Best" Plumbers' },
				agreementStatus: 'Active',
				cancelledFlag: false,
				startDate: '2025-07-15T00:00:00Z',
			},
		],
		additions: [
			{ id: 500, agreementId: 10, product: { id: 100, identifier: 'M365-BP' }, quantity: 5, billCustomer: 'Billable', description: 'Business Premium', unitPrice: 22 },
			{
				id: 501,
				agreementId: 10,
				product: { id: 101, identifier: 'BACKUP_50GB' },
				quantity: 2.5,
				billCustomer: 'Billable',
				cancelledDate: '2025-01-31T00:00:00Z',
				description: null as unknown as string,
			},
			{ id: 502, agreementId: 12, product: { id: 100, identifier: 'M365-BP' }, quantity: 1, billCustomer: 'DoNotBill', description: 'Legacy line' },
			{ id: 503, agreementId: 10, product: { id: 104, identifier: 'm365-e3' }, quantity: -1, billCustomer: 'NoCharge', description: 'Credit' },
		],
		catalog: [
			{ id: 100, identifier: 'M365-BP', description: 'Microsoft 365 Business Premium', inactiveFlag: false, price: 22, cost: 18, productClass: 'NonInventory' },
			{ id: 101, identifier: 'BACKUP_50GB', description: 'Backup 50 GB', inactiveFlag: false, price: 10, productClass: 'Service' },
			{ id: 102, identifier: 'BUNDLE-1', description: 'Starter bundle', inactiveFlag: false, productClass: 'Bundle' },
			{ id: 103, identifier: 'OLD-SKU', description: 'Retired product', inactiveFlag: true, productClass: 'NonInventory' },
			{ id: 104, identifier: 'm365-e3', description: 'Microsoft 365 E3', inactiveFlag: false, price: 36, productClass: 'NonInventory' },
		],
		subcategories: [{ id: 1, name: 'Microsoft' }],
		productTypes: [{ id: 1, name: 'Subscription' }],
	};
}

/** `count` companies with ids 1..count, for paging tests. */
export function manyCompanies(count: number): CwState {
	const state = tinyCwState();
	state.companies = Array.from({ length: count }, (_, index) => ({
		id: index + 1,
		identifier: `C${String(index + 1).padStart(4, '0')}`,
		name: `Company ${index + 1}`,
		status: { id: 1, name: 'Active' },
		deletedFlag: index % 2 === 0,
	}));
	return state;
}

export function atriaRow(overrides: Partial<AtriaRow>): AtriaRow {
	return {
		customerCode: 'ACME',
		customerName: 'Acme Corp',
		customerAccountCode: 'ACME',
		productSku: 'M365-BP',
		summaryDescription: 'Microsoft 365 Business Premium',
		thisMonthCount: 5,
		lastMonthCount: 4,
		billableFlag: true,
		...overrides,
	};
}

export function tinyAtriaState(): AtriaState {
	return {
		periodEndDay: 'last',
		periods: {
			'2026-01-31': [
				atriaRow({}),
				atriaRow({ productSku: 'BACKUP', summaryDescription: 'Backup', thisMonthCount: 2.5, lastMonthCount: 2 }),
				atriaRow({ productSku: 'M365-BP', summaryDescription: 'Business Premium (annual)', thisMonthCount: 3, lastMonthCount: 3 }),
				atriaRow({ customerCode: 'BETA', customerName: 'Beta Ltd', customerAccountCode: null, productSku: 'X', thisMonthCount: 7, lastMonthCount: 1 }),
				atriaRow({ customerCode: 'BETA', customerName: 'Beta Ltd', customerAccountCode: null, productSku: 'FREE', thisMonthCount: 1, lastMonthCount: 1, billableFlag: false }),
			],
		},
		defaultRows: [atriaRow({ summaryDescription: 'Default row', thisMonthCount: 9 })],
	};
}
