import {
	withPeriodFacts,
	type BillingCustomer,
	type BillingLine,
	type CustomerFacts,
	type PeriodCustomer,
} from '../atria/customers';
import type { BillingPeriod } from '../atria/period';
import type { CwCode, EntryFields } from '../codes/catalogue';
import { isQuotable } from '../connectwise/conditions';
import type { Agreement, CatalogItem, Company } from '../connectwise/schemas';
import { createEntry, type LogContext, type LogEntry } from '../log/entry';
import { normalizeKey } from '../util/keys';
import { linesByProduct, type ProductLines } from './billingLines';
import { decideBilledProduct, decideRemovedProduct, type LineChange } from './decisions';
import { customerMoney, lineMoney, monthlyRevenueOf, newLinePricing, pricingOf } from './money';
import { reviewPlan } from './review';
import { isActiveAgreement, selectAgreement } from './selectAgreement';
import {
	PLAN_FORMAT,
	WRITE_ACTIONS,
	type ConnectWiseSnapshot,
	type CustomerPlan,
	type LineAction,
	type NewProduct,
	type NewProductSettings,
	type PlanLine,
	type PlanOptions,
} from './types';

export const MAX_COMPANY_IDENTIFIER_LENGTH = 30;
export const MAX_PRODUCT_IDENTIFIER_LENGTH = 60;

/** Why a billing identifier cannot be looked up in ConnectWise at all; null when it can. */
export function identifierProblem(identifier: string): string | null {
	if (identifier.trim().length > MAX_COMPANY_IDENTIFIER_LENGTH)
		return `the billing identifier is longer than ${MAX_COMPANY_IDENTIFIER_LENGTH} characters`;
	if (!isQuotable(identifier.trim()))
		return 'the billing identifier contains both quote kinds or a control character';
	return null;
}

export function skuProblem(sku: string): string | null {
	if (sku.trim().length > MAX_PRODUCT_IDENTIFIER_LENGTH)
		return `the SKU is longer than ${MAX_PRODUCT_IDENTIFIER_LENGTH} characters`;
	if (!isQuotable(sku.trim())) return 'the SKU contains both quote kinds or a control character';
	return null;
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
function activeAgreementsByCompany(
	snapshot: Pick<ConnectWiseSnapshot, 'agreements' | 'agreementType'>,
): Map<number, Agreement[]> {
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
export function chosenAgreements(
	snapshot: Pick<ConnectWiseSnapshot, 'agreements' | 'agreementType'>,
	rule: PlanOptions['agreementSelection'],
): Agreement[] {
	return [...activeAgreementsByCompany(snapshot).values()]
		.map((list) => selectAgreement(list, rule))
		.filter((a): a is Agreement => a !== undefined);
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

	/** Adds a plan line and its log entry; returns the line's id. */
	line(line: Omit<PlanLine, 'lineId'>, entryExtras?: EntryFields): string {
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
			unitCost: line.unitCost,
			monthlyRevenueChange: line.monthlyRevenueChange,
			monthlyCostChange: line.monthlyCostChange,
			review: undefined,
			error: line.error,
			reason: line.reason,
			lastUpdated: line.lastUpdated,
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
			unitCost: line.unitCost,
			monthlyRevenueChange: line.monthlyRevenueChange,
			monthlyCostChange: line.monthlyCostChange,
			error: line.error,
			reason: line.reason,
			...entryExtras,
		});
		entry.lineId = lineId;
		if (WRITE_ACTIONS.has(line.action)) entry.outcome = 'planned';
		this.log.push(entry);
		return lineId;
	}

	/** A further entry about a plan line (ACW05), carrying its id so reports keep them together. */
	noteLine(lineId: string, code: CwCode, fields: EntryFields): void {
		const entry = createEntry(this.context, code, {
			...this.customerFields,
			agreementId: this.plan.agreement?.id,
			agreementName: this.plan.agreement?.name,
			...fields,
		});
		entry.lineId = lineId;
		this.log.push(entry);
	}

	/** What the agreement invoices per month before the plan's writes (0 when it was not read). */
	monthlyRevenueBefore = 0;

	build(): CustomerPlan {
		const writes = this.lines.filter((line) => WRITE_ACTIONS.has(line.action));
		return {
			...this.plan,
			lines: this.lines,
			money: customerMoney(this.monthlyRevenueBefore, writes),
			log: this.log,
		};
	}
}

