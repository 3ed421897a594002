import {
	periodFacts,
	type BillingCustomer,
	type BillingLine,
	type CustomerFacts,
	type PeriodCustomer,
} from '../atria/customers';
import type { BillingPeriod } from '../atria/period';
import type { CwCode, EntryFields } from '../codes/catalogue';
import { isQuotable } from '../connectwise/conditions';
import type { Agreement, CatalogItem, Company } from '../connectwise/schemas';
import { blankEntry, isoTime, type LogContext, type LogEntry } from '../log/entry';
import { normalizeKey } from '../util/keys';
import { ascendingBy, ascendingOrder } from '../util/order';
import {
	additionId,
	judgeLines,
	productsInKeyOrder,
	type Product,
	type ProductLines,
} from './billingLines';
import { decideBilledProduct, decideRemovedProduct, type LineChange } from './decisions';
import {
	costChange,
	customerMoney,
	lineMoney,
	monthlyRevenueOf,
	newLinePricing,
	revenueChange,
	unitCostOf,
	unitPriceOf,
	type LinePricing,
} from './money';
import { entryReview, reviewWrites, type ReviewFacts, type ReviewPolicy } from './review';
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
	/** normalizeKey for product identifiers (SKUs), each spelling normalized once per run. */
	productKey: (identifier: string) => string;
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

function idOf(record: { id: number }): number {
	return record.id;
}

/**
 * normalizeKey remembered per spelling for one run: a plan of 100,000 lines meets the same few hundred SKUs on
 * every customer, and gets the same key strings back (no new string, nor its hash computed again, per line).
 */
function productKeys(): (identifier: string) => string {
	const keys = new Map<string, string>();
	return (identifier) => {
		let key = keys.get(identifier);
		if (key === undefined) {
			key = normalizeKey(identifier);
			keys.set(identifier, key);
		}
		return key;
	};
}

