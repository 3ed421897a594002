import type { ConnectWiseClient } from '../connectwise/client';
import { ConnectWiseApiError, UnexpectedResponseError } from '../connectwise/errors';
import type { Addition } from '../connectwise/schemas';
import { DuplicateCustomerError, refuseDuplicateCustomers } from '../errors';
import { createEntry, entryFields, type LogContext, type LogEntry } from '../log/entry';
import type { LineOutcome } from '../contracts/plan';
import { WRITE_ACTIONS, type CustomerPlan, type PlanLine } from '../plan/types';
import {
	OutcomeUnknownError,
	RequestFailedError,
	type RequestExecutor,
} from '../transport/executor';
import { ITEMS_PER_REQUEST_SLOT, mapInPool } from '../transport/pool';
import { normalizeKey } from '../util/keys';
import { sameQuantity } from '../util/quantity';
import {
	changeSincePlan,
	linesSincePlan,
	looksLikeOurCreate,
	newLinesOfProduct,
	productsChangedSincePlan,
} from './lineChecks';

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
	/**
	 * Whether what the plan saw of ConnectWise is fresh enough to PATCH without reading the agreement again:
	 * a plan made moments ago in the same execution. Otherwise the agreement is read once before its writes and
	 * every line is compared with what the plan saw (a person's change is never overwritten). Default: planned
	 * less than FRESH_PLAN_MS before the apply started (a long apply does not make its own plans stale).
	 */
	isFresh?: (plan: CustomerPlan) => boolean;
	/**
	 * Which writes this apply may make: `allowed` (the default), every write the review policy let through;
	 * `approved`, only the lines in approvedLineIds, held or not. The others are not written (ACW11).
	 */
	linesToApply?: LinesToApply;
	approvedLineIds?: ReadonlySet<string>;
}

export const LINES_TO_APPLY = ['allowed', 'approved'] as const;
export type LinesToApply = (typeof LINES_TO_APPLY)[number];

/** How long a plan's read of ConnectWise counts as fresh when the caller does not say. */
export const FRESH_PLAN_MS = 2 * 60_000;

export type { LineOutcome };

/** The catalog item a new product line needs, once the run has made sure it exists. */
type ProductResult =
	| { ok: true; product: { id: number; identifier: string }; createdFor?: string }
	| { ok: false; error: string };

export interface CustomerResult extends CustomerPlan {
	dryRun: boolean;
	outcomes: LineOutcome[];
}

/** A plan as Apply receives it: from Reconcile Agreement, or an earlier Apply's output (with its outcomes). */
export type PlanToApply = CustomerPlan & { outcomes?: readonly LineOutcome[] };

export { DuplicateCustomerError };

/** Codes an earlier apply may have left on a line in place of its planned entry; a new apply replaces them. */
const OUTCOME_CODES = new Set(['CW10', 'CW11', 'CW12', 'ACW08', 'ACW11']);

function errorText(error: unknown): string {
	if (error instanceof ConnectWiseApiError || error instanceof UnexpectedResponseError)
		return error.message;
	if (error instanceof RequestFailedError || error instanceof OutcomeUnknownError)
		return `no answer from ConnectWise: ${error.message}`;
	throw error;
}

/** Identifies a line across the run, so exactly one line owns (and logs) each product creation. */
function ownerKey(plan: CustomerPlan, line: PlanLine): string {
	return `${plan.customer.code}\u0000${line.lineId}`;
}

function sameProduct(addition: Addition, line: PlanLine): boolean {
	return (
		line.product !== undefined &&
		normalizeKey(addition.product.identifier) === normalizeKey(line.product.identifier)
	);
}

/** Plans to apply, read one at a time (see PlanApplier.applyEach). */
export interface PlanSource {
	readonly count: number;
	/** The plan at `index`: the same plan each time it is asked for. */
	plan(index: number): PlanToApply;
	options(index: number): ApplyOptions;
}

/** The catalog items a run's new lines need, by product key, each with the one line that owns its creation. */
type WantedProducts = Map<string, { owner: string; product: NonNullable<PlanLine['newProduct']> }>;

