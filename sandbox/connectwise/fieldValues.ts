import { parseCwDate } from './dates';
import { fieldError, unsupportedFormat } from './errors';
import { isPlainObject } from './requestBody';

/**
 * Type checks for values written by POST and PATCH. Nothing is coerced: a quantity sent as the string "5"
 * is refused, so a client that serialises numbers as strings fails here.
 */

export function finiteNumber(resource: string, field: string, value: unknown): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw fieldError(resource, field, `${field} must be a number`);
	return value;
}

export function text(resource: string, field: string, value: unknown, maxLength?: number): string {
	if (typeof value !== 'string') throw fieldError(resource, field, `${field} must be a string`);
	if (maxLength !== undefined && value.length > maxLength) {
		throw fieldError(resource, field, `${field} must be at most ${maxLength} characters`);
	}
	return value;
}

export function requiredText(resource: string, field: string, value: unknown, maxLength: number): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw fieldError(resource, field, `${field} is required`, 'NullValue');
	}
	return text(resource, field, value, maxLength);
}

export function flag(resource: string, field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') throw fieldError(resource, field, `${field} must be true or false`);
	return value;
}

/** Dates are UTC `yyyy-MM-ddTHH:mm:ssZ` exactly; anything else is UnsupportedFormat, as on the real server. */
export function cwDateOrNull(resource: string, field: string, value: unknown): string | null {
	if (value === null) return null;
	if (typeof value !== 'string' || parseCwDate(value) === undefined) {
		const message = `${field} must be a UTC date formatted yyyy-MM-ddTHH:mm:ssZ`;
		throw unsupportedFormat(`${resource} object is invalid: ${message}`, [{ code: 'UnsupportedFormat', message, resource, field }]);
	}
	return value;
}

export function oneOf<T extends string>(resource: string, field: string, value: unknown, allowed: readonly T[]): T {
	if (value === undefined || value === null) throw fieldError(resource, field, `${field} is required`, 'NullValue');
	if (typeof value !== 'string' || !allowed.includes(value as T)) {
		throw fieldError(resource, field, `${field} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

/** A reference written as `{id: n}`. */
export function referenceId(resource: string, field: string, value: unknown): number {
	if (value === undefined || value === null) throw fieldError(resource, field, `${field} is required`, 'NullValue');
	if (!isPlainObject(value) || typeof value.id !== 'number' || !Number.isInteger(value.id)) {
		throw fieldError(resource, field, `${field} must be a reference like {"id": 12}`);
	}
	return value.id;
}
