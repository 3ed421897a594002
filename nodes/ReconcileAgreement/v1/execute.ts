import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import type { PeriodCustomer } from '../../core/atria/customers';
import { highestLevel, isAtLeast } from '../../core/codes/levels';
import { CwCodedError, StageInputError } from '../../core/errors';
import type { LogContext, LogEntry } from '../../core/log/entry';
import {
	AGREEMENT_SELECTION_VALUES,
	type CustomerPlan,
	type LineAction,
	type PlanOptions,
} from '../../core/plan/types';
import { LINE_ACTIONS, PLAN_FORMAT } from '../../core/contracts/plan';
import { planEachRequest, singlePeriod } from '../../core/sync/reconcile';
import type { BillingPeriod } from '../../core/atria/period';
import { DEFAULT_QUANTITY_TOLERANCE } from '../../core/util/quantity';
import { normalizeKey } from '../../core/util/keys';
import {
	customerItemSchema,
	describeItemError,
	toPlanItem,
	type CustomerItem,
	type PlanItem,
	fastSafeParse,
} from '../../core/contracts/items';
import type { SharedProducts } from '../../core/contracts/itemLines';
import { connectToConnectWise } from '../../shared/connect';
import { reuseReceived, sharedWhenEqual } from '../../shared/reuseReceived';
import { entryForFailure, toNodeError } from '../../shared/errors';
import {
	agreementTypeChoice,
	checkAgreementType,
	concurrencySchema,
	moneySchema,
	perItemReader,
	readOption,
	readParameter,
	readPerRun,
	requestsPerMinuteSchema,
	toleranceSchema,
} from '../../shared/params';
import { reviewPolicyReader } from './reviewPolicy';

const NOTHING_HELD = { needsApproval: false, reasons: [], heldLineIds: [], heldRevenueChange: 0 };

/** A plan item plus what an IF node needs to route customers that need a person's attention. */
function planItem(base: PlanItem, products: SharedProducts): IDataObject {
	const highest = highestLevel(base.log.map((entry) => entry.level));
	const changes = Object.fromEntries(LINE_ACTIONS.map((action) => [action, 0])) as Record<
		LineAction,
		number
	>;
	for (const line of base.lines) changes[line.action] += 1;
	return {
		...toPlanItem(base, products),
		// Every item answers the routing question, a customer-less one (the run's log) included: nothing is held.
		review: base.review ?? NOTHING_HELD,
		needsAttention: highest !== null && isAtLeast(highest, 'Warn'),
		highestLevel: highest,
		changes,
	} as unknown as IDataObject;
}

/**
 * An item's customer with the period facts it carries (found by Get Billing Data before any filter), so its plan
 * does not depend on which other items reached this node. Items of one run share one managed set.
 */
function customerFacts(): (item: CustomerItem) => PeriodCustomer {
	const managedSets = new Map<string, ReadonlySet<string>>();
	return (item) => {
		const customer = item.customer!;
		const keys = item.period.managedSkus;
		const cacheKey = keys.join('\n');
		let managedSkus = managedSets.get(cacheKey);
		if (managedSkus === undefined) {
			managedSkus = new Set(keys.map(normalizeKey));
			managedSets.set(cacheKey, managedSkus);
		}
		return {
			code: customer.code,
			name: customer.name,
			billingIdentifier: customer.billingIdentifier,
			lines: item.lines,
			facts: { sharesBillingIdentifierWith: customer.sharesBillingIdentifierWith, managedSkus },
		};
	};
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const input = this.getInputData();
	const items: CustomerItem[] = input.map((item, index) => {
		const parsed = fastSafeParse(customerItemSchema, item.json);
		if (!parsed.success)
			throw new NodeOperationError(
				this.getNode(),
				describeItemError(parsed.error, index, 'a Get Billing Data item'),
				{ itemIndex: index },
			);
		return parsed.data;
	});
	if (items.length === 0) return [[]];
	const runId = items[0].runId;
	const context: LogContext = { runId, now: () => new Date() };

	const withCustomer = items
		.map((item, index) => ({ item, index }))
		.filter(({ item }) => item.customer !== null && item.billingPeriod !== null);
	const inputError = (error: StageInputError) =>
		new NodeOperationError(this.getNode(), error.message, {
			itemIndex: withCustomer[error.positions[1] ?? 0]?.index,
		});
	let period: BillingPeriod | undefined;
	try {
		period =
			withCustomer.length > 0
				? singlePeriod(withCustomer.map(({ item }) => item.billingPeriod!))
				: undefined;
	} catch (error) {
		throw error instanceof StageInputError
			? inputError(error)
			: new NodeOperationError(this.getNode(), error as Error);
	}

	// Per item, as n8n evaluates expressions: each customer is planned with its own options.
	const optionsOf = planOptionsReader(this);
	const customerWithFacts = customerFacts();
	const requests = withCustomer.map(({ item, index }) => ({
		customer: customerWithFacts(item),
		options: optionsOf(index),
	}));
	// Per run: one connection and one request budget for the whole node run.
	const limits = {
		concurrency: readPerRun(this, 'options.concurrency', (itemIndex) =>
			readOption(this, 'concurrency', concurrencySchema, 4, itemIndex),
		),
		requestsPerMinute: readPerRun(this, 'options.requestsPerMinute', (itemIndex) =>
			readOption(this, 'requestsPerMinute', requestsPerMinuteSchema, 0, itemIndex),
		),
	};
	const optionsByItem = new Map(
		withCustomer.map(({ index }, position) => [index, requests[position].options]),
	);
	/** The agreement type an item is labelled with: its own, or the run's first for an item without a customer. */
	const agreementTypeOf = (index: number) =>
		(optionsByItem.get(index) ?? requests[0]?.options)?.agreementTypeName ?? '';

	const passThrough = (item: CustomerItem, index: number, extraLog: LogEntry[] = []): PlanItem => ({
		planFormat: PLAN_FORMAT,
		runId: item.runId,
		billingPeriod: item.billingPeriod,
		agreementType: agreementTypeOf(index),
		customer: item.customer && {
			code: item.customer.code,
			name: item.customer.name,
			billingIdentifier: item.customer.billingIdentifier,
		},
		company: null,
		agreement: null,
		lines: [],
		log: [...item.log, ...extraLog],
	});

	const products: SharedProducts = new Map();
	const sameAs = sharedWhenEqual();
	// Output keeps the input order (n8n's item i in, item i out), so the run's own entries stay first. Each plan
	// becomes its item as soon as it is made, so the node never holds every customer's full plan.
	const output = new Array<INodeExecutionData>(items.length);
	const outputItem = (index: number, json: IDataObject): INodeExecutionData => {
		// A review equal to an earlier item's as that item's, and the run's ID and period as the objects Get
		// Billing Data gave (n8n saves each object once).
		json.review = sameAs(json.review);
		return { json: reuseReceived(json, input[index].json), pairedItem: { item: index } };
	};
	try {
		if (requests.length > 0) {
			// A missing or malformed agreement type is CW21, as in Atria's ConnectWise Manage Billing job, like a name ConnectWise does not have.
			for (const { options } of requests)
				checkAgreementType(options.agreementTypeName, options.agreementTypeId);
			const { client } = await connectToConnectWise(this, limits);
			await planEachRequest(client, requests, period!, context, (position, plan: CustomerPlan) => {
				const { index } = withCustomer[position];
				output[index] = outputItem(
					index,
					planItem({ ...plan, log: [...items[index].log, ...plan.log] }, products),
				);
			});
		}
	} catch (error) {
		if (error instanceof StageInputError) throw inputError(error);
		if (!(error instanceof CwCodedError))
			throw new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		// The failure is logged once, on the first item; every customer's own entries still flow on.
		const failure = entryForFailure(context, error, {
			agreementType: error.fields.agreementType ?? agreementTypeOf(0),
		});
		return [
			items.map((item, index) => ({
				json: {
					...planItem(passThrough(item, index, index === 0 ? [failure] : []), products),
					error: error.message,
				},
				pairedItem: { item: index },
			})),
		];
	}
	for (let index = 0; index < items.length; index++)
		output[index] ??= outputItem(index, planItem(passThrough(items[index], index), products));
	return [output];
}

