import type { ConnectWiseClient } from '../connectwise/client';
import { ConnectWiseApiError, UnexpectedResponseError } from '../connectwise/errors';
import type { Addition } from '../connectwise/schemas';
import { createEntry, entryFields, type LogContext, type LogEntry } from '../log/entry';
import { linesByProduct, longestBilling } from '../plan/billingLines';
import { WRITE_ACTIONS, type CustomerPlan, type PlanLine } from '../plan/types';
import { OutcomeUnknownError, RequestFailedError, type RequestExecutor } from '../transport/executor';
import { normalizeKey } from '../util/keys';
import { sameQuantity } from '../util/quantity';

export interface ApplyOptions {
	dryRun: boolean;
	/** The effective date of a new addition, in ConnectWise's format, for a plan. */
	effectiveDate: (plan: CustomerPlan) => string;
	/**
	 * Re-read an agreement's additions just before creating on it, so a plan that has gone stale (approved
	 * hours later, or applied twice) never creates a second addition of a product.
	 */
	checkBeforeCreate: boolean;
	quantityTolerance: number;
}

export type LineOutcome =
	| { lineId: string; status: 'applied'; additionId?: number; quantityBefore: number | null; note?: string; productCreated?: { id: number; identifier: string } }
	| { lineId: string; status: 'dryRun' }
	| { lineId: string; status: 'failed'; error: string; code?: 'CW10' | 'CW11' | 'CW12' };

/** The catalog item a new product line needs, once the run has made sure it exists. */
type ProductResult = { ok: true; product: { id: number; identifier: string }; createdFor?: string } | { ok: false; error: string };

export interface CustomerResult extends CustomerPlan {
	dryRun: boolean;
	outcomes: LineOutcome[];
}

function errorText(error: unknown): string {
	if (error instanceof ConnectWiseApiError || error instanceof UnexpectedResponseError) return error.message;
	if (error instanceof RequestFailedError || error instanceof OutcomeUnknownError) return `no answer from ConnectWise: ${error.message}`;
	throw error;
}

/** Identifies a line across the run, so exactly one line owns (and logs) each product creation. */
function ownerKey(plan: CustomerPlan, line: PlanLine): string {
	return `${plan.customer.code}\u0000${line.lineId}`;
}

function sameProduct(addition: Addition, line: PlanLine): boolean {
	return line.product !== undefined && normalizeKey(addition.product.identifier) === normalizeKey(line.product.identifier);
}

/** A line this package created: Billable, of the product, not cancelled (what a lost create's answer leaves). */
function productMatches(addition: Addition, line: PlanLine): boolean {
	return sameProduct(addition, line) && addition.billCustomer === 'Billable' && !addition.cancelledDate;
}

/**
 * What the agreement holds of a product the plan found no line of, read again just before creating: a line
 * that can take the quantity (adopt it), another line a person added meanwhile (do not add beside it), or none.
 */
function linesSincePlan(additions: readonly Addition[], line: PlanLine, plan: CustomerPlan): { adopt?: Addition; blockedBy?: string } {
	const lines = [...linesByProduct(additions.filter((addition) => sameProduct(addition, line)), plan.billingPeriod).values()][0];
	if (!lines) return {};
	const target = longestBilling(lines.candidates);
	if (target) return { adopt: target.addition };
	return { blockedBy: lines.others.map((other) => other.why).join('; ') };
}

/**
 * Carries out plans: PATCHes quantities (absolute values, safe to resend), POSTs new additions (never resent
 * blindly: when a create's outcome is unknown, the agreement is re-read and the create only repeated if the
 * addition is not there). A failure stays with its line; every other line still runs. A dry run writes nothing
 * and returns the same plan and log, marked as such.
 */
export interface ApplierConnection {
	client: ConnectWiseClient;
	executor: RequestExecutor;
}

export class PlanApplier {
	private connection?: Promise<ApplierConnection>;

