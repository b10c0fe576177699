/**
 * npm run bench [-- --runs 5 --skip-build] [-- --only pdf] [-- --only fast] [-- --skip-slow]
 * Builds the site, serves it statically, and drives Debian's Chromium (playwright-core) with a
 * cold cache (a fresh browser context per run) to time, at 1x (the shipped data) and 100x
 * (npm run data:synthetic, served from a second local server with CORS through ?data=):
 *   first chart visible, DuckDB ready, region filter -> every chart updated (then a framework
 *   change two seconds later, and another region at once: nothing precomputed), JavaScript
 *   before the first chart (gzipped) and bytes in all; and, for the baseline (engine first,
 *   then query, then draw: no prerendered chart), first chart and filter update.
 * Also: extraction time per report and `data:build` time, and reading a 60-page PDF (below).
 *
 * The slow profile (issue 15; --slow-runs N, default 3, --skip-slow to leave it out): a council
 * laptop over a slow link, CPU throttled 4x and the network at 1.6 Mbps down, 150 ms latency
 * (CDP Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions), cold cache, on
 * /standards/: first chart; a shared link with one filter (?region=London) right (every figure
 * says "Filters: London", none recomputing); the first single-filter change (a region, 1 s after
 * the first chart, the engine not asked for); the first combined change after it (a rating: the
 * engine must load; measured on --slow-combined-runs runs, default 1, since it waits for the
 * engine's whole download); bytes transferred before the first usable filter (the filter bar
 * live: html[data-db] set after hydration) and their gzipped size. The loopback profile adds the
 * shared link with one filter to the figures above.
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
const argNumber = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) || fallback : fallback);
const SLOW_RUNS = argNumber('--slow-runs', 3);
const SLOW_COMBINED_RUNS = argNumber('--slow-combined-runs', 1);
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
	const db = document.documentElement && document.documentElement.dataset.db;
	if (!b.ready && db === 'ready') b.ready = performance.now();
	// the filter bar is live (hydrated: the layout sets data-db, "idle" at the least)
	if (!b.live && db) b.live = performance.now();
	// a shared link with filters: every figure fresh for them (its filters line), none recomputing
	const want = window.__benchWant;
	if (want && !b.right && !b.rightSeen) {
		const figs = [...document.querySelectorAll('figure[data-chart]')];
		if (figs.length && figs.every((f) => !f.hasAttribute('data-loading') && (f.querySelector('.filters-line') || {}).textContent === want)) {
			b.rightSeen = true;
			requestAnimationFrame(() => { b.right = performance.now(); });
		}
	}
	if (!b.firstChart || !b.ready || !b.live || (want && !b.right)) requestAnimationFrame(tick);
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
const FILTER_UPDATE = `(name, value, limitMs = 30000) => {
	// a figure has been redrawn when its SVG is a new node (Svelte replaces it when the chart
	// changes) or, when the chart came out the same, its caption or coverage line says something else
	const state = (f) => ({ svg: f.querySelector('svg'), caption: f.querySelector('figcaption').textContent + (f.querySelector('.coverage') || {}).textContent });
	const before = [...document.querySelectorAll('figure[data-chart]')].map(state);
	const select = document.querySelector('select[data-filter="' + name + '"]');
	const t0 = performance.now();
	select.value = value;
	select.dispatchEvent(new Event('change', { bubbles: true }));
	return new Promise((resolve, reject) => {
		const limit = setTimeout(() => reject(new Error('charts did not update within ' + limitMs / 1000 + ' s')), limitMs);
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

async function filterUpdate(page: Page, name: string, value: string, limitMs = 30_000): Promise<number> {
	return page.evaluate(`(${FILTER_UPDATE})(${JSON.stringify(name)}, ${JSON.stringify(value)}, ${limitMs})`) as Promise<number>;
}

/** The slow profile: a council laptop (CPU 4x slower) on a 1.6 Mbps link with 150 ms latency. */
const SLOW = { cpu: 4, downKbps: 1600, upKbps: 750, latencyMs: 150 };

/**
 * A cold context with the slow profile applied (or loopback), the timing hooks, the filters the
 * reader's link names (`want`: "Filters: London"), and every response's transferred bytes.
 */
