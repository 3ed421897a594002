import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { runCoreSync } from '../../test/support/coreSync';
import { formatReport, toCsv, writeHtmlReport } from './report';

/**
 * `npm run demo`: the monthly job against the sandbox's demo MSP. Starts both simulators, runs Get Billing
 * Data (the demo's period, ending 2026-10-25) -> Reconcile Agreement (creating additions allowed) -> Apply Additions -> Emit CW Log,
 * prints the report and writes the log as CSV and as the HTML review report.
 */
async function main(): Promise<void> {
	const sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	try {
		console.log(`ConnectWise sandbox: ${sandbox.cw.url}   Atria sandbox: ${sandbox.atria.url}\n`);
		const result = await runCoreSync({
			cwUrl: sandbox.cw.url,
			atriaUrl: sandbox.atria.url,
			billingPeriod: '2026-10-25',
			allowCreateAdditions: true,
			runId: `demo-${new Date().toISOString().replace(/[:.]/g, '-')}`,
		});
		console.log(formatReport(result.entries, result.status));
		const folder = resolve(__dirname, '../../demo-output');
		mkdirSync(folder, { recursive: true });
		const file = resolve(folder, 'cw-log.csv');
		writeFileSync(file, toCsv(result.entries));
		const writes = sandbox.cw.journal().filter((entry) => entry.method !== 'GET').length;
		const report = writeHtmlReport(folder, result.entries, result.status);
		console.log(`\n${result.entries.length} log entries written to ${file}; ${result.requests.sent} requests, ${writes} writes to ConnectWise.`);
		console.log(`Review report (open it in a browser): ${report}`);
	} finally {
		await sandbox.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
