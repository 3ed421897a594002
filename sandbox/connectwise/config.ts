import { z } from 'zod';
import type { BaseSimulatorConfig } from '../http/simulatorApp';
import { API_VERSION_PATTERN } from './apiVersion';

/** One API member key pair with the integration's client id, as configured in ConnectWise. */
export interface CwApiKey {
	companyId: string;
	publicKey: string;
	privateKey: string;
	clientId: string;
	/** A security role without Add/Edit/Delete: writes get 403. */
	readOnly?: boolean;
}

export interface CwConfig extends BaseSimulatorConfig {
	keys: CwApiKey[];
	/** Accepted API requests per window. */
	rateLimitPerMinute: number;
	/** The window length: 60 000 like the real server; tests shorten it. */
	rateLimitWindowMs: number;
	/** What `/login/companyinfo` reports, e.g. `v2025_1/`. Every `vYYYY_N/` codebase and `v4_6_release/` are served. */
	codebase: string;
	companyName: string;
	/**
	 * The newest model version this server serves, e.g. `2025.1`. A request asking for a newer one
	 * (`Accept: ...; version=X`) is refused with 400, as an older on-premise server does; set `2019.5` to play one.
	 */
	apiVersion: string;
}

/** The documented demo credentials. */
export const SANDBOX_CW_KEY: CwApiKey = {
	companyId: 'sandbox',
	publicKey: 'sandbox-public',
	privateKey: 'sandbox-private',
	clientId: '00000000-0000-4000-8000-000000000000',
};

export function defaultCwConfig(): CwConfig {
	return {
		keys: [{ ...SANDBOX_CW_KEY }],
		rateLimitPerMinute: 1000,
		rateLimitWindowMs: 60_000,
		codebase: 'v2025_1/',
		companyName: 'Sandbox MSP',
		apiVersion: '2025.1',
		randomSeed: 1,
	};
}

const keySchema = z
	.object({
		companyId: z.string().min(1),
		publicKey: z.string().min(1),
		privateKey: z.string().min(1),
		clientId: z.string().min(1),
		readOnly: z.boolean().optional(),
	})
	.strict();

const configPatchSchema = z
	.object({
		keys: z.array(keySchema),
		rateLimitPerMinute: z.number().int().min(1),
		rateLimitWindowMs: z.number().int().min(1),
		codebase: z.string().regex(/^(v4_6_release|v\d{4}_\d+)\/$/, 'a codebase looks like v2025_1/ or v4_6_release/'),
		companyName: z.string().min(1),
		apiVersion: z.string().regex(API_VERSION_PATTERN, 'a model version looks like 2025.1'),
		randomSeed: z.number().int(),
	})
	.strict()
	.partial();

/** Throws on unknown or badly typed settings: a misspelt setting must not be silently ignored. */
export function parseCwConfigPatch(input: unknown): Partial<CwConfig> {
	return configPatchSchema.parse(input);
}
