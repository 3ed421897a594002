import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	apiBaseUrl,
	CONNECTWISE_SITES,
	CUSTOM_SITE,
	connectWiseAuthHeaders,
	DEFAULT_CODEBASE,
	parseConnectWiseCredentials,
} from '../nodes/core/connectwise/credentials';
import { parseOrExplain, perCredentialData, withBaseAndHeaders } from './shared/transport';

/** The credential validated as the nodes validate it, and what it gives each request: worked out once per data object. */
const connectWiseAuth = perCredentialData((credentials) => {
	const connection = parseOrExplain(() => parseConnectWiseCredentials(credentials));
	return {
		baseUrl: apiBaseUrl(connection.origin, connection.codebase ?? DEFAULT_CODEBASE),
		allowPlainHttp: credentials.allowPlainHttp === true,
		serviceName: 'ConnectWise',
		headers: connectWiseAuthHeaders(connection),
	};
});

export class ConnectWiseManageApi implements ICredentialType {
	name = 'connectWiseManageApi';

	displayName = 'ConnectWise Manage API';

	documentationUrl = 'https://developer.connectwise.com/Products/ConnectWise_PSA/REST';

	icon: Icon = {
		light: 'file:../icons/connectwise.svg',
		dark: 'file:../icons/connectwise.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			options: CONNECTWISE_SITES.map((site) => ({ name: site.name, value: site.value })),
			default: 'api-na.myconnectwise.net',
			description:
				"ConnectWise API host. Cloud hosts need the api- prefix. The Atria job's ApiUrl secret maps here (or onto Custom URL when it is not one of these hosts).",
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://cw.example.com',
			required: true,
			displayOptions: { show: { site: [CUSTOM_SITE] } },
			description:
				"Scheme, host and port of an on-premise or other site, e.g. https://cw.example.com, or http://127.0.0.1:8611 for the local sandbox. Only the origin is used: a pasted path such as /v4_6_release/apis/3.0 is ignored. The Atria job's ApiUrl secret maps here when it is not a listed cloud host.",
		},
		{
			displayName: 'Codebase',
			name: 'codebase',
			type: 'string',
			default: DEFAULT_CODEBASE,
			placeholder: 'e.g. v4_6_release/',
			description:
				'Path segment before apis/3.0, with a trailing slash. v4_6_release/ works on premise and on cloud; cloud sites can use their versioned codebase, the Codebase field of https://{site}/login/companyinfo/{companyId}. Leave empty to discover it at run time (the credential test then uses v4_6_release/).',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The company ID you log in with (the CompanyName secret of the Atria job)',
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'API member public key (the PublicKey secret of the Atria job)',
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'API member private key (the PrivateKey secret of the Atria job)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 00000000-0000-0000-0000-000000000000',
			description:
				'Integration client ID (a GUID) from the ConnectWise developer portal, sent as the clientId header (the ClientID secret of the Atria job). It identifies this integration: this package never writes it to output or logs.',
		},
		{
			displayName: 'Allow Plain HTTP',
			name: 'allowPlainHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow http:// URLs. Plain HTTP is refused for every host except loopback (localhost, 127.0.0.1, ::1) unless this is on; keys would cross the network in clear text.',
		},
	];

	/**
	 * A function rather than the declarative `{ type: 'generic' }` form: it also supplies the base URL and
	 * enforces the plain-HTTP rule. The REST base, `{site or custom URL origin}/{codebase}apis/3.0`, involves
	 * a select, a fallback and validation; as a test-request expression it would be a second copy of what
	 * nodes/core already defines (parseConnectWiseCredentials, apiBaseUrl), and the two could drift. So the
	 * credential test sends a relative `url`, and this function, which every authenticated request goes
	 * through, fills `baseURL` for relative requests that have none (an empty codebase, which the nodes
	 * resolve by discovery, falls back to v4_6_release/ here), validates the credential as the nodes do,
	 * refuses plain HTTP to non-loopback hosts unless allowed, and adds the Basic authorization
	 * (companyId+publicKey:privateKey) and clientId headers. Absolute URLs (what the nodes send) are
	 * left as they are.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> =>
		withBaseAndHeaders(requestOptions, connectWiseAuth(credentials));

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/system/info',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'ConnectWise refused the keys (401): check Company ID, Public Key and Private Key',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: "The keys work but the API member's security role lacks rights (403)",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Not found (404): check Site, Custom URL and Codebase. Cloud sites sometimes answer bad keys with 404 too.',
				},
			},
		],
	};
}