async function openProfiled(browser: Browser, url: string, slow: boolean, want = '') {
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
	await context.addInitScript({ content: `window.__benchWant = ${JSON.stringify(want)};\n${HOOKS}` });
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	if (slow) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpu });
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: SLOW.latencyMs,
			downloadThroughput: (SLOW.downKbps * 1000) / 8,
			uploadThroughput: (SLOW.upKbps * 1000) / 8
		});
	}
	// bytes as transferred (headers and body; compressed if the server compressed), with when they ended (wall ms)
	const transfers: { url: string; bytes: number; at: number }[] = [];
	page.on('requestfinished', (r) => {
		const at = r.timing().startTime + r.timing().responseEnd;
		r.sizes().then(
			(z) => transfers.push({ url: r.url(), bytes: z.responseBodySize + z.responseHeadersSize, at }),
			() => {}
		);
	});
	await page.goto(url, { timeout: 120_000 });
	return { context, page, transfers };
}

type Stats = ReturnType<typeof stats>;

/** Loopback: a shared link with one filter, right (goal ≤ 500 ms), and the first single-filter change 1 s after the first chart. */
async function loopbackShared(browser: Browser, siteUrl: string, results: Record<string, Stats | number | string>) {
	const shared: number[] = [];
	const single: number[] = [];
	const state: string[] = [];
	for (let r = 0; r < RUNS; r++) {
		process.stderr.write(`bench: loopback, shared link /standards/?region=London, run ${r + 1}\n`);
		const opened = await openProfiled(browser, `${siteUrl}/standards/?region=London`, false, 'Filters: London');
		await until(opened.page, 'Boolean(window.__bench.right)', 'shared link right');
		shared.push((await opened.page.evaluate('window.__bench.right')) as number);
		await opened.context.close();
		const { context, page } = await openProfiled(browser, `${siteUrl}/standards/`, false);
		await until(page, 'Boolean(window.__bench.firstChart && window.__bench.live)', 'first chart and live filters');
		await new Promise((ok) => setTimeout(ok, 1000));
		state.push(String(await page.getAttribute('html', 'data-db')));
		single.push(await filterUpdate(page, 'region', 'North West'));
		await context.close();
	}
	results['1x /standards/: shared link ?region=London right (ms; goal ≤ 500)'] = stats(shared);
	results['1x /standards/: first single-filter change 1 s after the first chart -> charts updated (ms; goal ≤ 50)'] = stats(single);
	results['1x /standards/: engine state at that change'] = state.join(', ');
}

