import { NodeConnectionTypes } from 'n8n-workflow';
import type { VersionDescription } from '../../shared/versioned';

export const versionDescription: VersionDescription = {
	version: 1,
	subtitle: '={{"Level " + $parameter["minimumLevel"] + " and above"}}',
	defaults: { name: 'Emit CW Log' },
	// Not offered as an AI tool: it closes and aggregates the whole run's log.
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
	outputNames: ['Log Entries', 'Summary'],
	properties: [
		{
			displayName:
				'One log and one report per run: an expression in these parameters must give the same value for every input item',
			name: 'perRunNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Minimum Level',
			name: 'minimumLevel',
			type: 'options',
			options: [
				{ name: 'Error', value: 'Error', description: 'Technical failures only' },
				{ name: 'Warn', value: 'Warn', description: 'Also data problems that need someone to act' },
				{ name: 'Info', value: 'Info', description: 'Also every change made' },
				{ name: 'Verbose', value: 'Verbose', description: 'Also every line found unchanged' },
			],
			default: 'Info',
			description: 'The least severe entries to output; the summary always counts all of them',
		},
		{
			displayName: 'Attach HTML Report',
			name: 'attachHtmlReport',
			type: 'boolean',
			default: true,
			description:
				'Whether to attach the review report to the summary item: one self-contained HTML page with every entry (sort, search, level filter, CSV download) and how to resolve each code, for an email or Slack file upload',
		},
		{
			displayName: 'Put Report in Field',
			name: 'reportBinaryProperty',
			type: 'string',
			default: 'report',
			required: true,
			displayOptions: { show: { attachHtmlReport: [true] } },
			description: 'The binary field of the summary item that holds the report',
		},
	],
	hints: [
		{
			message:
				'The first output has one row per log entry (for Google Sheets, Postgres or Convert to File); the second has one summary item (for Slack)',
			type: 'info',
			location: 'outputPane',
			whenToDisplay: 'always',
		},
	],
};
