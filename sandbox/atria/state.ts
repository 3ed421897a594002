import { z } from 'zod';
import type { AtriaRow, AtriaState } from '../model';
import { parseCalendarDay } from './periods';

export function emptyAtriaState(): AtriaState {
	return { periodEndDay: 'last', periods: {}, defaultRows: null };
}

const rowSchema: z.ZodType<AtriaRow> = z
	.object({
		customerCode: z.string(),
		customerName: z.string(),
		customerAccountCode: z.string().nullable(),
		productSku: z.string().nullable(),
		summaryDescription: z.string(),
		thisMonthCount: z.number(),
		lastMonthCount: z.number(),
		billableFlag: z.boolean(),
	})
	.strict();

const stateSchema: z.ZodType<AtriaState> = z
	.object({
		periodEndDay: z.union([z.literal('last'), z.number().int().min(1).max(28)]),
		periods: z.record(
			z.string().refine((key) => parseCalendarDay(key) !== undefined, { message: 'period keys are YYYY-MM-DD dates' }),
			z.array(rowSchema),
		),
		defaultRows: z.array(rowSchema).nullable(),
	})
	.strict();

/** Seeds are checked fully: a row in the wrong shape would make the simulator serve something off-contract. */
export function parseAtriaState(input: unknown): AtriaState {
	return structuredClone(stateSchema.parse(input));
}