/**
 * Reads the planning parameters for one input item. Without an expression a parameter is read once for all
 * items; with one it is evaluated for the item, as n8n users expect.
 */
function planOptionsReader(context: IExecuteFunctions): (itemIndex: number) => PlanOptions {
	const perItem = <T>(path: string, read: (itemIndex: number) => T) =>
		perItemReader(context, path, read);
	// A missing or malformed agreement type is left to CW21 (checkAgreementType), like a type ConnectWise lacks.
	// Read whole (not extractValue): the locator's mode says whether the value is an ID or a name.
	const agreementType = perItem('agreementType', (itemIndex) =>
		agreementTypeChoice(context.getNodeParameter('agreementType', itemIndex, '')),
	);
	const createMissingProducts = perItem('createMissingProducts', (itemIndex) =>
		readParameter(context, 'createMissingProducts', z.boolean(), false, itemIndex),
	);
	const subcategory = perItem('productSubcategory', (itemIndex) =>
		readParameter(
			context,
			'productSubcategory',
			z.coerce.number().int().positive('choose a product subcategory'),
			undefined,
			itemIndex,
			true,
		),
	);
	const productType = perItem('productType', (itemIndex) =>
		readParameter(
			context,
			'productType',
			z.coerce.number().int().positive('choose a product type'),
			undefined,
			itemIndex,
			true,
		),
	);
	// 0, the default, leaves the price or cost unset on the new catalog item.
	const money = (name: string) =>
		perItem(
			`options.${name}`,
			(itemIndex) => readOption(context, name, moneySchema, 0, itemIndex) || undefined,
		);
	const price = money('newProductPrice');
	const cost = money('newProductCost');
	const allowCreateAdditions = perItem('allowCreateAdditions', (itemIndex) =>
		readParameter(context, 'allowCreateAdditions', z.boolean(), false, itemIndex),
	);
	const agreementSelection = perItem('agreementSelection', (itemIndex) =>
		readParameter(
			context,
			'agreementSelection',
			z.enum(AGREEMENT_SELECTION_VALUES),
			'lowestId',
			itemIndex,
		),
	);
	const review = reviewPolicyReader(context);
	const quantityTolerance = perItem('options.quantityTolerance', (itemIndex) =>
		readOption(
			context,
			'quantityTolerance',
			toleranceSchema,
			DEFAULT_QUANTITY_TOLERANCE,
			itemIndex,
		),
	);
	return (itemIndex) => ({
		agreementTypeName: agreementType(itemIndex).name,
		...(agreementType(itemIndex).id !== undefined && {
			agreementTypeId: agreementType(itemIndex).id,
		}),
		createMissingProducts: createMissingProducts(itemIndex)
			? {
					subcategoryId: subcategory(itemIndex),
					typeId: productType(itemIndex),
					price: price(itemIndex),
					cost: cost(itemIndex),
				}
			: null,
		allowCreateAdditions: allowCreateAdditions(itemIndex),
		agreementSelection: agreementSelection(itemIndex),
		quantityTolerance: quantityTolerance(itemIndex),
		review: review(itemIndex),
	});
}
