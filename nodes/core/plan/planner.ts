import type { BillingCustomer, BillingLine } from '../atria/customers';
import type { BillingPeriod } from '../atria/period';
import type { CwCode, EntryFields } from '../codes/catalogue';
import { isQuotable } from '../connectwise/conditions';
import type { Addition, Agreement, CatalogItem, Company } from '../connectwise/schemas';
import { createEntry, type LogContext, type LogEntry } from '../log/entry';
import { normalizeKey } from '../util/keys';
import { sameQuantity } from '../util/quantity';
import { isActiveAgreement, selectAgreement } from './selectAgreement';
import { WRITE_ACTIONS, type ConnectWiseSnapshot, type CustomerPlan, type NewProduct, type NewProductSettings, type PlanLine, type PlanOptions } from './types';

export const MAX_COMPANY_IDENTIFIER_LENGTH = 30;
export const MAX_PRODUCT_IDENTIFIER_LENGTH = 60;

/** Why a billing identifier cannot be looked up in ConnectWise at all; null when it can. */
export function identifierProblem(identifier: string): string | null {
	if (identifier.trim().length > MAX_COMPANY_IDENTIFIER_LENGTH) return `the billing identifier is longer than ${MAX_COMPANY_IDENTIFIER_LENGTH} characters`;
	if (!isQuotable(identifier.trim())) return 'the billing identifier contains both quote kinds or a control character';
	return null;
}

export function skuProblem(sku: string): string | null {
	if (sku.trim().length > MAX_PRODUCT_IDENTIFIER_LENGTH) return `the SKU is longer than ${MAX_PRODUCT_IDENTIFIER_LENGTH} characters`;
	if (!isQuotable(sku.trim())) return 'the SKU contains both quote kinds or a control character';
	return null;
}

/** Every SKU Atria reports this period (any customer, any quantity): only these are "removed" when absent. */
export function managedSkuKeys(customers: readonly Pick<BillingCustomer, 'lines'>[]): Set<string> {
	const keys = new Set<string>();
	for (const customer of customers) for (const line of customer.lines) if (line.sku !== null) keys.add(normalizeKey(line.sku));
	return keys;
}

/** A line is cancelled when ConnectWise has a cancelled date on it; there is no flag. */
export function isActiveAddition(addition: Addition): boolean {
	return addition.cancelledDate === null || addition.cancelledDate === undefined || addition.cancelledDate === '';
}

interface SnapshotIndex {
	companyByKey: Map<string, Company>;
	agreementsByCompany: Map<number, Agreement[]>;
	catalogByKey: Map<string, CatalogItem>;
	/** Identifiers of inactive catalog items: not usable, and not to be created again either. */
	inactiveKeys: Set<string>;
}

/** ConnectWise limits a catalog description to 60 characters: cut at a word where one is near. */
export function catalogDescription(text: string, fallback: string): string {
	const source = (text.trim() || fallback.trim()).replace(/\s+/g, ' ');
	if (source.length <= 60) return source;
	const cut = source.slice(0, 60);
	const space = cut.lastIndexOf(' ');
	return (space >= 30 ? cut.slice(0, space) : cut).trim();
}

function newProductFor(sku: string, description: string, settings: NewProductSettings): NewProduct {
	const text = catalogDescription(description, sku);
	return { identifier: sku.trim(), description: text, customerDescription: text, ...settings };
}

/** The active agreements of the configured type, by company id. */
function activeAgreementsByCompany(snapshot: Pick<ConnectWiseSnapshot, 'agreements' | 'agreementType'>): Map<number, Agreement[]> {
	const byCompany = new Map<number, Agreement[]>();
	for (const agreement of snapshot.agreements) {
		if (agreement.type.id !== snapshot.agreementType.id || !isActiveAgreement(agreement)) continue;
		const list = byCompany.get(agreement.company.id);
		if (list) list.push(agreement);
		else byCompany.set(agreement.company.id, [agreement]);
	}
	return byCompany;
}

