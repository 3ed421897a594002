/**
 * A small SMTP server on 127.0.0.1 that keeps every message it is given (node:net, no dependency): what the
 * review workflow's Send Email node talks to in the e2e. It speaks just enough of RFC 5321 for a client such as
 * nodemailer (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), offers neither STARTTLS nor
 * AUTH, and accepts every sender and recipient. `readMail` decodes a captured message (headers, multipart,
 * quoted-printable, base64, encoded-word subjects) far enough to read its text and its links.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface CapturedMail {
	from: string;
	to: string[];
	/** The message as sent after DATA (headers and body), dot-unstuffed, CRLF line ends. */
	raw: string;
	receivedAt: Date;
}

export interface SmtpSink {
	host: string;
	port: number;
	/** Every message accepted so far, in order. */
	readonly messages: CapturedMail[];
	/** The first message (from `after` on) that `accept` takes, waiting for it up to `timeoutMs`. */
	waitForMessage(accept?: (mail: CapturedMail) => boolean, timeoutMs?: number, after?: number): Promise<CapturedMail>;
	close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export async function startSmtpSink(hostName = 'smtp-sink.invalid'): Promise<SmtpSink> {
	const messages: CapturedMail[] = [];
	const waiters = new Set<() => void>();
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		serve(socket, hostName, (mail) => {
			messages.push(mail);
			for (const wake of [...waiters]) wake();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;

	return {
		host: '127.0.0.1',
		port,
		messages,
		waitForMessage(accept = () => true, timeoutMs = 60000, after = 0) {
			return new Promise<CapturedMail>((resolve, reject) => {
				const look = (): boolean => {
					const found = messages.slice(after).find(accept);
					if (!found) return false;
					clearTimeout(timer);
					waiters.delete(wake);
					resolve(found);
					return true;
				};
				const wake = (): void => {
					look();
				};
				const timer = setTimeout(() => {
					waiters.delete(wake);
					reject(new Error(`no matching email reached the SMTP sink within ${timeoutMs / 1000}s (${messages.length} received)`));
				}, timeoutMs);
				if (!look()) waiters.add(wake);
			});
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** One SMTP session: commands line by line, the message between DATA and the lone dot. */
function serve(socket: Socket, hostName: string, deliver: (mail: CapturedMail) => void): void {
	let buffer = '';
	let inData = false;
	let dataLines: string[] = [];
	let dataBytes = 0;
	let from = '';
	let to: string[] = [];
	const reply = (text: string): void => {
		if (!socket.destroyed) socket.write(`${text}\r\n`);
	};
	const reset = (): void => {
		from = '';
		to = [];
		dataLines = [];
		dataBytes = 0;
	};

	const onLine = (line: string): void => {
		if (inData) {
			if (line === '.') {
				inData = false;
				deliver({ from, to, raw: dataLines.join('\r\n'), receivedAt: new Date() });
				reset();
				reply('250 2.0.0 OK: queued');
				return;
			}
			dataBytes += line.length + 2;
			if (dataBytes > MAX_MESSAGE_BYTES) {
				reply('552 5.3.4 Message too big');
				socket.end();
				return;
			}
			dataLines.push(line.startsWith('.') ? line.slice(1) : line);
			return;
		}
		const verb = line.slice(0, 4).toUpperCase();
		const argument = line.slice(4).trim();
		switch (verb) {
			case 'EHLO':
				reply(`250-${hostName} greets ${argument || 'you'}`);
				reply('250-8BITMIME');
				reply('250-SMTPUTF8');
				reply(`250 SIZE ${MAX_MESSAGE_BYTES}`);
				return;
			case 'HELO':
				reply(`250 ${hostName}`);
				return;
			case 'MAIL':
				reset();
				from = addressIn(argument);
				reply('250 2.1.0 OK');
				return;
			case 'RCPT':
				to.push(addressIn(argument));
				reply('250 2.1.5 OK');
				return;
			case 'DATA':
				if (to.length === 0) {
					reply('503 5.5.1 RCPT first');
					return;
				}
				inData = true;
				reply('354 End data with <CR><LF>.<CR><LF>');
				return;
			case 'RSET':
				reset();
				reply('250 2.0.0 OK');
				return;
			case 'NOOP':
				reply('250 2.0.0 OK');
				return;
			case 'QUIT':
				reply('221 2.0.0 Bye');
				socket.end();
				return;
			default:
				reply('502 5.5.2 Command not implemented');
		}
	};

	socket.setEncoding('utf8');
	socket.on('data', (chunk: string) => {
		buffer += chunk;
		let end = buffer.indexOf('\n');
		while (end >= 0) {
			onLine(buffer.slice(0, end).replace(/\r$/, ''));
			buffer = buffer.slice(end + 1);
			end = buffer.indexOf('\n');
		}
	});
	reply(`220 ${hostName} ESMTP sink`);
}

/** `FROM:<a@b> SIZE=12` -> `a@b`. */
function addressIn(argument: string): string {
	return /<([^>]*)>/.exec(argument)?.[1] ?? argument.replace(/^(FROM|TO):/i, '').trim();
}

export interface ReadMail {
	subject: string;
	from: string;
	to: string;
	/** The text/html part, decoded ('' when none). */
	html: string;
	/** The text/plain part, decoded ('' when none). */
	text: string;
	/** Every href of the HTML part, entities decoded, in order. */
	links: string[];
}

interface Part {
	headers: Map<string, string>;
	body: string;
}

function splitPart(raw: string): Part {
	const normalized = raw.replace(/\r\n/g, '\n');
	const blank = normalized.indexOf('\n\n');
	const head = blank < 0 ? normalized : normalized.slice(0, blank);
	const body = blank < 0 ? '' : normalized.slice(blank + 2);
	const headers = new Map<string, string>();
	// Folded header lines continue with whitespace.
	for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return { headers, body };
}

function parameterOf(header: string | undefined, name: string): string | undefined {
	const match = new RegExp(`${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(header ?? '');
	return match ? (match[2] ?? match[1]) : undefined;
}

function decodeQuotedPrintable(text: string): Buffer {
	const joined = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let index = 0; index < joined.length; index += 1) {
		const hex = joined.slice(index + 1, index + 3);
		if (joined[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
			bytes.push(parseInt(hex, 16));
			index += 2;
		} else {
			bytes.push(...Buffer.from(joined[index], 'utf8'));
		}
	}
	return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
	const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
	return part.body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) in a header. */
function decodeHeader(value: string): string {
	return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_, _charset: string, kind: string, encoded: string) =>
		kind.toUpperCase() === 'B' ? Buffer.from(encoded, 'base64').toString('utf8') : decodeQuotedPrintable(encoded.replace(/_/g, ' ')).toString('utf8'),
	);
}

function leaves(part: Part): Part[] {
	const type = part.headers.get('content-type') ?? 'text/plain';
	const boundary = parameterOf(type, 'boundary');
	if (!/^multipart\//i.test(type) || !boundary) return [part];
	const sections = part.body.split(new RegExp(`^--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*$`, 'm'));
	// Before the first boundary is the preamble, after the closing one the epilogue.
	return sections.slice(1, -1).flatMap((section) => leaves(splitPart(section.replace(/^\n/, ''))));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x2F': '/', '#47': '/' };

export function decodeEntities(text: string): string {
	return text.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? (/^#\d+$/.test(name) ? String.fromCodePoint(Number(name.slice(1))) : /^#x[0-9a-f]+$/i.test(name) ? String.fromCodePoint(parseInt(name.slice(2), 16)) : whole));
}

/** The parts of a captured message a test reads. */
export function readMail(mail: CapturedMail): ReadMail {
	const message = splitPart(mail.raw);
	const parts = leaves(message);
	const ofType = (type: string) => parts.filter((part) => (part.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type)).map(decodeBody).join('\n');
	const html = ofType('text/html');
	const links = [...html.matchAll(/href\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((match) => decodeEntities(match[2] ?? match[3] ?? ''));
	return {
		subject: decodeHeader(message.headers.get('subject') ?? ''),
		from: decodeHeader(message.headers.get('from') ?? ''),
		to: decodeHeader(message.headers.get('to') ?? ''),
		html,
		text: ofType('text/plain'),
		links,
	};
}