	/**
	 * `connect` is called once, and only when a write is due: a dry run or a plan without changes needs no
	 * credential and makes no request. A failure to connect fails the whole apply (it is not a line's fault).
	 */
	constructor(
		private readonly connect: () => Promise<ApplierConnection>,
		private readonly context: LogContext,
	) {}

	private connected(): Promise<ApplierConnection> {
		this.connection ??= this.connect();
		return this.connection;
	}

	async apply(plans: readonly CustomerPlan[], options: ApplyOptions): Promise<CustomerResult[]> {
		const writing = !options.dryRun && plans.some((plan) => plan.lines.some((line) => WRITE_ACTIONS.has(line.action)));
		const connection = writing ? await this.connected() : undefined;
		// Products first, once each, however many customers need them: additions of a product need its id.
		const products = connection ? await this.ensureProducts(connection, plans) : new Map<string, ProductResult>();
		return Promise.all(plans.map((plan) => this.applyCustomer(plan, options, connection, products)));
	}

	private async ensureProducts(connection: ApplierConnection, plans: readonly CustomerPlan[]): Promise<Map<string, ProductResult>> {
		const wanted = new Map<string, { owner: string; product: NonNullable<PlanLine['newProduct']> }>();
		for (const plan of plans) {
			for (const line of plan.lines) {
				if (!line.newProduct || !WRITE_ACTIONS.has(line.action)) continue;
				const key = normalizeKey(line.newProduct.identifier);
				if (!wanted.has(key)) wanted.set(key, { owner: ownerKey(plan, line), product: line.newProduct });
			}
		}
		const results = new Map<string, ProductResult>();
		await Promise.all(
			[...wanted].map(async ([key, { owner, product }]) => {
				results.set(key, await this.createProduct(connection, product, owner));
			}),
		);
		return results;
	}

	/** Creates a catalog item, never twice: an unknown outcome or ObjectExists is settled by reading the catalog. */
	private async createProduct({ client, executor }: ApplierConnection, product: NonNullable<PlanLine['newProduct']>, owner: string): Promise<ProductResult> {
		const find = async (): Promise<ProductResult | undefined> => {
			const items = await client.findCatalogItems([product.identifier]);
			const found = items.find((item) => item.inactiveFlag !== true && normalizeKey(item.identifier) === normalizeKey(product.identifier));
			return found ? { ok: true, product: { id: found.id, identifier: found.identifier } } : undefined;
		};
		let lastUnknown = '';
		for (let attempt = 1; attempt <= executor.maxAttempts; attempt++) {
			const created = await client.createCatalogItem(product).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
			if (!(created instanceof Error)) return { ok: true, product: { id: created.id, identifier: created.identifier }, createdFor: owner };
			const exists = created instanceof ConnectWiseApiError && created.fieldCodes.includes('ObjectExists');
			const unknown = created instanceof OutcomeUnknownError || created instanceof UnexpectedResponseError;
			if (!exists && !unknown) return { ok: false, error: errorText(created) };
			lastUnknown = created.message;
			const found = await find().catch((error: unknown) => ({ ok: false as const, error: `the catalog could not be re-read: ${errorText(error)}` }));
			if (found) return found.ok && unknown ? { ...found, createdFor: owner } : found;
			if (exists) return { ok: false, error: created.message };
			await executor.backoff(attempt);
		}
		return { ok: false, error: `the catalog item's creation stayed unknown after ${executor.maxAttempts} attempts (${lastUnknown})` };
	}