function addWantedProducts(
	wanted: WantedProducts,
	plan: CustomerPlan,
	pending: readonly PlanLine[],
): void {
	for (const line of pending) {
		if (!line.newProduct) continue;
		const key = normalizeKey(line.newProduct.identifier);
		if (!wanted.has(key))
			wanted.set(key, { owner: ownerKey(plan, line), product: line.newProduct });
	}
}

/** What a customer's writes see of its agreement: read once just before them, or nothing when the plan is fresh. */
type AgreementNow = { read: true; additions: Addition[] } | { read: false };

export interface ApplierConnection {
	client: ConnectWiseClient;
	executor: RequestExecutor;
}

/**
 * Carries out plans: PATCHes quantities (absolute values, safe to resend) after checking the line is still
 * what the plan saw, POSTs new additions (never resent blindly, and checked afterwards so a create that raced
 * another execution leaves one line). A failure stays with its line; every other line still runs. A dry run
 * writes nothing and returns the same plan and log, marked as such. An earlier Apply's output can come in
 * again: lines it applied are kept as applied, the rest (dry run, failed, skipped) are applied now.
 */
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

	/** `options` may differ per plan (n8n reads parameters per item). */
	async apply(
		plans: readonly PlanToApply[],
		options: ApplyOptions | ((plan: PlanToApply, index: number) => ApplyOptions),
	): Promise<CustomerResult[]> {
		refuseDuplicateCustomers(
			plans.map((plan) => plan.customer.code),
			'plan',
			normalizeKey,
		);
		const optionsOf = plans.map((plan, index) =>
			typeof options === 'function' ? options(plan, index) : options,
		);
		const results = new Array<CustomerResult>(plans.length);
		await this.applyEach(
			{ count: plans.length, plan: (index) => plans[index], options: (index) => optionsOf[index] },
			(index, result) => {
				results[index] = result;
			},
		);
		return results;
	}

	/**
	 * `apply`, reading each plan from `source` when it is needed and handing each customer's result to `done` as
	 * soon as the customer is finished, so a large apply never holds every customer's plan and result at once.
	 * Two passes over the source: the first learns the customers (a second plan of one is refused before anything
	 * is written) and the catalog items the writes need (each made once, before any customer's lines); the second
	 * applies, a few customers per request slot at a time.
	 */
	async applyEach(
		source: PlanSource,
		done: (index: number, result: CustomerResult) => void,
	): Promise<void> {
		const codes: string[] = [];
		const wanted: WantedProducts = new Map();
		let writing = false;
		for (let index = 0; index < source.count; index++) {
			const plan = source.plan(index);
			codes.push(plan.customer.code);
			const pending = pendingWrites(plan, source.options(index));
			if (pending.length > 0) writing = true;
			addWantedProducts(wanted, plan, pending);
		}
		refuseDuplicateCustomers(codes, 'plan', normalizeKey);
		this.startedAt = this.context.now().getTime();
		const connection = writing ? await this.connected() : undefined;
		// Products first, once each, however many customers need them: additions of a product need its id.
		const products = connection
			? await this.createProducts(connection, wanted)
			: new Map<string, ProductResult>();
		// A few customers per request slot at a time, not all at once: the same pace, without every customer's
		// pending writes held in the executor's queue.
		const width = connection ? connection.executor.concurrency * ITEMS_PER_REQUEST_SLOT : 1;
		const indexes = Array.from({ length: source.count }, (_, index) => index);
		await mapInPool(indexes, width, async (index) => {
			const plan = source.plan(index);
			const options = source.options(index);
			const result = await this.applyCustomer(
				plan,
				pendingWrites(plan, options),
				options,
				connection,
				products,
			);
			done(index, result);
		});
	}

	private async createProducts(
		connection: ApplierConnection,
		wanted: WantedProducts,
	): Promise<Map<string, ProductResult>> {
		const results = new Map<string, ProductResult>();
		await Promise.all(
			[...wanted].map(async ([key, { owner, product }]) => {
				results.set(key, await this.createProduct(connection, product, owner));
			}),
		);
		return results;
	}

	/** Creates a catalog item, never twice: an unknown outcome or ObjectExists is settled by reading the catalog. */
	private async createProduct(
		{ client, executor }: ApplierConnection,
		product: NonNullable<PlanLine['newProduct']>,
		owner: string,
	): Promise<ProductResult> {
		const find = async (): Promise<ProductResult | undefined> => {
			const items = await client.findCatalogItems([product.identifier]);
			const found = items.find(
				(item) =>
					item.inactiveFlag !== true &&
					normalizeKey(item.identifier) === normalizeKey(product.identifier),
			);
			return found
				? { ok: true, product: { id: found.id, identifier: found.identifier } }
				: undefined;
		};
		let lastUnknown = '';
		for (let attempt = 1; attempt <= executor.maxAttempts; attempt++) {
			const created = await client
				.createCatalogItem(product)
				.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
			if (!(created instanceof Error))
				return {
					ok: true,
					product: { id: created.id, identifier: created.identifier },
					createdFor: owner,
				};
			const exists =
				created instanceof ConnectWiseApiError && created.fieldCodes.includes('ObjectExists');
			const unknown =
				created instanceof OutcomeUnknownError || created instanceof UnexpectedResponseError;
			if (!exists && !unknown) return { ok: false, error: errorText(created) };
			lastUnknown = created.message;
			const found = await find().catch((error: unknown) => ({
				ok: false as const,
				error: `the catalog could not be re-read: ${errorText(error)}`,
			}));
			if (found) return found.ok && unknown ? { ...found, createdFor: owner } : found;
			if (exists) return { ok: false, error: created.message };
			await executor.backoff(attempt);
		}
		return {
			ok: false,
			error: `the catalog item's creation stayed unknown after ${executor.maxAttempts} attempts (${lastUnknown})`,
		};
	}

	private async applyCustomer(
		plan: PlanToApply,
		writes: readonly PlanLine[],
		options: ApplyOptions,
		connection: ApplierConnection | undefined,
		products: ReadonlyMap<string, ProductResult>,
	): Promise<CustomerResult> {
		const earlier = new Map((plan.outcomes ?? []).map((outcome) => [outcome.lineId, outcome]));
		const kept = plan.lines
			.filter(
				(line) => WRITE_ACTIONS.has(line.action) && earlier.get(line.lineId)?.status === 'applied',
			)
			.map((line) => earlier.get(line.lineId)!);
		// Lines this apply may not write: held by the review policy, or not among the approved lines.
		const held: LineOutcome[] = [];
		for (const line of plan.lines) {
			if (!WRITE_ACTIONS.has(line.action) || earlier.get(line.lineId)?.status === 'applied')
				continue;
			const reason = heldReason(line, options);
			if (reason === undefined) continue;
			const before = earlier.get(line.lineId);
			// In approved mode a line no one approved keeps what an earlier apply found (a failure, a change).
			const keepEarlier =
				options.linesToApply === 'approved' &&
				line.review?.decision !== 'hold' &&
				before !== undefined &&
				(before.status === 'failed' || before.status === 'skipped');
			held.push(
				keepEarlier ? before : { lineId: line.lineId, status: 'held', code: 'ACW11', reason },
			);
		}
		const heldIds = new Set(held.map((outcome) => outcome.lineId));
		if (options.dryRun || !connection || writes.length === 0) {
			// A dry run writes nothing, so what an earlier apply recorded (a failure, a line skipped) still stands.
			const outcomes = plan.lines
				.filter(
					(line) =>
						WRITE_ACTIONS.has(line.action) &&
						earlier.get(line.lineId)?.status !== 'applied' &&
						!heldIds.has(line.lineId),
				)
				.map((line): LineOutcome => {
					const before = earlier.get(line.lineId);
					return before &&
						(before.status === 'failed' || before.status === 'skipped' || !options.dryRun)
						? before
						: { lineId: line.lineId, status: 'dryRun' };
				});
			return this.result(plan, options.dryRun, [...kept, ...held, ...outcomes]);
		}
		const { client } = connection;
		const resolved = writes.map((line) => this.withProduct(plan, line, products));
		const needsRead =
			(options.checkBeforeCreate && resolved.some((line) => line.action === 'create')) ||
			(resolved.some((line) => line.action === 'update' || line.action === 'remove') &&
				!(options.isFresh ?? this.freshByAge)(plan));
		let now: AgreementNow = { read: false };
		if (needsRead && plan.agreement) {
			try {
				now = { read: true, additions: await client.listAdditions(plan.agreement.id) };
			} catch (error) {
				// Unsure what the agreement holds now: change nothing on it, and say so on every line.
				const reason = `the agreement could not be read again before writing: ${errorText(error)}`;
				const failed = resolved.map(
					(line): LineOutcome => ({
						lineId: line.lineId,
						status: 'failed',
						error: reason,
						code: line.action === 'create' ? 'CW12' : 'CW10',
					}),
				);
				return this.result(plan, false, [...kept, ...held, ...failed]);
			}
		}
		const changed = now.read
			? productsChangedSincePlan(plan, resolved, now.additions, options.quantityTolerance)
			: new Map<string, LineOutcome>();
		const outcomes = await Promise.all(
			resolved.map(
				(line) => changed.get(line.lineId) ?? this.applyLine(connection, plan, line, options, now),
			),
		);
		return this.result(plan, false, [...kept, ...held, ...outcomes]);
	}

	private startedAt = Number.NaN;

	private readonly freshByAge = (plan: CustomerPlan): boolean => {
		const planned = plan.plannedAt === undefined ? Number.NaN : Date.parse(plan.plannedAt);
		const age = this.startedAt - planned;
		return Number.isFinite(age) && age >= 0 && age < FRESH_PLAN_MS;
	};

	/** A line with a new product gets the created product's id, or becomes a CW11 failure carrying the reason. */
	private withProduct(
		plan: CustomerPlan,
		line: PlanLine,
		products: ReadonlyMap<string, ProductResult>,
	): PlanLine & { productFailure?: string; productCreated?: boolean } {
		if (!line.newProduct) return line;
		const result = products.get(normalizeKey(line.newProduct.identifier));
		if (!result || !result.ok)
			return { ...line, productFailure: result?.error ?? 'the catalog item was not created' };
		return {
			...line,
			product: result.product,
			productCreated: result.createdFor === ownerKey(plan, line),
		};
	}

	private async applyLine(
		connection: ApplierConnection,
		plan: CustomerPlan,
		line: PlanLine & { productFailure?: string; productCreated?: boolean },
		options: ApplyOptions,
		now: AgreementNow,
	): Promise<LineOutcome> {
		if (line.productFailure !== undefined)
			return { lineId: line.lineId, status: 'failed', error: line.productFailure, code: 'CW11' };
		const created = line.productCreated && line.product ? line.product : undefined;
		if (line.action === 'createProduct') {
			return {
				lineId: line.lineId,
				status: 'applied',
				quantityBefore: null,
				productCreated: created,
				note: created
					? undefined
					: `product ${line.product?.identifier ?? ''} was already in the catalog`,
			};
		}
		const outcome =
			line.action === 'create'
				? await this.applyCreate(connection, plan, line, options, now)
				: await this.applyUpdate(connection.client, plan, line, options, now);
		if (outcome.status !== 'applied') return outcome;
		return {
			...outcome,
			...(created && { productCreated: created }),
			// Held by the review policy, written because a person approved it.
			...(line.review?.decision === 'hold' && { approved: true as const }),
		};
	}

	/** A quantity PATCH, unless the line is no longer what the plan saw (then nothing is written: ACW08). */
	private async applyUpdate(
		client: ConnectWiseClient,
		plan: CustomerPlan,
		line: PlanLine,
		options: ApplyOptions,
		now: AgreementNow,
	): Promise<LineOutcome> {
		const agreementId = line.agreementId ?? plan.agreement?.id;
		if (agreementId === undefined || line.quantityAfter === null || line.additionId === undefined) {
			return {
				lineId: line.lineId,
				status: 'failed',
				error: 'the plan line has no agreement, addition or quantity',
			};
		}
		if (now.read) {
			const check = changeSincePlan(
				now.additions,
				line,
				plan.billingPeriod,
				options.quantityTolerance,
			);
			if (check.kind === 'alreadyDone') {
				return {
					lineId: line.lineId,
					status: 'applied',
					additionId: line.additionId,
					quantityBefore: line.quantityBefore,
					note: `already at ${check.quantity} when applied`,
				};
			}
			if (check.kind === 'changed')
				return {
					lineId: line.lineId,
					status: 'skipped',
					code: 'ACW08',
					reason: check.reason,
					quantityNow: check.quantityNow,
				};
		}
		try {
			await client.updateAdditionQuantity(agreementId, line.additionId, line.quantityAfter);
			return {
				lineId: line.lineId,
				status: 'applied',
				additionId: line.additionId,
				quantityBefore: line.quantityBefore,
			};
		} catch (error) {
			return { lineId: line.lineId, status: 'failed', error: errorText(error) };
		}
	}

	private async applyCreate(
		connection: ApplierConnection,
		plan: CustomerPlan,
		line: PlanLine,
		options: ApplyOptions,
		now: AgreementNow,
	): Promise<LineOutcome> {
		const agreementId = line.agreementId ?? plan.agreement?.id;
		if (agreementId === undefined || line.quantityAfter === null)
			return {
				lineId: line.lineId,
				status: 'failed',
				error: 'the plan line has no agreement or quantity',
			};
		if (!line.product)
			return { lineId: line.lineId, status: 'failed', error: 'the plan line has no product' };
		if (now.read) {
			const effectiveDate = options.effectiveDate(plan);
			const since = linesSincePlan(
				now.additions.filter((addition) => sameProduct(addition, line)),
				plan.billingPeriod,
				(addition) => looksLikeOurCreate(addition, line, effectiveDate),
			);
			if (since.adopt)
				return this.adoptExisting(
					connection.client,
					agreementId,
					since.adopt,
					line,
					options,
					'it was added since the plan was made',
				);
			if (since.blockedBy !== undefined) {
				return {
					lineId: line.lineId,
					status: 'failed',
					error: `a line of the product was added since the plan was made (${since.blockedBy}); nothing was added beside it`,
				};
			}
		}
		const before = new Set(
			now.read ? now.additions.map((addition) => addition.id) : (plan.seenAdditionIds ?? []),
		);
		return this.create(connection, plan, agreementId, line, options, before);
	}

	/** An addition of the product is already there: bring its quantity to the target instead of adding another. */
	private async adoptExisting(
		client: ConnectWiseClient,
		agreementId: number,
		existing: Addition,
		line: PlanLine,
		options: ApplyOptions,
		why: string,
	): Promise<LineOutcome> {
		const target = line.quantityAfter ?? 0;
		const note = `addition ${existing.id} already existed (${why})`;
		if (sameQuantity(existing.quantity, target, options.quantityTolerance)) {
			return {
				lineId: line.lineId,
				status: 'applied',
				additionId: existing.id,
				quantityBefore: existing.quantity,
				note,
			};
		}
		try {
			await client.updateAdditionQuantity(agreementId, existing.id, target);
			return {
				lineId: line.lineId,
				status: 'applied',
				additionId: existing.id,
				quantityBefore: existing.quantity,
				note,
			};
		} catch (error) {
			return {
				lineId: line.lineId,
				status: 'failed',
				error: `${note}; updating it failed: ${errorText(error)}`,
			};
		}
	}

	/**
	 * POSTs the addition. When the answer is lost, the agreement is read (twice, some time apart, for a server
	 * that commits late) before the POST is sent again: never blindly. Every create is then verified by reading
	 * the agreement: lines of the product that appeared since `before` and bill the same way are duplicates
	 * from a create that raced this one (another execution, or this run's own late-committed POST), and the
	 * rule that settles them is the same in every execution: the lowest id stays, every younger one is deleted.
	 */
	private async create(
		{ client, executor }: ApplierConnection,
		plan: CustomerPlan,
		agreementId: number,
		line: PlanLine & { product?: { id: number; identifier: string } },
		options: ApplyOptions,
		before: ReadonlySet<number>,
	): Promise<LineOutcome> {
		let lastUnknown = '';
		const readAgain = async (): Promise<Addition[] | string> =>
			client
				.listAdditions(agreementId)
				.catch((error: unknown) => `the agreement could not be re-read: ${errorText(error)}`);
		for (let attempt = 1; attempt <= executor.maxAttempts; attempt++) {
			try {
				const created = await client.createAddition(agreementId, {
					productId: line.product!.id,
					quantity: line.quantityAfter ?? 0,
					effectiveDate: options.effectiveDate(plan),
					description: line.lineDescription || undefined,
					unitPrice: line.unitPrice,
				});
				return this.settleCreate(
					{ client, executor },
					plan,
					agreementId,
					line,
					options,
					before,
					created,
					lastUnknown !== '',
				);
			} catch (error) {
				const unknown =
					error instanceof OutcomeUnknownError || error instanceof UnexpectedResponseError;
				if (!unknown) return { lineId: line.lineId, status: 'failed', error: errorText(error) };
				lastUnknown = error.message;
			}
			// The create may have happened, now or a little later: look twice before sending it again.
			for (let look = 1; look <= 2; look++) {
				const additions = await readAgain();
				if (typeof additions === 'string') {
					return {
						lineId: line.lineId,
						status: 'failed',
						error: `the create's outcome is unknown (${lastUnknown}) and ${additions}; not sent again, run again to converge`,
					};
				}
				const mine = newLinesOfProduct(additions, line, before, options.effectiveDate(plan));
				if (mine.length > 0)
					return this.settleCreate(
						{ client, executor },
						plan,
						agreementId,
						line,
						options,
						before,
						mine[0],
						true,
						additions,
					);
				await executor.backoff(attempt + look - 1);
			}
		}
		return {
			lineId: line.lineId,
			status: 'failed',
			error: `the create's outcome stayed unknown after ${executor.maxAttempts} attempts (${lastUnknown}); run again to converge`,
		};
	}

	/**
	 * After a create: read the agreement (unless just read), keep the lowest id of the lines of the product that
	 * appeared since `before` and look like this package's creates, delete the younger ones, and bring the kept
	 * line to the target quantity. When the create's answer was lost, the agreement is read once more a while
	 * later, for a POST the server commits late.
	 */
	private async settleCreate(
		{ client, executor }: ApplierConnection,
		plan: CustomerPlan,
		agreementId: number,
		line: PlanLine,
		options: ApplyOptions,
		before: ReadonlySet<number>,
		created: Addition,
		outcomeWasUnknown: boolean,
		justRead?: Addition[],
	): Promise<LineOutcome> {
		const deleted: number[] = [];
		let keeper = created;
		for (let check = 1; check <= (outcomeWasUnknown ? 2 : 1); check++) {
			let additions = check === 1 ? justRead : undefined;
			if (check > 1) await executor.backoff(3);
			if (!additions) {
				try {
					additions = await client.listAdditions(agreementId);
				} catch (error) {
					// The line was created; only the check could not be made. The next run's plan sees any duplicate (ACW02).
					return {
						lineId: line.lineId,
						status: 'applied',
						additionId: keeper.id,
						quantityBefore: null,
						note: `created; the check for a duplicate created at the same time could not read the agreement (${errorText(error)})`,
					};
				}
			}
			const group = newLinesOfProduct(
				additions,
				line,
				before,
				options.effectiveDate(plan),
				created,
			);
			keeper = group[0] ?? keeper;
			for (const duplicate of group.slice(1)) {
				try {
					await client.deleteAddition(agreementId, duplicate.id);
					deleted.push(duplicate.id);
				} catch (error) {
					return {
						lineId: line.lineId,
						status: 'failed',
						code: 'CW12',
						error: `addition ${duplicate.id} duplicates ${keeper.id} (created at the same time) and could not be deleted: ${errorText(error)}`,
					};
				}
			}
		}
		if (keeper.id === created.id && !outcomeWasUnknown && deleted.length === 0) {
			return {
				lineId: line.lineId,
				status: 'applied',
				additionId: created.id,
				quantityBefore: null,
			};
		}
		const notes = [
			keeper.id !== created.id
				? `addition ${keeper.id} of the product was created at the same time`
				: '',
			outcomeWasUnknown ? 'the create went through although its answer was lost' : '',
			deleted.length > 0
				? `duplicate${deleted.length > 1 ? 's' : ''} ${deleted.join(', ')} deleted`
				: '',
		].filter((note) => note !== '');
		const adopted = await this.adoptExisting(
			client,
			agreementId,
			keeper,
			line,
			options,
			notes.join('; '),
		);
		return adopted.status === 'applied' && keeper.id === created.id && !outcomeWasUnknown
			? { ...adopted, quantityBefore: null }
			: adopted;
	}

	private result(plan: PlanToApply, dryRun: boolean, outcomes: LineOutcome[]): CustomerResult {
		const byLine = new Map(outcomes.map((outcome) => [outcome.lineId, outcome]));
		const lineById = new Map(plan.lines.map((line) => [line.lineId, line]));
		const replaced = new Set<string>();
		const log: LogEntry[] = plan.log.flatMap((entry): LogEntry[] => {
			const line = entry.lineId === undefined ? undefined : lineById.get(entry.lineId);
			const outcome = line ? byLine.get(line.lineId) : undefined;
			// The line's outcome entry: planned, dry run or applied, or a failure or skip an earlier apply left.
			const isOutcomeEntry = entry.outcome !== undefined || OUTCOME_CODES.has(entry.code);
			if (!line || !outcome || !isOutcomeEntry) return [entry];
			if (replaced.has(line.lineId)) return [];
			replaced.add(line.lineId);
			return this.outcomeEntries(line, outcome, entryFields(entry));
		});
		return { ...plan, dryRun, outcomes, log };
	}

	private outcomeEntries(
		line: PlanLine,
		outcome: LineOutcome,
		previous: ReturnType<typeof entryFields>,
	): LogEntry[] {
		// The planned entry's own fields (customer, SKU, before and after), without what an earlier apply added.
		const fields = { ...previous, error: undefined, reason: undefined };
		const withLine = (entry: LogEntry): LogEntry => {
			entry.lineId = line.lineId;
			return entry;
		};
		if (outcome.status === 'dryRun')
			return [
				withLine({
					...createEntry(this.context, line.code, {
						...fields,
						quantityBefore: line.quantityBefore ?? undefined,
					}),
					outcome: 'dryRun',
				}),
			];
		if (outcome.status === 'failed') {
			const code = outcome.code ?? (line.action === 'create' ? 'CW12' : 'CW10');
			return [withLine(createEntry(this.context, code, { ...fields, error: outcome.error }))];
		}
		if (outcome.status === 'skipped') {
			return [
				withLine(
					createEntry(this.context, outcome.code, {
						...fields,
						quantityBefore: outcome.quantityNow ?? undefined,
						reason: outcome.reason,
					}),
				),
			];
		}
		if (outcome.status === 'held') {
			// A new line bills nothing today: it "stays at 0".
			return [
				withLine({
					...createEntry(this.context, outcome.code, {
						...fields,
						quantityBefore: line.quantityBefore ?? 0,
						review: 'hold',
						reviewReason: outcome.reason,
					}),
					outcome: 'held',
				}),
			];
		}
		const entries: LogEntry[] = [];
		if (outcome.productCreated && line.action === 'create') {
			entries.push(
				withLine({
					...createEntry(this.context, 'ACW04', {
						...fields,
						sku: outcome.productCreated.identifier,
					}),
					outcome: 'applied',
				}),
			);
		}
		const applied = createEntry(this.context, line.code, {
			...fields,
			additionId: outcome.additionId ?? line.additionId,
			quantityBefore: outcome.quantityBefore ?? undefined,
			error: outcome.note,
			review: outcome.approved ? 'approved' : fields.review,
		});
		entries.push(withLine({ ...applied, outcome: 'applied' }));
		return entries;
	}
}

/** Why this apply may not write a line (ACW11), or undefined when it may. */
function heldReason(line: PlanLine, options: ApplyOptions): string | undefined {
	const reasons = line.review?.reasons.join('; ') ?? '';
	if (options.linesToApply === 'approved') {
		if (options.approvedLineIds?.has(line.lineId)) return undefined;
		return line.review?.decision === 'hold'
			? `not approved: ${reasons}`
			: 'not among the approved lines';
	}
	return line.review?.decision === 'hold' ? reasons : undefined;
}

/** The lines this apply writes for a plan: none in a dry run, and none the review holds. */
function pendingWrites(plan: PlanToApply, options: ApplyOptions): PlanLine[] {
	if (options.dryRun) return [];
	return linesToWrite(plan).filter((line) => heldReason(line, options) === undefined);
}

/** The lines an apply writes now: write actions, less those an earlier Apply already applied. */
function linesToWrite(plan: PlanToApply): PlanLine[] {
	const applied = new Set(
		(plan.outcomes ?? [])
			.filter((outcome) => outcome.status === 'applied')
			.map((outcome) => outcome.lineId),
	);
	return plan.lines.filter((line) => WRITE_ACTIONS.has(line.action) && !applied.has(line.lineId));
}
