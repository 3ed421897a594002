import { z } from 'zod';
import type { CwInfo, CwState } from '../model';
import { SEEDED_LAST_UPDATED } from './dates';

export function emptyCwState(): CwState {
	return { companies: [], agreementTypes: [], agreements: [], additions: [], catalog: [], subcategories: [], productTypes: [] };
}

const recordWithId = z.object({ id: z.number().int().positive() }).passthrough();

/**
 * Only the frame is checked (collections present, numeric ids): records may hold deliberately bad legacy data,
 * which the write validation then trips over as the real server does.
 */
const cwStateSchema = z
	.object({
		companies: z.array(recordWithId),
		agreementTypes: z.array(recordWithId),
		agreements: z.array(recordWithId),
		additions: z.array(recordWithId),
		catalog: z.array(recordWithId),
		subcategories: z.array(recordWithId),
		productTypes: z.array(recordWithId),
	})
	.strict();

/** The simulator's data: a deep copy of a seed, plus the id counters of the collections clients create in. */
export class CwStore {
	data: CwState;
	private nextAdditionId = 1;
	private nextCatalogId = 1;

	constructor(private readonly initialSeed: CwState) {
		this.data = emptyCwState();
		this.reset();
	}

	/** Undefined restores the seed the simulator started with. */
	reset(seed?: unknown): void {
		const source = seed === undefined ? this.initialSeed : seed;
		cwStateSchema.parse(source);
		this.data = structuredClone(source as CwState);
		for (const collection of Object.values(this.data) as Array<Array<{ _info?: CwInfo }>>) {
			for (const record of collection) record._info ??= { lastUpdated: SEEDED_LAST_UPDATED };
		}
		this.nextAdditionId = maxId(this.data.additions) + 1;
		this.nextCatalogId = maxId(this.data.catalog) + 1;
	}

	snapshot(): CwState {
		return structuredClone(this.data);
	}

	takeAdditionId(): number {
		return this.nextAdditionId++;
	}

	takeCatalogId(): number {
		return this.nextCatalogId++;
	}
}

function maxId(records: Array<{ id: number }>): number {
	return records.reduce((max, record) => Math.max(max, record.id), 0);
}
