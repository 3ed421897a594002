/**
 * The review workflow (workflows/review-and-approve.json) in the real n8n: `n8n execute` runs it until its Send
 * Email node (Send and Wait for Response) has emailed the held lines to the SMTP sink and put the execution to
 * wait; then, with `n8n start` listening where the email's links point, the Approve link is opened as a person's
 * browser opens it, n8n's waiting webhook resumes the execution, and the held lines are written.
 */
import type { LogRow } from '../../nodes/core/log/run';
import { unpackLines } from '../../nodes/core/contracts/itemLines';
import type { PlanLine } from '../../nodes/core/plan/types';
import type { Sandbox } from '../../sandbox';
import type { CwState, ExpectedOutcome } from '../../sandbox/model';
import { expectedLines, stateLines } from '../../test/support/outcome';
import type { Checks } from './checks';
import type { N8n } from './n8n';
import type { PublicApi } from './rest';
import { executeWorkflow, nodeOutput, readLogRows, runSeconds, say, timed, type ExecutionRun } from './scenario';
import { decodeEntities, readMail, type SmtpSink } from './smtpSink';
import type { WorkflowJson } from './workflows';

/** The node names of workflows/review-and-approve.json the checks read. */
const NODES = {
	reconcile: 'Reconcile Agreement',
	summarize: 'Summarize Held Lines',
	ask: 'Ask Billing Admin to Approve',
	after: ['Held Plans with Decision', 'Apply Approved Lines', 'All Customers', 'Emit CW Log', 'Insert into cw_log'],
	emit: 'Emit CW Log',
	decided: 'Held Plans with Decision',
};
/** isbot and n8n's preview-service check answer a request without a browser's user agent with an empty page. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

interface Plan {
	customer: { code: string } | null;
	agreement: { id: number } | null;
	lines: PlanLine[];
	review?: { needsApproval: boolean; heldLineIds: string[] };
}
interface HeldLine {
	customer: string;
	line: PlanLine;
}

export interface WaitingReview {
	run: ExecutionRun;
	plans: Plan[];
	held: HeldLine[];
	approveUrl: string;
	declineUrl: string;
	before: CwState;
}

function writes(plans: Plan[], decision: 'auto' | 'hold'): HeldLine[] {
	return plans.flatMap((plan) => plan.lines.filter((line) => line.review?.decision === decision).map((line) => ({ customer: plan.customer?.code ?? '', line })));
}

/** A line as ConnectWise has it: its addition's quantity, or for a new line the quantities of its product's additions. */
function inConnectWise(state: CwState, line: PlanLine): unknown {
	if (line.additionId !== undefined) return state.additions.find((addition) => addition.id === line.additionId)?.quantity;
	return state.additions.filter((addition) => addition.agreementId === line.agreementId && addition.product.identifier === line.product?.identifier).map((addition) => addition.quantity);
}

/** What a held line must be after approval, in inConnectWise's terms. */
function planned(line: PlanLine): unknown {
	return line.additionId !== undefined ? line.quantityAfter : [line.quantityAfter];
}

function differing(lines: HeldLine[], state: CwState, want: (line: PlanLine) => unknown): string[] {
	return lines
		.filter(({ line }) => JSON.stringify(inConnectWise(state, line)) !== JSON.stringify(want(line)))
		.map(({ customer, line }) => `${customer} ${line.lineId} ${line.sku}: ${JSON.stringify(inConnectWise(state, line))}, expected ${JSON.stringify(want(line))}`);
}

/**
 * Part one: `n8n execute` until the execution waits. The links of the email point at `httpPort`, where the main
 * that resumes it will listen.
 */
