/**
 * Fast on a slow link (issue 15): a view with one filter is drawn from the build's precomputed
 * file, with no engine; a combination starts the engine and then draws. The reader here asks
 * to save data (navigator.connection.saveData), so the engine never starts unasked, and in the
 * first two tests its WebAssembly is refused outright: whatever is drawn, it was drawn without it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serverDocument } from '../../src/lib/charts/server';
import { nodeEngine } from '../../src/lib/db/node';
import type { Filters } from '../../src/lib/filters';
import { countMatching } from '../../src/lib/queries/options';
import { buildStandards, type StandardsView } from '../../src/lib/views/standards';
import { STANDARDS_FIGURES } from '../../src/lib/views/standards/figures';
import { launch, openPage, settled } from './browser';

const base = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

/** What the standards page must show for `filters`: worked out here with the Node engine. */
async function expected(filters: Filters) {
	const db = await nodeEngine();
	const view: StandardsView = await buildStandards(db, filters, serverDocument());
	const [ranked, heatmap] = STANDARDS_FIGURES;
	return {
		rankedTitle: ranked.title(view, { whole: false }),
		heatmapTitle: heatmap.title(view, { whole: false }),
		coverage: heatmap.coverage(view),
		rankedRows: ranked.rows(view).length,
		count: await countMatching(db, filters)
	};
}

/** A page whose reader saves data; `blockEngine`: the engine's WebAssembly is refused, and every request for it recorded. */
async function slowReader(blockEngine: boolean) {
	const opened = await openPage(browser, base);
	await opened.context.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'connection', {
			configurable: true,
			get: () => ({ saveData: true, effectiveType: '4g', addEventListener() {} })
		});
	});
	const wasm: string[] = [];
	opened.page.on('request', (r) => {
		if (r.url().endsWith('.wasm')) wasm.push(r.url());
	});
	if (blockEngine) await opened.page.route(/\.wasm$/, (route) => route.abort());
	return { ...opened, wasm };
}

const title = (page: Page, chart: string) => page.locator(`figure[data-chart="${chart}"] h2.title`).textContent();
const filtersLine = (page: Page, chart: string) => page.locator(`figure[data-chart="${chart}"] .filters-line`).textContent();

describe('one filter, no engine', () => {
	it("a shared link /standards/?region=London shows London's charts, titles, table and downloads before any engine", async () => {
		const want = await expected({ region: 'London' });
		const all = await expected({});
		expect(want.heatmapTitle).not.toBe(all.heatmapTitle);
		const { page, context, wasm, errors } = await slowReader(true);
		await page.goto(`${base}/standards/?region=London`);
		await expect.poll(() => filtersLine(page, 'standards-heatmap'), { timeout: 20_000 }).toBe('Filters: London');
		expect(await title(page, 'standards-heatmap')).toBe(want.heatmapTitle);
		expect(await title(page, 'standards-ranked')).toBe(want.rankedTitle);
		expect(await page.locator('figure[data-chart="standards-heatmap"] .coverage').textContent()).toBe(want.coverage);
		const svg = await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML();
		expect(svg).not.toContain('Leeds');
		// the table is London's rows
		const ranked = page.locator('figure[data-chart="standards-ranked"]');
		await ranked.locator('summary').click();
		await expect.poll(() => ranked.locator('details table tbody tr').count(), { timeout: 20_000 }).toBe(want.rankedRows);
		// the download is London's, named so
		const [download] = await Promise.all([
			page.waitForEvent('download', { timeout: 20_000 }),
			ranked.locator('button[data-download="csv"]').click()
		]);
		expect(download.suggestedFilename()).toMatch(/london/);
		await expect.poll(() => page.locator('.count strong').textContent(), { timeout: 20_000 }).toBe(String(want.count));
		// no engine was needed, asked for or started
		expect(wasm).toEqual([]);
		expect(await page.getAttribute('html', 'data-db')).toBe('idle');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a single filter change draws the right charts without the engine', async () => {
		const want = await expected({ rating: 'Good' });
		const { page, context, wasm, errors } = await slowReader(true);
		await page.goto(`${base}/standards/`);
		await expect.poll(() => page.getAttribute('html', 'data-db'), { timeout: 20_000 }).toBe('idle');
		await page.selectOption('select[data-filter="rating"]', 'Good');
		await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/rating=Good/);
		await expect.poll(() => filtersLine(page, 'standards-heatmap'), { timeout: 20_000 }).toBe('Filters: rated Good');
		await settled(page);
		expect(await title(page, 'standards-heatmap')).toBe(want.heatmapTitle);
		expect(await title(page, 'standards-ranked')).toBe(want.rankedTitle);
		await expect.poll(() => page.locator('.count strong').textContent(), { timeout: 20_000 }).toBe(String(want.count));
		expect(wasm).toEqual([]);
		expect(await page.getAttribute('html', 'data-db')).toBe('idle');
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('a combination', () => {
	it('starts the engine, says what it waits for, then draws the combination', async () => {
		const want = await expected({ region: 'London', rating: 'Good' });
		const { page, context, wasm, errors } = await slowReader(false);
		await page.goto(`${base}/standards/?region=London`);
		await expect.poll(() => filtersLine(page, 'standards-heatmap'), { timeout: 20_000 }).toBe('Filters: London');
		expect(await page.getAttribute('html', 'data-db')).toBe('idle');
		expect(wasm).toEqual([]);
		await page.selectOption('select[data-filter="rating"]', 'Good');
		await page.waitForURL(/rating=Good/, { timeout: 20_000 });
		// until the engine answers: the figures say what they are updating for, never London's numbers as the answer
		await page.waitForSelector('html[data-db="loading"], html[data-db="ready"]', { timeout: 20_000 });
		await page.waitForSelector('html[data-db="ready"]', { timeout: 60_000 });
		await settled(page);
		expect(wasm.length).toBeGreaterThan(0);
		expect(await filtersLine(page, 'standards-heatmap')).toBe('Filters: London, rated Good');
		expect(await title(page, 'standards-heatmap')).toBe(want.heatmapTitle);
		expect(await title(page, 'standards-ranked')).toBe(want.rankedTitle);
		await expect.poll(() => page.locator('.count strong').textContent(), { timeout: 20_000 }).toBe(String(want.count));
		expect(errors).toEqual([]);
		await context.close();
	});

	it('while the engine loads, the filter bar shows its download and the figures say what they wait for', async () => {
		const { page, context } = await slowReader(false);
		// hold the engine's WebAssembly until the page has been looked at
		let release: () => void = () => {};
		const held = new Promise<void>((ok) => (release = ok));
		await page.route(/\.wasm$/, async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${base}/standards/?region=London&rating=Good`);
		await page.waitForSelector('html[data-db="loading"]', { timeout: 20_000 });
		await expect
			.poll(() => page.locator('[data-engine-progress]').textContent(), { timeout: 20_000 })
			.toMatch(/Loading the data engine to combine filters/);
		expect(await page.locator('.count').textContent()).toMatch(/need the data engine/);
		expect(await title(page, 'standards-heatmap')).toBe('Updating for London, rated Good…');
		release();
		await page.waitForSelector('html[data-db="ready"]', { timeout: 60_000 });
		await settled(page);
		expect(await page.locator('[data-engine-progress]').count()).toBe(0);
		expect(await filtersLine(page, 'standards-heatmap')).toBe('Filters: London, rated Good');
		await context.close();
	});
});
