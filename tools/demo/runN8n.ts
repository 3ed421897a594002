/**
 * `npm run demo [-- --ui]`: the package in a real n8n, installed as users install it.
 *
 * Builds and packs the package, starts the sandbox with the demo MSP, provisions the pinned n8n (first time
 * only), installs the tarball as a community package into a fresh user folder, imports the sandbox credentials
 * and a headless variant of workflows/monthly-sync-postgres.json (manual trigger, the demo's period, creating
 * additions allowed, no Slack), executes it with `n8n execute`, prints the report and writes the log as CSV and
 * as the HTML review report.
 * The log also lands in PostgreSQL (database atria_cw_demo, table cw_log) when PostgreSQL answers on
 * 127.0.0.1:5432. With --ui, n8n keeps running with the workflow loaded until Ctrl-C.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '../../nodes/core/log/run';
import { formatReport, toCsv, writeHtmlReport } from './report';
import { startSandbox } from '../../sandbox';
import { cloneDemoDataset, DEMO_BILLING_PERIOD_END } from '../../sandbox/data/demo';
import { buildAndPack } from '../e2e/communityPackage';
import { installSignalHandlers, onCleanup, runCleanups, wasInterrupted } from '../e2e/processes';
import { LOCAL_OWNER, EditorSession } from '../e2e/rest';
import { ensureN8nRuntime, formatSeconds, REPO_ROOT } from '../e2e/runtime';
import { documentedCwLogTable, executeWorkflow, freshUserFolder, importCredentials, importWorkflows, newInstallation, readLogEntries, readLogRows, readSummary, runSeconds, say, timed, CREDENTIALS } from '../e2e/scenario';
import { POSTGRES, Sql } from '../e2e/services';
import { applyNodeName, emitNodeName, headlessVariant, postgresTable } from '../e2e/workflows';

const DEMO_WORKFLOW_ID = 'AtriaCwDemoSync1';
const DEMO_LOG_DATABASE = 'atria_cw_demo';

async function postgresAnswers(sql: Sql): Promise<boolean> {
	try {
		await sql.query('SELECT 1', [], 'postgres');
		return true;
	} catch {
		return false;
	}
}

async function main(): Promise<void> {
	const ui = process.argv.includes('--ui');
	installSignalHandlers();
	const started = Date.now();
	const timings = new Map<string, number>();
	say('Atria -> ConnectWise billing sync: demo in a real n8n\n');

	const packed = await timed('build and npm pack', () => buildAndPack(join(REPO_ROOT, '.cache', 'demo-build.log')), timings);
	say(`    ${packed.tarball}`);
	const runtime = await timed('n8n ready', () => ensureN8nRuntime((line) => say(`    ${line}`)), timings);
	say(`    n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion}${runtime.provisionedNow ? ' (installed now)' : ' (from .cache/n8n)'}`);

	const sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	onCleanup(() => sandbox.stop());
	say(`  sandbox: ConnectWise ${sandbox.cw.url}, Atria ${sandbox.atria.url}`);

	const sql = Sql.forRuntime(runtime, DEMO_LOG_DATABASE);
	const withPostgres = await postgresAnswers(sql);
	if (withPostgres) {
		await sql.recreate();
		await sql.query(documentedCwLogTable());
		say(`  PostgreSQL: log table cw_log in database ${DEMO_LOG_DATABASE} (recreated)`);
	} else {
		say(`  PostgreSQL does not answer on ${POSTGRES.host}:${POSTGRES.port}: the workflow runs without its Postgres node`);
	}

	const userFolder = freshUserFolder('demo');
	// A failed demo keeps its user folder (n8n's logs are in it) until the next run.
	onCleanup(async () => {
		if (process.exitCode !== 1) rmSync(userFolder, { recursive: true, force: true });
	});
	const n8n = await timed(
		'community package installed',
		() => newInstallation(runtime, packed, userFolder),
		timings,
	);
	say(`    user folder ${userFolder}`);
	const workflow = headlessVariant({
		id: DEMO_WORKFLOW_ID,
		name: 'Atria to ConnectWise: Monthly Billing Sync (demo)',
		trigger: { kind: 'manual' },
		billingPeriodEnd: DEMO_BILLING_PERIOD_END,
		allowCreateAdditions: true,
		minimumLevel: 'Verbose',
		credentials: { ...CREDENTIALS, postgres: withPostgres ? CREDENTIALS.postgres : undefined },
	});
	await timed(
		'credentials and workflow imported',
		async () => {
			await importCredentials(n8n, sandbox, withPostgres ? sql.database : undefined);
			await importWorkflows(n8n, [{ workflow, fileName: 'demo-workflow.json' }]);
		},
		timings,
	);

	const { run } = await timed('workflow executed (n8n execute)', () => executeWorkflow(n8n, DEMO_WORKFLOW_ID, 'execute-demo.log'), timings);
	say(`    the workflow itself ran ${runSeconds(run)}; the rest is n8n starting up`);
	const emitNode = emitNodeName(workflow);
	const rows = readLogRows(run, emitNode);
	const summary = readSummary(run, emitNode);
	const entries = readLogEntries(run, applyNodeName(workflow), emitNode);
	if (entries.length !== rows.length) throw new Error(`Emit CW Log output ${rows.length} rows for ${entries.length} log entries`);

	say(`\n${formatReport(entries, summary.status)}\n`);
	const folder = join(REPO_ROOT, 'demo-output');
	mkdirSync(folder, { recursive: true });
	const csvFile = join(folder, 'cw-log.csv');
	writeFileSync(csvFile, toCsv(entries));
	const writes = sandbox.cw.journal().filter((entry) => entry.method !== 'GET').length;
	say(`${rows.length} log entries written to ${csvFile}; ${writes} writes to ConnectWise.`);
	say(`Review report (open it in a browser): ${writeHtmlReport(folder, entries, summary.status as RunStatus)}`);
	if (withPostgres) {
		const table = postgresTable(workflow)!;
		const [{ count }] = await sql.query<{ count: string }>(`SELECT count(*) FROM ${table.schema}.${table.table}`);
		say(`${count} rows in PostgreSQL: psql -h ${POSTGRES.host} -U ${POSTGRES.user} ${DEMO_LOG_DATABASE} -c 'SELECT level, code, "customerCode", sku, "quantityBefore", "quantityAfter" FROM cw_log'`);
	}
	say(`\nTimings: ${[...timings].map(([label, seconds]) => `${label} ${formatSeconds(seconds)}`).join('; ')}; total ${formatSeconds((Date.now() - started) / 1000)}.`);

	if (!ui) return;
	const server = await timed('n8n editor started', () => n8n.start('n8n main'), timings);
	const session = new EditorSession(server.url);
	await session.setupOwner(LOCAL_OWNER);
	say(`\nn8n is running with the workflow loaded (the sandbox too). Open ${server.url}/workflow/${DEMO_WORKFLOW_ID}`);
	say(`  login: ${LOCAL_OWNER.email}   password: ${LOCAL_OWNER.password}`);
	say(`  log: ${server.process.logFile}`);
	say('Press Ctrl-C to stop n8n and the sandbox.');
	await server.process.waitForExit();
	say('n8n stopped.');
}

main()
	.catch((error: unknown) => {
		if (wasInterrupted()) return;
		process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	})
	.finally(() => runCleanups());