/** The slow profile's measures on /standards/ (see the header). */
async function slowProfile(browser: Browser, siteUrl: string, results: Record<string, Stats | number | string>) {
	const first: number[] = [];
	const shared: number[] = [];
	const single: number[] = [];
	const combined: number[] = [];
	const liveKbTransferred: number[] = [];
	const liveKbGz: number[] = [];
	const engineAtSingle: string[] = [];
	const engineStartedUnasked: string[] = [];
	for (let r = 0; r < SLOW_RUNS; r++) {
		process.stderr.write(`bench: slow profile, shared link /standards/?region=London, run ${r + 1}\n`);
		{
			const { context, page } = await openProfiled(browser, `${siteUrl}/standards/?region=London`, true, 'Filters: London');
			await until(page, 'Boolean(window.__bench.right)', 'slow shared link right');
			shared.push((await page.evaluate('window.__bench.right')) as number);
			await context.close();
		}
		process.stderr.write(`bench: slow profile, /standards/ then one filter, then a combination, run ${r + 1}\n`);
		const { context, page, transfers } = await openProfiled(browser, `${siteUrl}/standards/`, true);
		await until(page, 'Boolean(window.__bench.firstChart && window.__bench.live)', 'slow first chart and live filters');
		const marks = (await page.evaluate('window.__bench')) as Record<string, number>;
		first.push(marks.firstChart);
		// bytes whose transfer ended before the filter bar was live
		const origin = (await page.evaluate('performance.timeOrigin')) as number;
		const before = transfers.filter((t) => t.at - origin <= marks.live);
		liveKbTransferred.push(before.reduce((n, t) => n + t.bytes, 0) / 1024);
		liveKbGz.push(
			bytesOf(
				join(ROOT, 'build'),
				before.map((t) => t.url).filter((u) => u.startsWith(siteUrl))
			).gz / 1024
		);
		engineStartedUnasked.push(String(await page.getAttribute('html', 'data-db')));
		// a reader looks for a second, then picks a region
		await new Promise((ok) => setTimeout(ok, 1000));
		engineAtSingle.push(String(await page.getAttribute('html', 'data-db')));
		single.push(await filterUpdate(page, 'region', 'North West', 60_000));
		if (r < SLOW_COMBINED_RUNS) {
			process.stderr.write(`bench: slow profile, a combination (waits for the engine's download), run ${r + 1}\n`);
			combined.push(await filterUpdate(page, 'rating', 'Good', 600_000));
		}
		await context.close();
	}
	const key = 'slow /standards/';
	results[`${key}: first chart (ms; goal ≤ 2000)`] = stats(first);
	results[`${key}: shared link ?region=London right (ms; goal ≤ 2500)`] = stats(shared);
	results[`${key}: first single-filter change (region) -> charts updated (ms; goal ≤ 300)`] = stats(single);
	results[`${key}: engine state at that change`] = engineAtSingle.join(', ');
	results[`${key}: engine state when the filters are live`] = engineStartedUnasked.join(', ');
	if (combined.length) results[`${key}: first combined change (region + rating) -> charts updated (ms)`] = stats(combined);
	results[`${key}: KB transferred before the filters are live (as served)`] = stats(liveKbTransferred);
	results[`${key}: KB gzipped before the filters are live (goal ≤ 300)`] = stats(liveKbGz);
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

/** Issue 15's measures go into results.json under "fast", with their own date (they can be run alone). */
function writeFast(results: Record<string, Stats | number | string>, chromiumVersion: string) {
	const file = join(ROOT, 'bench', 'results.json');
	const all = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
	const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${chromiumVersion}`;
	all.fast = {
		date: new Date().toISOString(),
		machine,
		runs: { loopback: RUNS, slow: SLOW_RUNS, slowCombined: SLOW_COMBINED_RUNS },
		profile: `slow: CPU ${SLOW.cpu}x, ${SLOW.downKbps / 1000} Mbps down, ${SLOW.upKbps / 1000} Mbps up, ${SLOW.latencyMs} ms latency (CDP); cold cache`,
		results
	};
	writeFileSync(file, JSON.stringify(all, null, '\t') + '\n');
}

function printTable(results: Record<string, ReturnType<typeof stats> | number | string>) {
	console.log('| measure | median | min | max |\n|---|---|---|---|');
	for (const [k, v] of Object.entries(results)) {
		if (typeof v === 'object') console.log(`| ${k} | ${v.median} | ${v.min} | ${v.max} |`);
		else console.log(`| ${k} | ${v} | | |`);
	}
}

async function main() {
	if (ONLY === 'fast') {
		// issue 15's measures alone (loopback shared link, slow profile), into results.json's "fast" part
		if (!args.includes('--skip-build')) {
			console.error('bench: building the site…');
			execSync('npx vite build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		}
		const site = await serveStatic(join(ROOT, 'build'));
		const browser = await launchChromium();
		const results: Record<string, Stats | number | string> = {};
		try {
			await loopbackShared(browser, site.url, results);
			await slowProfile(browser, site.url, results);
		} finally {
			await browser.close();
			site.server.close();
		}
		writeFast(results, browser.version());
		printTable(results);
		return;
	}
	if (ONLY !== undefined) {
		if (ONLY !== 'pdf') throw new Error(`--only ${ONLY}: the only measures that run on their own are "pdf" and "fast"`);
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
	const fast: Record<string, Stats | number | string> = {};
	if (!args.includes('--skip-slow')) {
		await loopbackShared(browser, site.url, fast);
		await slowProfile(browser, site.url, fast);
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
	if (Object.keys(fast).length) writeFast(fast, chromiumVersion);
	console.log(`\nMachine: ${machine}; ${RUNS} runs each, cold cache\n`);
	printTable(results);
	if (Object.keys(fast).length) printTable(fast);
}

main().catch((e) => {
	console.error(`bench: ${(e as Error).stack ?? e}`);
	process.exit(1);
});
