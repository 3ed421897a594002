import type { LineAction } from './plan';

/**
 * Plan lines as n8n items carry them. n8n keeps every node's output in memory and saves it with flatted, where
 * each field name is written out again for every line, so a line leaves out what is already said: its
 * agreement when it is the plan's, a money change of 0 on a line that writes nothing (a line that writes
 * nothing changes nothing), the quantity after of an unchanged line when it is the quantity before, and its
 * product's identifier when that is the SKU as written (the product itself shared by the lines). Packing is
 * lossless: unpackLines(agreementId, packLines(agreementId, lines)) gives the lines back field for field (a
 * field holding undefined comes back absent, as JSON gives it), and a value that differs from what would be
 * restored stays (null standing for absent).
 */

/** The fields of a plan line that packing touches; the rest pass through as they are. */
export interface PackableLine {
	action: LineAction;
	sku: string | null;
	quantityBefore?: number | null;
	quantityAfter?: number | null;
	agreementId?: number;
	product?: { id: number; identifier: string };
	unitPrice?: number;
	unitCost?: number;
	monthlyRevenueChange?: number;
	monthlyCostChange?: number;
}

/** A packed line: an absent field is restored, null stands for a field that was absent though it would be restored. */
export type PackedLine<T extends PackableLine> = Omit<
	T,
	'agreementId' | 'product' | 'monthlyRevenueChange' | 'monthlyCostChange' | 'quantityAfter'
> & {
	quantityAfter?: number | null;
	agreementId?: number | null;
	product?: { id: number; identifier?: string };
	monthlyRevenueChange?: number | null;
	monthlyCostChange?: number | null;
};

const WRITES_NOTHING: ReadonlySet<LineAction> = new Set(['unchanged', 'skip']);

/** What an absent money change of a line is restored to: 0 when the line writes nothing and its price is known. */
function restoredChange(action: LineAction, price: number | undefined): number | undefined {
	return WRITES_NOTHING.has(action) && price !== undefined ? 0 : undefined;
}

/** How a field is written: left out when it is what would be restored, null when absent though something would be. */
function packed<V>(value: V | undefined, restored: V | undefined): V | null | undefined {
	if (value === restored) return undefined;
	return value === undefined ? null : value;
}

function unpacked<V>(value: V | null | undefined, restored: V | undefined): V | undefined {
	if (value === null) return undefined;
	return value === undefined ? restored : value;
}

/**
 * A copy of `base` with the fields that are not undefined set where `base` has them (else after its other fields),
 * and those that are undefined absent. No key is deleted unless `base` had it: a delete turns the object into a
 * slow, larger dictionary.
 */
function withFieldsInPlace<T extends object>(base: T, fields: Record<string, unknown>): T {
	const result = { ...base } as Record<string, unknown>;
	for (const key in fields) {
		const value = fields[key];
		if (value !== undefined) result[key] = value;
		else if (key in result) delete result[key];
	}
	return result as T;
}

/**
 * One packed product per product of a node's output, shared by every line that names it: flatted then saves it
 * once for all customers. Like any object n8n passes from node to node, it is read, not changed in place: a
 * Set or Code node outputs changed items as new objects.
 */
export type SharedProducts = Map<string, { id: number; identifier?: string }>;

function sharedProduct(
	products: SharedProducts,
	id: number,
	identifier: string | undefined,
): { id: number; identifier?: string } {
	const key = identifier === undefined ? String(id) : `${id} ${identifier}`;
	let product = products.get(key);
	if (product === undefined) {
		product = identifier === undefined ? { id } : { id, identifier };
		products.set(key, product);
	}
	return product;
}

export function packLines<T extends PackableLine>(
	planAgreementId: number | undefined,
	lines: readonly T[],
	products: SharedProducts = new Map(),
): Array<PackedLine<T>> {
	return lines.map((line) => {
		const product =
			line.product &&
			sharedProduct(
				products,
				line.product.id,
				line.product.identifier === line.sku ? undefined : line.product.identifier,
			);
		// Null (a skipped line's) and any other value stay: absent only ever means "as before".
		const sameAfter =
			line.action === 'unchanged' &&
			typeof line.quantityAfter === 'number' &&
			line.quantityAfter === line.quantityBefore;
		// Built key by key, never deleting one (a delete turns an object into a slow, larger dictionary, and n8n
		// holds these for the whole execution); keys holding undefined are left out, as JSON leaves them out.
		const result: Record<string, unknown> = {};
		const source = line as unknown as Record<string, unknown>;
		for (const key in source) {
			const value = source[key];
			if (value === undefined || PACKED_FIELDS.has(key) || (sameAfter && key === 'quantityAfter'))
				continue;
			result[key] = value;
		}
		setDefined(result, 'agreementId', packed(line.agreementId, planAgreementId));
		setDefined(result, 'product', product);
		setDefined(
			result,
			'monthlyRevenueChange',
			packed(line.monthlyRevenueChange, restoredChange(line.action, line.unitPrice)),
		);
		setDefined(
			result,
			'monthlyCostChange',
			packed(line.monthlyCostChange, restoredChange(line.action, line.unitCost)),
		);
		return result as unknown as PackedLine<T>;
	});
}

/** The fields packLines writes after the line's others, in this order. */
const PACKED_FIELDS: ReadonlySet<string> = new Set([
	'agreementId',
	'product',
	'monthlyRevenueChange',
	'monthlyCostChange',
]);

function setDefined(target: Record<string, unknown>, key: string, value: unknown): void {
	if (value !== undefined) target[key] = value;
}

/** The lines in full; input that is not a packed line (checked afterwards by the plan's schema) is left as it is. */
export function unpackLines(planAgreementId: number | undefined, lines: unknown): unknown {
	if (!Array.isArray(lines)) return lines;
	return lines.map((line: unknown) => {
		if (typeof line !== 'object' || line === null || Array.isArray(line)) return line;
		const record = line as Record<string, unknown> & Partial<PackableLine>;
		const product = record.product as { id?: unknown; identifier?: unknown } | undefined;
		const fullProduct =
			product &&
			typeof product === 'object' &&
			product.identifier === undefined &&
			typeof record.sku === 'string'
				? { ...product, identifier: record.sku }
				: product;
		const action = record.action as LineAction;
		const quantityAfter =
			!('quantityAfter' in record) && action === 'unchanged' ? record.quantityBefore : undefined;
		// The plan's schema reads the lines next, in its own key order: each field is set in place here.
		return withFieldsInPlace(record, {
			quantityAfter: quantityAfter ?? record.quantityAfter,
			agreementId: unpacked(record.agreementId as number | null | undefined, planAgreementId),
			product: fullProduct,
			monthlyRevenueChange: unpacked(
				record.monthlyRevenueChange as number | null | undefined,
				restoredChange(action, typeof record.unitPrice === 'number' ? record.unitPrice : undefined),
			),
			monthlyCostChange: unpacked(
				record.monthlyCostChange as number | null | undefined,
				restoredChange(action, typeof record.unitCost === 'number' ? record.unitCost : undefined),
			),
		});
	});
}