function indexSnapshot(snapshot: ConnectWiseSnapshot): SnapshotIndex {
	const companyByKey = new Map<string, Company>();
	for (const company of [...snapshot.companies].sort((a, b) => a.id - b.id)) {
		if (company.deletedFlag === true) continue;
		const key = normalizeKey(company.identifier);
		if (!companyByKey.has(key)) companyByKey.set(key, company);
	}
	const agreementsByCompany = activeAgreementsByCompany(snapshot);
	const catalogByKey = new Map<string, CatalogItem>();
	const inactiveKeys = new Set<string>();
	for (const item of [...snapshot.catalog].sort((a, b) => a.id - b.id)) {
		if (item.inactiveFlag === true) {
			inactiveKeys.add(normalizeKey(item.identifier));
			continue;
		}
		const key = normalizeKey(item.identifier);
		if (!catalogByKey.has(key)) catalogByKey.set(key, item);
	}
	for (const key of catalogByKey.keys()) inactiveKeys.delete(key);
	return { companyByKey, agreementsByCompany, catalogByKey, inactiveKeys };
}

/** The agreement the snapshot fetcher must read additions for, per company: the same rule the planner uses. */
export function chosenAgreements(snapshot: Pick<ConnectWiseSnapshot, 'agreements' | 'agreementType'>, rule: PlanOptions['agreementSelection']): Agreement[] {
	return [...activeAgreementsByCompany(snapshot).values()].map((list) => selectAgreement(list, rule)).filter((a): a is Agreement => a !== undefined);
}

class CustomerPlanBuilder {
	readonly lines: PlanLine[] = [];
	readonly log: LogEntry[] = [];
	private readonly customerFields: EntryFields;

	constructor(
		private readonly context: LogContext,
		readonly plan: Omit<CustomerPlan, 'lines' | 'log'>,
	) {
		this.customerFields = {
			customerCode: plan.customer.code,
			customerName: plan.customer.name,
			billingIdentifier: plan.customer.billingIdentifier ?? undefined,
			agreementType: plan.agreementType,
		};
	}

	note(code: CwCode, fields: EntryFields = {}): void {
		this.log.push(createEntry(this.context, code, { ...this.customerFields, ...fields }));
	}

	line(line: Omit<PlanLine, 'lineId'>): void {
		const lineId = `L${this.lines.length + 1}`;
		// Every key in a fixed order, like log entries: one object shape for all lines of a large plan.
		const full: PlanLine = {
			lineId,
			action: line.action,
			code: line.code,
			sku: line.sku,
			lineDescription: line.lineDescription,
			quantityBefore: line.quantityBefore,
			quantityAfter: line.quantityAfter,
			agreementId: line.agreementId,
			additionId: line.additionId,
			product: line.product,
			newProduct: line.newProduct,
			unitPrice: line.unitPrice,
			error: line.error,
		};
		this.lines.push(full);
		const entry = createEntry(this.context, line.code, {
			customerCode: this.customerFields.customerCode,
			customerName: this.customerFields.customerName,
			billingIdentifier: this.customerFields.billingIdentifier,
			agreementType: this.customerFields.agreementType,
			sku: line.sku ?? undefined,
			lineDescription: line.lineDescription,
			quantityBefore: line.quantityBefore ?? undefined,
			quantityAfter: line.quantityAfter ?? undefined,
			agreementId: line.agreementId,
			agreementName: this.plan.agreement?.name,
			additionId: line.additionId,
			unitPrice: line.unitPrice,
			error: line.error,
		});
		entry.lineId = lineId;
		if (WRITE_ACTIONS.has(line.action)) entry.outcome = 'planned';
		this.log.push(entry);
	}

	build(): CustomerPlan {
		return { ...this.plan, lines: this.lines, log: this.log };
	}
}

function priceOf(value: number | null | undefined): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

interface PendingLine {
	sortKey: string;
	secondary: number;
	add: () => void;
}

/**
 * Plans one customer: what must change on its agreement for ConnectWise to bill what Atria reports.
 * Pure: the same customer, snapshot and options always give the same plan.
 */