function indexSnapshot(snapshot: ConnectWiseSnapshot): SnapshotIndex {
	const productKey = productKeys();
	const companyByKey = new Map<string, Company>();
	for (const company of ascendingBy(snapshot.companies, idOf)) {
		if (company.deletedFlag === true) continue;
		const key = normalizeKey(company.identifier);
		if (!companyByKey.has(key)) companyByKey.set(key, company);
	}
	const agreementsByCompany = activeAgreementsByCompany(snapshot);
	const catalogByKey = new Map<string, CatalogItem>();
	const inactiveKeys = new Set<string>();
	for (const item of ascendingBy(snapshot.catalog, idOf)) {
		if (item.inactiveFlag === true) {
			inactiveKeys.add(productKey(item.identifier));
			continue;
		}
		const key = productKey(item.identifier);
		if (!catalogByKey.has(key)) catalogByKey.set(key, item);
	}
	for (const key of catalogByKey.keys()) inactiveKeys.delete(key);
	return { productKey, companyByKey, agreementsByCompany, catalogByKey, inactiveKeys };
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

/** What a caller says of a plan line: the builder gives it its id, and the review policy its verdict. */
type NewLine = Omit<PlanLine, 'lineId' | 'review'>;

/** A plan line with every key in a fixed order and nothing set: one object shape for all lines of a large plan. */
function blankLine(lineId: string): PlanLine {
	return {
		lineId,
		action: 'skip',
		code: 'CW05',
		sku: null,
		lineDescription: '',
		quantityBefore: null,
		quantityAfter: null,
		agreementId: undefined,
		additionId: undefined,
		product: undefined,
		newProduct: undefined,
		unitPrice: undefined,
		unitCost: undefined,
		monthlyRevenueChange: undefined,
		monthlyCostChange: undefined,
		review: undefined,
		error: undefined,
		reason: undefined,
		lastUpdated: undefined,
	};
}

/** Line ids ("L1", "L2", ...) made once and shared by all plans: every plan numbers its lines from 1. */
const LINE_IDS: string[] = [];
const SHARED_LINE_IDS = 1000;

function lineIdAt(position: number): string {
	if (position >= SHARED_LINE_IDS) return `L${position + 1}`;
	return (LINE_IDS[position] ??= `L${position + 1}`);
}

class CustomerPlanBuilder {
	readonly lines: PlanLine[] = [];
	readonly log: LogEntry[] = [];
	/** The lines that write to ConnectWise, and their planned entries, in step: what the review policy decides on. */
	private readonly writes: PlanLine[] = [];
	private readonly writeEntries: LogEntry[] = [];
	private readonly customerFields: EntryFields;
	/**
	 * When the customer was planned: every entry of its plan is logged at this time. Planning a customer takes
	 * microseconds, and a clock read (and a date) per entry was a tenth of a large plan's time.
	 */
	private readonly timestamp: string;

	constructor(
		private readonly context: LogContext,
		readonly plan: Omit<CustomerPlan, 'lines' | 'log'>,
	) {
		this.timestamp = plan.plannedAt ?? isoTime(context.now());
		this.customerFields = {
			customerCode: plan.customer.code,
			customerName: plan.customer.name,
			billingIdentifier: plan.customer.billingIdentifier ?? undefined,
			agreementType: plan.agreementType,
		};
	}

	note(code: CwCode, fields: EntryFields = {}): void {
		this.log.push(Object.assign(this.customerEntry(code), fields));
	}

	/** A blank entry of the customer: plan entries are filled in place, without a fields object per entry. */
	private customerEntry(code: CwCode): LogEntry {
		const entry = blankEntry(this.context, code, this.timestamp);
		entry.customerCode = this.customerFields.customerCode;
		entry.customerName = this.customerFields.customerName;
		entry.billingIdentifier = this.customerFields.billingIdentifier;
		entry.agreementType = this.customerFields.agreementType;
		return entry;
	}

	/** Adds a plan line (its fields, then `more` over them) and its log entry; returns the line's id. */
	line(fields: NewLine, more?: Partial<NewLine>): string {
		// Copied onto a blank line: the callers' objects differ in shape, the lines they make do not.
		return this.add(Object.assign(blankLine(lineIdAt(this.lines.length)), fields, more), undefined);
	}

	/**
	 * Adds the plan line of a decided change to one of the agreement's lines, and its log entry; returns the
	 * line's id. Most lines of a plan are these, so the line is filled straight from the addition.
	 */
	changeLine(
		change: LineChange,
		sku: string,
		lineDescription: string,
		agreementId: number,
		catalogItem: CatalogItem | undefined,
		entryExtras: EntryFields | undefined,
	): string {
		const { addition } = change;
		const line = blankLine(lineIdAt(this.lines.length));
		line.action = actionOf(change.code);
		line.code = change.code;
		line.sku = sku;
		line.lineDescription = lineDescription;
		line.quantityBefore = addition.quantity;
		line.quantityAfter = change.quantityAfter;
		line.agreementId = agreementId;
		line.additionId = addition.id;
		line.product = addition.product;
		line.unitPrice = unitPriceOf(addition, catalogItem);
		line.unitCost = unitCostOf(addition, catalogItem);
		line.monthlyRevenueChange = revenueChange(
			addition.billCustomer,
			addition.lessIncluded,
			line.unitPrice,
			addition.quantity,
			change.quantityAfter,
		);
		line.monthlyCostChange = costChange(line.unitCost, addition.quantity, change.quantityAfter);
		line.lastUpdated = addition._info?.lastUpdated ?? undefined;
		return this.add(line, entryExtras);
	}

	private add(line: PlanLine, entryExtras: EntryFields | undefined): string {
		const entry = this.lineEntry(line, entryExtras);
		this.lines.push(line);
		this.log.push(entry);
		if (WRITE_ACTIONS.has(line.action)) {
			entry.outcome = 'planned';
			this.writes.push(line);
			this.writeEntries.push(entry);
		}
		return line.lineId;
	}

	/**
	 * A plan line's log entry. Its fields are set one by one on a blank entry: a plan logs one entry per line,
	 * and no fields object is built in between. Its message is rendered where it is shown (`messageOf`).
	 */
	private lineEntry(line: PlanLine, extras: EntryFields | undefined): LogEntry {
		const entry = this.customerEntry(line.code);
		entry.lineId = line.lineId;
		entry.sku = line.sku ?? undefined;
		entry.lineDescription = line.lineDescription;
		entry.quantityBefore = line.quantityBefore ?? undefined;
		entry.quantityAfter = line.quantityAfter ?? undefined;
		entry.agreementId = line.agreementId;
		entry.agreementName = this.plan.agreement?.name;
		entry.additionId = line.additionId;
		entry.unitPrice = line.unitPrice;
		entry.unitCost = line.unitCost;
		entry.monthlyRevenueChange = line.monthlyRevenueChange;
		entry.monthlyCostChange = line.monthlyCostChange;
		entry.error = line.error;
		entry.reason = line.reason;
		if (extras !== undefined) Object.assign(entry, extras);
		return entry;
	}

	/** A further entry about a plan line (ACW05), carrying its id so reports keep them together. */
	noteLine(lineId: string, code: CwCode, fields: EntryFields): void {
		const entry = this.customerEntry(code);
		entry.agreementId = this.plan.agreement?.id;
		entry.agreementName = this.plan.agreement?.name;
		Object.assign(entry, fields);
		entry.lineId = lineId;
		this.log.push(entry);
	}

	/** What the agreement invoices per month before the plan's writes (0 when it was not read). */
	monthlyRevenueBefore = 0;

	/**
	 * The plan, with the review policy's verdict on each write (its line and its planned entry) and on the
	 * customer. The builder owns these lines and entries, so the verdicts are set on them, not on copies.
	 */
	build(policy: ReviewPolicy | null, facts: ReviewFacts): CustomerPlan {
		const money = customerMoney(this.monthlyRevenueBefore, this.writes);
		const verdict = reviewWrites({ money }, this.writes, policy, facts);
		for (let index = 0; index < this.writes.length; index++) {
			const lineVerdict = verdict.lines[index];
			this.writes[index].review = lineVerdict;
			const { review, reviewReason } = entryReview(lineVerdict);
			this.writeEntries[index].review = review;
			this.writeEntries[index].reviewReason = reviewReason;
		}
		// The plan object becomes the plan, not a copy of it: its keys stay in the order they were set.
		const plan = this.plan as CustomerPlan;
		plan.lines = this.lines;
		plan.money = money;
		plan.log = this.log;
		plan.review = verdict.customer;
		return plan;
	}
}

/** Atria billed the customer nothing the period before: every line's previous quantity is 0 or unknown. */
function isFirstMonth(customer: BillingCustomer): boolean {
	for (const line of customer.lines) if ((line.previousQuantity ?? 0) !== 0) return false;
	return true;
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
	const builder = new CustomerPlanBuilder(context, {
		planFormat: PLAN_FORMAT,
		runId: context.runId,
		plannedAt: isoTime(context.now()),
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
	planChanges(builder, customer, facts, snapshot, index, options, billingPeriod);
	return builder.build(options.review ?? null, { firstMonth: isFirstMonth(customer) });
}

/** The plan's lines and entries, into the builder. */
function planChanges(
	builder: CustomerPlanBuilder,
	customer: BillingCustomer,
	{ managedSkus, sharesBillingIdentifierWith }: CustomerFacts,
	snapshot: ConnectWiseSnapshot,
	index: SnapshotIndex,
	options: PlanOptions,
	billingPeriod: BillingPeriod,
): void {
	const identifier = customer.billingIdentifier?.trim() ?? '';
	if (identifier === '') {
		builder.note('CW04');
		return;
	}
	if (sharesBillingIdentifierWith.length > 0) {
		builder.note('ACW03', { error: sharesBillingIdentifierWith.join(', ') });
		return;
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
		return;
	}
	builder.plan.company = { id: company.id, identifier: company.identifier, name: company.name };

	const candidates = index.agreementsByCompany.get(company.id) ?? [];
	const agreement = selectAgreement(candidates, options.agreementSelection);
	if (!agreement) {
		builder.note('CW14', { error: 'the company has no active agreement of this type' });
		return;
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
		return;
	}
	// Each line judged for the period once: the products' decisions and the revenue before both read it.
	const judged = judgeLines(additions, billingPeriod);
	const byId = ascendingBy(judged, additionId);
	// What the plan saw, and when: Apply compares the agreement with it before writing a plan that is not fresh.
	builder.plan.seenAdditionIds = byId.map(additionId);
	const readAt = snapshot.additionsReadAt?.get(agreement.id);
	if (readAt !== undefined) builder.plan.plannedAt = readAt;

	builder.monthlyRevenueBefore = monthlyRevenueOf(
		judged,
		(addition) =>
			index.catalogByKey.get(index.productKey(addition.product.identifier))?.price ?? undefined,
	);
	const planning: ProductPlanning = {
		builder,
		index,
		options,
		agreementId: agreement.id,
		periodEnd: billingPeriod.end,
	};
	planProducts(planning, customer.lines, productsInKeyOrder(byId, index.productKey), managedSkus);
}

/**
 * Plans every product, in the order plans list them: by key. The customer's lines (sorted by key, stable) and the
 * agreement's products (in key order) are walked side by side: a line takes the product of its key, if there is
 * one; a product no line takes is a managed product the customer no longer has, or none of Atria's business.
 */
function planProducts(
	planning: ProductPlanning,
	customerLines: readonly BillingLine[],
	products: readonly Product[],
	managedSkus: ReadonlySet<string>,
): void {
	// Pushed onto literals (not filtered and mapped), so a customer without billed lines gives arrays of the same
	// map as one with: the optimized code walking them is kept.
	const billed: Array<BillingLine & { sku: string }> = [];
	const keys: string[] = [];
	for (let at = 0; at < customerLines.length; at++) {
		const line = customerLines[at];
		if (hasSku(line)) {
			billed.push(line);
			keys.push(planning.index.productKey(line.sku));
		}
	}
	const order = ascendingOrder(keys);
	let next = 0;
	for (let at = 0; at < order.length; at++) {
		const key = keys[order[at]];
		next = planUnbilledUpTo(planning, products, next, key, managedSkus);
		const product =
			next < products.length && products[next].key === key ? products[next] : undefined;
		planBilledSku(planning, billed[order[at]], key, product);
		// Lines of the same SKU (possible in a hand-made list) all see the product; it is done after the last.
		if (product && (at + 1 === order.length || keys[order[at + 1]] !== key)) next++;
	}
	planUnbilledUpTo(planning, products, next, null, managedSkus);
}

/**
 * Plans the products from `next` whose key sorts before `key` (all that are left when it is null); returns the
 * position after them. One loop for both uses: the products left after the last line are few and rare, and a
 * loop of their own would meet them only once the walk is optimized, and have it compiled again.
 */
function planUnbilledUpTo(
	planning: ProductPlanning,
	products: readonly Product[],
	next: number,
	key: string | null,
	managedSkus: ReadonlySet<string>,
): number {
	let position = next;
	while (position < products.length && (key === null || products[position].key < key))
		planUnbilledProduct(planning, products[position++], managedSkus);
	return position;
}

function hasSku(line: BillingLine): line is BillingLine & { sku: string } {
	return line.sku !== null;
}

/** README rule 8 applies to a product of the agreement no line of the customer takes, if Atria manages it. */
function planUnbilledProduct(
	planning: ProductPlanning,
	product: Product,
	managedSkus: ReadonlySet<string>,
): void {
	if (managedSkus.has(product.key) && product.candidates.length > 0)
		planRemovedSku(planning, product.key, product);
}

interface ProductPlanning {
	builder: CustomerPlanBuilder;
	index: SnapshotIndex;
	options: PlanOptions;
	agreementId: number;
	periodEnd: string;
}

/** A decided change's plan action. A switch, not a lookup table: one table read by five codes is a slow keyed load. */
function actionOf(code: LineChange['code']): LineAction {
	switch (code) {
		case 'CW07':
			return 'update';
		case 'CW09':
		case 'ACW09':
			return 'unchanged';
		case 'CW20':
		case 'ACW02':
			return 'remove';
	}
}

/**
 * Plan lines for the decided changes of the product `key`, each described by Atria's line when there is one,
 * else by the addition. The hot path of a large plan: one call per product, no spreading per line.
 */
function addChanges(
	{ builder, agreementId, index }: ProductPlanning,
	key: string,
	changes: readonly LineChange[],
	line: BillingLine | null,
): void {
	// Every line of the product has the product's key, so they share its catalog item.
	const catalogItem = index.catalogByKey.get(key);
	for (const change of changes) {
		const { addition } = change;
		const sku = line?.sku ?? addition.product.identifier;
		const lineDescription =
			line?.description ?? addition.description ?? addition.product.identifier;
		const lineId = builder.changeLine(
			change,
			sku,
			lineDescription,
			agreementId,
			catalogItem,
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
				lineDescription,
				sku,
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
	if (decision.kind === 'lines') addChanges(planning, key, decision.changes, line);
	else if (decision.kind === 'leaveAlone')
		leaveAlone(planning, decision.code, decision.reason, line.sku, line.description, line.quantity);
	else planNewLine(planning, line, key);
}

/** README rule 8: a managed SKU this customer no longer has. */
function planRemovedSku(planning: ProductPlanning, key: string, lines: ProductLines): void {
	const decision = decideRemovedProduct(
		lines,
		planning.options.quantityTolerance,
		planning.periodEnd,
	);
	if (decision.kind === 'lines') addChanges(planning, key, decision.changes, null);
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
	const problem = skuProblem(sku);
	const item = problem === null ? index.catalogByKey.get(key) : undefined;
	if (!item && problem === null && options.createMissingProducts && !index.inactiveKeys.has(key)) {
		const newProduct = newProductFor(sku, line.description, options.createMissingProducts);
		if (options.allowCreateAdditions) {
			builder.line(
				newAddition(
					line,
					agreementId,
					{ newProduct },
					newLinePricing(newProduct.price, newProduct.cost),
				),
			);
		} else {
			builder.line(skipped(line, agreementId, 'ACW04'), { action: 'createProduct', newProduct });
			builder.line(skipped(line, agreementId, 'CW22'));
		}
	} else if (!item) {
		builder.line(skipped(line, agreementId, 'CW06'), {
			error: problem ?? (index.inactiveKeys.has(key) ? 'the catalog item is inactive' : undefined),
		});
	} else if (item.productClass === 'Bundle') {
		builder.line(skipped(line, agreementId, 'CW12'), {
			product: { id: item.id, identifier: item.identifier },
			error: 'a Bundle product cannot be an agreement addition',
		});
	} else if (!options.allowCreateAdditions) {
		builder.line(skipped(line, agreementId, 'CW22'), {
			product: { id: item.id, identifier: item.identifier },
		});
	} else {
		builder.line(
			newAddition(
				line,
				agreementId,
				{ product: { id: item.id, identifier: item.identifier } },
				newLinePricing(item.price ?? undefined, item.cost ?? undefined),
			),
		);
	}
}

/** Atria's line, skipped with `code` (a product the agreement has no line of). */
function skipped(
	line: BillingLine & { sku: string },
	agreementId: number,
	code: PlanLine['code'],
): NewLine {
	return {
		action: 'skip',
		code,
		sku: line.sku,
		lineDescription: line.description,
		quantityBefore: null,
		quantityAfter: null,
		agreementId,
	};
}

/** The line CW08 adds for Atria's line: of a catalog item, or of the product the run creates. */
function newAddition(
	line: BillingLine & { sku: string },
	agreementId: number,
	{ product, newProduct }: Pick<PlanLine, 'product' | 'newProduct'>,
	pricing: LinePricing,
): NewLine {
	const money = lineMoney(pricing, 0, line.quantity);
	return {
		action: 'create',
		code: 'CW08',
		sku: line.sku,
		lineDescription: line.description,
		quantityBefore: null,
		quantityAfter: line.quantity,
		agreementId,
		product,
		newProduct,
		unitPrice: money.unitPrice,
		unitCost: money.unitCost,
		monthlyRevenueChange: money.monthlyRevenueChange,
		monthlyCostChange: money.monthlyCostChange,
	};
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
	const plans: CustomerPlan[] = [];
	planEachCustomer(
		customers,
		snapshot,
		options,
		context,
		billingPeriod,
		(_, plan) => plans.push(plan),
		managedSkus,
	);
	return plans;
}

/**
 * planReconciliation, handing each plan to `done` (with the customer's position in `customers`) as soon as it
 * is made, in plan order: a caller that turns each plan into something smaller at once (an n8n item) never holds
 * every customer's full plan.
 */
export function planEachCustomer(
	customers: ReadonlyArray<BillingCustomer | PeriodCustomer>,
	snapshot: ConnectWiseSnapshot,
	options: PlanOptions,
	context: LogContext,
	billingPeriod: BillingPeriod,
	done: (position: number, plan: CustomerPlan) => void,
	managedSkus?: ReadonlySet<string>,
): void {
	const index = indexSnapshot(snapshot);
	let derived: CustomerFacts[] | undefined;
	const factsAt = (position: number): CustomerFacts => {
		const customer = customers[position];
		if ('facts' in customer) return customer.facts;
		derived ??= periodFacts(customers, managedSkus);
		return derived[position];
	};
	// Positions in plan order, so derived facts are found by position rather than in a map of customers.
	const order = customers
		.map((_, position) => position)
		.sort((a, b) => byCustomerCode(customers[a], customers[b]));
	for (const position of order)
		done(
			position,
			planCustomer(
				customers[position],
				factsAt(position),
				snapshot,
				index,
				options,
				context,
				billingPeriod,
			),
		);
}
