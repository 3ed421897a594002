import { readFileSync } from 'node:fs';
import { generatedBlocks, README, readBlock } from '../../tools/docs/readmeBlocks';

describe('README.md', () => {
	const readme = readFileSync(README, 'utf8');

	it.each(Object.entries(generatedBlocks()))('has the %s block as the code generates it (npm run docs)', (name, content) => {
		expect(readBlock(readme, name)).toBe(content);
	});

	it('names the two setup commands', () => {
		expect(readme).toContain('npm install && npm run demo');
		expect(readme).toContain('npm test');
	});
});
