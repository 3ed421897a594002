/**
 * `npm run sandbox`: both simulators with the demo dataset, until Ctrl-C.
 * Ports from SANDBOX_CW_PORT and SANDBOX_ATRIA_PORT (defaults 8611 and 8612; 0 picks a free port).
 */
import { demoDataset } from './data/demo';
import { SANDBOX_ATRIA_TOKEN, SANDBOX_CW_KEY, startSandbox } from './index';

function portFromEnv(name: string, fallback: number): number {
	const text = process.env[name];
	if (text === undefined || text === '') return fallback;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (0 to 65535), not '${text}'`);
	return port;
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		dataset: demoDataset,
		connectwise: { port: portFromEnv('SANDBOX_CW_PORT', 8611) },
		atria: { port: portFromEnv('SANDBOX_ATRIA_PORT', 8612) },
	});
	const { cw, atria } = sandbox;
	const lines = [
		`Sandbox running with dataset '${demoDataset.name}'.`,
		'',
		'ConnectWise Manage',
		`  site URL:     ${cw.url}   (codebase lookup: ${cw.url}/login/companyinfo/${SANDBOX_CW_KEY.companyId})`,
		`  API base:     ${cw.apiBase}`,
		`  company ID:   ${SANDBOX_CW_KEY.companyId}`,
		`  public key:   ${SANDBOX_CW_KEY.publicKey}`,
		`  private key:  ${SANDBOX_CW_KEY.privateKey}`,
		`  client ID:    ${SANDBOX_CW_KEY.clientId}`,
		'',
		'Atria',
		`  base URL:     ${atria.url}`,
		`  API token:    ${SANDBOX_ATRIA_TOKEN}`,
		'',
		`Admin: ${cw.url}/__admin/state, ${atria.url}/__admin/state (also reset, faults, latency, journal, config).`,
		'Press Ctrl-C to stop.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);

	let stopping = false;
	const shutdown = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the sandbox.\n`);
		sandbox.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`${String(error)}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => shutdown('SIGINT'));
	process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
