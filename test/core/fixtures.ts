import type { BillingCustomer, BillingLine } from '../../nodes/core/atria/customers';
import type { Addition, Agreement, CatalogItem, Company } from '../../nodes/core/connectwise/schemas';
import type { LogContext } from '../../nodes/core/log/entry';
import type { ConnectWiseSnapshot, PlanOptions } from '../../nodes/core/plan/types';

export const context: LogContext = { runId: 'run-test', now: () => new Date('2026-10-26T22:00:00Z') };
export const period = { start: '2026-09-26', end: '2026-10-25' };
export const TYPE = { id: 7, name: 'Cloud and Hosting Services' };

export function line(sku: string | null, quantity: number, description = sku ?? 'No SKU line'): BillingLine {
	return { sku, description, quantity, previousQuantity: null, rows: 1 };
}

export function customer(code: string, billingIdentifier: string | null, lines: BillingLine[], name = `${code} Ltd`): BillingCustomer {
	return { code, name, billingIdentifier, lines };
}

export function company(id: number, identifier: string, extra: Partial<Company> = {}): Company {
	return { id, identifier, name: `${identifier} Pty`, deletedFlag: false, ...extra };
}

export function agreement(id: number, companyId: number, extra: Partial<Agreement> = {}): Agreement {
	return { id, name: `Agreement ${id}`, type: TYPE, company: { id: companyId }, agreementStatus: 'Active', cancelledFlag: false, startDate: '2025-01-01T00:00:00Z', ...extra };
}

export function addition(id: number, productId: number, identifier: string, quantity: number, extra: Partial<Addition> = {}): Addition {
	return { id, product: { id: productId, identifier }, quantity, billCustomer: 'Billable', effectiveDate: '2024-01-01T00:00:00Z', cancelledDate: null, unitPrice: 10, ...extra };
}

export function product(id: number, identifier: string, extra: Partial<CatalogItem> = {}): CatalogItem {
	return { id, identifier, description: identifier, inactiveFlag: false, productClass: 'Service', price: 12.5, ...extra };
}

export function snapshot(parts: Partial<Omit<ConnectWiseSnapshot, 'additions'>> & { additions?: Record<number, Addition[]> }): ConnectWiseSnapshot {
	return {
		agreementType: TYPE,
		companies: parts.companies ?? [],
		agreements: parts.agreements ?? [],
		additions: new Map(Object.entries(parts.additions ?? {}).map(([id, list]) => [Number(id), list])),
		additionErrors: parts.additionErrors ?? new Map(),
		catalog: parts.catalog ?? [],
	};
}

export const options: PlanOptions = {
	allowCreateAdditions: false,
	agreementSelection: 'lowestId',
	quantityTolerance: 0.0001,
	agreementTypeName: TYPE.name,
};
