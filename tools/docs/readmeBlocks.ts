import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CATALOGUE } from '../../nodes/core/codes/catalogue';
import { demoSituationsMarkdown } from '../../sandbox/data/demoExpected';

export const README = join(__dirname, '../../README.md');

function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

/** The CW code table, straight from the one catalogue: the README never words a message itself. */
export function codeTable(): string {
	const rows = [...CODE_CATALOGUE.values()].map(
		(definition) => `| ${definition.code} | ${definition.level} | ${cell(definition.occurs)} | ${cell(definition.template)} | ${cell(definition.howToResolve)} |`,
	);
	return ['| Code | Level | Occurs | Message | How to resolve |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** Generated blocks of the README, by marker name. */
export function generatedBlocks(): Record<string, string> {
	return { 'cw-codes': codeTable(), 'demo-situations': demoSituationsMarkdown().trim() };
}

function blockPattern(name: string): RegExp {
	return new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)\\n?(<!-- ${name}:end -->)`);
}

export function readBlock(readme: string, name: string): string | undefined {
	return blockPattern(name).exec(readme)?.[2];
}

/** `npm run docs`: rewrites the generated blocks in place. */
export function updateReadme(): void {
	let readme = readFileSync(README, 'utf8');
	for (const [name, content] of Object.entries(generatedBlocks())) {
		if (!blockPattern(name).test(readme)) throw new Error(`README.md has no ${name} block`);
		readme = readme.replace(blockPattern(name), (_all, start: string, _old: string, end: string) => `${start}${content}\n${end}`);
	}
	writeFileSync(README, readme);
}

if (require.main === module) updateReadme();
