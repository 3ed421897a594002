import { ConnectWiseSimulator } from '../../connectwise/simulator';
import { tinyCwState } from '../support/fixtures';
import { cwClient, ids, where } from '../support/httpHelpers';

let cw: ConnectWiseSimulator;
let api: ReturnType<typeof cwClient>;

beforeAll(async () => {
	cw = await ConnectWiseSimulator.start({ seed: tinyCwState() });
	api = cwClient(cw);
});
afterAll(() => cw.close());

async function matching(collection: string, conditions: string): Promise<number[]> {
	const result = await api.get(`${collection}?${where(conditions)}`);
	expect(result.status).toBe(200);
	return ids(result.body);
}

describe('conditions that match', () => {
	it.each([
		['identifier = "ACME"', [1]],
		["identifier = 'acme'", [1]],
		['name = "Beta Ltd"', [2]],
		['name = "beta ltd      "', [2]],
		['identifier != "ACME"', [2, 3]],
		['id < 2', [1]],
		['id <= 2', [1, 2]],
		['id > 2', [3]],
		['id >= 2', [2, 3]],
		['id=2', [2]],
		['name contains "corp"', [1]],
		['name like "acme*"', [1]],
		['name like "%LTD"', [2]],
		['name like "*best*"', [3]],
		["identifier like 'ACM_'", [1]],
		["identifier like 'ACM'", []],
		['identifier in ("ACME", "beta")', [1, 2]],
		['id in (1,3)', [1, 3]],
		['identifier not in ("ACME")', [2, 3]],
		['name not like "a*"', [2, 3]],
		['name not contains "ltd"', [1, 3]],
		['not (identifier = "ACME")', [2, 3]],
		['not identifier = "ACME"', [2, 3]],
		['not not identifier = "ACME"', [1]],
		['id = 1 or id = 2 and id = 3', [1]],
		['(id = 1 or id = 2) and id = 3', []],
		['deletedFlag = false and identifier = "ACME" or identifier = "BETA"', [1, 2]],
		['deletedFlag = false and (identifier = "ACME" or identifier = "BETA")', [1]],
		['((id = 1))', [1]],
		['identifier = "ACME" OR identifier = "BETA"', [1, 2]],
		['id > 1 AnD id < 3', [2]],
		['identifier IN ("ACME") Or name LIKE "*plumbers"', [1, 3]],
		['identifier NOT IN ("ACME", "BETA")', [3]],
		['Identifier = "ACME"', [1]],
		['STATUS/NAME = "inactive"', [2]],
		['status/id = 1', [1, 3]],
		['identifier = "O\'Brien"', [3]],
		['name = \'The "Best" Plumbers\'', [3]],
		['deletedFlag = true', [2]],
		['deletedFlag = FALSE', [1, 3]],
		['_info/lastUpdated > [2025-04-01T00:00:00Z]', [2]],
		['_info/lastUpdated <= [2025-03-01T10:00:00Z]', [1, 3]],
		['_INFO/LASTUPDATED = [2025-06-01T10:00:00Z]', [2]],
	])('companies where %s', async (conditions, expected) => {
		expect(await matching('company/companies', conditions)).toEqual(expected);
	});

	it.each([
		['company/identifier = "ACME"', [10]],
		['company/identifier = "o\'brien"', [12]],
		['type/name = "Cloud and Hosting Services"', [10, 12]],
		['type/name = "Cloud and Hosting Services" and agreementStatus = "Active" and cancelledFlag = false', [10, 12]],
		['endDate = null', [10, 12]],
		['endDate != null', [11]],
		['parentAgreement/id = null', [10, 11, 12]],
		['startDate >= [2025-01-01T00:00:00Z]', [12]],
		['startDate < [2025-01-01T00:00:00Z] and company/id in (1, 2)', [10, 11]],
	])('agreements where %s', async (conditions, expected) => {
		expect(await matching('finance/agreements', conditions)).toEqual(expected);
	});

	it.each([
		['cancelledDate = null', [500, 503]],
		['cancelledDate != null', [501]],
		['quantity = 2.5', [501]],
		['quantity >= 2.5', [500, 501]],
		['quantity < 0', [503]],
		['quantity = -1', [503]],
		['product/identifier = "M365-E3"', [503]],
		['product/id in (100, 104)', [500, 503]],
		['billCustomer = "billable" and cancelledDate = null', [500]],
		// SQL semantics: a comparison with an absent field is unknown, so neither it nor its negation matches.
		['description != "Credit"', [500]],
		['not (description = "Credit")', [500]],
		['description = "Credit" or not (description = "Credit")', [500, 503]],
		['description = null', [501]],
	])('additions of agreement 10 where %s', async (conditions, expected) => {
		expect(await matching('finance/agreements/10/additions', conditions)).toEqual(expected);
	});

	it('matches catalog identifiers whatever their case, with like and in', async () => {
		expect(await matching('procurement/catalog', 'identifier = "M365-E3"')).toEqual([104]);
		expect(await matching('procurement/catalog', 'identifier in ("m365-bp", "M365-E3") and inactiveFlag = false')).toEqual([100, 104]);
		expect(await matching('procurement/catalog', 'productClass != "Bundle" and identifier like "m365%"')).toEqual([100, 104]);
	});
});

