import type { BillingPeriod } from '../atria/period';
import type { Addition, CatalogItem } from '../connectwise/schemas';
import type { CustomerMoney } from '../contracts/plan';
import { roundCents, roundMoney } from '../util/money';
import { dayOf } from './billingLines';

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

/** An addition's pricing: its own price and cost, else the catalog item's. */
export function pricingOf(addition: Addition, catalogItem: CatalogItem | undefined): LinePricing {
	return {
		billCustomer: addition.billCustomer,
		lessIncluded: addition.lessIncluded,
		unitPrice: known(addition.unitPrice) ?? known(catalogItem?.price),
		unitCost: known(addition.unitCost) ?? known(catalogItem?.cost),
	};
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
	const billed = pricing.billCustomer === 'Billable';
	const invoicedChange =
		invoicedUnits(after, pricing.lessIncluded) - invoicedUnits(before, pricing.lessIncluded);
	return {
		unitPrice: pricing.unitPrice,
		unitCost: pricing.unitCost,
		monthlyRevenueChange: !billed
			? 0
			: pricing.unitPrice === undefined
				? undefined
				: roundMoney(invoicedChange * pricing.unitPrice),
		monthlyCostChange:
			pricing.unitCost === undefined ? undefined : roundMoney((after - before) * pricing.unitCost),
	};
}

/**
 * Whether a line bills every month of the period: Billable, dates readable, billing on some day of the period,
 * and not a one-time charge (both its dates inside the period).
 */
function billsMonthly(addition: Addition, period: BillingPeriod): boolean {
	if (addition.billCustomer !== 'Billable') return false;
	const from = dayOf(addition.effectiveDate);
	const to = dayOf(addition.cancelledDate);
	if (from === undefined || to === undefined) return false;
	if ((to !== null && to < period.start) || (from !== null && from > period.end)) return false;
	return !(from !== null && to !== null && from >= period.start && to <= period.end);
}

/** What the agreement invoices per month before any change, over the lines whose price is known. */
export function monthlyRevenueOf(
	additions: readonly Addition[],
	period: BillingPeriod,
	catalogPrice: (addition: Addition) => number | undefined,
): number {
	let total = 0;
	for (const addition of additions) {
		if (!billsMonthly(addition, period)) continue;
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
