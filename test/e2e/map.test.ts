/**
 * The map of services in Chromium, on the overview and on /authorities, at a phone's width and
 * a desktop's: prerendered, recomputed for a filtered address (the hexes coloured are the ones
 * data/'s CSV copies give), reached and opened from the keyboard, downloadable, no sideways
 * scroll, and letters on the hexes that are at least 12 px on screen.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv';
import { authoritiesRated } from '../map-expected';
import { dbReady, launch, openPage, settled } from './browser';

const base = inject('baseURL');
const MAP = 'figure[data-chart="services-map"]';
const SIZES = [390, 1366];
const PAGES = ['/', '/authorities/'];

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

async function open(path: string, width: number) {
	const opened = await openPage(browser, base);
	await opened.page.setViewportSize({ width, height: 900 });
	await opened.page.goto(`${base}${path}`);
	expect(await dbReady(opened.page)).toBe('ready');
	await settled(opened.page);
	return opened;
}

/** The smallest text on the hexes as drawn on screen (the SVG scales with its page). */
function smallestHexText(page: Page): Promise<number> {
	return page.locator(MAP).evaluate((fig) => {
		const svg = fig.querySelector('svg')!;
		const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
		const shown = [...svg.querySelectorAll('text')].filter((t) => getComputedStyle(t).display !== 'none');
		return Math.min(...shown.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
	});
}

describe('the map of services', () => {
	it.each(PAGES)('%s: is in the prerendered HTML, one hex per authority', async (path) => {
		const html = await (await fetch(`${base}${path}`)).text();
		const figure = new RegExp(`<figure[^>]*data-chart="services-map"[\\s\\S]*?</figure>`).exec(html)?.[0] ?? '';
		expect(figure.match(/<path[^>]* data-hex="/g)).toHaveLength(173);
		expect(figure).toMatch(/Open Innovations' hexmaps/);
	});

	it.each(PAGES.flatMap((p) => SIZES.map((w) => [p, w] as const)))(
		'%s at %i px: drawn with its downloads, readable letters and no sideways scroll',
		async (path, width) => {
			const { page, errors, context } = await open(path, width);
			const fig = page.locator(MAP);
			expect(await fig.locator('path[data-hex]').count()).toBe(173);
			for (const kind of ['png', 'svg', 'csv']) expect(await fig.locator(`[data-download="${kind}"]`).isEnabled()).toBe(true);
			expect(await smallestHexText(page)).toBeGreaterThanOrEqual(12);
			// the table gives every hex, its service a link to the profile
			await fig.locator('details summary').click();
			await expect.poll(() => fig.locator('details tbody tr').count()).toBeGreaterThanOrEqual(173);
			const leeds = fig.locator('details tbody tr', { hasText: /^Leeds/ }).locator('a');
			expect(new URL((await leeds.getAttribute('href'))!, page.url()).pathname).toBe('/authorities/leeds/');
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			expect(errors).toEqual([]);
			await context.close();
		}
	);

	it.each(SIZES)(
		'?rating=Inadequate&year-from=2021 at %i px colours the authorities data/ gives and greys the rest; the CSV says the same',
		async (width) => {
			const expected = authoritiesRated('Inadequate', 2021);
			expect(expected.length).toBeGreaterThan(0);
			const { page, errors, context } = await open('/?rating=Inadequate&year-from=2021', width);
			const fig = page.locator(MAP);
			await expect.poll(() => fig.locator('path[data-rating]').count()).toBe(expected.length);
			expect(await fig.locator('path[data-rating="Inadequate"]').count()).toBe(expected.length);
			const titles = await fig.locator('path[data-rating] title').allTextContents();
			expect(titles.map((t) => t.split(/[:,]/)[0]).sort()).toEqual([...expected].sort());
			// every other hex is greyed: no inspection matching, none in the data, or Cumbria's note
			const states = await fig.locator('path[data-hex]').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-state')));
			expect(states.filter((s) => s === 'rated')).toHaveLength(expected.length);
			expect(states.filter((s) => s === 'no-match').length).toBeGreaterThan(100);
			expect(await fig.locator('.legend').textContent()).toMatch(/No inspection matching the filters/);

			const [download] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="csv"]').click()]);
			expect(download.suggestedFilename()).toMatch(/^services-map-.*\.csv$/);
			const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
			const col = csv.header.indexOf('Latest overall rating in view');
			const onMap = csv.header.indexOf('On the map');
			const rated = csv.rows.filter((r) => r.cells[col] === 'Inadequate' && r.cells[onMap] === 'yes');
			expect(rated).toHaveLength(expected.length);

			// the images stand alone: the map, its filters and the hex map's credit
			const [svgFile] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="svg"]').click()]);
			const svg = readFileSync((await svgFile.path())!, 'utf8');
			expect(svg).toMatch(/^<\?xml[\s\S]*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
			expect(svg.match(/data-rating="Inadequate"/g)).toHaveLength(expected.length);
			expect(svg).toMatch(/Filters: 2021 onwards, rated Inadequate/);
			expect(svg).toMatch(/Open Innovations/);
			const [png] = await Promise.all([page.waitForEvent('download'), fig.locator('[data-download="png"]').click()]);
			expect(
				readFileSync((await png.path())!)
					.subarray(1, 4)
					.toString()
			).toBe('PNG');
			expect(errors).toEqual([]);
			await context.close();
		}
	);

	it.each(SIZES)('at %i px: Tab reaches the map, arrows move between hexes with a visible ring, Enter opens the profile', async (width) => {
		const { page, errors, context } = await open('/', width);
		const chart = page.locator(`${MAP} .chart`);
		await page.locator('select[data-filter="region"]').focus();
		let reached = false;
		for (let i = 0; i < 40 && !reached; i++) {
			await page.keyboard.press('Tab');
			reached = await chart.evaluate((el) => el === document.activeElement);
		}
		expect(reached).toBe(true);
		expect(await chart.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

		await page.keyboard.press('ArrowRight'); // the first hex in reading order: the north
		const focused = chart.locator('.focused-mark');
		const first = await focused.getAttribute('data-hex');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		const second = await focused.getAttribute('data-hex');
		expect(second).not.toBe(first);
		// the ring: a dark outline round the focused hex, at least 2 px of it inside the hex
		const [stroke, strokeWidth] = await focused.evaluate((el) => [getComputedStyle(el).stroke, getComputedStyle(el).strokeWidth]);
		expect(stroke).toBe('rgb(11, 12, 12)');
		expect(parseFloat(strokeWidth)).toBeGreaterThanOrEqual(4);
		// the reading of the hex is announced and shown
		const reading = (await chart.locator('.tip').textContent()) ?? '';
		expect(reading).toMatch(/service: .*Enter opens its profile\.$/);
		const service = /, (.+) service:/.exec(reading)![1];

		await page.keyboard.press('Enter');
		await page.waitForURL(/\/authorities\/[^/]+\/$/, { timeout: 20_000 });
		await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe(service);
		expect(errors).toEqual([]);
		await context.close();
	});
});
