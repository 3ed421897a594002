import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import { isAtLeast, LOG_LEVELS } from '../../core/codes/levels';
import type { LogEntry } from '../../core/log/entry';
import { closeRun, filterByLevel, summarizeRun, toLogRow } from '../../core/log/run';
import { renderHtmlReportBuffer, reportFileName } from '../../core/report/html';
import { slackText, summaryText } from '../../core/report/summaryText';
import { describeItemError, loggedItemSchema, fastSafeParse } from '../../core/contracts/items';
import { readParameter, readPerRun } from '../../shared/params';

/** Warn and Error entries carried in the summary item; the full log goes to the sink. */
const ATTENTION_LIMIT = 50;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const input = this.getInputData();
	// One log and one report for the whole run: the parameters are per run (input items must agree).
	const perRun = <T>(name: string, schema: z.ZodType<T>, fallback: T) =>
		readPerRun(this, name, (itemIndex) => readParameter(this, name, schema, fallback, itemIndex));
	const minimumLevel = perRun('minimumLevel', z.enum(LOG_LEVELS), 'Info');
	const attachHtmlReport = perRun('attachHtmlReport', z.boolean(), true);
	const reportBinaryProperty = attachHtmlReport
		? perRun('reportBinaryProperty', z.string().trim().min(1), 'report')
		: '';
	const gathered: LogEntry[] = [];
	const sourceItem = new Map<LogEntry, number>();
	let periodEnd: string | undefined;
	input.forEach((item, index) => {
		const parsed = fastSafeParse(loggedItemSchema, item.json);
		if (!parsed.success)
			throw new NodeOperationError(
				this.getNode(),
				describeItemError(parsed.error, index, 'an item with a CW log'),
				{ itemIndex: index },
			);
		periodEnd ??= parsed.data.billingPeriodEnd;
		for (const entry of parsed.data.log) {
			gathered.push(entry);
			sourceItem.set(entry, index);
		}
	});
	const runId = gathered[0]?.runId ?? randomUUID();
	const { status, entries } = closeRun(gathered, { runId, now: () => new Date() });
	const pairedItem = input.map((_, index) => ({ item: index }));
	// Each row pairs with the item its entry came from; CW23 closes the whole run, so it pairs with all.
	const rows = filterByLevel(entries, minimumLevel).map((entry) => {
		const source = sourceItem.get(entry);
		return {
			json: toLogRow(entry) as unknown as IDataObject,
			pairedItem: source === undefined ? pairedItem : { item: source },
		};
	});
	const attention = entries.filter((entry) => isAtLeast(entry.level, 'Warn'));
	// CW01 travels on the run's first item; a branch of the customers (the held ones) still names its period.
	const summary = summarizeRun(entries, status);
	summary.billingPeriodEnd ??= periodEnd ?? null;
	const text = summaryText(entries, summary);
	const summaryItem: INodeExecutionData = {
		json: {
			...summary,
			attention: attention.slice(0, ATTENTION_LIMIT).map(toLogRow),
			text,
			slackText: slackText(text),
		} as unknown as IDataObject,
		pairedItem,
	};
	if (attachHtmlReport) {
		const html = renderHtmlReportBuffer(entries, summary);
		summaryItem.binary = {
			[reportBinaryProperty]: await this.helpers.prepareBinaryData(
				html,
				reportFileName(summary),
				'text/html',
			),
		};
	}
	return [rows, [summaryItem]];
}
