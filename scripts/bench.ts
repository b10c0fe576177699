/**
 * npm run bench [-- --runs 5 --skip-build] [-- --only pdf]
 * Builds the site, serves it statically, and drives Debian's Chromium (playwright-core) with a
 * cold cache (a fresh browser context per run) to time, at 1x (the shipped data) and 100x
 * (npm run data:synthetic, served from a second local server with CORS through ?data=):
 *   first chart visible, DuckDB ready, region filter -> every chart updated (then a framework
 *   change two seconds later, and another region at once: nothing precomputed), JavaScript
 *   before the first chart (gzipped) and bytes in all; and, for the baseline (engine first,
 *   then query, then draw: no prerendered chart), first chart and filter update.
 * Also: extraction time per report and `data:build` time, and reading a 60-page PDF (below).
 * Prints a table of median / min / max and writes bench/results.json. Never asserts: figures only.
 *
 * --only pdf: only the PDF measures (written to bench/out/pdf.json, results.json untouched):
 *   the longest shared report printed by Chromium (scripts/lib/render-reports.ts) with the body
 *   font enlarged until it fills at least 60 A4 pages, the first 60 printed; then (a) the time
 *   the data room's own reader (src/lib/import/pdf.ts, built with vite into a small harness page,
 *   scripts/pdf-harness/, served by scripts/serve.ts) takes in Chromium from the bytes to the
 *   laid-out text, a fresh browser context each run (pdf.js worker start-up included), and (b)
 *   the extractor's time on that text in Node. Goals (issue 12): under 2 s and under 100 ms.
 */
import { execSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './lib/chromium';
import { pdfTextNode } from './lib/pdf-node';
import { REPORTS_DIR, renderReports, reportsToRender } from './lib/render-reports';
import { extract, statusOf } from '../src/lib/ingest/index';
import { serveStatic } from './serve';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const DATA_PORT = 4180;
/** Every view with charts that follow the filters: first chart, engine and filter figures for each. */
const VIEWS = ['/', '/standards/', '/risk-of-harm/', '/disproportionality/', '/trends/'];
/** The baseline (engine first, then query, then draw) is measured on these two. */
const BASELINE_VIEWS = ['/', '/standards/'];
const DATA_ORIGIN = `http://127.0.0.1:${DATA_PORT}`;

function stats(xs: number[]) {
	const s = [...xs].sort((a, b) => a - b);
	const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	return { median: Math.round(med * 10) / 10, min: Math.round(s[0] * 10) / 10, max: Math.round(s[s.length - 1] * 10) / 10, runs: s.length };
}

// Timing hooks, installed before any page script runs (by the browser, not the page: CSP
// intact). A string, not a function: tsx would add helpers the page does not have.
const HOOKS = `
window.__bench = {};
(function tick() {
	const b = window.__bench;
	if (!b.firstChart && !b.seen && document.querySelector('figure[data-chart] svg')) {
		b.seen = true;
		// the frame after the SVG exists is the frame it is painted in
		requestAnimationFrame(() => { b.firstChart = performance.now(); });
	}
	if (!b.ready && document.documentElement && document.documentElement.dataset.db === 'ready') b.ready = performance.now();
	if (!b.firstChart || !b.ready) requestAnimationFrame(tick);
})();
`;

const STATE = `({ bench: window.__bench, db: document.documentElement.dataset.db, error: (document.querySelector('.engine-error') || {}).textContent })`;

/** Poll an expression from outside the page (waitForFunction evaluates strings, which the CSP refuses). */
async function until(page: Page, expression: string, what: string, timeout = 120_000) {
	const end = Date.now() + timeout;
	while (Date.now() < end) {
		if (await page.evaluate(expression)) return;
		await new Promise((r) => setTimeout(r, 10));
	}
	throw new Error(`${what}: not within ${timeout / 1000} s (${JSON.stringify(await page.evaluate(STATE))})`);
}

async function open(browser: Browser, url: string) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	await context.addInitScript({ content: HOOKS });
	const page = await context.newPage();
	const js: { url: string; at: number }[] = [];
	const all: string[] = [];
	page.on('requestfinished', (r) => {
		const at = r.timing().responseEnd + r.timing().startTime;
		all.push(r.url());
		if (r.resourceType() === 'script' || r.url().endsWith('.js')) js.push({ url: r.url(), at });
	});
	const started = Date.now();
	await page.goto(url);
	await until(page, 'Boolean(window.__bench.ready && window.__bench.firstChart)', `${url}: first chart and engine ready`);
	const marks = (await page.evaluate('window.__bench')) as Record<string, number>;
	return { context, page, marks, js, all, started };
}

