/**
 * Child process: the sandbox of one benchmark run. Generates the dataset (deterministic), serves it with the
 * run's latency and rate limit, and answers the runner's questions: what was requested (journals), the lower
 * bound, and whether ConnectWise ended in the expected state. Being its own process, its CPU and memory are
 * not counted as the client's.
 */
import { groupBillingRows } from '../../nodes/core/atria/customers';
import { parseRow, type BillingRow } from '../../nodes/core/atria/rows';
import { identifierProblem, skuProblem } from '../../nodes/core/plan/planner';
import { normalizeKey } from '../../nodes/core/util/keys';
import { startSandbox, type Sandbox } from '../../sandbox';
import { countCases, generateDatasetWithCases, type PlantedCases } from '../../sandbox/data/generator';
import type { Dataset } from '../../sandbox/model';
import { expectedLines, stateLines } from '../../test/support/outcome';
import { childInput, sendToParent, serveRpc } from './ipc';
import { encodedValueLength, lowerBound, summarizeJournals, type DatasetNeeds, type JournalSummary, type LowerBound } from './requests';

export interface SandboxHostInput {
	customers: number;
	linesPerCustomer: number;
	seed: number;
	changedFraction: number;
	caseFraction: number;
	/** Added to every ConnectWise request; 0 for none. */
	latencyMs: number;
	/** The ConnectWise simulator's rate limit (requests per sliding 60 s window). */
	serverRpm: number;
}

export interface DatasetFacts {
	name: string;
	customers: number;
	lines: number;
	billableRows: number;
	companies: number;
	agreements: number;
	additions: number;
	catalog: number;
	planted: PlantedCases;
	/** Expected CW codes when creating additions is allowed (the generator's own oracle). */
	expectedCodes: Record<string, number>;
	generateMs: number;
	/** A customer of the period: the n8n benchmark's warm-up run syncs it alone. */
	firstCustomerCode: string;
}

export interface SandboxReady {
	type: 'ready';
	cwUrl: string;
	atriaUrl: string;
	facts: DatasetFacts;
	needs: { values: Record<string, number>; chosenAgreements: number; agreementsWithCreates: number; patches: number; posts: number };
}

export interface SandboxSummary {
	summary: JournalSummary;
	bound: LowerBound;
	/** The sandbox process's own CPU (user + system, ms) and peak RSS (MB), for context. */
	sandboxCpuMs: number;
	sandboxPeakRssMb: number;
}

export interface StateCheck {
	matches: boolean;
	activeAdditions: number;
	expectedAdditions: number;
	/** Expected lines missing from the final state, and lines present that were not expected (counts). */
	missing: number;
	unexpected: number;
}

/** Atria's billable rows as the client groups them: the values the batched reads must carry follow from them. */
function datasetNeeds(dataset: Dataset, planted: PlantedCases, expectedCodes: Record<string, number>): DatasetNeeds {
	const rows: BillingRow[] = [];
	(dataset.atria.periods[dataset.billingPeriodEnd] ?? []).forEach((raw, index) => {
		const parsed = parseRow(raw, index);
		if (parsed.ok && parsed.row.billable) rows.push(parsed.row);
	});
	const customers = groupBillingRows(rows, { customersFilter: [], skipLinesWithoutSku: false });

	const identifiers = new Map<string, string>();
	for (const customer of customers) {
		const identifier = customer.billingIdentifier?.trim() ?? '';
		if (identifier !== '' && identifierProblem(identifier) === null && !identifiers.has(normalizeKey(identifier))) {
			identifiers.set(normalizeKey(identifier), identifier);
		}
	}
	const skus = new Map<string, string>();
	for (const customer of customers) {
		for (const line of customer.lines) {
			const sku = line.sku?.trim() ?? '';
			if (sku !== '' && skuProblem(sku) === null && !skus.has(normalizeKey(sku))) skus.set(normalizeKey(sku), sku);
		}
	}
	const companyIds = new Set<number>();
	for (const company of dataset.connectwise.companies) {
		if (!company.deletedFlag && identifiers.has(normalizeKey(company.identifier))) companyIds.add(company.id);
	}
	return {
		batchedValueLengths: {
			companies: [...identifiers.values()].map(encodedValueLength),
			catalog: [...skus.values()].map(encodedValueLength),
			agreements: [...companyIds].map(encodedValueLength),
		},
		// By construction: the customers whose agreement is found.
		chosenAgreements: planted.customerCases.normal + planted.customerCases.twoAgreements,
		agreementsWithCreates: agreementsGettingAdditions(dataset, expectedCodes.CW08 ?? 0),
		patches: (expectedCodes.CW07 ?? 0) + (expectedCodes.CW20 ?? 0) + (expectedCodes.ACW02 ?? 0),
		posts: expectedCodes.CW08 ?? 0,
	};
}

