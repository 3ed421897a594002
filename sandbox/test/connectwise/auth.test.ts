import { basicAuthorization } from '../../connectwise/auth';
import { SANDBOX_CW_KEY } from '../../connectwise/config';
import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, cwHeaders, send } from '../support/httpHelpers';

const READ_ONLY_KEY = {
	companyId: 'viewer',
	publicKey: 'viewer-public',
	privateKey: 'viewer-private',
	clientId: '11111111-1111-4111-8111-111111111111',
	readOnly: true,
};

let cw: ConnectWiseSimulator;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState(), config: { keys: [SANDBOX_CW_KEY, READ_ONLY_KEY] } });
});
afterAll(() => cw.close());
beforeEach(() => cw.reset());

describe('company info', () => {
	it('answers without auth, with the configured codebase', async () => {
		const result = await send(`${cw.url}/login/companyinfo/sandbox`);
		expect(result.status).toBe(200);
		expect(result.body).toEqual({
			CompanyName: 'Sandbox MSP',
			Codebase: 'v2025_1/',
			VersionCode: 'v2025.1',
			VersionNumber: 'v2025.1.12345',
			CompanyID: 'sandbox',
			IsCloud: 'False',
		});
	});

	it('matches the company case-insensitively and reports a configured codebase', async () => {
		cw.configure({ codebase: 'v4_6_release/' });
		const result = await send(`${cw.url}/login/companyinfo/SANDBOX`);
		expect(result.body.Codebase).toBe('v4_6_release/');
	});

	it('is 404 for an unknown company', async () => {
		expect((await send(`${cw.url}/login/companyinfo/nobody`)).status).toBe(404);
	});
});

describe('API prefixes', () => {
	it.each(['/v4_6_release/apis/3.0/system/info', '/v2025_1/apis/3.0/system/info', '/v2019_4/apis/3.0/system/info'])('serves %s', async (path) => {
		const result = await send(`${cw.url}${path}`, { headers: cwHeaders() });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ version: 'v2025.1.12345', isCloud: false, serverTimeZone: 'Eastern Standard Time' });
	});

	it.each(['/apis/3.0/system/info', '/v4_6/apis/3.0/system/info', '/v4_6_release/apis/2.0/system/info', '/v2025_1/system/info', '/system/info'])(
		'refuses %s with 404',
		async (path) => {
			const result = await send(`${cw.url}${path}`, { headers: cwHeaders() });
			expect(result.status).toBe(404);
			expect(result.body.code).toBe('NotFound');
		},
	);
});

describe('authentication', () => {
	const api = (path: string) => `${cw.apiBase}/${path}`;

	it('requires the clientId header', async () => {
		const result = await send(api('system/info'), { headers: { Authorization: basicAuthorization(SANDBOX_CW_KEY) } });
		expect(result.status).toBe(401);
		expect(result.body).toEqual({ code: 'Unauthorized', message: 'clientId header is required', errors: null });
	});

	it('requires the Authorization header', async () => {
		const result = await send(api('system/info'), { headers: { clientId: SANDBOX_CW_KEY.clientId } });
		expect(result.status).toBe(401);
		expect(result.body.code).toBe('Unauthorized');
		expect(result.body.errors).toBeNull();
	});

	it.each([
		['a Bearer token', 'Bearer abc'],
		['no company prefix', `Basic ${Buffer.from('sandbox-public:sandbox-private').toString('base64')}`],
		['a wrong private key', basicAuthorization({ ...SANDBOX_CW_KEY, privateKey: 'nope' })],
		['a public key in the wrong case', basicAuthorization({ ...SANDBOX_CW_KEY, publicKey: 'SANDBOX-PUBLIC' })],
		['an unknown company', basicAuthorization({ ...SANDBOX_CW_KEY, companyId: 'other' })],
		['unencoded credentials', 'Basic sandbox+sandbox-public:sandbox-private'],
	])('refuses %s', async (_label, authorization) => {
		const result = await send(api('system/info'), { headers: { Authorization: authorization, clientId: SANDBOX_CW_KEY.clientId } });
		expect(result.status).toBe(401);
		expect(result.body.code).toBe('Unauthorized');
	});

	it('refuses a clientId that does not belong to the key', async () => {
		const result = await send(api('system/info'), {
			headers: { Authorization: basicAuthorization(SANDBOX_CW_KEY), clientId: READ_ONLY_KEY.clientId },
		});
		expect(result.status).toBe(401);
	});

	it('accepts the company id in any case', async () => {
		const result = await send(api('system/info'), { headers: cwHeaders({ ...SANDBOX_CW_KEY, companyId: 'SandBox' }) });
		expect(result.status).toBe(200);
	});

	it('checks auth before routing', async () => {
		expect((await send(api('no/such/thing'))).status).toBe(401);
	});
});

describe('read-only keys', () => {
	const client = () => cwClient(cw, READ_ONLY_KEY);

	it('may read', async () => {
		expect((await client().get('company/companies')).status).toBe(200);
	});

	it.each([
		['POST', () => client().post('finance/agreements/10/additions', { product: { id: 100 }, billCustomer: 'Billable' })],
		['PATCH', () => client().patch('finance/agreements/10/additions/500', [{ op: 'replace', path: 'quantity', value: 1 }])],
		['DELETE', () => client().delete('finance/agreements/10/additions/500')],
		['POST catalog', () => client().post('procurement/catalog', {})],
	])('gets 403 Security on %s and changes nothing', async (_label, call) => {
		const before = cw.state();
		const result = await call();
		expect(result.status).toBe(403);
		expect(result.body).toEqual({ code: 'Security', message: 'You do not have security permission to perform this action.', errors: null });
		expect(cw.state()).toEqual(before);
	});
});
