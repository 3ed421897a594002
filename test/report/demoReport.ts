import type { LogEntry } from '../../nodes/core/log/entry';
import { summarizeRun, type RunSummary } from '../../nodes/core/log/run';
import type { ReviewPolicy } from '../../nodes/core/plan/review';
import { renderHtmlReport } from '../../nodes/core/report/html';
import { startSandbox } from '../../sandbox';
import { cloneDemoDataset } from '../../sandbox/data/demo';
import { runCoreSync } from '../support/coreSync';

export interface BuiltReport {
	entries: LogEntry[];
	summary: RunSummary;
	html: string;
}

/**
 * The demo run (creating additions allowed) on the core against the sandbox, and its HTML report; with a review
 * policy, the lines it holds are logged held (ACW11) and not written.
 */
export async function buildDemoReport(runId = 'demo-report', review?: ReviewPolicy): Promise<BuiltReport> {
	const sandbox = await startSandbox({ dataset: cloneDemoDataset() });
	try {
		const result = await runCoreSync({ cwUrl: sandbox.cw.url, atriaUrl: sandbox.atria.url, billingPeriod: '2026-10-25', allowCreateAdditions: true, runId, review });
		const summary = summarizeRun(result.entries, result.status);
		return { entries: result.entries, summary, html: renderHtmlReport(result.entries, summary) };
	} finally {
		await sandbox.stop();
	}
}