/**
 * Plans one customer: what must change on its agreement for ConnectWise to bill what Atria reports, with the
 * review policy's verdict on each write. Pure: the same customer, facts, snapshot and options always give the
 * same plan.
 */
function planCustomer(
	customer: BillingCustomer,
	facts: CustomerFacts,
	snapshot: ConnectWiseSnapshot,
	index: SnapshotIndex,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
): CustomerPlan {
	const plan = planChanges(customer, facts, snapshot, index, options, context, billingPeriod);
	return reviewPlan(plan, options.review ?? null, {
		firstMonth: customer.lines.every((line) => (line.previousQuantity ?? 0) === 0),
	});
}

function planChanges(
	customer: BillingCustomer,
	{ managedSkus, sharesBillingIdentifierWith }: CustomerFacts,
	snapshot: ConnectWiseSnapshot,
	index: SnapshotIndex,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
): CustomerPlan {
	const builder = new CustomerPlanBuilder(context, {
		planFormat: PLAN_FORMAT,
		runId: context.runId,
		plannedAt: context.now().toISOString(),
		billingPeriod,
		// By ID the plan is labelled with the type's name as ConnectWise has it.
		agreementType:
			options.agreementTypeId !== undefined
				? snapshot.agreementType.name
				: options.agreementTypeName,
		customer: {
			code: customer.code,
			name: customer.name,
			billingIdentifier: customer.billingIdentifier,
		},
		company: null,
		agreement: null,
	});

	const identifier = customer.billingIdentifier?.trim() ?? '';
	if (identifier === '') {
		builder.note('CW04');
		return builder.build();
	}
	if (sharesBillingIdentifierWith.length > 0) {
		builder.note('ACW03', { error: sharesBillingIdentifierWith.join(', ') });
		return builder.build();
	}

	for (const line of customer.lines) {
		if (line.sku === null) {
			builder.line({
				action: 'skip',
				code: 'CW05',
				sku: null,
				lineDescription: line.description,
				quantityBefore: null,
				quantityAfter: null,
			});
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
		builder.note('ACW01', {
			agreementId: agreement.id,
			agreementName: agreement.name,
			rule: options.agreementSelection,
		});
	}

	const readError = snapshot.additionErrors.get(agreement.id);
	const additions = snapshot.additions.get(agreement.id);
	if (readError !== undefined || additions === undefined) {
		builder.note('CW10', {
			agreementId: agreement.id,
			error: readError ?? 'the agreement additions were not read',
		});
		return builder.build();
	}
	// What the plan saw, and when: Apply compares the agreement with it before writing a plan that is not fresh.
	builder.plan.seenAdditionIds = additions.map((addition) => addition.id).sort((a, b) => a - b);
	const readAt = snapshot.additionsReadAt?.get(agreement.id);
	if (readAt !== undefined) builder.plan.plannedAt = readAt;

	const byProduct = linesByProduct(additions, billingPeriod);
	builder.monthlyRevenueBefore = monthlyRevenueOf(
		additions,
		billingPeriod,
		(addition) =>
			index.catalogByKey.get(normalizeKey(addition.product.identifier))?.price ?? undefined,
	);
	const customerSkus = new Set<string>();
	const work: ProductWork[] = [];
	for (const line of customer.lines) {
		if (line.sku === null) continue;
		const key = normalizeKey(line.sku);
		customerSkus.add(key);
		work.push({
			key,
			order: 0,
			line: line as BillingLine & { sku: string },
			lines: byProduct.get(key),
		});
	}
	for (const [key, lines] of byProduct) {
		if (customerSkus.has(key) || !managedSkus.has(key) || lines.candidates.length === 0) continue;
		work.push({ key, order: lines.candidates[0].addition.id, line: null, lines });
	}
	work.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.order - b.order));

	const planning: ProductPlanning = {
		builder,
		index,
		options,
		agreementId: agreement.id,
		periodEnd: billingPeriod.end,
	};
	for (const item of work) {
		if (item.line) planBilledSku(planning, item.line, item.key, item.lines);
		else planRemovedSku(planning, item.lines!);
	}
	return builder.build();
}