/** Change the region and time until every chart on the page has been redrawn (a string: see HOOKS). */
const FILTER_UPDATE = `(name, value) => {
	// a figure has been redrawn when its SVG is a new node (Svelte replaces it when the chart
	// changes) or, when the chart came out the same, its caption or coverage line says something else
	const state = (f) => ({ svg: f.querySelector('svg'), caption: f.querySelector('figcaption').textContent + (f.querySelector('.coverage') || {}).textContent });
	const before = [...document.querySelectorAll('figure[data-chart]')].map(state);
	const select = document.querySelector('select[data-filter="' + name + '"]');
	const t0 = performance.now();
	select.value = value;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	return new Promise((resolve, reject) => {
		const limit = setTimeout(() => reject(new Error('charts did not update within 30 s')), 30000);
		function check() {
			const now = [...document.querySelectorAll('figure[data-chart]')];
			const busy = now.some((f) => f.hasAttribute('data-loading'));
			const changed = now.every((f, i) => {
				const s = state(f);
				return s.svg !== before[i].svg || s.caption !== before[i].caption || f.querySelector('.empty');
			});
			if (!busy && changed && new URLSearchParams(location.search).get(name) === value) {
				clearTimeout(limit);
				requestAnimationFrame(() => resolve(performance.now() - t0));
			} else requestAnimationFrame(check);
		}
		requestAnimationFrame(check);
	});
}`;

async function filterUpdate(page: Page, name: string, value: string): Promise<number> {
	return page.evaluate(`(${FILTER_UPDATE})(${JSON.stringify(name)}, ${JSON.stringify(value)})`) as Promise<number>;
}

function bytesOf(buildDir: string, urls: string[]) {
	let raw = 0;
	let gz = 0;
	for (const u of urls) {
		const path = new URL(u).pathname;
		const file = join(buildDir, decodeURIComponent(path));
		if (!existsSync(file) || !file.match(/\.[a-z0-9]+$/)) continue;
		const bytes = readFileSync(file);
		raw += bytes.length;
		gz += gzipSync(bytes).length;
	}
	return { raw, gz };
}

const PDF_PAGES = 60;
const PDF_GOAL_MS = 2000;
const EXTRACT_GOAL_MS = 100;

/** The longest shared report printed to at least PDF_PAGES pages (larger body font), the first PDF_PAGES kept. */
async function sixtyPagePdf(): Promise<{ file: string; report: string; fontPt: number; pagesInAll: number }> {
	const report = reportsToRender()
		.map((f) => ({ f, n: readFileSync(join(REPORTS_DIR, f), 'utf8').length }))
		.sort((a, b) => b.n - a.n)[0].f;
	for (let fontPt = 11; fontPt <= 30; fontPt++) {
		// each size is printed once, then cached in test-results/renderings/
		const [all] = await renderReports([report], { fontPt });
		const { pages } = await pdfTextNode(new Uint8Array(readFileSync(all.files.pdf)));
		if (pages < PDF_PAGES) continue;
		const [cut] = await renderReports([report], { fontPt, pageRanges: `1-${PDF_PAGES}` });
		return { file: cut.files.pdf, report, fontPt, pagesInAll: pages };
	}
	throw new Error(`bench: ${report} does not fill ${PDF_PAGES} pages even at 30 pt`);
}

