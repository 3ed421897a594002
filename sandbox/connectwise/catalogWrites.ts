import type { CwCatalogItem, CwNamedRef, CwProductClass } from '../model';
import { normalizeText } from './collation';
import { nextLastUpdated } from './dates';
import { fieldError, invalidObject } from './errors';
import { finiteNumber, flag, oneOf, referenceId, requiredText } from './fieldValues';
import { isPlainObject } from './requestBody';
import type { CwStore } from './store';

const RESOURCE = 'catalogItem';
const PRODUCT_CLASSES: readonly CwProductClass[] = ['Agreement', 'Bundle', 'Inventory', 'NonInventory', 'Service'];

/** POST a catalog item: identifier, description, customerDescription, subcategory and type are required. */
export function createCatalogItem(store: CwStore, body: unknown, updatedBy: string): CwCatalogItem {
	if (!isPlainObject(body)) throw invalidObject(`${RESOURCE} must be a JSON object`);
	const identifier = requiredText(RESOURCE, 'identifier', body.identifier, 60);
	const description = requiredText(RESOURCE, 'description', body.description, 60);
	const customerDescription = requiredText(RESOURCE, 'customerDescription', body.customerDescription, 60);
	const subcategory = findRef(store.data.subcategories, 'subcategory', referenceId(RESOURCE, 'subcategory', body.subcategory));
	const type = findRef(store.data.productTypes, 'type', referenceId(RESOURCE, 'type', body.type));
	const productClass = body.productClass === undefined ? 'NonInventory' : oneOf(RESOURCE, 'productClass', body.productClass, PRODUCT_CLASSES);
	const inactiveFlag = body.inactiveFlag === undefined ? false : flag(RESOURCE, 'inactiveFlag', body.inactiveFlag);
	const price = optionalNumber('price', body.price);
	const cost = optionalNumber('cost', body.cost);

	const wanted = normalizeText(identifier);
	if (store.data.catalog.some((item) => normalizeText(item.identifier) === wanted)) {
		throw invalidObject(`${RESOURCE} object is invalid: the identifier already exists`, [
			{ code: 'ObjectExists', message: 'The identifier already exists.', resource: RESOURCE, field: 'identifier' },
		]);
	}

	const item: CwCatalogItem = {
		id: store.takeCatalogId(),
		identifier,
		description,
		customerDescription,
		inactiveFlag,
		productClass,
		subcategory: { id: subcategory.id, name: subcategory.name },
		type: { id: type.id, name: type.name },
		_info: { lastUpdated: nextLastUpdated(undefined), updatedBy },
	};
	if (price !== undefined) item.price = price;
	if (cost !== undefined) item.cost = cost;
	store.data.catalog.push(item);
	return item;
}

function optionalNumber(field: string, value: unknown): number | undefined {
	return value === undefined || value === null ? undefined : finiteNumber(RESOURCE, field, value);
}

function findRef(records: CwNamedRef[], field: string, id: number): CwNamedRef {
	const record = records.find((candidate) => candidate.id === id);
	if (record === undefined) throw fieldError(RESOURCE, field, `${field} ${id} was not found`);
	return record;
}