/**
 * Agreements that end with more additions than they have: a clean sync deletes none (a duplicate goes to 0), so
 * these are the agreements it adds to, and the additions they gain are the creates (checked against CW08).
 */
function agreementsGettingAdditions(dataset: Dataset, creates: number): number {
	const gained = new Map<number, number>();
	for (const addition of dataset.expected?.createAllowed.additions ?? []) gained.set(addition.agreementId, (gained.get(addition.agreementId) ?? 0) + 1);
	for (const addition of dataset.connectwise.additions) gained.set(addition.agreementId, (gained.get(addition.agreementId) ?? 0) - 1);
	const agreements = [...gained.values()].filter((count) => count > 0);
	const added = agreements.reduce((sum, count) => sum + count, 0);
	if (added !== creates || [...gained.values()].some((count) => count < 0)) {
		throw new Error(`the expected state adds ${added} additions to ${agreements.length} agreements, but the dataset expects ${creates} creates (CW08)`);
	}
	return agreements.length;
}

/** Every addition (cancelled and scheduled ones too) against the generator's expectation, as the tests compare. */
function compareStates(sandbox: Sandbox, dataset: Dataset): StateCheck {
	const actual = stateLines(sandbox.cw.state());
	const expected = expectedLines(dataset.expected?.createAllowed.additions ?? []);
	const counts = new Map<string, number>();
	for (const key of expected) counts.set(key, (counts.get(key) ?? 0) + 1);
	let unexpected = 0;
	for (const key of actual) {
		const left = counts.get(key) ?? 0;
		if (left > 0) counts.set(key, left - 1);
		else unexpected++;
	}
	const missing = [...counts.values()].reduce((sum, left) => sum + left, 0);
	return { matches: missing === 0 && unexpected === 0, activeAdditions: actual.length, expectedAdditions: expected.length, missing, unexpected };
}

async function main(): Promise<void> {
	const input = childInput<SandboxHostInput>();
	const started = Date.now();
	const { dataset, planted } = generateDatasetWithCases({
		customers: input.customers,
		linesPerCustomer: input.linesPerCustomer,
		seed: input.seed,
		changedFraction: input.changedFraction,
		caseFraction: input.caseFraction,
	});
	const generateMs = Date.now() - started;
	const counts = countCases(dataset);
	const expectedCodes = counts.codes.createAllowed;
	const needs = datasetNeeds(dataset, planted, expectedCodes);

	const sandbox = await startSandbox({ dataset, connectwise: { config: { rateLimitPerMinute: input.serverRpm, rateLimitWindowMs: 60_000 } } });
	if (input.latencyMs > 0) sandbox.cw.setLatency([{ ms: input.latencyMs }]);

	serveRpc({
		summary: (): SandboxSummary => {
			const summary = summarizeJournals(sandbox.cw.journal(), sandbox.atria.journal(), sandbox.cw.url);
			const cpu = process.cpuUsage();
			return {
				summary,
				bound: lowerBound(needs, summary),
				sandboxCpuMs: Math.round((cpu.user + cpu.system) / 1000),
				sandboxPeakRssMb: process.resourceUsage().maxRSS / 1024,
			};
		},
		verify: (): StateCheck => compareStates(sandbox, dataset),
		/** Forgets the requests so far (a warm-up run's), so that the summary counts the measured run only. */
		clearJournals: () => {
			sandbox.cw.clearJournal();
			sandbox.atria.clearJournal();
			return true;
		},
		stop: async () => {
			await sandbox.stop();
			setImmediate(() => process.exit(0));
			return true;
		},
	});

	const ready: SandboxReady = {
		type: 'ready',
		cwUrl: sandbox.cw.url,
		atriaUrl: sandbox.atria.url,
		facts: {
			name: dataset.name,
			customers: input.customers,
			lines: planted.lines,
			billableRows: counts.billableRows,
			companies: counts.companies,
			agreements: counts.agreements,
			additions: counts.additions,
			catalog: counts.catalog,
			planted,
			expectedCodes,
			generateMs,
			firstCustomerCode: dataset.atria.periods[dataset.billingPeriodEnd]?.[0]?.customerCode ?? '',
		},
		needs: {
			values: Object.fromEntries(Object.entries(needs.batchedValueLengths).map(([kind, lengths]) => [kind, lengths.length])),
			chosenAgreements: needs.chosenAgreements,
			agreementsWithCreates: needs.agreementsWithCreates,
			patches: needs.patches,
			posts: needs.posts,
		},
	};
	await sendToParent(ready);
	// The parent going away (Ctrl-C, a crash) must not leave the sandbox listening.
	process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