function planCustomer(
	customer: BillingCustomer,
	snapshot: ConnectWiseSnapshot,
	index: SnapshotIndex,
	managedSkus: ReadonlySet<string>,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
	sharedIdentifiers: ReadonlyMap<string, string[]>,
): CustomerPlan {
	const builder = new CustomerPlanBuilder(context, {
		runId: context.runId,
		billingPeriod,
		agreementType: options.agreementTypeName,
		customer: { code: customer.code, name: customer.name, billingIdentifier: customer.billingIdentifier },
		company: null,
		agreement: null,
	});

	const identifier = customer.billingIdentifier?.trim() ?? '';
	if (identifier === '') {
		builder.note('CW04');
		return builder.build();
	}
	const sharing = sharedIdentifiers.get(normalizeKey(identifier))?.filter((code) => code !== customer.code) ?? [];
	if (sharing.length > 0) {
		builder.note('ACW03', { error: sharing.join(', ') });
		return builder.build();
	}

	for (const line of customer.lines) {
		if (line.sku === null) {
			builder.line({ action: 'skip', code: 'CW05', sku: null, lineDescription: line.description, quantityBefore: null, quantityAfter: null });
		}
	}

	const problem = identifierProblem(identifier);
	const company = problem === null ? index.companyByKey.get(normalizeKey(identifier)) : undefined;
	if (!company) {
		builder.note('CW14', { error: problem ?? 'no ConnectWise company has this identifier' });
		return builder.build();
	}
	builder.plan.company = { id: company.id, identifier: company.identifier, name: company.name };

	const candidates = index.agreementsByCompany.get(company.id) ?? [];
	const agreement = selectAgreement(candidates, options.agreementSelection);
	if (!agreement) {
		builder.note('CW14', { error: 'the company has no active agreement of this type' });
		return builder.build();
	}
	builder.plan.agreement = { id: agreement.id, name: agreement.name };
	if (candidates.length > 1) {
		builder.note('ACW01', { agreementId: agreement.id, agreementName: agreement.name, rule: options.agreementSelection });
	}

	const readError = snapshot.additionErrors.get(agreement.id);
	const additions = snapshot.additions.get(agreement.id);
	if (readError !== undefined || additions === undefined) {
		builder.note('CW10', { agreementId: agreement.id, error: readError ?? 'the agreement additions were not read' });
		return builder.build();
	}

	const activeByProduct = new Map<string, Addition[]>();
	for (const addition of [...additions].sort((a, b) => a.id - b.id)) {
		if (!isActiveAddition(addition)) continue;
		const key = normalizeKey(addition.product.identifier);
		activeByProduct.set(key, [...(activeByProduct.get(key) ?? []), addition]);
	}

	const pending: PendingLine[] = [];
	const customerSkus = new Set<string>();
	const agreementId = agreement.id;

	const zeroDuplicates = (duplicates: Addition[], line: BillingLine | null) => {
		for (const duplicate of duplicates) {
			if (sameQuantity(duplicate.quantity, 0, options.quantityTolerance)) continue;
			builder.line({
				action: 'remove',
				code: 'ACW02',
				sku: line?.sku ?? duplicate.product.identifier,
				lineDescription: line?.description ?? duplicate.description ?? duplicate.product.identifier,
				quantityBefore: duplicate.quantity,
				quantityAfter: 0,
				agreementId,
				additionId: duplicate.id,
				product: duplicate.product,
				unitPrice: priceOf(duplicate.unitPrice),
			});
		}
	};

	for (const line of customer.lines) {
		if (line.sku === null) continue;
		const sku = line.sku;
		const key = normalizeKey(sku);
		customerSkus.add(key);
		pending.push({
			sortKey: key,
			secondary: 0,
			add: () => {
				const existing = activeByProduct.get(key);
				if (existing && existing.length > 0) {
					const [primary, ...duplicates] = existing;
					const base = {
						sku,
						lineDescription: line.description,
						quantityBefore: primary.quantity,
						agreementId,
						additionId: primary.id,
						product: primary.product,
						unitPrice: priceOf(primary.unitPrice),
					};
					if (sameQuantity(primary.quantity, line.quantity, options.quantityTolerance)) {
						builder.line({ ...base, action: 'unchanged', code: 'CW09', quantityAfter: primary.quantity });
					} else if (sameQuantity(line.quantity, 0, options.quantityTolerance)) {
						builder.line({ ...base, action: 'remove', code: 'CW20', quantityAfter: 0 });
					} else {
						builder.line({ ...base, action: 'update', code: 'CW07', quantityAfter: line.quantity });
					}
					zeroDuplicates(duplicates, line);
					return;
				}
				if (sameQuantity(line.quantity, 0, options.quantityTolerance)) return;
				const skip = { action: 'skip' as const, sku, lineDescription: line.description, quantityBefore: null, quantityAfter: null, agreementId };
				const problem = skuProblem(sku);
				const item = problem === null ? index.catalogByKey.get(key) : undefined;
				if (!item && problem === null && options.createMissingProducts && !index.inactiveKeys.has(key)) {
					const newProduct = newProductFor(sku, line.description, options.createMissingProducts);
					if (options.allowCreateAdditions) {
						builder.line({ ...skip, action: 'create', code: 'CW08', quantityAfter: line.quantity, newProduct, unitPrice: newProduct.price });
					} else {
						builder.line({ ...skip, action: 'createProduct', code: 'ACW04', newProduct });
						builder.line({ ...skip, code: 'CW22' });
					}
				} else if (!item) {
					builder.line({ ...skip, code: 'CW06', error: problem ?? (index.inactiveKeys.has(key) ? 'the catalog item is inactive' : undefined) });
				} else if (item.productClass === 'Bundle') {
					builder.line({ ...skip, code: 'CW12', product: { id: item.id, identifier: item.identifier }, error: 'a Bundle product cannot be an agreement addition' });
				} else if (!options.allowCreateAdditions) {
					builder.line({ ...skip, code: 'CW22', product: { id: item.id, identifier: item.identifier } });
				} else {
					builder.line({
						action: 'create',
						code: 'CW08',
						sku,
						lineDescription: line.description,
						quantityBefore: null,
						quantityAfter: line.quantity,
						agreementId,
						product: { id: item.id, identifier: item.identifier },
						unitPrice: priceOf(item.price),
					});
				}
			},
		});
	}

	for (const [key, list] of activeByProduct) {
		if (customerSkus.has(key) || !managedSkus.has(key)) continue;
		for (const addition of list) {
			if (sameQuantity(addition.quantity, 0, options.quantityTolerance)) continue;
			pending.push({
				sortKey: key,
				secondary: addition.id,
				add: () =>
					builder.line({
						action: 'remove',
						code: 'CW20',
						sku: addition.product.identifier,
						lineDescription: addition.description ?? addition.product.identifier,
						quantityBefore: addition.quantity,
						quantityAfter: 0,
						agreementId,
						additionId: addition.id,
						product: addition.product,
						unitPrice: priceOf(addition.unitPrice),
					}),
			});
		}
	}

	pending.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.secondary - b.secondary));
	for (const item of pending) item.add();
	return builder.build();
}

