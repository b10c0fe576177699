/**
 * Issue 13, items 4 and 5 in the built site: a shared filtered link never shows another
 * filter's chart as the answer (engine loading, engine failed, no JavaScript, /compare?ids=),
 * and exported files stand alone, whatever text the data holds.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv';
import { dbReady, launch, openPage, settled } from './browser';

const base = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** Hold the engine's WebAssembly download until `release()`: the engine stays loading meanwhile. */
async function holdEngine(page: Page) {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/*.wasm', async (route: Route) => {
		await held;
		await route.continue();
	});
	return release;
}

const title = (page: Page, chart: string) => page.locator(`figure[data-chart="${chart}"] h2`).textContent({ timeout: 10_000 });

async function download(page: Page, chart: string, kind: string) {
	const [d] = await Promise.all([
		page.waitForEvent('download', { timeout: 30_000 }),
		page.locator(`figure[data-chart="${chart}"] [data-download="${kind}"]`).click({ timeout: 10_000 })
	]);
	return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

describe('a shared filtered link', () => {
	it('says it is updating for the filters, withholds the old chart and its downloads, then shows the filtered one', async () => {
		const { page, errors, context } = await openPage(browser, base);
		const release = await holdEngine(page);
		// a combination of filters: one filter alone is drawn from the build's files (test/e2e/fast.test.ts)
		await page.goto(`${base}/standards/?region=London&year-from=2019`);
		// hydrated, the engine not loaded: the title names the filters, nothing of the national chart is offered
		await expect.poll(() => title(page, 'standards-ranked'), { timeout: 15_000 }).toBe('Updating for London, 2019 onwards…');
		const fig = page.locator('figure[data-chart="standards-ranked"]');
		expect(await fig.getAttribute('data-loading')).toBe('');
		expect(await fig.locator('[role="status"]').first().textContent()).toMatch(/for London, 2019 onwards[\s\S]*engine is still loading/);
		for (const kind of ['png', 'svg', 'csv', 'zip']) expect(await fig.locator(`[data-download="${kind}"]`).isDisabled(), kind).toBe(true);
		expect(await fig.locator('svg').isVisible()).toBe(false);
		expect(await fig.locator('.coverage, details').count()).toBe(0);
		expect(await page.getAttribute('html', 'data-db')).not.toBe('ready');

		release();
		expect(await dbReady(page)).toBe('ready');
		await settled(page);
		await expect.poll(() => title(page, 'standards-ranked')).not.toMatch(/Updating/);
		expect(await fig.locator('.filters-line').textContent()).toBe('Filters: London, 2019 onwards');
		expect(await fig.locator('svg').first().isVisible()).toBe(true);
		const svg = await download(page, 'standards-ranked', 'svg');
		expect(svg.name).toBe('standards-ranked-london-2019-onwards.svg');
		const text = svg.bytes.toString();
		expect(text).toMatch(/<svg [^>]*role="img"/);
		expect(text).toContain(`<title id="export-title">${await title(page, 'standards-ranked')}</title>`);
		expect(text).toContain('Filters: London, 2019 onwards');
		expect(text).toMatch(/Data built \d{4}-\d{2}-\d{2}/);
		expect(text).toContain(`${base}/data/inspections.csv`);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('the address every export gives for the sources is served: the inspections table with source_url', async () => {
		const res = await fetch(`${base}/data/inspections.csv`);
		expect(res.status).toBe(200);
		const csv = parseCsv(await res.text());
		expect(csv.header).toContain('source_url');
		expect(csv.rows.length).toBeGreaterThan(100);
	});

	it('when the engine cannot start, says the chart for the filters could not be computed instead of showing another', async () => {
		const { page, context } = await openPage(browser, base);
		await page.route('**/*.wasm', (r) => r.abort());
		await page.goto(`${base}/standards/?region=London&year-from=2019`);
		expect(await dbReady(page)).toBe('error');
		const fig = page.locator('figure[data-chart="standards-ranked"]');
		await expect.poll(() => title(page, 'standards-ranked')).toBe('Could not update for London, 2019 onwards');
		expect(await fig.locator('.failed').textContent()).toMatch(
			/chart for London, 2019 onwards could not be computed: the data engine could not start/
		);
		expect(await fig.locator('svg').count()).toBe(0);
		expect(await fig.locator('[data-download="svg"]').isDisabled()).toBe(true);
		expect(await fig.getAttribute('data-loading')).toBeNull();
		await context.close();
	});

	it('without JavaScript, says the filters need it, and each figure says it shows every inspection', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${base}/standards/?region=London`);
		expect(await page.locator('.filters .noscript').textContent()).toMatch(/filters need JavaScript[\s\S]*every inspection/);
		expect(await page.locator('figure[data-chart="standards-ranked"] .filters-line').textContent()).toBe('Filters: all inspections');
		await context.close();
	});
});

describe('/compare?ids=', () => {
	it('never shows the default comparison as the one asked for', async () => {
		const { page, errors, context } = await openPage(browser, base);
		const release = await holdEngine(page);
		await page.goto(`${base}/compare/?ids=leeds,camden`);
		await expect.poll(() => title(page, 'compare-standards'), { timeout: 15_000 }).toBe('Updating for Leeds and Camden…');
		expect(await page.locator('.updating').textContent()).toMatch(/Updating the comparison for Leeds and Camden/);
		expect(await page.locator('thead th[data-service]').first().isVisible()).toBe(false);
		expect(await page.locator('figure[data-chart="compare-standards"] [data-download="csv"]').isDisabled()).toBe(true);
		release();
		await dbReady(page);
		await settled(page);
		await expect
			.poll(() => page.locator('thead th[data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))))
			.toEqual(['leeds', 'camden']);
		expect(await page.locator('thead th[data-service]').first().isVisible()).toBe(true);
		expect(await title(page, 'compare-standards')).not.toMatch(/Updating/);
		const csv = await download(page, 'compare-standards', 'csv');
		expect(csv.name).toBe('compare-standards-leeds-camden.csv');
		expect(errors).toEqual([]);
		await context.close();
	});
});

/** `pattern` repeated up to `units` UTF-16 units, never ending inside a character. */
function upTo(units: number, pattern: string): string {
	let out = '';
	for (const ch of pattern.repeat(Math.ceil(units / pattern.length) + 1)) {
		if (out.length + ch.length > units) break;
		out += ch;
	}
	return out;
}

describe('exports of any text', () => {
	it('names with control characters, no-break spaces, RTL marks, emoji, < and &, long and unbroken: PNG, SVG, CSV and zip all come out, holding them', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const name = 'Bell\u0007North\u00A0moor <&> \u200F🦉';
		// the longest service name the template allows (120), with no space to break at
		const long = upTo(120, '🦉שלום\u0007<&>\u00A0\u200F👩🏽‍⚖️');
		// and a file name of 500 characters: it is named in every export's source line
		const file = `${upTo(496, 'hostile\u0007 file\u00A0<&>\u200F🦉 ')}.csv`;
		const csv = [
			'service,nation,region,published,framework,overall_rating,standard,rating',
			`"${name}",England,London,2024-02,yjs-2021,Good,1.1,Good`,
			`"${long}",England,London,2024-03,yjs-2021,Good,1.1,Good`
		].join('\n');
		await page.setInputFiles('input[data-import]', { name: file, mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.click('[data-import-commit]', { timeout: 10_000 });
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		try {
			await page.goto(`${base}/standards/?source=imported`);
			await dbReady(page);
			await settled(page);
			const chart = 'standards-heatmap';
			await expect.poll(() => page.locator(`figure[data-chart="${chart}"] svg`).textContent()).toContain('North\u00A0moor');
			await expect.poll(() => page.locator(`figure[data-chart="${chart}"] svg`).textContent()).toContain('🦉שלום');

			const png = await download(page, chart, 'png');
			expect(await page.locator(`figure[data-chart="${chart}"] .error`).count()).toBe(0);
			expect(png.name).toBe('standards-heatmap-imported-in-this-browser.png');
			expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
			// drawn at twice the chart's size, whatever the names' length
			expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(600);
			expect(png.bytes.readUInt32BE(16)).toBeLessThan(8000);

			const svg = (await download(page, chart, 'svg')).bytes.toString();
			// well-formed XML to the browser's own parser, with the name in it (the bell as its picture ␇)
			const parsed = await page.evaluate((s) => {
				const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
				return { error: doc.querySelector('parsererror')?.textContent ?? '', text: doc.documentElement.textContent ?? '' };
			}, svg);
			expect(parsed.error).toBe('');
			expect(parsed.text).toContain('Bell\u2407North\u00A0moor <&> \u200F🦉');
			// the long name and the file name whole, cut only into lines (controls as their pictures)
			const bare = (t: string) => t.replaceAll('\u0007', '\u2407').replace(/[ \n]/g, '');
			expect(bare(parsed.text)).toContain(bare(long));
			expect(bare(parsed.text)).toContain(bare(`imported in this browser from ${file}`));
			expect(svg).not.toContain('\uFFFD');
			expect(svg).not.toContain('inspection reports');

			const back = parseCsv((await download(page, chart, 'csv')).bytes.toString());
			expect(back.header[0]).toBe('Service');
			expect(back.rows.map((r) => r.cells[0]).sort()).toEqual([name, long].sort());

			const zip = unzipSync(new Uint8Array((await download(page, chart, 'zip')).bytes));
			expect(Object.keys(zip).sort()).toEqual(['README.txt', 'standards-heatmap-imported-in-this-browser.csv']);
			const readme = new TextDecoder().decode(zip['README.txt']);
			expect(readme).toContain('Filters: imported in this browser');
			expect(readme).toMatch(/Data built: \d{4}-\d{2}-\d{2}/);
		} finally {
			await page.goto(`${base}/data/`);
			await dbReady(page);
			await page.click('[data-import-remove]');
			await expect.poll(() => page.locator('[data-imports] li').count()).toBe(0);
		}
		expect(errors).toEqual([]);
		await context.close();
	}, 180_000);
});
