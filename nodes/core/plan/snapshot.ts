import type { BillingCustomer } from '../atria/customers';
import type { ConnectWiseClient } from '../connectwise/client';
import type { Addition, AgreementType } from '../connectwise/schemas';
import { CwCodedError } from '../errors';
import { ITEMS_PER_REQUEST_SLOT, mapInPool } from '../transport/pool';
import { normalizeKey } from '../util/keys';
import { chosenAgreements, identifierProblem, skuProblem } from './planner';
import type { ConnectWiseSnapshot, PlanOptions } from './types';
import { describeReadFailure } from './readFailure';

/** Finds the configured agreement type among ConnectWise's (case-insensitive, active only): CW21 otherwise. */
export function findAgreementType(
	types: readonly AgreementType[],
	name: string,
	id?: number,
): AgreementType {
	if (id !== undefined) {
		const byId = types.find((type) => type.inactiveFlag !== true && type.id === id);
		if (!byId)
			throw new CwCodedError('CW21', {
				agreementType: name,
				error: `no active agreement type has the ID ${id}`,
			});
		return byId;
	}
	const key = normalizeKey(name);
	const match = types
		.filter((type) => type.inactiveFlag !== true && normalizeKey(type.name) === key)
		.sort((a, b) => a.id - b.id)[0];
	if (!match)
		throw new CwCodedError('CW21', {
			agreementType: name,
			error: `no active agreement type is named "${name.trim()}"`,
		});
	return match;
}

function distinctBy<T>(values: readonly T[], key: (value: T) => string): T[] {
	const seen = new Map<string, T>();
	for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
	return [...seen.values()];
}

/**
 * Reads what the plan needs, in as few requests as the API allows: the agreement types once; companies,
 * agreements and catalog items in batched `in (...)` queries; then the additions of each chosen agreement
 * (there is no cross-agreement endpoint), concurrently within the executor's limit. Values that cannot be
 * quoted safely are never sent; the planner reports them.
 *
 * A failed run-wide read stops the run (CW02, or CW13 for a wrong shape); a failed additions read only
 * affects its customer (CW10).
 */
export async function fetchSnapshot(
	client: ConnectWiseClient,
	customers: readonly BillingCustomer[],
	options: Pick<PlanOptions, 'agreementTypeName' | 'agreementTypeId' | 'agreementSelection'>,
	now: () => Date = () => new Date(),
): Promise<ConnectWiseSnapshot> {
	const runWide = async <T>(what: string, read: () => Promise<T>): Promise<T> => {
		try {
			return await read();
		} catch (error) {
			throw describeReadFailure(error, what);
		}
	};

	const types = await runWide('agreement types', () => client.listAgreementTypes());
	const type = findAgreementType(types, options.agreementTypeName, options.agreementTypeId);

	const identifiers = distinctBy(
		customers
			.map((customer) => customer.billingIdentifier?.trim() ?? '')
			.filter((identifier) => identifier !== '' && identifierProblem(identifier) === null),
		normalizeKey,
	);
	const skus = distinctBy(
		customers
			.flatMap((customer) => customer.lines.map((line) => line.sku?.trim() ?? ''))
			.filter((sku) => sku !== '' && skuProblem(sku) === null),
		normalizeKey,
	);

	const [companies, catalog] = await Promise.all([
		runWide('companies', () => client.findCompanies(identifiers)),
		runWide('catalog items', () => client.findCatalogItems(skus)),
	]);
	const companyIds = [
		...new Set(
			companies.filter((company) => company.deletedFlag !== true).map((company) => company.id),
		),
	];
	const agreements = await runWide('agreements', () => client.findAgreements(companyIds, type.id));

	const additions = new Map<number, Addition[]>();
	const additionErrors = new Map<number, string>();
	const additionsReadAt = new Map<number, string>();
	// A few agreements per request slot at a time: reads not yet due are not parked in the executor's queue.
	const chosen = chosenAgreements({ agreements, agreementType: type }, options.agreementSelection);
	// Each read is dated when the reads are launched, not when its turn comes: a plan may look older than its
	// read (Apply then reads the agreement again) but never fresher.
	const launchedAt = chosen.map(() => now().toISOString());
	await mapInPool(chosen, client.concurrency * ITEMS_PER_REQUEST_SLOT, async (agreement, index) => {
		try {
			additions.set(agreement.id, await client.listAdditions(agreement.id));
			additionsReadAt.set(agreement.id, launchedAt[index]);
		} catch (error) {
			const failure = describeReadFailure(error, 'additions');
			if (failure.code === 'CW16' || failure.code === 'CW17' || failure.code === 'CW18')
				throw failure;
			additionErrors.set(agreement.id, failure.fields.error ?? failure.message);
		}
	});

	return {
		agreementType: { id: type.id, name: type.name },
		companies,
		agreements,
		additions,
		additionErrors,
		additionsReadAt,
		catalog,
	};
}
