import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import type { PeriodCustomer } from '../core/atria/customers';
import { highestLevel, isAtLeast } from '../core/codes/levels';
import { CwCodedError, StageInputError } from '../core/errors';
import type { LogContext, LogEntry } from '../core/log/entry';
import { AGREEMENT_SELECTION_RULES, AGREEMENT_SELECTION_VALUES, type CustomerPlan, type LineAction, type PlanOptions } from '../core/plan/types';
import { LINE_ACTIONS, PLAN_FORMAT } from '../core/contracts/plan';
import { reconcileEach, singlePeriod } from '../core/sync/reconcile';
import type { BillingPeriod } from '../core/atria/period';
import { DEFAULT_QUANTITY_TOLERANCE } from '../core/util/quantity';
import { normalizeKey } from '../core/util/keys';
import type { ConnectWiseClient } from '../core/connectwise/client';
import { describeReadFailure } from '../core/plan/readFailure';
import { connectToConnectWise } from '../shared/connect';
import { entryForFailure, toNodeError } from '../shared/errors';
import { customerItemSchema, describeItemError, type CustomerItem, type PlanItem } from '../core/contracts/items';
import {
	checkAgreementTypeName,
	concurrencySchema,
	moneySchema,
	connectWiseLimitOptions,
	perItemReader,
	readOption,
	readParameter,
	readPerRun,
	requestsPerMinuteSchema,
	toleranceSchema,
} from '../shared/params';

export const DEFAULT_AGREEMENT_TYPE = 'Cloud and Hosting Services';