/** One product of one customer, in the order plans list them (by key, then addition id). */
interface ProductWork {
	key: string;
	order: number;
	/** Atria's line, or null for a managed product the customer no longer has. */
	line: (BillingLine & { sku: string }) | null;
	lines: ProductLines | undefined;
}

interface ProductPlanning {
	builder: CustomerPlanBuilder;
	index: SnapshotIndex;
	options: PlanOptions;
	agreementId: number;
	periodEnd: string;
}

const ACTION_OF: Record<LineChange['code'], LineAction> = {
	CW07: 'update',
	CW09: 'unchanged',
	ACW09: 'unchanged',
	CW20: 'remove',
	ACW02: 'remove',
};

/** Plan lines for the decided changes, each described by Atria's line when there is one, else by the addition. */
function addChanges(
	{ builder, agreementId, index }: ProductPlanning,
	changes: readonly LineChange[],
	line: BillingLine | null,
): void {
	for (const change of changes) {
		const { addition } = change;
		const pricing = pricingOf(
			addition,
			index.catalogByKey.get(normalizeKey(addition.product.identifier)),
		);
		const lineId = builder.line(
			{
				action: ACTION_OF[change.code],
				code: change.code,
				sku: line?.sku ?? addition.product.identifier,
				lineDescription: line?.description ?? addition.description ?? addition.product.identifier,
				quantityBefore: addition.quantity,
				quantityAfter: change.quantityAfter,
				agreementId,
				additionId: addition.id,
				product: addition.product,
				...lineMoney(pricing, addition.quantity, change.quantityAfter),
				lastUpdated: addition._info?.lastUpdated ?? undefined,
			},
			change.code === 'ACW09'
				? {
						lastUpdated: addition._info?.lastUpdated ?? undefined,
						updatedBy: addition._info?.updatedBy ?? 'an unknown member',
					}
				: undefined,
		);
		if (change.stopsOn !== undefined) {
			builder.noteLine(lineId, 'ACW05', {
				additionId: addition.id,
				lineDescription: line?.description ?? addition.description ?? addition.product.identifier,
				sku: line?.sku ?? addition.product.identifier,
				cancelledDate: change.stopsOn,
				quantityAfter: change.quantityAfter,
			});
		}
	}
}

function leaveAlone(
	{ builder, agreementId }: ProductPlanning,
	code: 'ACW06' | 'ACW07',
	reason: string,
	sku: string,
	description: string,
	quantity: number,
): void {
	builder.line({
		action: 'skip',
		code,
		sku,
		lineDescription: description,
		quantityBefore: null,
		quantityAfter: quantity,
		agreementId,
		reason,
	});
}

/** README rule 7: a SKU Atria bills this customer. */
function planBilledSku(
	planning: ProductPlanning,
	line: BillingLine & { sku: string },
	key: string,
	lines: ProductLines | undefined,
): void {
	const decision = decideBilledProduct(
		lines,
		line.quantity,
		planning.options.quantityTolerance,
		planning.periodEnd,
	);
	if (decision.kind === 'lines') addChanges(planning, decision.changes, line);
	else if (decision.kind === 'leaveAlone')
		leaveAlone(planning, decision.code, decision.reason, line.sku, line.description, line.quantity);
	else planNewLine(planning, line, key);
}

