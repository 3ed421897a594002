import fc from 'fast-check';
import { matchesCondition } from '../../../connectwise/conditions/evaluator';
import { parseConditions } from '../../../connectwise/conditions/parser';
import { ConditionSyntaxError } from '../../../connectwise/conditions/syntaxError';
import { companySchema } from '../../../connectwise/schema';
import { tinyCwState } from '../../support/fixtures';

describe('the condition parser', () => {
	it('builds and binding tighter than or', () => {
		const condition = parseConditions('id = 1 or id = 2 and id = 3', companySchema);
		expect(condition.type).toBe('or');
		if (condition.type !== 'or') return;
		expect(condition.right.type).toBe('and');
	});

	it('resolves field names to their canonical case', () => {
		const condition = parseConditions('STATUS/Name = "x"', companySchema);
		expect(condition).toMatchObject({ type: 'comparison', field: ['status', 'name'], fieldType: 'string' });
	});

	it('reports the position of the problem', () => {
		expect(() => parseConditions('id = 1 and nope = 2', companySchema)).toThrow(/Unknown field 'nope' at position 12/);
	});

	it('only ever throws ConditionSyntaxError, whatever the input', () => {
		const alphabet = fc.constantFrom(...'()"\'[],=!<> -._/0123456789aAdnorltikecsfuTZ:*%'.split(''), ' and ', ' or ', ' not ', ' in ', 'id', 'name', 'status/name');
		fc.assert(
			fc.property(fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), (input) => {
				try {
					parseConditions(input, companySchema);
				} catch (error) {
					expect(error).toBeInstanceOf(ConditionSyntaxError);
				}
			}),
			{ numRuns: 2000 },
		);
	});

	it('treats `in (a, b)` as `= a or = b`, and `not in` as its negation', () => {
		const companies = tinyCwState().companies;
		const identifier = fc.constantFrom('ACME', 'acme', 'BETA', "O'Brien", 'nobody', 'Acme  ');
		fc.assert(
			fc.property(identifier, identifier, (first, second) => {
				const quote = (text: string) => (text.includes("'") ? `"${text}"` : `'${text}'`);
				const inList = parseConditions(`identifier in (${quote(first)}, ${quote(second)})`, companySchema);
				const notIn = parseConditions(`identifier not in (${quote(first)}, ${quote(second)})`, companySchema);
				const ors = parseConditions(`identifier = ${quote(first)} or identifier = ${quote(second)}`, companySchema);
				for (const company of companies) {
					expect(matchesCondition(inList, company)).toBe(matchesCondition(ors, company));
					expect(matchesCondition(notIn, company)).toBe(!matchesCondition(ors, company));
				}
			}),
		);
	});
});