/** A plan item plus what an IF node needs to route customers that need a person's attention. */
function planItem(base: PlanItem): IDataObject {
	const highest = highestLevel(base.log.map((entry) => entry.level));
	const changes = Object.fromEntries(LINE_ACTIONS.map((action) => [action, 0])) as Record<LineAction, number>;
	for (const line of base.lines) changes[line.action] += 1;
	return {
		...base,
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

/** Active records of a ConnectWise list as dropdown options, sorted by name; failures keep their CW code. */
async function listFromConnectWise<T extends { name: string; inactiveFlag?: boolean }>(
	context: ILoadOptionsFunctions,
	read: (client: ConnectWiseClient) => Promise<T[]>,
	value: (record: T) => string | number,
): Promise<INodePropertyOptions[]> {
	try {
		const { client } = await connectToConnectWise(context, { concurrency: 1, requestsPerMinute: 0 });
		const records = await read(client);
		return records
			.filter((record) => record.inactiveFlag !== true)
			.map((record) => ({ name: record.name, value: value(record) }))
			.sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		const coded = error instanceof CwCodedError ? error : describeReadFailure(error, 'the list');
		throw new NodeOperationError(context.getNode(), coded.message, { description: coded.howToResolve });
	}
}

export class ReconcileAgreement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reconcile Agreement',
		name: 'reconcileAgreement',
		icon: { light: 'file:../../icons/connectwise.svg', dark: 'file:../../icons/connectwise.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["agreementType"]}}',
		description: "Finds each customer's ConnectWise company and agreement and plans the additions' quantities (no writes)",
		defaults: { name: 'Reconcile Agreement' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'connectWiseManageApi', required: true }],
		properties: [
			{
				displayName: 'Agreement Type Name or ID',
				name: 'agreementType',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAgreementTypes' },
				default: DEFAULT_AGREEMENT_TYPE,
				description:
					'The agreement type that carries Atria services (the AgreementType parameter). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Allow Creating Additions',
				name: 'allowCreateAdditions',
				type: 'boolean',
				default: false,
				description:
					'Whether a service Atria bills but the agreement lacks is planned as a new addition (CW08); off logs it as CW22 (the AllowAtriaCreateAdditions parameter)',
			},
			{
				displayName: 'Create Missing Products',
				name: 'createMissingProducts',
				type: 'boolean',
				default: false,
				description:
					'Whether a SKU missing from the ConnectWise catalog is added to it (once per run, however many customers need it) instead of being logged as CW06; a failed create is logged as CW11',
			},
			{
				displayName: 'Product Subcategory Name or ID',
				name: 'productSubcategory',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getSubcategories' },
				default: '',
				required: true,
				displayOptions: { show: { createMissingProducts: [true] } },
				description:
					'The catalog subcategory of products this node creates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Product Type Name or ID',
				name: 'productType',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getProductTypes' },
				default: '',
				required: true,
				displayOptions: { show: { createMissingProducts: [true] } },
				description:
					'The catalog product type of products this node creates. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Agreement Selection',
				name: 'agreementSelection',
				type: 'options',
				options: AGREEMENT_SELECTION_RULES.map((rule) => ({ name: rule.name, value: rule.value, description: rule.description })),
				default: 'lowestId',
				description: 'Which agreement receives the quantities when a company has several active agreements of the type (each such customer is logged as ACW01)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					...connectWiseLimitOptions,
					{
						displayName: 'New Product Cost',
						name: 'newProductCost',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						description: 'Cost of products created by Create Missing Products; 0 leaves it unset',
					},
					{
						displayName: 'New Product Price',
						name: 'newProductPrice',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						description: 'Price of products created by Create Missing Products; 0 leaves it unset',
					},
					{
						displayName: 'Quantity Tolerance',
						name: 'quantityTolerance',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 6 },
						default: DEFAULT_QUANTITY_TOLERANCE,
						description: 'Quantities closer than this count as unchanged',
					},
				],
			},
		],
		hints: [
			{
				message: 'Items with needsAttention true have a Warn or Error entry: an IF node on it routes them for review',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
			},
		],
	};

	methods = {
		loadOptions: {
			async getAgreementTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return listFromConnectWise(this, (client) => client.listAgreementTypes(), (type) => type.name);
			},
			async getSubcategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return listFromConnectWise(this, (client) => client.listSubcategories(), (ref) => ref.id);
			},
			async getProductTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return listFromConnectWise(this, (client) => client.listProductTypes(), (ref) => ref.id);
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const input = this.getInputData();
		const items: CustomerItem[] = input.map((item, index) => {
			const parsed = customerItemSchema.safeParse(item.json);
			if (!parsed.success) throw new NodeOperationError(this.getNode(), describeItemError(parsed.error, index, 'a Get Billing Data item'), { itemIndex: index });
			return parsed.data;
		});
		if (items.length === 0) return [[]];
		const runId = items[0].runId;
		const context: LogContext = { runId, now: () => new Date() };

		const withCustomer = items.map((item, index) => ({ item, index })).filter(({ item }) => item.customer !== null && item.billingPeriod !== null);
		const inputError = (error: StageInputError) =>
			new NodeOperationError(this.getNode(), error.message, { itemIndex: withCustomer[error.positions[1] ?? 0]?.index });
		let period: BillingPeriod | undefined;
		try {
			period = withCustomer.length > 0 ? singlePeriod(withCustomer.map(({ item }) => item.billingPeriod!)) : undefined;
		} catch (error) {
			throw error instanceof StageInputError ? inputError(error) : new NodeOperationError(this.getNode(), error as Error);
		}

		// Per item, as n8n evaluates expressions: each customer is planned with its own options.
		const optionsOf = planOptionsReader(this);
		const customerWithFacts = customerFacts();
		const requests = withCustomer.map(({ item, index }) => ({ customer: customerWithFacts(item), options: optionsOf(index) }));
		// Per run: one connection and one request budget for the whole node run.
		const limits = {
			concurrency: readPerRun(this, 'options.concurrency', (itemIndex) => readOption(this, 'concurrency', concurrencySchema, 4, itemIndex)),
			requestsPerMinute: readPerRun(this, 'options.requestsPerMinute', (itemIndex) => readOption(this, 'requestsPerMinute', requestsPerMinuteSchema, 0, itemIndex)),
		};
		const optionsByItem = new Map(withCustomer.map(({ index }, position) => [index, requests[position].options]));
		/** The agreement type an item is labelled with: its own, or the run's first for an item without a customer. */
		const agreementTypeOf = (index: number) => (optionsByItem.get(index) ?? requests[0]?.options)?.agreementTypeName ?? '';

		const passThrough = (item: CustomerItem, index: number, extraLog: LogEntry[] = []): PlanItem => ({
			planFormat: PLAN_FORMAT,
			runId: item.runId,
			billingPeriod: item.billingPeriod,
			agreementType: agreementTypeOf(index),
			customer: item.customer && { code: item.customer.code, name: item.customer.name, billingIdentifier: item.customer.billingIdentifier },
			company: null,
			agreement: null,
			lines: [],
			log: [...item.log, ...extraLog],
		});

		let plans: CustomerPlan[] = [];
		try {
			if (requests.length > 0) {
				// A missing or malformed agreement type is the seed's CW21, like a name ConnectWise does not have.
				for (const { options } of requests) checkAgreementTypeName(options.agreementTypeName);
				const { client } = await connectToConnectWise(this, limits);
				plans = await reconcileEach(client, requests, period!, context);
			}
		} catch (error) {
			if (error instanceof StageInputError) throw inputError(error);
			if (!(error instanceof CwCodedError)) throw new NodeOperationError(this.getNode(), error as Error);
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
			// The failure is logged once, on the first item; every customer's own entries still flow on.
			const failure = entryForFailure(context, error, { agreementType: error.fields.agreementType ?? agreementTypeOf(0) });
			return [items.map((item, index) => ({ json: { ...planItem(passThrough(item, index, index === 0 ? [failure] : [])), error: error.message }, pairedItem: { item: index } }))];
		}

		// Output keeps the input order (n8n's item i in, item i out), so the run's own entries stay first.
		const planByItem = new Map(withCustomer.map(({ index }, position) => [index, plans[position]]));
		const output: INodeExecutionData[] = items.map((item, index) => {
			const plan = planByItem.get(index);
			const json = plan ? planItem({ ...plan, log: [...item.log, ...plan.log] }) : planItem(passThrough(item, index));
			return { json, pairedItem: { item: index } };
		});
		return [output];
	}
}

