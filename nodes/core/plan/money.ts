import type { Addition, CatalogItem } from '../connectwise/schemas';
import type { CustomerMoney } from '../contracts/plan';
import { roundCents, roundMoney } from '../util/money';
import { isCandidate, type Candidate, type OtherLine } from './billingLines';

/**
 * What a line is worth per month. ConnectWise invoices a Billable line's quantity less its included units at the
 * unit price; DoNotBill and NoCharge lines invoice nothing, though their units still cost. Credits (negative
 * quantities) and discounts (negative prices) are money too, with their sign.
 */

/** The units ConnectWise invoices for a quantity: included units are free, and never make a positive line negative. */
export function invoicedUnits(quantity: number, lessIncluded: number | null | undefined): number {
	const included = lessIncluded ?? 0;
	if (quantity <= 0 || included <= 0) return quantity;
	return Math.max(quantity - included, 0);
}

/** A finite number, or undefined: ConnectWise leaves prices null or absent. */
function known(value: number | null | undefined): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Who pays and what a line costs, as the money of a write needs it. */
export interface LinePricing {
	billCustomer: Addition['billCustomer'];
	lessIncluded?: number | null;
	unitPrice?: number;
	unitCost?: number;
}

/** An addition's unit price: its own, else the catalog item's. */
export function unitPriceOf(
	addition: Addition,
	catalogItem: CatalogItem | undefined,
): number | undefined {
	return known(addition.unitPrice) ?? known(catalogItem?.price);
}

/** An addition's unit cost: its own, else the catalog item's. */
export function unitCostOf(
	addition: Addition,
	catalogItem: CatalogItem | undefined,
): number | undefined {
	return known(addition.unitCost) ?? known(catalogItem?.cost);
}

/** A new addition's pricing: ConnectWise makes it Billable, at the catalog item's price and cost. */
export function newLinePricing(price: number | undefined, cost: number | undefined): LinePricing {
	return {
		billCustomer: 'Billable',
		lessIncluded: 0,
		unitPrice: known(price),
		unitCost: known(cost),
	};
}

export interface LineMoney {
	unitPrice?: number;
	unitCost?: number;
	monthlyRevenueChange?: number;
	monthlyCostChange?: number;
}

/** The monthly revenue and cost a quantity change makes (a new line changes from 0). */
export function lineMoney(pricing: LinePricing, before: number, after: number): LineMoney {
	return {
		unitPrice: pricing.unitPrice,
		unitCost: pricing.unitCost,
		monthlyRevenueChange: revenueChange(
			pricing.billCustomer,
			pricing.lessIncluded,
			pricing.unitPrice,
			before,
			after,
		),
		monthlyCostChange: costChange(pricing.unitCost, before, after),
	};
}

/**
 * The monthly revenue a line's change of quantity makes: the change of invoiced units at the unit price; nothing
 * when the line is not Billable; unknown without a price. Arguments rather than a pricing object: an existing
 * line's change is figured from its addition, once per line of a large plan.
 */
export function revenueChange(
	billCustomer: Addition['billCustomer'],
	lessIncluded: number | null | undefined,
	unitPrice: number | undefined,
	before: number,
	after: number,
): number | undefined {
	if (billCustomer !== 'Billable') return 0;
	if (unitPrice === undefined) return undefined;
	return roundMoney(
		(invoicedUnits(after, lessIncluded) - invoicedUnits(before, lessIncluded)) * unitPrice,
	);
}

/** The monthly cost a line's change of quantity makes; unknown without a cost. */
export function costChange(
	unitCost: number | undefined,
	before: number,
	after: number,
): number | undefined {
	return unitCost === undefined ? undefined : roundMoney((after - before) * unitCost);
}

/**
 * What the agreement invoices per month before any change, over the lines whose price is known: the lines that
 * bill every month of the period (Billable, dates readable, billing on some day of the period, not a one-time
 * charge), which judgeLine tells as candidates, credits and discounts. In the agreement's order, so the total
 * is summed as ConnectWise lists the lines.
 */
export function monthlyRevenueOf(
	judged: ReadonlyArray<Candidate | OtherLine>,
	catalogPrice: (addition: Addition) => number | undefined,
): number {
	let total = 0;
	for (const line of judged) {
		if (!isCandidate(line) && !line.billsMonthly) continue;
		const { addition } = line;
		const price = known(addition.unitPrice) ?? catalogPrice(addition);
		if (price !== undefined)
			total += invoicedUnits(addition.quantity, addition.lessIncluded) * price;
	}
	return roundCents(total);
}

/** A customer's totals over its planned writes. */
export function customerMoney(
	monthlyRevenueBefore: number,
	writes: ReadonlyArray<Pick<LineMoney, 'monthlyRevenueChange' | 'monthlyCostChange'>>,
): CustomerMoney {
	let revenue = 0;
	let cost = 0;
	let writesWithoutPrice = 0;
	for (const write of writes) {
		if (write.monthlyRevenueChange === undefined) writesWithoutPrice += 1;
		else revenue += write.monthlyRevenueChange;
		cost += write.monthlyCostChange ?? 0;
	}
	return {
		monthlyRevenueBefore,
		monthlyRevenueChange: roundCents(revenue),
		monthlyCostChange: roundCents(cost),
		writesWithoutPrice,
	};
}