describe('malformed conditions are 400 InvalidObject, never a match-all', () => {
	it.each([
		['unbalanced open paren', '(identifier = "ACME"'],
		['unbalanced close paren', 'identifier = "ACME")'],
		['double open paren', '((id = 1)'],
		['unterminated double quote', 'identifier = "ACME'],
		['mismatched quotes', 'identifier = \'ACME"'],
		['a quote of the same kind inside the value', 'name = "The "Best" Plumbers"'],
		['== operator', 'identifier == "ACME"'],
		['<> operator', 'identifier <> "ACME"'],
		['unknown symbol', 'identifier ~ "A"'],
		['unknown word operator', 'identifier equals "A"'],
		['is null', 'identifier is null'],
		['missing operator', 'identifier "ACME"'],
		['missing value', 'identifier ='],
		['trailing value', 'identifier = "ACME" "BETA"'],
		['trailing number', 'id = 1 2'],
		['dangling and', 'id = 1 and'],
		['dangling or', 'id = 1 or'],
		['leading and', 'and id = 1'],
		['semicolon', 'id = 1;'],
		['&& instead of and', 'id = 1 && id = 2'],
		['unknown field', 'nope = 1'],
		['unknown nested field', 'status/nope = 1'],
		['field of another resource', 'company/identifier = "ACME"'],
		['path through a scalar', 'identifier/x = 1'],
		['object compared', 'status = 1'],
		['empty path segment', 'status//name = "A"'],
		['trailing slash in path', 'status/ = 1'],
		['string compared with a numeric field', 'id = "1"'],
		['string in a numeric in-list', 'id in ("1")'],
		['number compared with a string field', 'identifier = 5'],
		['string compared with a boolean', 'deletedFlag = "true"'],
		['number compared with a boolean', 'deletedFlag = 1'],
		['ordering a boolean', 'deletedFlag > true'],
		['string compared with a date', '_info/lastUpdated > "2025-01-01T00:00:00Z"'],
		['date without time', '_info/lastUpdated > [2025-01-01]'],
		['impossible date', '_info/lastUpdated > [2025-02-30T00:00:00Z]'],
		['unterminated date', '_info/lastUpdated > [2025-01-01T00:00:00Z'],
		['date compared with a number field', 'id > [2025-01-01T00:00:00Z]'],
		['empty in-list', 'id in ()'],
		['in without parens', 'id in 1'],
		['in-list trailing comma', 'id in (1,)'],
		['in-list without comma', 'id in (1 2)'],
		['like on a number', 'id like "1*"'],
		['contains on a boolean', 'deletedFlag contains "t"'],
		['ordering against null', 'id < null'],
		['like null', 'identifier like null'],
		['null in an in-list', 'id in (null)'],
		['not before =', 'identifier not = "A"'],
		['bare not', 'not'],
		['trailing not', 'id = 1 not'],
		['empty', ''],
		['blank', '   '],
		['two decimal points', 'id = 1.2.3'],
		['number glued to letters', 'id = 1abc'],
		['leading decimal point', 'id = .5'],
		['lone minus', 'id = -'],
		['keyword as field', 'and = 1'],
	])('%s: %s', async (_label, conditions) => {
		const result = await api.get(`company/companies?${where(conditions)}`);
		expect(result.status).toBe(400);
		expect(result.body.code).toBe('InvalidObject');
		expect(result.body.errors).toBeNull();
		expect(typeof result.body.message).toBe('string');
		expect(result.body.message.length).toBeGreaterThan(10);
	});

	it('refuses a string compared with a numeric addition field', async () => {
		const result = await api.get(`finance/agreements/10/additions?${where('quantity > "5"')}`);
		expect(result.status).toBe(400);
	});

	it('refuses conditions given twice and filters the sandbox does not implement', async () => {
		expect((await api.get(`company/companies?${where('id = 1')}&conditions=id%3D2`)).status).toBe(400);
		expect((await api.get(`company/companies?childConditions=${encodeURIComponent('x = 1')}`)).status).toBe(400);
		expect((await api.get(`company/companies?customFieldConditions=${encodeURIComponent('x = 1')}`)).status).toBe(400);
	});

	it('accepts the parameter name in any case', async () => {
		const result = await api.get(`company/companies?CONDITIONS=${encodeURIComponent('id = 2')}`);
		expect(ids(result.body)).toEqual([2]);
	});
});
