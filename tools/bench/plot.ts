/**
 * The README's plot: wall time and time floor per size (and the n8n run), as an SVG rendered to PNG with
 * resvg (a devDependency; without it only the SVG is written). Also a CLI to redraw from a results file:
 * `npx ts-node --transpile-only tools/bench/plot.ts tools/bench/results/latest.json [out.png]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './results';

interface Bar {
	label: string;
	seconds: number;
	color: string;
	note?: string;
}

interface Group {
	title: string;
	subtitle: string;
	bars: Bar[];
}

const COLORS = { wall: '#1f6feb', floor: '#8b949e', n8n: '#e36209' };
const FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function niceStep(max: number): number {
	const rough = max / 6;
	const power = 10 ** Math.floor(Math.log10(rough));
	return [1, 2, 2.5, 5, 10].map((m) => m * power).find((step) => step >= rough) ?? power * 10;
}

function groupsOf(results: BenchResults): Group[] {
	return results.runs
		.filter((run) => run.engine === 'core')
		.map((run) => {
			const bars: Bar[] = [
				{ label: 'wall (core)', seconds: run.client.wallMs / 1000, color: COLORS.wall },
				{
					label: 'floor',
					seconds: run.floor.floorS,
					color: COLORS.floor,
					note: run.floor.rateFloorS >= run.floor.latencyFloorS ? 'rate' : 'latency',
				},
			];
			const n8n = results.runs.find((other) => other.engine === 'n8n' && other.customers === run.customers);
			if (n8n) bars.push({ label: 'wall (n8n)', seconds: n8n.client.wallMs / 1000, color: COLORS.n8n });
			return {
				title: `${run.customers.toLocaleString('en-US')} customers`,
				subtitle: `${(run.customers * run.facts.lines / run.customers).toLocaleString('en-US')} lines, limit ${run.serverRpm.toLocaleString('en-US')}/min`,
				bars,
			};
		});
}

export function plotSvg(results: BenchResults): string {
	const width = 960;
	const height = 580;
	const margin = { top: 100, right: 24, bottom: 92, left: 78 };
	const plotWidth = width - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const groups = groupsOf(results);
	const maxSeconds = Math.max(1, ...groups.flatMap((group) => group.bars.map((bar) => bar.seconds)));
	const step = niceStep(maxSeconds * 1.08);
	const top = Math.ceil((maxSeconds * 1.08) / step) * step;
	const y = (s: number): number => margin.top + plotHeight - (s / top) * plotHeight;
	const parts: string[] = [];
	parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`);
	parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
	const o = results.options;
	parts.push(`<text x="${margin.left}" y="30" font-size="20" font-weight="bold" fill="#24292f">Sync wall time against the time floor, by size</text>`);
	const subtitle = [
		`ConnectWise latency ${o.latencyMs} ms per request, concurrency ${o.concurrency}, client budget = the simulator's limit; ${results.machine.cores} cores`,
		'floor = max(accepted requests / limit per minute, latency x requests / concurrency)',
	];
	subtitle.forEach((text, i) => parts.push(`<text x="${margin.left}" y="${54 + i * 18}" font-size="13" fill="#57606a">${escapeXml(text)}</text>`));
	for (let s = 0; s <= top + 1e-9; s += step) {
		const yy = y(s);
		parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${yy}" y2="${yy}" stroke="#d0d7de" stroke-width="1"/>`);
		parts.push(`<text x="${margin.left - 8}" y="${yy + 4}" font-size="12" text-anchor="end" fill="#57606a">${s >= 100 ? Math.round(s) : +s.toFixed(1)}</text>`);
	}
	parts.push(`<text transform="translate(22 ${margin.top + plotHeight / 2}) rotate(-90)" font-size="13" text-anchor="middle" fill="#24292f">seconds</text>`);
	const groupWidth = plotWidth / Math.max(1, groups.length);
	const barWidth = Math.min(70, (groupWidth * 0.7) / 3);
	groups.forEach((group, g) => {
		const center = margin.left + groupWidth * (g + 0.5);
		const start = center - (group.bars.length * barWidth) / 2;
		group.bars.forEach((bar, b) => {
			const x = start + b * barWidth;
			const yy = y(bar.seconds);
			parts.push(`<rect x="${x + 3}" y="${yy}" width="${barWidth - 6}" height="${margin.top + plotHeight - yy}" fill="${bar.color}" rx="2"/>`);
			const value = bar.seconds >= 100 ? `${Math.round(bar.seconds)} s` : `${bar.seconds.toFixed(1)} s`;
			parts.push(`<text x="${x + barWidth / 2}" y="${yy - 6}" font-size="12" text-anchor="middle" fill="#24292f">${value}</text>`);
			if (bar.note) parts.push(`<text x="${x + barWidth / 2}" y="${yy - 20}" font-size="10" text-anchor="middle" fill="#57606a">(${bar.note})</text>`);
		});
		parts.push(`<text x="${center}" y="${margin.top + plotHeight + 24}" font-size="14" font-weight="bold" text-anchor="middle" fill="#24292f">${escapeXml(group.title)}</text>`);
		parts.push(`<text x="${center}" y="${margin.top + plotHeight + 42}" font-size="12" text-anchor="middle" fill="#57606a">${escapeXml(group.subtitle)}</text>`);
	});
	parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#24292f"/>`);
	const legend: Array<[string, string]> = [
		['wall time, core (one executor)', COLORS.wall],
		['time floor', COLORS.floor],
		['wall time, n8n WorkflowExecute', COLORS.n8n],
	];
	let lx = margin.left;
	for (const [label, color] of legend) {
		parts.push(`<rect x="${lx}" y="${height - 26}" width="14" height="14" fill="${color}" rx="2"/>`);
		parts.push(`<text x="${lx + 20}" y="${height - 14}" font-size="13" fill="#24292f">${escapeXml(label)}</text>`);
		lx += 26 + label.length * 7.4;
	}
	parts.push('</svg>');
	return parts.join('\n');
}

/** The part of @resvg/resvg-js used here. */
interface ResvgModule {
	Resvg: new (
		svg: string,
		options: { font: { loadSystemFonts: boolean; defaultFontFamily: string }; fitTo: { mode: 'width'; value: number } },
	) => { render(): { asPng(): Buffer } };
}

/** PNG bytes, or undefined when resvg is not installed. */
export function renderPng(svg: string): Buffer | undefined {
	let resvg: ResvgModule;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		resvg = require('@resvg/resvg-js') as ResvgModule;
	} catch {
		return undefined;
	}
	const renderer = new resvg.Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: 1440 } });
	return renderer.render().asPng();
}

/** Writes `<base>.svg` and, when resvg is there, `<base>.png`; returns the paths written. */
export function writePlot(results: BenchResults, base: string): string[] {
	const svg = plotSvg(results);
	writeFileSync(`${base}.svg`, svg);
	const png = renderPng(svg);
	if (!png) return [`${base}.svg`];
	writeFileSync(`${base}.png`, png);
	return [`${base}.svg`, `${base}.png`];
}

if (require.main === module) {
	const [input, output] = process.argv.slice(2);
	if (!input) {
		process.stderr.write('usage: ts-node --transpile-only tools/bench/plot.ts <results.json> [out-base, default: next to the input]\n');
		process.exit(2);
	}
	const results = JSON.parse(readFileSync(input, 'utf8')) as BenchResults;
	const base = output ? output.replace(/\.(png|svg)$/, '') : input.replace(/[^/]*\.json$/, 'wall-vs-floor');
	for (const path of writePlot(results, base)) process.stdout.write(`wrote ${path}\n`);
}