/**
 * Reads the planning parameters for one input item. Without an expression a parameter is read once for all
 * items; with one it is evaluated for the item, as n8n users expect.
 */
function planOptionsReader(context: IExecuteFunctions): (itemIndex: number) => PlanOptions {
	const perItem = <T>(path: string, read: (itemIndex: number) => T) => perItemReader(context, path, read);
	// A missing or malformed agreement type is left to CW21 (checkAgreementTypeName), like a name ConnectWise lacks.
	const agreementType = perItem('agreementType', (itemIndex) => {
		const value: unknown = context.getNodeParameter('agreementType', itemIndex, '');
		return typeof value === 'string' ? value.trim() : '';
	});
	const createMissingProducts = perItem('createMissingProducts', (itemIndex) => readParameter(context, 'createMissingProducts', z.boolean(), false, itemIndex));
	const subcategory = perItem('productSubcategory', (itemIndex) => readParameter(context, 'productSubcategory', z.coerce.number().int().positive('choose a product subcategory'), undefined, itemIndex));
	const productType = perItem('productType', (itemIndex) => readParameter(context, 'productType', z.coerce.number().int().positive('choose a product type'), undefined, itemIndex));
	// 0, the default, leaves the price or cost unset on the new catalog item.
	const money = (name: string) => perItem(`options.${name}`, (itemIndex) => readOption(context, name, moneySchema, 0, itemIndex) || undefined);
	const price = money('newProductPrice');
	const cost = money('newProductCost');
	const allowCreateAdditions = perItem('allowCreateAdditions', (itemIndex) => readParameter(context, 'allowCreateAdditions', z.boolean(), false, itemIndex));
	const agreementSelection = perItem('agreementSelection', (itemIndex) =>
		readParameter(context, 'agreementSelection', z.enum(AGREEMENT_SELECTION_VALUES), 'lowestId', itemIndex),
	);
	const quantityTolerance = perItem('options.quantityTolerance', (itemIndex) => readOption(context, 'quantityTolerance', toleranceSchema, DEFAULT_QUANTITY_TOLERANCE, itemIndex));
	return (itemIndex) => ({
		agreementTypeName: agreementType(itemIndex),
		createMissingProducts: createMissingProducts(itemIndex)
			? { subcategoryId: subcategory(itemIndex), typeId: productType(itemIndex), price: price(itemIndex), cost: cost(itemIndex) }
			: null,
		allowCreateAdditions: allowCreateAdditions(itemIndex),
		agreementSelection: agreementSelection(itemIndex),
		quantityTolerance: quantityTolerance(itemIndex),
	});
}