	private async applyCustomer(
		plan: CustomerPlan,
		options: ApplyOptions,
		connection: ApplierConnection | undefined,
		products: ReadonlyMap<string, ProductResult>,
	): Promise<CustomerResult> {
		const writes = plan.lines.filter((line) => WRITE_ACTIONS.has(line.action));
		if (options.dryRun || !connection) {
			return this.result(plan, options.dryRun, writes.map((line) => ({ lineId: line.lineId, status: 'dryRun' as const })));
		}
		const { client } = connection;
		let current: Addition[] | undefined;
		const resolved = writes.map((line) => this.withProduct(plan, line, products));
		const creates = resolved.filter((line) => line.action === 'create');
		if (creates.length > 0 && options.checkBeforeCreate && plan.agreement) {
			try {
				current = await client.listAdditions(plan.agreement.id);
			} catch (error) {
				const reason = `the agreement could not be re-read before creating: ${errorText(error)}`;
				const outcomes = await Promise.all(
					resolved.map((line) => (line.action === 'create' ? Promise.resolve({ lineId: line.lineId, status: 'failed' as const, error: reason }) : this.applyLine(connection, plan, line, options, undefined))),
				);
				return this.result(plan, false, outcomes);
			}
		}
		const outcomes = await Promise.all(resolved.map((line) => this.applyLine(connection, plan, line, options, current)));
		return this.result(plan, false, outcomes);
	}

	/** A line with a new product gets the created product's id, or becomes a CW11 failure carrying the reason. */
	private withProduct(plan: CustomerPlan, line: PlanLine, products: ReadonlyMap<string, ProductResult>): PlanLine & { productFailure?: string; productCreated?: boolean } {
		if (!line.newProduct) return line;
		const result = products.get(normalizeKey(line.newProduct.identifier));
		if (!result || !result.ok) return { ...line, productFailure: result?.error ?? 'the catalog item was not created' };
		return { ...line, product: result.product, productCreated: result.createdFor === ownerKey(plan, line) };
	}

	private async applyLine(
		connection: ApplierConnection,
		plan: CustomerPlan,
		line: PlanLine & { productFailure?: string; productCreated?: boolean },
		options: ApplyOptions,
		current: Addition[] | undefined,
	): Promise<LineOutcome> {
		if (line.productFailure !== undefined) return { lineId: line.lineId, status: 'failed', error: line.productFailure, code: 'CW11' };
		const created = line.productCreated && line.product ? line.product : undefined;
		if (line.action === 'createProduct') {
			return { lineId: line.lineId, status: 'applied', quantityBefore: null, productCreated: created, note: created ? undefined : `product ${line.product?.identifier ?? ''} was already in the catalog` };
		}
		const outcome = await this.applyWrite(connection, plan, line, options, current);
		return created && outcome.status === 'applied' ? { ...outcome, productCreated: created } : outcome;
	}

	private async applyWrite(
		{ client, executor }: ApplierConnection,
		plan: CustomerPlan,
		line: PlanLine,
		options: ApplyOptions,
		current: Addition[] | undefined,
	): Promise<LineOutcome> {
		const agreementId = line.agreementId ?? plan.agreement?.id;
		if (agreementId === undefined || line.quantityAfter === null) return { lineId: line.lineId, status: 'failed', error: 'the plan line has no agreement or quantity' };
		if (line.action !== 'create') {
			if (line.additionId === undefined) return { lineId: line.lineId, status: 'failed', error: 'the plan line has no addition id' };
			try {
				await client.updateAdditionQuantity(agreementId, line.additionId, line.quantityAfter);
				return { lineId: line.lineId, status: 'applied', additionId: line.additionId, quantityBefore: line.quantityBefore };
			} catch (error) {
				return { lineId: line.lineId, status: 'failed', error: errorText(error) };
			}
		}
		const since = current ? linesSincePlan(current, line, plan) : {};
		if (since.adopt) return this.adoptExisting(client, agreementId, since.adopt, line, options, 'it was added since the plan was made');
		if (since.blockedBy !== undefined) {
			return { lineId: line.lineId, status: 'failed', error: `a line of the product was added since the plan was made (${since.blockedBy}); nothing was added beside it` };
		}
		return this.create(client, executor, plan, agreementId, line, options);
	}

	/** An addition of the product is already there: bring its quantity to the target instead of adding another. */
	private async adoptExisting(client: ConnectWiseClient, agreementId: number, existing: Addition, line: PlanLine, options: ApplyOptions, why: string): Promise<LineOutcome> {
		const target = line.quantityAfter ?? 0;
		const note = `addition ${existing.id} already existed (${why})`;
		if (sameQuantity(existing.quantity, target, options.quantityTolerance)) {
			return { lineId: line.lineId, status: 'applied', additionId: existing.id, quantityBefore: existing.quantity, note };
		}
		try {
			await client.updateAdditionQuantity(agreementId, existing.id, target);
			return { lineId: line.lineId, status: 'applied', additionId: existing.id, quantityBefore: existing.quantity, note };
		} catch (error) {
			return { lineId: line.lineId, status: 'failed', error: `${note}; updating it failed: ${errorText(error)}` };
		}
	}

