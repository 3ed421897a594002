import { z } from 'zod';

/**
 * zod's safeParse for the items our nodes hand each other, without zod's cost on the way that nearly every item
 * takes. zod 3 allocates several objects per field it reads (a path, a status, a result): reading a thousand
 * plan items in Apply Additions allocated about 420 MB, in a process (n8n) whose memory only grows with it. Here
 * a schema is read once into plain checking functions that build only the output. When a value passes them, the
 * output is what zod would give: the same values, keys in the same order (the schema's, then the extra keys a
 * passthrough object keeps), stripped keys left out, a key of the schema present as undefined kept. When it does not pass,
 * zod parses it again and gives its own result and messages, so a refusal reads exactly as before. Any kind of
 * schema not listed below is handed to zod as it is (same result, at zod's cost).
 */

/** The value a schema gives, or FAIL. */
type Check = (value: unknown) => unknown;
const FAIL: unique symbol = Symbol('fail');

const compiled = new WeakMap<z.ZodTypeAny, Check>();

/** zod's result for `value`: the fast reading when it passes, else zod's own (with its issues). */
export function fastSafeParse<T>(
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
	value: unknown,
): z.SafeParseReturnType<unknown, T> {
	const read = checkOf(schema as z.ZodTypeAny)(value);
	if (read !== FAIL) return { success: true, data: read as T };
	return schema.safeParse(value);
}

/**
 * The fast reading alone, for a schema whose output is never undefined (an object's): the value as the schema
 * gives it when it plainly passes, else undefined (the caller then has the schema read it, and explain).
 */
export function fastReader<T>(
	schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): (value: unknown) => T | undefined {
	const check = checkOf(schema as z.ZodTypeAny);
	return (value) => {
		const read = check(value);
		return read === FAIL ? undefined : (read as T);
	};
}

function checkOf(schema: z.ZodTypeAny): Check {
	let check = compiled.get(schema);
	if (check === undefined) {
		// No schema contains itself here: that takes z.lazy, which zod reads (viaZod).
		check = compile(schema) ?? viaZod(schema);
		compiled.set(schema, check);
	}
	return check;
}

/** A part read by zod itself: a kind of schema this file does not read. */
function viaZod(schema: z.ZodTypeAny): Check {
	return (value) => {
		const parsed = schema.safeParse(value);
		return parsed.success ? parsed.data : FAIL;
	};
}

interface Refinement {
	addIssue: () => void;
	readonly path: (string | number)[];
	failed: boolean;
}

/** The context zod hands a refine, transform or preprocess function: an issue only marks the value as failed. */
function refinementContext(): Refinement {
	const context: Refinement = {
		failed: false,
		addIssue: () => {
			context.failed = true;
		},
		path: [],
	};
	return context;
}

function compile(schema: z.ZodTypeAny): Check | undefined {
	const def = schema._def as { typeName?: string };
	switch (def.typeName) {
		case z.ZodFirstPartyTypeKind.ZodString:
			return compileString(schema as z.ZodString);
		case z.ZodFirstPartyTypeKind.ZodNumber:
			return compileNumber(schema as z.ZodNumber);
		case z.ZodFirstPartyTypeKind.ZodBoolean:
			if ((schema as z.ZodBoolean)._def.coerce) return undefined;
			return (value) => (typeof value === 'boolean' ? value : FAIL);
		case z.ZodFirstPartyTypeKind.ZodNull:
			return (value) => (value === null ? value : FAIL);
		case z.ZodFirstPartyTypeKind.ZodUndefined:
			return (value) => (value === undefined ? value : FAIL);
		case z.ZodFirstPartyTypeKind.ZodUnknown:
		case z.ZodFirstPartyTypeKind.ZodAny:
			return (value) => value;
		case z.ZodFirstPartyTypeKind.ZodLiteral: {
			const literal = (schema as z.ZodLiteral<unknown>)._def.value;
			return (value) => (value === literal ? value : FAIL);
		}
		case z.ZodFirstPartyTypeKind.ZodEnum: {
			const values = new Set<unknown>((schema as z.ZodEnum<[string]>)._def.values);
			return (value) => (typeof value === 'string' && values.has(value) ? value : FAIL);
		}
		case z.ZodFirstPartyTypeKind.ZodOptional: {
			const inner = checkOf((schema as z.ZodOptional<z.ZodTypeAny>)._def.innerType);
			return (value) => (value === undefined ? value : inner(value));
		}
		case z.ZodFirstPartyTypeKind.ZodNullable: {
			const inner = checkOf((schema as z.ZodNullable<z.ZodTypeAny>)._def.innerType);
			return (value) => (value === null ? value : inner(value));
		}
		case z.ZodFirstPartyTypeKind.ZodArray:
			return compileArray(schema as z.ZodArray<z.ZodTypeAny>);
		case z.ZodFirstPartyTypeKind.ZodObject:
			return compileObject(schema as z.ZodObject<z.ZodRawShape>);
		case z.ZodFirstPartyTypeKind.ZodUnion: {
			const options = (schema as z.ZodUnion<[z.ZodTypeAny]>)._def.options.map(checkOf);
			// zod gives the first option the value passes.
			return (value) => {
				for (const option of options) {
					const read = option(value);
					if (read !== FAIL) return read;
				}
				return FAIL;
			};
		}
		case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
			return compileDiscriminatedUnion(
				schema as z.ZodDiscriminatedUnion<string, z.ZodDiscriminatedUnionOption<string>[]>,
			);
		case z.ZodFirstPartyTypeKind.ZodEffects:
			return compileEffects(schema as z.ZodEffects<z.ZodTypeAny>);
		default:
			return undefined;
	}
}

