import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { parseAtriaCredentials } from '../nodes/core/atria/client';
import { parseOrExplain, perCredentialData, withBaseAndHeaders } from './shared/transport';

/** The credential validated as the nodes validate it, and what it gives each request: worked out once per data object. */
const atriaAuth = perCredentialData((credentials) => ({
	baseUrl: parseOrExplain(() => parseAtriaCredentials(credentials)).baseUrl,
	allowPlainHttp: credentials.allowPlainHttp === true,
	serviceName: 'Atria',
	headers: { Authorization: `Bearer ${String(credentials.apiToken ?? '').trim()}` },
}));

export class AtriaApi implements ICredentialType {
	name = 'atriaApi';

	displayName = 'Atria API';

	documentationUrl = 'https://www.automate101.com/atria';

	icon: Icon = { light: 'file:../icons/atria.svg', dark: 'file:../icons/atria.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://atria.example.com',
			required: true,
			description: 'Scheme and host of the Atria server; /api/billing/... is appended',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'API access token (a JWT) generated in Atria by a user with the Service Provider Developer permission, sent as a Bearer token',
		},
		{
			displayName: 'Allow Plain HTTP',
			name: 'allowPlainHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow http:// URLs. Plain HTTP is refused for every host except loopback (localhost, 127.0.0.1, ::1) unless this is on; the token would cross the network in clear text.',
		},
	];

	/**
	 * A function, like the ConnectWise credential's: it validates the credential as the nodes do
	 * (parseAtriaCredentials in nodes/core), fills `baseURL` for relative requests (the credential test),
	 * refuses plain HTTP to non-loopback hosts unless allowed, and adds the Bearer token.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => withBaseAndHeaders(requestOptions, atriaAuth(credentials));

	/**
	 * The contract has a single endpoint, so the test reads the billing summary of the period ending on
	 * the last day of the previous month (billable rows only): 200 means the token works.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: "=/api/billing/{{ $now.minus({ months: 1 }).endOf('month').toFormat('yyyy-MM-dd') }}",
			qs: { billable: true },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Atria refused the API token (401): it is wrong or expired',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Atria refused the API token (403): it is disabled or lacks the Service Provider Developer permission',
				},
			},
		],
	};
}
