import { parseCwDate } from '../dates';
import { ConditionSyntaxError } from './syntaxError';

export type SymbolText = '(' | ')' | ',' | '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `word` covers field paths and the keywords (and, or, not, contains, like, in, true, false, null). */
export type Token =
	| { kind: 'word'; text: string; position: number }
	| { kind: 'string'; value: string; position: number }
	| { kind: 'number'; value: number; text: string; position: number }
	| { kind: 'date'; value: number; text: string; position: number }
	| { kind: 'symbol'; text: SymbolText; position: number }
	| { kind: 'end'; position: number };

const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const SYMBOLS: SymbolText[] = ['!=', '<=', '>=', '(', ')', ',', '=', '<', '>'];

/** Splits a conditions string into tokens; positions are 1-based for messages. */
export function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < input.length) {
		const char = input[index];
		const position = index + 1;
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		if (char === '"' || char === "'") {
			// No escapes: the next quote of the same kind ends the string, as on the real server.
			const close = input.indexOf(char, index + 1);
			if (close === -1) throw new ConditionSyntaxError(`Unterminated string starting at position ${position}`);
			tokens.push({ kind: 'string', value: input.slice(index + 1, close), position });
			index = close + 1;
			continue;
		}
		if (char === '[') {
			const close = input.indexOf(']', index + 1);
			if (close === -1) throw new ConditionSyntaxError(`Unterminated date starting at position ${position}`);
			const text = input.slice(index + 1, close);
			const value = parseCwDate(text);
			if (value === undefined) {
				throw new ConditionSyntaxError(`Invalid date [${text}] at position ${position}: use [yyyy-MM-ddTHH:mm:ssZ]`);
			}
			tokens.push({ kind: 'date', value, text, position });
			index = close + 1;
			continue;
		}
		const number = matchAt(NUMBER, input, index);
		if (number !== undefined) {
			ensureSeparated(input, index + number.length, position);
			tokens.push({ kind: 'number', value: Number(number), text: number, position });
			index += number.length;
			continue;
		}
		const word = matchAt(WORD, input, index);
		if (word !== undefined) {
			if (input[index + word.length] === '/') {
				throw new ConditionSyntaxError(`Invalid field path at position ${position}`);
			}
			tokens.push({ kind: 'word', text: word, position });
			index += word.length;
			continue;
		}
		const symbol = SYMBOLS.find((candidate) => input.startsWith(candidate, index));
		if (symbol === undefined) throw new ConditionSyntaxError(`Unexpected character '${char}' at position ${position}`);
		tokens.push({ kind: 'symbol', text: symbol, position });
		index += symbol.length;
	}
	tokens.push({ kind: 'end', position: input.length + 1 });
	return tokens;
}

function matchAt(pattern: RegExp, input: string, index: number): string | undefined {
	pattern.lastIndex = index;
	return pattern.exec(input)?.[0];
}

/** `12abc` or `1.2.3` is garbage, not a number followed by something. */
function ensureSeparated(input: string, end: number, position: number): void {
	if (end < input.length && /[A-Za-z0-9_.]/.test(input[end])) {
		throw new ConditionSyntaxError(`Invalid number at position ${position}`);
	}
}