export async function runReviewUntilApproval(
	checks: Checks,
	n8n: N8n,
	sandbox: Sandbox,
	smtp: SmtpSink,
	workflowId: string,
	httpPort: number,
	timings: Map<string, number>,
): Promise<WaitingReview | undefined> {
	const before = sandbox.cw.state();
	const mailsBefore = smtp.messages.length;
	const { run } = await timed('review workflow until the approval (n8n execute)', () => executeWorkflow(n8n, workflowId, 'execute-review.log', httpPort), timings);
	say(`    the workflow itself ran ${runSeconds(run)} and waits`);
	checks.check(`review: n8n execute leaves the execution waiting in '${NODES.ask}'`, run.status === 'waiting' && run.data.resultData.lastNodeExecuted === NODES.ask, () =>
		`status ${run.status}, last node ${run.data.resultData.lastNodeExecuted}, error ${run.data.resultData.error?.message}`,
	);
	// Items carry their lines packed (nodes/core/contracts/itemLines.ts): read them in full.
	const plans = (nodeOutput(run, NODES.reconcile) as unknown as Plan[]).map((plan) => ({
		...plan,
		lines: unpackLines(plan.agreement?.id, plan.lines) as PlanLine[],
	}));
	const held = writes(plans, 'hold');
	const auto = writes(plans, 'auto').filter(({ line }) => line.additionId !== undefined);
	checks.check(`review: the review policy holds some lines (${held.length}) and lets others through (${auto.length})`, held.length > 0 && auto.length > 0);
	const now = sandbox.cw.state();
	const touched = differing(held, now, (line) => inConnectWise(before, line));
	checks.check(`review, waiting: the ${held.length} held lines are untouched in ConnectWise`, touched.length === 0, () => touched.join('\n'));
	const notWritten = differing(auto, now, (line) => line.quantityAfter);
	checks.check(`review, waiting: the ${auto.length} lines the policy let through carry their planned quantities`, notWritten.length === 0, () => notWritten.join('\n'));
	const ranEarly = NODES.after.filter((name) => run.data.resultData.runData[name] !== undefined);
	checks.check('review, waiting: nothing after the approval ran yet (the decision merge, Apply Approved Lines, All Customers, the log, PostgreSQL)', ranEarly.length === 0, () => ranEarly.join(', '));

	const mail = await smtp.waitForMessage(() => true, 30000, mailsBefore).catch(() => undefined);
	if (!checks.check('review: the approval email reached the SMTP server', mail !== undefined)) return undefined;
	const read = readMail(mail!);
	// The message is Summarize Held Lines' summary text (the held lines and their money), HTML-escaped by n8n.
	const summary = String(nodeOutput(run, NODES.summarize, 1)[0]?.text ?? '');
	checks.check(
		`review: the email goes to ${read.to} with the summary of the held lines (${summary.split('\n').length} lines of text)`,
		read.to === 'billing-admin@example.com' && summary !== '' && decodeEntities(read.html).includes(summary),
		() => `to ${read.to}; summary:\n${summary}\nemail:\n${decodeEntities(read.html).slice(0, 3000)}`,
	);
	const resumeLink = (approved: boolean) =>
		read.links.find((link) => {
			const url = new URL(link);
			return url.pathname.startsWith('/webhook-waiting/') && url.searchParams.get('approved') === String(approved) && /^[0-9a-f]{64}$/.test(url.searchParams.get('signature') ?? '');
		});
	const approveUrl = resumeLink(true);
	const declineUrl = resumeLink(false);
	const onPort = [approveUrl, declineUrl].every((link) => link !== undefined && new URL(link).port === String(httpPort));
	if (
		!checks.check(`review: the email has signed Approve and Decline links to n8n's /webhook-waiting/ on port ${httpPort}`, onPort, () => read.links.join('\n'))
	)
		return undefined;
	return { run, plans, held, approveUrl: approveUrl!, declineUrl: declineUrl!, before };
}

interface PublicExecution {
	id: string;
	status: string;
	finished: boolean;
	stoppedAt: string | null;
	startedAt: string;
	data?: ExecutionRun['data'];
}

/**
 * Part two, with the main running on the links' port: the execution is found waiting, the Approve link opened,
 * and the resumed execution checked to its end: the held lines written, ConnectWise as the whole sync leaves it,
 * the log in PostgreSQL.
 */
