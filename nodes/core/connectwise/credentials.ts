import { z } from 'zod';
import { CwCodedError } from '../errors';
import { isHeaderSafe } from '../util/text';
import { checkServiceUrl, trimTrailingSlash } from '../util/url';

/** The cloud API hosts; without the `api-` prefix ConnectWise answers "SSL is required". */
/** The Site value that means: use the Custom URL field. */
export const CUSTOM_SITE = 'custom';

export const CONNECTWISE_SITES = [
	{
		name: 'North America',
		value: 'api-na.myconnectwise.net',
		description: 'Host api-na.myconnectwise.net',
	},
	{
		name: 'Europe',
		value: 'api-eu.myconnectwise.net',
		description: 'Host api-eu.myconnectwise.net',
	},
	{
		name: 'Australia',
		value: 'api-au.myconnectwise.net',
		description: 'Host api-au.myconnectwise.net',
	},
	{
		name: 'Australia (AUS)',
		value: 'api-aus.myconnectwise.net',
		description: 'Host api-aus.myconnectwise.net',
	},
	{
		name: 'South Africa',
		value: 'api-za.myconnectwise.net',
		description: 'Host api-za.myconnectwise.net',
	},
	{
		name: 'Staging',
		value: 'api-staging.connectwisedev.com',
		description: 'Host api-staging.connectwisedev.com',
	},
	{
		name: 'Custom or On-Premise URL',
		value: CUSTOM_SITE,
		description: 'Your own host, or the sandbox',
	},
] as const;

export const DEFAULT_CODEBASE = 'v4_6_release/';

/** The credential's fields as n8n stores them. */
export interface ConnectWiseCredentialData {
	site?: string;
	customUrl?: string;
	codebase?: string;
	companyId?: string;
	publicKey?: string;
	privateKey?: string;
	clientId?: string;
	allowPlainHttp?: boolean;
}

export interface ConnectWiseConnection {
	/** Scheme and host (and port), e.g. `https://api-na.myconnectwise.net`. */
	origin: string;
	/** `v4_6_release/` or a versioned one like `v2025_1/`; null means discover it from /login/companyinfo. */
	codebase: string | null;
	companyId: string;
	publicKey: string;
	privateKey: string;
	clientId: string;
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const fieldRules: Array<{
	key: keyof ConnectWiseCredentialData;
	property: string;
	schema: z.ZodTypeAny;
}> = [
	{
		key: 'companyId',
		property: 'Company ID',
		schema: z
			.string()
			.trim()
			.min(1)
			.max(50)
			.refine(isHeaderSafe)
			.refine((v) => !v.includes('+') && !v.includes(':')),
	},
	{
		key: 'publicKey',
		property: 'Public Key',
		schema: z
			.string()
			.trim()
			.min(1)
			.max(100)
			.refine(isHeaderSafe)
			.refine((v) => !v.includes(':')),
	},
	{
		key: 'privateKey',
		property: 'Private Key',
		schema: z.string().trim().min(1).max(100).refine(isHeaderSafe),
	},
	{ key: 'clientId', property: 'Client ID', schema: z.string().trim().regex(guid) },
];

/** `v4_6_release/` or a versioned cloud codebase such as `v2025_1/` (the slash optional). */
export const CODEBASE_PATTERN = /^(v4_6_release|v20\d\d_\d+)\/?$/;

/**
 * Validates the credential like Atria's job validates its secrets: CW16 when there is nothing to read,
 * CW17 when the API URL is missing, CW18 naming the first field that is not valid. The error never
 * contains a field's value.
 */
export function parseConnectWiseCredentials(data: unknown): ConnectWiseConnection {
	if (data === null || typeof data !== 'object') {
		throw new CwCodedError('CW16', { error: 'the credential has no data' });
	}
	const credential = data as ConnectWiseCredentialData;
	const site = typeof credential.site === 'string' ? credential.site.trim() : '';
	const rawUrl =
		site === CUSTOM_SITE
			? typeof credential.customUrl === 'string'
				? credential.customUrl.trim()
				: ''
			: site;
	if (rawUrl === '') throw new CwCodedError('CW17');
	const withScheme = site === 'custom' ? rawUrl : `https://${rawUrl}`;
	const checked = checkServiceUrl(withScheme, credential.allowPlainHttp === true);
	if (!checked.ok)
		throw new CwCodedError('CW18', {
			property: site === CUSTOM_SITE ? 'Custom URL' : 'Site',
			error: `the URL ${checked.reason}`,
		});

	const values: Record<string, string> = {};
	for (const rule of fieldRules) {
		const parsed = rule.schema.safeParse(credential[rule.key]);
		if (!parsed.success) throw new CwCodedError('CW18', { property: rule.property });
		values[rule.key] = parsed.data as string;
	}

	// Absent is the default; anything but text (an expression's number, say) is refused, not silently replaced.
	if (
		credential.codebase !== undefined &&
		credential.codebase !== null &&
		typeof credential.codebase !== 'string'
	) {
		throw new CwCodedError('CW18', { property: 'Codebase' });
	}
	const rawCodebase =
		typeof credential.codebase === 'string' ? credential.codebase.trim() : DEFAULT_CODEBASE;
	let codebase: string | null = null;
	if (rawCodebase !== '') {
		if (!CODEBASE_PATTERN.test(rawCodebase))
			throw new CwCodedError('CW18', { property: 'Codebase' });
		codebase = rawCodebase.endsWith('/') ? rawCodebase : `${rawCodebase}/`;
	}
	// A custom URL may be given with a path (e.g. https://cw.example.com/v4_6_release/apis/3.0): keep its origin.
	return {
		origin: trimTrailingSlash(checked.url.origin),
		codebase,
		companyId: values.companyId,
		publicKey: values.publicKey,
		privateKey: values.privateKey,
		clientId: values.clientId,
	};
}

/** The two headers every ConnectWise API call carries. */
export function connectWiseAuthHeaders(
	connection: Pick<ConnectWiseConnection, 'companyId' | 'publicKey' | 'privateKey' | 'clientId'>,
): Record<string, string> {
	const basic = Buffer.from(
		`${connection.companyId}+${connection.publicKey}:${connection.privateKey}`,
		'utf8',
	).toString('base64');
	return { Authorization: `Basic ${basic}`, clientId: connection.clientId };
}

export function apiBaseUrl(origin: string, codebase: string): string {
	return `${origin}/${codebase}apis/3.0`;
}
