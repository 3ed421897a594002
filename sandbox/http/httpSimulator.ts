import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdminRequest, type AdminOperations } from './admin';
import { FaultPlan, parseFaultRules, type FaultRule } from './faults';
import { Journal, type JournalEntry, type JournalStatus } from './journal';
import { LatencyPlan, parseLatencyRules, type LatencyRule } from './latency';
import { readBody, type SimRequest } from './request';
import { writeResponse, type SimResponse } from './response';
import type { BaseSimulatorConfig, SimulatorApp } from './simulatorApp';

export interface ListenOptions {
	/** 0 picks a free port. */
	port?: number;
	/** Default 127.0.0.1: the simulators are for this machine only (the admin routes have no auth). */
	host?: string;
}

/** Deliberately invalid JSON behind a 200: what a truncated or proxied response looks like. */
const MALFORMED_JSON = '{"id": 1, "name": "trunc';

/**
 * The HTTP host shared by both simulators: serves one app on loopback and adds latency, fault injection,
 * a request journal and the admin routes around it.
 */
export class HttpSimulator<TState, TConfig extends BaseSimulatorConfig> implements AdminOperations {
	/** `http://127.0.0.1:PORT`, set once listening. */
	url = '';
	private readonly server: Server;
	private readonly faultPlan: FaultPlan;
	private readonly latencyPlan: LatencyPlan;
	private readonly requestJournal = new Journal();
	private readonly pendingTimers = new Set<NodeJS.Timeout>();
	private closing: Promise<void> | undefined;

	protected constructor(protected readonly app: SimulatorApp<TState, TConfig>) {
		const seed = app.config().randomSeed;
		this.faultPlan = new FaultPlan(seed);
		this.latencyPlan = new LatencyPlan(seed);
		this.server = createServer((req, res) => {
			this.onRequest(req, res).catch((error: unknown) => {
				// Only reachable if writing itself failed (the socket is gone): nothing left to answer.
				res.destroy(error instanceof Error ? error : undefined);
			});
		});
	}

	protected async listen(options: ListenOptions = {}): Promise<void> {
		const host = options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(options.port ?? 0, host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		const { port } = this.server.address() as AddressInfo;
		this.url = `http://${host}:${port}`;
	}

	state(): TState {
		return this.app.state();
	}

	/** Restores the given seed, or the one the simulator started with. Inputs of these methods are validated
	 * at run time too, because the admin routes pass them through from JSON. */
	reset(seed?: TState): void {
		this.app.reset(seed);
	}

	faults(): FaultRule[] {
		return this.faultPlan.rules();
	}

	setFaults(rules: FaultRule[]): void {
		this.faultPlan.set(parseFaultRules(rules), this.app.config().randomSeed);
	}

	clearFaults(): void {
		this.faultPlan.clear();
	}

	latency(): LatencyRule[] {
		return this.latencyPlan.rules();
	}

	setLatency(rules: LatencyRule[]): void {
		this.latencyPlan.set(parseLatencyRules(rules), this.app.config().randomSeed);
	}

	clearLatency(): void {
		this.latencyPlan.clear();
	}

	journal(): JournalEntry[] {
		return this.requestJournal.list();
	}

	clearJournal(): void {
		this.requestJournal.clear();
	}

	config(): TConfig {
		return this.app.config();
	}

	configure(patch: Partial<TConfig>): TConfig {
		const config = this.app.configure(patch);
		if (typeof patch === 'object' && patch !== null && 'randomSeed' in patch) {
			this.faultPlan.set(this.faultPlan.rules(), config.randomSeed);
			this.latencyPlan.set(this.latencyPlan.rules(), config.randomSeed);
		}
		return config;
	}

	/** Stops listening and drops every connection, including hung and keep-alive ones. Idempotent. */
	close(): Promise<void> {
		this.closing ??= new Promise<void>((resolve) => {
			for (const timer of this.pendingTimers) clearTimeout(timer);
			this.pendingTimers.clear();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
		return this.closing;
	}

	private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const startedAt = Date.now();
		const method = (req.method ?? 'GET').toUpperCase();
		const [path, rawQuery = ''] = (req.url ?? '/').split(/\?(.*)/s, 2);
		const body = await readBody(req);

		if (path.startsWith(ADMIN_PREFIX)) {
			writeResponse(res, handleAdminRequest(this, method, path, body));
			return;
		}

		const seq = this.requestJournal.nextSeq();
		const route = this.app.routeOf(path);
		const request: SimRequest = {
			method,
			path,
			route,
			query: new URLSearchParams(rawQuery),
			rawQuery,
			headers: req.headers,
			body,
			origin: `http://${req.headers.host ?? this.url.replace(/^http:\/\//, '')}`,
		};
		const journal = (status: JournalStatus, fault?: FaultRule): void => {
			this.requestJournal.record({
				seq,
				method,
				path,
				route,
				query: rawQuery,
				status,
				durationMs: Date.now() - startedAt,
				...(fault ? { fault: fault.kind, faultStage: fault.stage ?? 'before' } : {}),
				startedAt: new Date(startedAt).toISOString(),
				requestBody: body,
			});
		};

		const delay = this.latencyPlan.delayFor(method, route);
		if (delay > 0) await this.sleep(delay);
		if (this.closing) return;

		const fault = this.faultPlan.pick(method, route);
		let response: SimResponse | undefined;
		if (fault === undefined || fault.stage === 'after') {
			response = await this.handleSafely(request);
		} else if (fault.stage === 'late') {
			void this.sleep(fault.lateMs ?? 200).then(() => (this.closing ? undefined : this.handleSafely(request)));
		}
		if (fault !== undefined) {
			if (fault.kind === 'reset') {
				req.socket.destroy();
				journal('reset', fault);
				return;
			}
			if (fault.kind === 'hang') {
				// No answer ever: close() destroys the socket.
				journal('hang', fault);
				return;
			}
			response =
				fault.kind === 'malformed'
					? { status: 200, rawBody: MALFORMED_JSON, headers: { 'Content-Type': 'application/json; charset=utf-8' } }
					: this.app.faultResponse(fault.kind, fault);
		}
		const final = response as SimResponse;
		writeResponse(res, final);
		journal(final.status, fault);
	}

	private async handleSafely(request: SimRequest): Promise<SimResponse> {
		try {
			return await this.app.handle(request);
		} catch (error) {
			return this.app.internalError(error);
		}
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.pendingTimers.delete(timer);
				resolve();
			}, ms);
			this.pendingTimers.add(timer);
		});
	}
}
