import { ZodError } from 'zod';
import { emptyResponse, jsonResponse, type SimResponse } from './response';

/** The base of the admin routes: outside every API path, so no API call can collide with it. */
export const ADMIN_PREFIX = '/__admin/';

/** The operations behind the admin routes; the simulator objects expose the same ones as methods. */
export interface AdminOperations {
	state(): unknown;
	reset(seed?: unknown): void;
	faults(): unknown;
	setFaults(rules: unknown): void;
	clearFaults(): void;
	latency(): unknown;
	setLatency(rules: unknown): void;
	clearLatency(): void;
	journal(): unknown;
	clearJournal(): void;
	config(): unknown;
	configure(patch: unknown): unknown;
}

type AdminHandler = (operations: AdminOperations, body: unknown) => SimResponse;

const ok = (body: unknown): SimResponse => jsonResponse(200, body);
const done = (): SimResponse => emptyResponse(204);

const ADMIN_ROUTES: Record<string, Partial<Record<string, AdminHandler>>> = {
	state: { GET: (ops) => ok(ops.state()) },
	reset: {
		POST: (ops, body) => {
			ops.reset(body);
			return ok(ops.state());
		},
	},
	faults: {
		GET: (ops) => ok(ops.faults()),
		PUT: (ops, body) => {
			ops.setFaults(body);
			return ok(ops.faults());
		},
		DELETE: (ops) => {
			ops.clearFaults();
			return done();
		},
	},
	latency: {
		GET: (ops) => ok(ops.latency()),
		PUT: (ops, body) => {
			ops.setLatency(body);
			return ok(ops.latency());
		},
		DELETE: (ops) => {
			ops.clearLatency();
			return done();
		},
	},
	journal: {
		GET: (ops) => ok(ops.journal()),
		DELETE: (ops) => {
			ops.clearJournal();
			return done();
		},
	},
	config: {
		GET: (ops) => ok(ops.config()),
		PUT: (ops, body) => ok(ops.configure(body)),
	},
};

/** Admin errors use a plain `{message}`: they are for test authors, not API clients. */
export function handleAdminRequest(operations: AdminOperations, method: string, path: string, rawBody: string): SimResponse {
	const name = path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
	const routes = ADMIN_ROUTES[name];
	if (routes === undefined) return jsonResponse(404, { message: `No admin route ${path}` });
	const handler = routes[method];
	if (handler === undefined) {
		return jsonResponse(405, { message: `${method} not allowed on ${path}` }, { Allow: Object.keys(routes).join(', ') });
	}
	let body: unknown;
	if (rawBody.trim() !== '') {
		try {
			body = JSON.parse(rawBody);
		} catch {
			return jsonResponse(400, { message: 'Admin request body is not valid JSON' });
		}
	}
	try {
		return handler(operations, body);
	} catch (error) {
		return jsonResponse(400, { message: describeAdminError(error) });
	}
}

function describeAdminError(error: unknown): string {
	if (error instanceof ZodError) {
		return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
	}
	return error instanceof Error ? error.message : String(error);
}
