import type { CwAddition, CwBillCustomer, CwCatalogItem } from '../model';
import { normalizeText } from './collation';
import { parseCwDate } from './dates';
import { fieldError } from './errors';
import { cwDateOrNull, finiteNumber, flag, oneOf, text } from './fieldValues';
import { isPlainObject } from './requestBody';
import type { CwStore } from './store';

export const ADDITION_RESOURCE = 'agreementAddition';
export const BILL_CUSTOMER_VALUES: readonly CwBillCustomer[] = ['Billable', 'DoNotBill', 'NoCharge'];
const INVOICE_DESCRIPTION_MAX = 6000;

/** Fields a client may write; everything else on the record is server-owned. */
export type WritableAdditionField =
	| 'product'
	| 'quantity'
	| 'lessIncluded'
	| 'unitPrice'
	| 'unitCost'
	| 'billCustomer'
	| 'effectiveDate'
	| 'cancelledDate'
	| 'description'
	| 'invoiceDescription'
	| 'taxableFlag';

export const WRITABLE_ADDITION_FIELDS: readonly WritableAdditionField[] = [
	'product',
	'quantity',
	'lessIncluded',
	'unitPrice',
	'unitCost',
	'billCustomer',
	'effectiveDate',
	'cancelledDate',
	'description',
	'invoiceDescription',
	'taxableFlag',
];

export const READ_ONLY_ADDITION_FIELDS: readonly (keyof CwAddition)[] = ['id', 'agreementId', 'agreementStatus', '_info'];

/** Fields that can never be absent on a stored addition, so PATCH `remove` on them is refused. */
export const REQUIRED_ADDITION_FIELDS: readonly WritableAdditionField[] = ['product', 'billCustomer', 'quantity'];

/** Validates one written value and returns what is stored. `null` clears an optional field. */
export function additionFieldValue(store: CwStore, field: WritableAdditionField, value: unknown): unknown {
	const resource = ADDITION_RESOURCE;
	switch (field) {
		case 'product': {
			const product = resolveProduct(store, value);
			return { id: product.id, identifier: product.identifier };
		}
		case 'billCustomer':
			return oneOf(resource, field, value, BILL_CUSTOMER_VALUES);
		case 'quantity':
			return finiteNumber(resource, field, value);
		case 'lessIncluded':
		case 'unitPrice':
		case 'unitCost':
			return value === null ? null : finiteNumber(resource, field, value);
		case 'effectiveDate':
		case 'cancelledDate':
			return cwDateOrNull(resource, field, value);
		case 'description':
			return value === null ? null : text(resource, field, value);
		case 'invoiceDescription':
			return value === null ? null : text(resource, field, value, INVOICE_DESCRIPTION_MAX);
		case 'taxableFlag':
			return value === null ? null : flag(resource, field, value);
	}
}

/**
 * A product reference by `{id}` or, failing that, `{identifier}` (case-insensitive like every string match on
 * the server). It must exist, must not be a Bundle, and must be active to be newly added.
 */
export function resolveProduct(store: CwStore, value: unknown): CwCatalogItem {
	const resource = ADDITION_RESOURCE;
	if (value === undefined || value === null) throw fieldError(resource, 'product', 'product is required', 'NullValue');
	if (!isPlainObject(value)) throw fieldError(resource, 'product', 'product must be a reference like {"id": 12} or {"identifier": "SKU"}');
	let product: CwCatalogItem | undefined;
	if (value.id !== undefined && value.id !== null) {
		if (typeof value.id !== 'number' || !Number.isInteger(value.id)) throw fieldError(resource, 'product', 'product id must be a whole number');
		product = store.data.catalog.find((item) => item.id === value.id);
	} else if (typeof value.identifier === 'string' && value.identifier !== '') {
		const wanted = normalizeText(value.identifier);
		product = store.data.catalog.find((item) => normalizeText(item.identifier) === wanted);
	} else {
		throw fieldError(resource, 'product', 'product must have an id or an identifier');
	}
	const described = JSON.stringify(value.id ?? value.identifier);
	if (product === undefined) throw fieldError(resource, 'product', `Product ${described} was not found in the catalog`);
	if (product.productClass === 'Bundle') {
		throw fieldError(resource, 'product', `Product ${described} is a Bundle: bundles cannot be agreement additions`);
	}
	if (product.inactiveFlag) throw fieldError(resource, 'product', `Product ${described} is inactive`);
	return product;
}

/**
 * PATCH re-validates the whole stored record, as the real server does: bad legacy data elsewhere on the record
 * fails an unrelated update. (An inactive product is only refused when it is newly set.)
 */
export function revalidateAddition(store: CwStore, addition: CwAddition): void {
	const resource = ADDITION_RESOURCE;
	const product = store.data.catalog.find((item) => item.id === addition.product?.id);
	if (product === undefined) throw fieldError(resource, 'product', `The addition's product ${addition.product?.id} no longer exists in the catalog`);
	if (product.productClass === 'Bundle') throw fieldError(resource, 'product', 'Bundle products cannot be agreement additions');
	if (!BILL_CUSTOMER_VALUES.includes(addition.billCustomer)) {
		throw fieldError(resource, 'billCustomer', `billCustomer must be one of ${BILL_CUSTOMER_VALUES.join(', ')}`);
	}
	if (typeof addition.quantity !== 'number' || !Number.isFinite(addition.quantity)) {
		throw fieldError(resource, 'quantity', 'quantity must be a number');
	}
	for (const field of ['effectiveDate', 'cancelledDate'] as const) {
		const date = addition[field];
		if (date !== undefined && date !== null && parseCwDate(date) === undefined) {
			throw fieldError(resource, field, `${field} is not a valid date`);
		}
	}
	if ((addition.invoiceDescription?.length ?? 0) > INVOICE_DESCRIPTION_MAX) {
		throw fieldError(resource, 'invoiceDescription', `invoiceDescription must be at most ${INVOICE_DESCRIPTION_MAX} characters`);
	}
}
