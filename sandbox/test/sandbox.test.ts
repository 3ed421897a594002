import { spawn } from 'node:child_process';
import { demoDataset } from '../data/demo';
import { startSandbox } from '../index';
import { tinyAtriaState, tinyCwState } from './support/fixtures';
import { cwHeaders, send } from './support/httpHelpers';

describe('startSandbox', () => {
	it('starts both simulators on free ports with empty states by default, and stops them', async () => {
		const sandbox = await startSandbox();
		const { cw, atria } = sandbox;
		expect(cw.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(cw.apiBase).toBe(`${cw.url}/v4_6_release/apis/3.0`);
		expect(atria.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(cw.state().companies).toEqual([]);
		expect(atria.state()).toEqual({ periodEndDay: 'last', periods: {}, defaultRows: null });
		expect((await send(`${cw.apiBase}/system/info`, { headers: cwHeaders() })).status).toBe(200);
		await sandbox.stop();
		await expect(fetch(`${cw.apiBase}/system/info`, { headers: cwHeaders() })).rejects.toThrow();
		await expect(fetch(`${atria.url}/api/billing/2026-01-31`)).rejects.toThrow();
	});

	it('seeds from a dataset, deep-copied, with per-simulator overrides', async () => {
		const dataset = { connectwise: tinyCwState(), atria: tinyAtriaState() };
		const sandbox = await startSandbox({ dataset, connectwise: { config: { rateLimitPerMinute: 5 } }, atria: { config: { naming: 'aliases' } } });
		try {
			dataset.connectwise.companies.length = 0;
			expect(sandbox.cw.state().companies).toHaveLength(3);
			expect(sandbox.cw.config().rateLimitPerMinute).toBe(5);
			expect(sandbox.atria.config().naming).toBe('aliases');
			const state = sandbox.cw.state();
			state.companies.length = 0;
			expect(sandbox.cw.state().companies).toHaveLength(3);
		} finally {
			await sandbox.stop();
		}
	});

	it('serves the demo dataset', async () => {
		const sandbox = await startSandbox({ dataset: demoDataset });
		try {
			const companies = await send(`${sandbox.cw.apiBase}/company/companies/count`, { headers: cwHeaders() });
			expect(companies.body.count).toBe(demoDataset.connectwise.companies.length);
			const rows = await send(`${sandbox.atria.url}/api/billing/${demoDataset.billingPeriodEnd}`, { headers: { Authorization: 'Bearer sandbox-token' } });
			expect(rows.status).toBe(200);
			expect(rows.body.length).toBeGreaterThan(0);
		} finally {
			await sandbox.stop();
		}
	});

	it('continues ids from the largest seeded id', async () => {
		const sandbox = await startSandbox({ dataset: demoDataset });
		try {
			const agreement = demoDataset.connectwise.agreements[0];
			const product = demoDataset.connectwise.catalog.find((item) => !item.inactiveFlag && item.productClass !== 'Bundle');
			const created = await send(`${sandbox.cw.apiBase}/finance/agreements/${agreement.id}/additions`, {
				method: 'POST',
				headers: { ...cwHeaders(), 'Content-Type': 'application/json' },
				body: JSON.stringify({ product: { id: product?.id }, billCustomer: 'Billable', quantity: 1 }),
			});
			expect(created.status).toBe(201);
			expect(created.body.id).toBe(Math.max(...demoDataset.connectwise.additions.map((addition) => addition.id)) + 1);
		} finally {
			await sandbox.stop();
		}
	});
});

describe('npm run sandbox', () => {
	it('prints the URLs and credentials, serves, and shuts down on SIGINT', async () => {
		const child = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'sandbox/cli.ts'], {
			cwd: `${__dirname}/../..`,
			env: { ...process.env, SANDBOX_CW_PORT: '0', SANDBOX_ATRIA_PORT: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		try {
			const deadline = Date.now() + 20000;
			while (!output.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(output).toContain('sandbox-public');
			expect(output).toContain('sandbox-private');
			expect(output).toContain('00000000-0000-4000-8000-000000000000');
			expect(output).toContain('sandbox-token');
			const apiBase = /API base:\s+(\S+)/.exec(output)?.[1];
			expect(apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v4_6_release\/apis\/3\.0$/);
			expect((await send(`${apiBase}/system/info`, { headers: cwHeaders() })).status).toBe(200);
		} finally {
			child.kill('SIGINT');
		}
		expect(await exited).toBe(0);
	}, 25000);
});