/** (a) reading a 60-page PDF in Chromium with the data room's reader, (b) extracting its text in Node. */
async function pdfBench(): Promise<{ results: Record<string, ReturnType<typeof stats> | number | string>; note: string }> {
	process.stderr.write(`bench: a ${PDF_PAGES}-page PDF…\n`);
	const pdf = await sixtyPagePdf();
	const out = join(ROOT, 'bench', 'out', 'pdf-harness');
	process.stderr.write('bench: building the PDF harness page…\n');
	const { build } = await import('vite');
	await build({
		configFile: false,
		root: join(ROOT, 'scripts', 'pdf-harness'),
		base: './',
		logLevel: 'warn',
		build: { outDir: out, emptyOutDir: true, assetsInlineLimit: 0 }
	});
	mkdirSync(out, { recursive: true });
	copyFileSync(pdf.file, join(out, 'bench.pdf'));
	const site = await serveStatic(out);
	const browser = await launchChromium();
	const read: number[] = [];
	let text = '';
	try {
		for (let r = 0; r < RUNS; r++) {
			process.stderr.write(`bench: reading the PDF in Chromium, run ${r + 1}\n`);
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.goto(`${site.url}/index.html`);
			await until(page, "document.documentElement.dataset.ready === 'true'", 'PDF harness ready', 30_000);
			const got = (await page.evaluate("window.readPdf('bench.pdf')")) as { ms: number; chars: number; text: string };
			read.push(got.ms);
			text = got.text;
			await context.close();
		}
	} finally {
		await browser.close();
		site.server.close();
	}
	const times: number[] = [];
	let status = '';
	// one run first to compile the extractor's code, as the per-report figures above do
	extract(text);
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		const r = extract(text);
		times.push(performance.now() - t);
		status = r.ok ? statusOf(r.value) : `refused: ${r.reason}`;
	}
	const bytes = readFileSync(pdf.file).length;
	const note =
		`${PDF_PAGES}-page PDF: ${pdf.report} printed by Chromium with a ${pdf.fontPt} pt body font (${pdf.pagesInAll} pages), ` +
		`pages 1-${PDF_PAGES} kept (${Math.round(bytes / 1024)} KB, ${text.length} characters of text; the extractor: ${status})`;
	const readStats = stats(read);
	const extractStats = stats(times);
	return {
		note,
		results: {
			[`read a ${PDF_PAGES}-page PDF in Chromium, data room reader (ms; goal < ${PDF_GOAL_MS}: ${readStats.median < PDF_GOAL_MS ? 'met' : 'NOT met'})`]:
				readStats,
			[`extract the text of that PDF in Node (ms; goal < ${EXTRACT_GOAL_MS}: ${extractStats.median < EXTRACT_GOAL_MS ? 'met' : 'NOT met'})`]:
				extractStats
		}
	};
}

function printTable(results: Record<string, ReturnType<typeof stats> | number | string>) {
	console.log('| measure | median | min | max |\n|---|---|---|---|');
	for (const [k, v] of Object.entries(results)) {
		if (typeof v === 'object') console.log(`| ${k} | ${v.median} | ${v.min} | ${v.max} |`);
		else console.log(`| ${k} | ${v} | | |`);
	}
}

