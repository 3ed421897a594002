/**
 * Child process: CPU time of the planner alone (planReconciliation, pure) on about 100,000 lines. The
 * generated dataset is grouped as Get Billing Data does and the snapshot is read by the real fetchSnapshot
 * from an in-memory ConnectWise (same matching rules as the simulator, records validated by the client's zod
 * schemas), so the planner sees exactly what a run would give it, without any HTTP in the way.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { groupBillingRows, type BillingCustomer } from '../../nodes/core/atria/customers';
import { resolveBillingPeriod } from '../../nodes/core/atria/period';
import { parseRow } from '../../nodes/core/atria/rows';
import type { ConnectWiseClient } from '../../nodes/core/connectwise/client';
import { additionSchema, agreementSchema, agreementTypeSchema, catalogItemSchema, companySchema } from '../../nodes/core/connectwise/schemas';
import { managedSkuKeys } from '../../nodes/core/atria/customers';
import { planReconciliation } from '../../nodes/core/plan/planner';
import { fetchSnapshot } from '../../nodes/core/plan/snapshot';
import type { PlanOptions } from '../../nodes/core/plan/types';
import { normalizeKey } from '../../nodes/core/util/keys';
import { countCases, GENERATED_AGREEMENT_TYPE, GENERATED_BILLING_PERIOD_END, generateDataset } from '../../sandbox/data/generator';
import type { Dataset } from '../../sandbox/model';
import { childInput, sendToParent } from './ipc';

export interface PlannerCpuInput {
	lines: number;
	linesPerCustomer: number;
	seed: number;
	changedFraction: number;
	caseFraction: number;
	runs: number;
}

export interface PlannerCpuResult {
	type: 'result';
	customers: number;
	/** Billing lines handed to the planner (rows of one SKU summed, as Get Billing Data does). */
	lines: number;
	additions: number;
	/** CPU (user + system) of each planReconciliation call, ms; the first is cold (JIT not warmed up). */
	cpuMs: number[];
	wallMs: number[];
	/** Planned codes equal the generator's expected codes (creating allowed). */
	codesMatch: boolean;
	peakRssMb: number;
}

/** ConnectWise in memory, answering the client calls fetchSnapshot makes. */
function inMemoryClient(dataset: Dataset): ConnectWiseClient {
	const cw = dataset.connectwise;
	const additionsByAgreement = new Map<number, unknown[]>();
	for (const addition of cw.additions) {
		const list = additionsByAgreement.get(addition.agreementId) ?? [];
		list.push(addition);
		additionsByAgreement.set(addition.agreementId, list);
	}
	const client = {
		// As the benchmark's executor: the snapshot reads this many agreements per request slot at a time.
		concurrency: 8,
		listAgreementTypes: async () => z.array(agreementTypeSchema).parse(cw.agreementTypes),
		findCompanies: async (identifiers: readonly string[]) => {
			const wanted = new Set(identifiers.map(normalizeKey));
			return z.array(companySchema).parse(cw.companies.filter((company) => wanted.has(normalizeKey(company.identifier))));
		},
		findCatalogItems: async (identifiers: readonly string[]) => {
			const wanted = new Set(identifiers.map(normalizeKey));
			return z.array(catalogItemSchema).parse(cw.catalog.filter((item) => wanted.has(normalizeKey(item.identifier))));
		},
		findAgreements: async (companyIds: readonly number[], typeId: number) => {
			const wanted = new Set(companyIds);
			return z
				.array(agreementSchema)
				.parse(cw.agreements.filter((agreement) => wanted.has(agreement.company.id) && agreement.type.id === typeId && !agreement.cancelledFlag));
		},
		listAdditions: async (agreementId: number) => z.array(additionSchema).parse(additionsByAgreement.get(agreementId) ?? []),
	};
	return client as unknown as ConnectWiseClient;
}

interface PlannerInputs {
	customers: BillingCustomer[];
	snapshot: Awaited<ReturnType<typeof fetchSnapshot>>;
	expectedCodes: Record<string, number>;
}

/** The planner's inputs; the generated dataset is dropped on return, so it does not weigh on the GC while planning. */
async function plannerInputs(input: PlannerCpuInput, options: PlanOptions): Promise<PlannerInputs> {
	const dataset = generateDataset({
		customers: Math.ceil(input.lines / input.linesPerCustomer),
		linesPerCustomer: input.linesPerCustomer,
		seed: input.seed,
		changedFraction: input.changedFraction,
		caseFraction: input.caseFraction,
	});
	const rows = (dataset.atria.periods[dataset.billingPeriodEnd] ?? []).flatMap((raw, index) => {
		const parsed = parseRow(raw, index);
		return parsed.ok && parsed.row.billable ? [parsed.row] : [];
	});
	const customers = groupBillingRows(rows, { customersFilter: [], skipLinesWithoutSku: false });
	const snapshot = await fetchSnapshot(inMemoryClient(dataset), customers, options);
	return { customers, snapshot, expectedCodes: countCases(dataset).codes.createAllowed };
}

/**
 * A full garbage collection. The child is forked without --expose-gc, so `global.gc` is absent and the first
 * (cold) run would pay for collecting the generated dataset: expose it here instead.
 */
function fullCollection(): () => void {
	if (typeof global.gc === 'function') return global.gc;
	setFlagsFromString('--expose-gc');
	return runInNewContext('gc') as () => void;
}

async function main(): Promise<void> {
	const input = childInput<PlannerCpuInput>();
	const options: PlanOptions = { agreementTypeName: GENERATED_AGREEMENT_TYPE, allowCreateAdditions: true, agreementSelection: 'lowestId', quantityTolerance: 0.0001 };
	const { customers, snapshot, expectedCodes } = await plannerInputs(input, options);
	const period = resolveBillingPeriod(GENERATED_BILLING_PERIOD_END, 25, '2026-11-24');
	const managed = managedSkuKeys(customers);
	const context = { runId: 'bench', now: () => new Date() };

	const collect = fullCollection();
	const cpuMs: number[] = [];
	const wallMs: number[] = [];
	let plannedCodes: Record<string, number> = {};
	for (let run = 0; run < input.runs; run++) {
		// A full collection first, so no run pays for the garbage of the one before (nor the cold one for the dataset).
		collect();
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		const plans = planReconciliation(customers, snapshot, options, context, period, managed);
		wallMs.push(performance.now() - start);
		const cpu = process.cpuUsage(cpuStart);
		cpuMs.push((cpu.user + cpu.system) / 1000);
		if (run === 0) {
			plannedCodes = {};
			for (const plan of plans) for (const entry of plan.log) plannedCodes[entry.code] = (plannedCodes[entry.code] ?? 0) + 1;
		}
	}
	const codesMatch = Object.keys({ ...expectedCodes, ...plannedCodes }).every((code) => (expectedCodes[code] ?? 0) === (plannedCodes[code] ?? 0));
	const result: PlannerCpuResult = {
		type: 'result',
		customers: customers.length,
		lines: customers.reduce((sum, customer) => sum + customer.lines.length, 0),
		additions: [...snapshot.additions.values()].reduce((sum, list) => sum + list.length, 0),
		cpuMs,
		wallMs,
		codesMatch,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
	};
	if (!codesMatch) process.stderr.write(`planner: planned codes ${JSON.stringify(plannedCodes)} differ from expected ${JSON.stringify(expectedCodes)}\n`);
	await sendToParent(result);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`planner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
