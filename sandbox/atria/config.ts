import { z } from 'zod';
import type { BaseSimulatorConfig } from '../http/simulatorApp';

/** Response shapes the client must tolerate (atria-api.md: the exact JSON is not published). */
export type AtriaEnvelope = 'array' | 'items' | 'data';
export type AtriaNaming = 'canonical' | 'aliases' | 'pascal';

export interface AtriaConfig extends BaseSimulatorConfig {
	/** Accepted bearer tokens. */
	tokens: string[];
	/** Tokens Atria knows but has disabled: 403 instead of 401. */
	disabledTokens: string[];
	envelope: AtriaEnvelope;
	naming: AtriaNaming;
}

export const SANDBOX_ATRIA_TOKEN = 'sandbox-token';

export function defaultAtriaConfig(): AtriaConfig {
	return { tokens: [SANDBOX_ATRIA_TOKEN], disabledTokens: [], envelope: 'array', naming: 'canonical', randomSeed: 1 };
}

const configPatchSchema = z
	.object({
		tokens: z.array(z.string().min(1)),
		disabledTokens: z.array(z.string().min(1)),
		envelope: z.enum(['array', 'items', 'data']),
		naming: z.enum(['canonical', 'aliases', 'pascal']),
		randomSeed: z.number().int(),
	})
	.strict()
	.partial();

export function parseAtriaConfigPatch(input: unknown): Partial<AtriaConfig> {
	return configPatchSchema.parse(input);
}