async function main() {
	if (ONLY !== undefined) {
		if (ONLY !== 'pdf') throw new Error(`--only ${ONLY}: the only measures that run on their own are "pdf"`);
		const { results, note } = await pdfBench();
		const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
		mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
		writeFileSync(
			join(ROOT, 'bench', 'out', 'pdf.json'),
			JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, note, results }, null, '\t') + '\n'
		);
		console.log(`\nMachine: ${machine}; ${RUNS} runs each\n${note}\n`);
		printTable(results);
		return;
	}
	if (!args.includes('--skip-build')) {
		console.error('bench: building the site…');
		execSync('npx vite build', {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, YJ_DATA_ORIGINS: DATA_ORIGIN }
		});
	}
	if (!existsSync(join(ROOT, 'data-synthetic', 'manifest.json'))) {
		console.error('bench: generating the 100x synthetic dataset…');
		execSync('npx tsx scripts/data-synthetic.ts --scale 100', { cwd: ROOT, stdio: 'inherit' });
	}
	// ?baseline: the usual approach, a page with no chart in its HTML (the app then draws the
	// charts only after the engine has loaded and answered, see LiveView)
	const site = await serveStatic(join(ROOT, 'build'), 0, {
		html: (html, url) => (url.searchParams.has('baseline') ? html.replace(/<svg[^>]*class="plot[\s\S]*?<\/svg>/g, '') : html)
	});
	const data = await serveStatic(join(ROOT, 'data-synthetic'), DATA_PORT, { headers: { 'access-control-allow-origin': '*' } });
	const browser = await launchChromium();
	const results: Record<string, ReturnType<typeof stats> | number | string> = {};
	const record = (name: string, xs: number[]) => (results[name] = stats(xs));

	const scales = args.includes('--only-100x') ? (['100x'] as const) : (['1x', '100x'] as const);
	for (const scale of scales) {
		const q = scale === '100x' ? `?data=${encodeURIComponent(`${DATA_ORIGIN}/`)}` : '';
		for (const path of VIEWS) {
			for (const mode of BASELINE_VIEWS.includes(path) ? (['ours', 'baseline'] as const) : (['ours'] as const)) {
				const first: number[] = [];
				const ready: number[] = [];
				const update: number[] = [];
				const other: number[] = [];
				const cold: number[] = [];
				let jsBefore = { raw: 0, gz: 0 };
				let total = { raw: 0, gz: 0 };
				for (let r = 0; r < RUNS; r++) {
					const sep = q ? '&' : '?';
					const url = `${site.url}${path}${q}${mode === 'baseline' ? `${sep}baseline` : ''}`;
					process.stderr.write(`bench: ${scale} ${path} ${mode} run ${r + 1}\n`);
					const { context, page, marks, js, all } = await open(browser, url);
					first.push(marks.firstChart);
					ready.push(marks.ready);
					await until(page, "document.querySelectorAll('figure[data-loading]').length === 0", `${url}: charts settled`);
					// a reader looks at the page before touching a filter: give the idle time a reader gives
					await new Promise((r) => setTimeout(r, 2000));
					update.push(await filterUpdate(page, 'region', 'North West'));
					// another filter, after the reader has looked again
					await new Promise((r) => setTimeout(r, 2000));
					other.push(await filterUpdate(page, 'framework', 'yjs-2021'));
					// and at once another region: a combination nothing has worked out in advance (the
					// idle-time work for the last change may have started, and is then in the way)
					cold.push(await filterUpdate(page, 'region', 'London'));
					const nav = (await page.evaluate('performance.timeOrigin')) as number;
					jsBefore = bytesOf(
						join(ROOT, 'build'),
						js.filter((j) => j.at - nav <= marks.firstChart).map((j) => j.url)
					);
					total = bytesOf(
						join(ROOT, 'build'),
						all.filter((u) => u.startsWith(site.url))
					);
					await context.close();
				}
				const key = `${scale} ${path} ${mode}`;
				record(`${key}: first chart (ms)`, first);
				record(`${key}: DuckDB ready (ms)`, ready);
				record(`${key}: filter -> charts updated (ms)`, update);
				record(`${key}: second filter (framework, 2 s later) -> charts updated (ms)`, other);
				record(`${key}: region again at once (London, not precomputed) -> charts updated (ms)`, cold);
				if (mode === 'ours' && scale === '1x') {
					results[`${key}: JS before first chart (KB gz)`] = Math.round(jsBefore.gz / 102.4) / 10;
					results[`${key}: bytes from the site, all (KB raw / KB gz)`] = `${Math.round(total.raw / 1024)} / ${Math.round(total.gz / 1024)}`;
				}
			}
		}
	}
	const chromiumVersion = browser.version();
	await browser.close();
	site.server.close();
	data.server.close();

	for (const scale of scales) {
		for (const path of BASELINE_VIEWS) {
			const ours = results[`${scale} ${path} ours: first chart (ms)`] as ReturnType<typeof stats>;
			const base = results[`${scale} ${path} baseline: first chart (ms)`] as ReturnType<typeof stats>;
			const ou = results[`${scale} ${path} ours: filter -> charts updated (ms)`] as ReturnType<typeof stats>;
			const bu = results[`${scale} ${path} baseline: filter -> charts updated (ms)`] as ReturnType<typeof stats>;
			results[`${scale} ${path}: baseline / ours, first chart`] = Math.round((base.median / ours.median) * 10) / 10;
			results[`${scale} ${path}: baseline / ours, filter update`] = Math.round((bu.median / ou.median) * 10) / 10;
		}
	}

	// extraction and data build
	const reports = readdirSync(join(ROOT, '..', 'shared', 'reports')).filter((f) => f.endsWith('.txt'));
	for (const f of reports) {
		const text = readFileSync(join(ROOT, '..', 'shared', 'reports', f), 'utf8');
		extract(text);
		const xs: number[] = [];
		for (let i = 0; i < 20; i++) {
			const t = performance.now();
			extract(text);
			xs.push(performance.now() - t);
		}
		record(`extract ${f} (ms)`, xs);
	}
	const builds: number[] = [];
	for (let i = 0; i < 3; i++) {
		const out = mkdtempSync(join(tmpdir(), 'yj-bench-data-'));
		const t = performance.now();
		execSync('npx tsx scripts/data-build.ts', { cwd: ROOT, stdio: 'ignore', env: { ...process.env, YJ_DATA_OUT: out } });
		builds.push(performance.now() - t);
		rmSync(out, { recursive: true, force: true });
	}
	record('npm run data:build (ms)', builds);

	const pdfRun = await pdfBench();
	Object.assign(results, pdfRun.results);
	results['60-page PDF'] = pdfRun.note;

	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromiumVersion}`;
	writeFileSync(
		join(ROOT, 'bench', 'results.json'),
		JSON.stringify({ date: new Date().toISOString(), machine, runs: RUNS, results }, null, '\t') + '\n'
	);
	console.log(`\nMachine: ${machine}; ${RUNS} runs each, cold cache\n`);
	printTable(results);
}

main().catch((e) => {
	console.error(`bench: ${(e as Error).stack ?? e}`);
	process.exit(1);
});
