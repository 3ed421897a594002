/**
 * A tiny local HTTP server for transport tests: records every request (method, url, headers, body)
 * and answers with whatever the current handler says, including a connection reset or no answer
 * at all (to provoke timeouts).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export type Reply =
	| { status: number; headers?: Record<string, string>; body?: string }
	/** Destroy the socket without answering: the client sees a connection reset. */
	| { reset: true }
	/** Never answer: the client times out. */
	| { hang: true };

export type ReplyHandler = (request: RecordedRequest) => Reply;

export interface RecordingServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	requests: RecordedRequest[];
	/** Replaces the handler (default: 200 `{"ok":true}`). */
	reply(handler: ReplyHandler | Reply): void;
	close(): Promise<void>;
}

const defaultReply: Reply = {
	status: 200,
	headers: { 'content-type': 'application/json' },
	body: '{"ok":true}',
};

function send(response: ServerResponse, reply: { status: number; headers?: Record<string, string>; body?: string }) {
	response.writeHead(reply.status, reply.headers ?? {});
	response.end(reply.body ?? '');
}

export async function startRecordingServer(): Promise<RecordingServer> {
	const requests: RecordedRequest[] = [];
	let handler: ReplyHandler = () => defaultReply;

	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const recorded: RecordedRequest = {
				method: request.method ?? '',
				url: request.url ?? '',
				headers: request.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			const reply = handler(recorded);
			if ('reset' in reply) {
				request.socket.destroy();
			} else if (!('hang' in reply)) {
				send(response, reply);
			}
		});
	});

	await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		reply(next) {
			handler = typeof next === 'function' ? next : () => next;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
		},
	};
}
