import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { codesCausedByApi, type EntryFields } from '../core/codes/catalogue';
import { CwCodedError } from '../core/errors';
import { createEntry, type LogContext, type LogEntry } from '../core/log/entry';

/** Codes caused by what an API answered (vs. by configuration): they become NodeApiError. */
const API_CODES: ReadonlySet<string> = codesCausedByApi();

/** The n8n error for a coded failure: the code and message (worded as Atria's ConnectWise Manage Billing job words it) as the message, how to fix it as the description. */
export function toNodeError(
	node: INode,
	error: CwCodedError,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (API_CODES.has(error.code)) {
		return new NodeApiError(node, { message: error.message, code: error.code } as JsonObject, {
			message: error.message,
			description: error.howToResolve,
			httpCode: error.httpStatus === undefined ? undefined : String(error.httpStatus),
			itemIndex,
		});
	}
	return new NodeOperationError(node, error.message, {
		description: error.howToResolve,
		itemIndex,
	});
}

/** Under Continue On Fail, a coded failure becomes a log entry so it reaches Emit CW Log with the rest. */
export function entryForFailure(
	context: LogContext,
	error: CwCodedError,
	extra: EntryFields = {},
): LogEntry {
	return createEntry(context, error.code, { ...error.fields, ...extra });
}