/** README rule 8: a managed SKU this customer no longer has. */
function planRemovedSku(planning: ProductPlanning, lines: ProductLines): void {
	const decision = decideRemovedProduct(
		lines,
		planning.options.quantityTolerance,
		planning.periodEnd,
	);
	if (decision.kind === 'lines') addChanges(planning, decision.changes, null);
	else if (decision.kind === 'leaveAlone') {
		const { addition } = lines.candidates[0];
		leaveAlone(
			planning,
			decision.code,
			decision.reason,
			addition.product.identifier,
			addition.description ?? addition.product.identifier,
			0,
		);
	}
}

/** No line of the product on the agreement: the catalog decides whether one can be added. */
function planNewLine(
	{ builder, index, options, agreementId }: ProductPlanning,
	line: BillingLine & { sku: string },
	key: string,
): void {
	const { sku } = line;
	const skip = {
		action: 'skip' as const,
		sku,
		lineDescription: line.description,
		quantityBefore: null,
		quantityAfter: null,
		agreementId,
	};
	const problem = skuProblem(sku);
	const item = problem === null ? index.catalogByKey.get(key) : undefined;
	if (!item && problem === null && options.createMissingProducts && !index.inactiveKeys.has(key)) {
		const newProduct = newProductFor(sku, line.description, options.createMissingProducts);
		if (options.allowCreateAdditions) {
			builder.line({
				...skip,
				action: 'create',
				code: 'CW08',
				quantityAfter: line.quantity,
				newProduct,
				...lineMoney(newLinePricing(newProduct.price, newProduct.cost), 0, line.quantity),
			});
		} else {
			builder.line({ ...skip, action: 'createProduct', code: 'ACW04', newProduct });
			builder.line({ ...skip, code: 'CW22' });
		}
	} else if (!item) {
		builder.line({
			...skip,
			code: 'CW06',
			error: problem ?? (index.inactiveKeys.has(key) ? 'the catalog item is inactive' : undefined),
		});
	} else if (item.productClass === 'Bundle') {
		builder.line({
			...skip,
			code: 'CW12',
			product: { id: item.id, identifier: item.identifier },
			error: 'a Bundle product cannot be an agreement addition',
		});
	} else if (!options.allowCreateAdditions) {
		builder.line({ ...skip, code: 'CW22', product: { id: item.id, identifier: item.identifier } });
	} else {
		builder.line({
			...skip,
			action: 'create',
			code: 'CW08',
			quantityAfter: line.quantity,
			product: { id: item.id, identifier: item.identifier },
			...lineMoney(
				newLinePricing(item.price ?? undefined, item.cost ?? undefined),
				0,
				line.quantity,
			),
		});
	}
}

/** Orders customers (or plans) by customer code, ordinal, so plans and logs come out the same whatever order Atria sent. */
export function byCustomerCode(
	a: Pick<BillingCustomer, 'code'>,
	b: Pick<BillingCustomer, 'code'>,
): number {
	return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * Plans every customer, each from its own period facts (`facts`: who shares its Billing Identifier, which SKUs
 * Atria manages), so a customer's plan never depends on which other customers are planned with it.
 *
 * Customers without facts are a convenience for tests and the benchmark: their facts are derived from the
 * list given, which must then be the whole period (`managedSkus` defaults to the list's SKUs).
 */
export function planReconciliation(
	customers: ReadonlyArray<BillingCustomer | PeriodCustomer>,
	snapshot: ConnectWiseSnapshot,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
	managedSkus?: ReadonlySet<string>,
): CustomerPlan[] {
	const index = indexSnapshot(snapshot);
	let derived: Map<BillingCustomer, CustomerFacts> | undefined;
	const factsOf = (customer: BillingCustomer | PeriodCustomer): CustomerFacts => {
		if ('facts' in customer) return customer.facts;
		derived ??= new Map(
			withPeriodFacts(customers, managedSkus).map((withFacts, i) => [
				customers[i],
				withFacts.facts,
			]),
		);
		return derived.get(customer)!;
	};
	return [...customers]
		.sort(byCustomerCode)
		.map((customer) =>
			planCustomer(customer, factsOf(customer), snapshot, index, options, context, billingPeriod),
		);
}