	private async create(
		client: ConnectWiseClient,
		executor: RequestExecutor,
		plan: CustomerPlan,
		agreementId: number,
		line: PlanLine,
		options: ApplyOptions,
	): Promise<LineOutcome> {
		if (!line.product) return { lineId: line.lineId, status: 'failed', error: 'the plan line has no product' };
		let lastUnknown = '';
		for (let attempt = 1; attempt <= executor.maxAttempts; attempt++) {
			try {
				const created = await client.createAddition(agreementId, {
					productId: line.product.id,
					quantity: line.quantityAfter ?? 0,
					effectiveDate: options.effectiveDate(plan),
					description: line.lineDescription || undefined,
					unitPrice: line.unitPrice,
				});
				return { lineId: line.lineId, status: 'applied', additionId: created.id, quantityBefore: null };
			} catch (error) {
				const unknown = error instanceof OutcomeUnknownError || error instanceof UnexpectedResponseError;
				if (!unknown) return { lineId: line.lineId, status: 'failed', error: errorText(error) };
				lastUnknown = error.message;
			}
			// The create may have happened: look before trying again, so there is never a duplicate.
			let additions: Addition[];
			try {
				additions = await client.listAdditions(agreementId);
			} catch (error) {
				return {
					lineId: line.lineId,
					status: 'failed',
					error: `the create's outcome is unknown (${lastUnknown}) and the agreement could not be re-read: ${errorText(error)}; run again to converge`,
				};
			}
			const found = additions.find((addition) => productMatches(addition, line));
			if (found) return this.adoptExisting(client, agreementId, found, line, options, 'the create went through although its answer was lost');
			await executor.backoff(attempt);
		}
		return { lineId: line.lineId, status: 'failed', error: `the create's outcome stayed unknown after ${executor.maxAttempts} attempts (${lastUnknown})` };
	}

	private result(plan: CustomerPlan, dryRun: boolean, outcomes: LineOutcome[]): CustomerResult {
		const byLine = new Map(outcomes.map((outcome) => [outcome.lineId, outcome]));
		const lineById = new Map(plan.lines.map((line) => [line.lineId, line]));
		const log: LogEntry[] = plan.log.flatMap((entry): LogEntry[] => {
			const outcome = entry.lineId === undefined ? undefined : byLine.get(entry.lineId);
			const line = entry.lineId === undefined ? undefined : lineById.get(entry.lineId);
			if (!outcome || !line || entry.outcome !== 'planned') return [entry];
			const fields = entryFields(entry);
			if (outcome.status === 'dryRun') return [{ ...entry, outcome: 'dryRun' }];
			if (outcome.status === 'failed') {
				const code = outcome.code ?? (line.action === 'create' ? 'CW12' : 'CW10');
				const failed = createEntry(this.context, code, { ...fields, error: outcome.error });
				failed.lineId = line.lineId;
				return [failed];
			}
			const entries: LogEntry[] = [];
			if (outcome.productCreated && line.action === 'create') {
				const productEntry = createEntry(this.context, 'ACW04', { ...fields, sku: outcome.productCreated.identifier });
				productEntry.lineId = line.lineId;
				productEntry.outcome = 'applied';
				entries.push(productEntry);
			}
			const applied = createEntry(this.context, entry.code, { ...fields, additionId: outcome.additionId, quantityBefore: outcome.quantityBefore ?? undefined, error: outcome.note });
			applied.lineId = line.lineId;
			applied.outcome = 'applied';
			entries.push(applied);
			return entries;
		});
		return { ...plan, dryRun, outcomes, log };
	}
}
