import type { JournalEntry } from '../../../sandbox';
import { tokenize, type Token } from '../../../sandbox/connectwise/conditions/tokenizer';

/**
 * Reads back every `conditions` the client sent (from the sandbox journal) with the sandbox's own tokenizer
 * and checks each has exactly the shape the client means to send, so a value can only ever be a quoted
 * literal: a value that escaped its quotes would show up as extra words or symbols.
 */
const SHAPES: Record<string, RegExp> = {
	'company/companies': /^w:identifier w:in \( s(?: , s)* \) end$/,
	'procurement/catalog': /^w:identifier w:in \( s(?: , s)* \) end$/,
	'finance/agreements': /^\( w:company\/id w:in \( n(?: , n)* \) \) w:and \( w:type\/id = n \) w:and \( w:cancelledFlag = w:false \) end$/,
};

function signature(token: Token): string {
	switch (token.kind) {
		case 'word':
			return `w:${token.text}`;
		case 'string':
			return 's';
		case 'number':
			return 'n';
		case 'date':
			return 'd';
		case 'symbol':
			return token.text;
		case 'end':
			return 'end';
	}
}

export interface SentQueries {
	/** String values per route, as sent (each query's quoted literals). */
	values: Record<string, string[]>;
	/** Every conditions string, decoded. */
	conditions: string[];
}

/** Throws naming the request when a conditions string is not of its route's shape. */
export function readSentQueries(journal: readonly JournalEntry[]): SentQueries {
	const values: Record<string, string[]> = {};
	const conditions: string[] = [];
	for (const entry of journal) {
		const text = new URLSearchParams(entry.query).get('conditions');
		if (text === null) continue;
		conditions.push(text);
		const shape = SHAPES[entry.route];
		if (!shape) throw new Error(`conditions sent to ${entry.route}, which should get none: ${text}`);
		const tokens = tokenize(text);
		const sig = tokens.map(signature).join(' ');
		if (!shape.test(sig)) throw new Error(`malformed conditions to ${entry.route}: ${text} (tokens: ${sig})`);
		for (const token of tokens) if (token.kind === 'string') (values[entry.route] ??= []).push(token.value);
	}
	return { values, conditions };
}

/** True when the text has a character no query may carry (C0/C1 controls, DEL). */
export function hasControlCharacter(text: string): boolean {
	return /\p{Cc}/u.test(text);
}