export async function approveReview(
	checks: Checks,
	api: PublicApi,
	sandbox: Sandbox,
	workflow: WorkflowJson,
	waiting: WaitingReview,
	expected: ExpectedOutcome,
	checkLogTable: (label: string, workflow: WorkflowJson, rows: readonly LogRow[]) => Promise<void>,
	timings: Map<string, number>,
): Promise<void> {
	const list = await api.request<{ data: PublicExecution[] }>('GET', `/executions?workflowId=${workflow.id}&status=waiting&limit=5`);
	const execution = list.data[0];
	if (!checks.check(`review: n8n lists the execution as waiting (${list.data.length})`, list.data.length === 1)) return;
	checks.check(`review: the email's links resume execution ${execution.id}`, new URL(waiting.approveUrl).pathname.split('/')[2] === execution.id, () => waiting.approveUrl);
	const still = differing(waiting.held, sandbox.cw.state(), (line) => inConnectWise(waiting.before, line));
	checks.check('review, waiting: with n8n started the held lines are still untouched (only the link resumes)', still.length === 0, () => still.join('\n'));

	const finished = await timed(
		'review approved (Approve link opened, execution resumed to its end)',
		async () => {
			const response = await fetch(waiting.approveUrl, { headers: { 'user-agent': BROWSER }, signal: AbortSignal.timeout(60000) });
			const page = await response.text();
			checks.check(`review: opening the Approve link answers HTTP 200 with n8n's page`, response.ok && page.length > 0, () => `HTTP ${response.status}: ${page.slice(0, 500)}`);
			const deadline = Date.now() + 180000;
			for (;;) {
				const current = await api.request<PublicExecution>('GET', `/executions/${execution.id}?includeData=true`);
				if (current.status !== 'waiting' && current.status !== 'running' && current.stoppedAt) return current;
				if (Date.now() > deadline) throw new Error(`execution ${execution.id} is still ${current.status} 3 minutes after the approval`);
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
		},
		timings,
	);
	const run: ExecutionRun = { data: finished.data! };
	checks.check(`review, approved: the execution finished with success`, finished.status === 'success', () =>
		`${finished.status}: ${run.data.resultData.error?.message ?? ''}`,
	);
	const answer = nodeOutput(run, NODES.ask).map((item) => (item.data as { approved?: unknown } | undefined)?.approved);
	checks.equal(`review, approved: '${NODES.ask}' outputs n8n's answer data.approved = true`, answer, [true]);
	const decided = nodeOutput(run, NODES.decided);
	checks.check(
		`review, approved: every held plan (${decided.length}) reaches Apply Approved Lines with the answer`,
		decided.length === new Set(waiting.held.map(({ customer }) => customer)).size && decided.every((item) => (item.data as { approved?: unknown }).approved === true),
	);
	const after = sandbox.cw.state();
	const wrong = differing(waiting.held, after, planned);
	checks.check(`review, approved: the ${waiting.held.length} held lines carry their planned quantities`, wrong.length === 0, () => wrong.join('\n'));
	checks.equal('review, approved: ConnectWise holds exactly the expected additions (safe lines, then approved ones, are the whole sync)', stateLines(after), expectedLines(expected.additions));
	const rows = readLogRows(run, NODES.emit);
	const approvedRows = rows.filter((row) => row.review === 'approved');
	checks.check(
		`review, approved: the log has every held line as approved (${approvedRows.length}) and no ACW11 left`,
		approvedRows.length === waiting.held.length && !rows.some((row) => row.code === 'ACW11'),
		() => rows.filter((row) => row.code === 'ACW11' || row.review === 'approved').map((row) => `${row.code} ${row.customerCode} ${row.sku} ${row.review}`).join('\n'),
	);
	const customers = new Set(waiting.plans.map((plan) => plan.customer?.code).filter(Boolean));
	const logged = new Set(rows.map((row) => row.customerCode).filter(Boolean));
	checks.check(`review, approved: the one log covers every customer (${customers.size}), those that waited and those that did not`, [...customers].every((code) => logged.has(code!)));
	await checkLogTable('review, approved', workflow, rows);
}