function compileString(schema: z.ZodString): Check | undefined {
	const { checks, coerce } = schema._def;
	if (coerce) return undefined;
	const steps: Array<(text: string) => string | typeof FAIL> = [];
	for (const check of checks) {
		switch (check.kind) {
			case 'min':
				steps.push((text) => (text.length < check.value ? FAIL : text));
				break;
			case 'max':
				steps.push((text) => (text.length > check.value ? FAIL : text));
				break;
			case 'length':
				steps.push((text) => (text.length !== check.value ? FAIL : text));
				break;
			case 'regex':
				steps.push((text) => {
					check.regex.lastIndex = 0;
					return check.regex.test(text) ? text : FAIL;
				});
				break;
			case 'trim':
				steps.push((text) => text.trim());
				break;
			default:
				return undefined;
		}
	}
	return (value) => {
		if (typeof value !== 'string') return FAIL;
		let text: string | typeof FAIL = value;
		for (const step of steps) {
			text = step(text);
			if (text === FAIL) return FAIL;
		}
		return text;
	};
}

function compileNumber(schema: z.ZodNumber): Check | undefined {
	const { checks, coerce } = schema._def;
	if (coerce) return undefined;
	const tests: Array<(number: number) => boolean> = [];
	for (const check of checks) {
		switch (check.kind) {
			case 'int':
				tests.push(Number.isInteger);
				break;
			case 'finite':
				tests.push(Number.isFinite);
				break;
			case 'min':
				tests.push((number) => (check.inclusive ? number >= check.value : number > check.value));
				break;
			case 'max':
				tests.push((number) => (check.inclusive ? number <= check.value : number < check.value));
				break;
			default:
				return undefined;
		}
	}
	return (value) => {
		// zod refuses NaN as not a number at all.
		if (typeof value !== 'number' || Number.isNaN(value)) return FAIL;
		for (const test of tests) if (!test(value)) return FAIL;
		return value;
	};
}

function compileArray(schema: z.ZodArray<z.ZodTypeAny>): Check {
	const { exactLength, minLength, maxLength } = schema._def;
	const element = checkOf(schema._def.type);
	return (value) => {
		if (!Array.isArray(value)) return FAIL;
		const { length } = value;
		if (exactLength !== null && length !== exactLength.value) return FAIL;
		if (minLength !== null && length < minLength.value) return FAIL;
		if (maxLength !== null && length > maxLength.value) return FAIL;
		const read: unknown[] = new Array<unknown>(length);
		for (let index = 0; index < length; index++) {
			const item = element(value[index]);
			if (item === FAIL) return FAIL;
			read[index] = item;
		}
		return read;
	};
}

/**
 * An object zod reads as one: not an array, a date, a map or set, or anything with `then` and `catch`
 * functions, which zod takes for a promise (those are handed to zod).
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	if (prototype !== Object.prototype && prototype !== null) return false;
	const record = value as Record<string, unknown>;
	return typeof record.then !== 'function' || typeof record.catch !== 'function';
}

function compileObject(schema: z.ZodObject<z.ZodRawShape>): Check | undefined {
	const { unknownKeys, catchall } = schema._def;
	if (!(catchall instanceof z.ZodNever)) return undefined;
	if (unknownKeys !== 'strip' && unknownKeys !== 'passthrough') return undefined;
	const shape = schema.shape;
	const keys = Object.keys(shape);
	const keySet = new Set(keys);
	const fields = keys.map((key) => checkOf(shape[key]));
	const passthrough = unknownKeys === 'passthrough';
	return (value) => {
		if (!isPlainRecord(value)) return FAIL;
		const read: Record<string, unknown> = {};
		for (let index = 0; index < keys.length; index++) {
			const key = keys[index];
			const field = fields[index](value[key]);
			if (field === FAIL) return FAIL;
			// As zod: a key the value has is kept, even undefined; an absent one only when it reads to something.
			if (field !== undefined || key in value) read[key] = field;
		}
		if (passthrough) {
			// As zod: an extra key is kept unless it holds undefined.
			for (const key in value) {
				const extra = value[key];
				if (!keySet.has(key) && key !== '__proto__' && extra !== undefined) read[key] = extra;
			}
		}
		return read;
	};
}

function compileDiscriminatedUnion(
	schema: z.ZodDiscriminatedUnion<string, z.ZodDiscriminatedUnionOption<string>[]>,
): Check {
	const { discriminator, optionsMap } = schema._def;
	const options = new Map<unknown, Check>();
	for (const [key, option] of optionsMap) options.set(key, checkOf(option));
	return (value) => {
		if (!isPlainRecord(value)) return FAIL;
		const option = options.get(value[discriminator]);
		return option === undefined ? FAIL : option(value);
	};
}

function compileEffects(schema: z.ZodEffects<z.ZodTypeAny>): Check | undefined {
	const { effect } = schema._def;
	const inner = checkOf(schema._def.schema);
	switch (effect.type) {
		case 'refinement':
			return (value) => {
				const read = inner(value);
				if (read === FAIL) return FAIL;
				const context = refinementContext();
				const verdict = effect.refinement(read, context as unknown as z.RefinementCtx);
				if (verdict instanceof Promise) return FAIL;
				return context.failed ? FAIL : read;
			};
		case 'transform':
			return (value) => {
				const read = inner(value);
				if (read === FAIL) return FAIL;
				const context = refinementContext();
				const result = effect.transform(read, context as unknown as z.RefinementCtx);
				if (result instanceof Promise) return FAIL;
				return context.failed ? FAIL : result;
			};
		case 'preprocess':
			return (value) => {
				const context = refinementContext();
				const processed = effect.transform(value, context as unknown as z.RefinementCtx);
				if (processed instanceof Promise || context.failed) return FAIL;
				return inner(processed);
			};
		default:
			return undefined;
	}
}