/** Billing identifiers used by more than one Atria customer, with those customers' codes. */
function customersByIdentifier(customers: readonly BillingCustomer[]): Map<string, string[]> {
	const codes = new Map<string, string[]>();
	for (const customer of customers) {
		const identifier = customer.billingIdentifier?.trim() ?? '';
		if (identifier === '') continue;
		const key = normalizeKey(identifier);
		codes.set(key, [...(codes.get(key) ?? []), customer.code]);
	}
	for (const [key, list] of codes) if (list.length < 2) codes.delete(key);
	return codes;
}

/** Orders customers by code (ordinal), so plans and logs come out the same whatever order Atria sent. */
function byCustomerCode(a: BillingCustomer, b: BillingCustomer): number {
	return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Plans every customer. `managedSkus` defaults to the SKUs of the customers given; pass the whole period's
 * set when planning a subset, so that a service is only ever "removed" if Atria manages it.
 */
export function planReconciliation(
	customers: readonly BillingCustomer[],
	snapshot: ConnectWiseSnapshot,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
	managedSkus: ReadonlySet<string> = managedSkuKeys(customers),
): CustomerPlan[] {
	const index = indexSnapshot(snapshot);
	const shared = customersByIdentifier(customers);
	return [...customers].sort(byCustomerCode).map((customer) => planCustomer(customer, snapshot, index, managedSkus, options, context, billingPeriod, shared));
}
