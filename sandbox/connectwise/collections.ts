import type { CwState } from '../model';
import {
	additionSchema,
	agreementSchema,
	agreementTypeSchema,
	catalogItemSchema,
	companySchema,
	namedRefSchema,
	type ObjectSchema,
} from './schema';

/** A read-only collection served with list, `/count` and `/{id}`. */
export interface CollectionSpec {
	/** Path relative to the API base. */
	path: string;
	/** For NotFound messages. */
	label: string;
	schema: ObjectSchema;
	records(state: CwState): Array<{ id: number }>;
}

export const TOP_LEVEL_COLLECTIONS: CollectionSpec[] = [
	{ path: 'company/companies', label: 'Company', schema: companySchema, records: (state) => state.companies },
	{ path: 'finance/agreements', label: 'Agreement', schema: agreementSchema, records: (state) => state.agreements },
	{ path: 'finance/agreements/types', label: 'Agreement type', schema: agreementTypeSchema, records: (state) => state.agreementTypes },
	{ path: 'procurement/catalog', label: 'Catalog item', schema: catalogItemSchema, records: (state) => state.catalog },
	{ path: 'procurement/subcategories', label: 'Subcategory', schema: namedRefSchema, records: (state) => state.subcategories },
	{ path: 'procurement/types', label: 'Product type', schema: namedRefSchema, records: (state) => state.productTypes },
];

export const ADDITIONS_SCHEMA = additionSchema;
