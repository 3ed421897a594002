import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { parseCustomersFilter } from '../../core/atria/customers';
import { validatePeriodEndDay } from '../../core/atria/period';
import { CwCodedError } from '../../core/errors';
import type { LogContext, LogEntry } from '../../core/log/entry';
import { readBillingData, startBillingRun } from '../../core/sync/billingData';
import type { CustomerItem } from '../../core/contracts/items';
import { connectToAtria } from '../../shared/connect';
import { entryForFailure, toNodeError } from '../../shared/errors';
import {
	billingPeriodChoice,
	calendarDateOf,
	readParameter,
	readPerRun,
	todayIn,
} from '../../shared/params';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const runId = randomUUID();
	const context: LogContext = { runId, now: () => new Date() };
	const pairedItem = { item: 0 };
	// A source node: one read of Atria per run, so every parameter is per run (input items must agree).
	const raw = (name: string, fallback?: unknown) =>
		readPerRun(this, name, (itemIndex): unknown =>
			this.getNodeParameter(name, itemIndex, fallback),
		);
	const billingPeriod = raw('billingPeriod');
	const billingDate = billingPeriod === 'date' ? raw('billingDate', '') : undefined;
	const periodEndDayParameter = raw('periodEndDay', '25');
	const request = {
		customersFilter: parseCustomersFilter(
			readPerRun(this, 'customersFilter', (itemIndex) =>
				readParameter(this, 'customersFilter', z.string().max(100_000), '', itemIndex),
			),
		),
		onlyBillable: readPerRun(this, 'onlyBillable', (itemIndex) =>
			readParameter(this, 'onlyBillable', z.boolean(), true, itemIndex),
		),
		skipLinesWithoutSku: readPerRun(this, 'skipLinesWithoutSku', (itemIndex) =>
			readParameter(this, 'skipLinesWithoutSku', z.boolean(), false, itemIndex),
		),
		today: todayIn(this.getTimezone()),
	};
	let log: LogEntry[] = [];
	try {
		const periodEndDay = validatePeriodEndDay(periodEndDayParameter);
		const full = {
			...request,
			billingPeriod: billingPeriodChoice(
				billingPeriod,
				typeof billingDate === 'string'
					? calendarDateOf(billingDate, this.getTimezone())
					: billingDate,
			),
			periodEndDay,
		};
		const start = startBillingRun(full, context);
		log = start.log;
		const data = await readBillingData(await connectToAtria(this), start, full, context);
		log = data.log;
		// The period facts are the same for every customer: one sorted list, shared by the items.
		const period = {
			managedSkus:
				data.customers.length === 0 ? [] : [...data.customers[0].facts.managedSkus].sort(),
		};
		// One empty list for all the items that have none: n8n saves an object once however many items hold it.
		const noOthers: string[] = [];
		const noEntries: LogEntry[] = [];
		const items: CustomerItem[] =
			data.customers.length === 0
				? [{ runId, billingPeriod: data.period, period, customer: null, lines: [], log }]
				: data.customers.map((customer, index) => ({
						runId,
						billingPeriod: data.period,
						period,
						customer: {
							code: customer.code,
							name: customer.name,
							billingIdentifier: customer.billingIdentifier,
							sharesBillingIdentifierWith:
								customer.facts.sharesBillingIdentifierWith.length === 0
									? noOthers
									: [...customer.facts.sharesBillingIdentifierWith],
						},
						lines: customer.lines,
						// The run's own entries (CW01, unreadable rows) ride on the first customer.
						log: index === 0 ? log : noEntries,
					}));
		return [items.map((item) => ({ json: item as unknown as IDataObject, pairedItem }))];
	} catch (error) {
		if (!(error instanceof CwCodedError))
			throw new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw toNodeError(this.getNode(), error);
		const failed: CustomerItem = {
			runId,
			billingPeriod: null,
			period: { managedSkus: [] },
			customer: null,
			lines: [],
			log: [...log, entryForFailure(context, error)],
		};
		return [[{ json: { ...failed, error: error.message } as unknown as IDataObject, pairedItem }]];
	}
}
