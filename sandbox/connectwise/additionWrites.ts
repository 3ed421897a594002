import type { CwAddition, CwAgreement } from '../model';
import { nextLastUpdated } from './dates';
import { fieldError, invalidObject } from './errors';
import {
	ADDITION_RESOURCE,
	additionFieldValue,
	READ_ONLY_ADDITION_FIELDS,
	REQUIRED_ADDITION_FIELDS,
	revalidateAddition,
	resolveProduct,
	WRITABLE_ADDITION_FIELDS,
	type WritableAdditionField,
} from './additionFields';
import { isPlainObject } from './requestBody';
import type { CwStore } from './store';

/**
 * POST an addition: `product` and `billCustomer` are required, unknown fields and server-owned fields
 * (id, agreementId, ...) are ignored. Defaults follow the real server: price and cost from the catalog item,
 * description from the product.
 */
export function createAddition(store: CwStore, agreement: CwAgreement, body: unknown, updatedBy: string): CwAddition {
	if (!isPlainObject(body)) throw invalidObject(`${ADDITION_RESOURCE} must be a JSON object`);
	const product = resolveProduct(store, body.product);
	const billCustomer = additionFieldValue(store, 'billCustomer', body.billCustomer) as CwAddition['billCustomer'];
	const addition: CwAddition = {
		id: 0,
		agreementId: agreement.id,
		product: { id: product.id, identifier: product.identifier },
		quantity: 0,
		lessIncluded: 0,
		unitPrice: product.price ?? 0,
		unitCost: product.cost ?? 0,
		billCustomer,
		description: product.description,
		agreementStatus: agreement.agreementStatus,
	};
	const record = addition as unknown as Record<string, unknown>;
	for (const field of WRITABLE_ADDITION_FIELDS) {
		if (field === 'product' || field === 'billCustomer') continue;
		const value = body[field];
		if (value === undefined || (value === null && field === 'quantity')) continue;
		record[field] = additionFieldValue(store, field, value);
	}
	addition.id = store.takeAdditionId();
	addition._info = { lastUpdated: nextLastUpdated(undefined), updatedBy };
	store.data.additions.push(addition);
	return addition;
}

/**
 * PATCH an addition with ConnectWise's operation list: `[{op, path, value}]`, `path` being the bare,
 * case-sensitive field name. All operations apply or none does.
 */
export function patchAddition(store: CwStore, addition: CwAddition, body: unknown, updatedBy: string): CwAddition {
	if (!Array.isArray(body)) {
		throw invalidObject('A PATCH body must be a JSON array of operations like [{"op":"replace","path":"quantity","value":12}]');
	}
	if (body.length === 0) throw invalidObject('The PATCH operation list is empty');
	const patched = structuredClone(addition);
	const record = patched as unknown as Record<string, unknown>;
	body.forEach((operation: unknown, index) => {
		const { op, field, value } = readOperation(operation, index);
		if (op === 'remove') {
			if (REQUIRED_ADDITION_FIELDS.includes(field)) throw fieldError(ADDITION_RESOURCE, field, `${field} is required and cannot be removed`);
			record[field] = null;
			return;
		}
		record[field] = additionFieldValue(store, field, value);
	});
	revalidateAddition(store, patched);
	patched._info = { lastUpdated: nextLastUpdated(addition._info?.lastUpdated), updatedBy };
	Object.assign(addition, patched);
	return addition;
}

interface Operation {
	op: 'add' | 'replace' | 'remove';
	field: WritableAdditionField;
	value: unknown;
}

function readOperation(operation: unknown, index: number): Operation {
	const where = `operation ${index + 1}`;
	if (!isPlainObject(operation)) throw invalidObject(`${where} must be an object like {"op":"replace","path":"quantity","value":12}`);
	const { op, path } = operation;
	if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidObject(`${where}: op must be add, replace or remove`);
	if (typeof path !== 'string' || path === '') throw invalidObject(`${where}: path is required`);
	if (path.includes('/')) {
		throw invalidObject(`${where}: path '${path}' must be a bare field name like 'quantity' (ConnectWise does not use slash paths)`);
	}
	if ((READ_ONLY_ADDITION_FIELDS as readonly string[]).includes(path)) throw invalidObject(`${where}: '${path}' is read-only`);
	if (!(WRITABLE_ADDITION_FIELDS as readonly string[]).includes(path)) {
		const sameName = WRITABLE_ADDITION_FIELDS.find((field) => field.toLowerCase() === path.toLowerCase());
		const hint = sameName === undefined ? '' : ` (field names are case-sensitive: '${sameName}')`;
		throw invalidObject(`${where}: unknown field '${path}'${hint}`);
	}
	if (op !== 'remove' && !('value' in operation)) throw invalidObject(`${where}: ${op} needs a value`);
	return { op, field: path as WritableAdditionField, value: operation.value };
}
