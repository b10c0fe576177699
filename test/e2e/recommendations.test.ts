/**
 * /recommendations in Chromium: the prerendered chart, the page's own filters (URL state),
 * the list download; and the thematic self-assessment, on its own page
 * (/recommendations/self-assessment/, sections folded), kept across a reload, exported, and
 * imported back (all or nothing).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv';
import { dbReady, launch, openPage, settled } from './browser';

const base = inject('baseURL');
const PATH = '/recommendations/';
const ASSESS = '/recommendations/self-assessment/';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const count = (page: Page) => page.locator('[data-rec-count]').textContent();
const tableRows = (page: Page) => page.locator('section[aria-labelledby="list-heading"] table tbody tr');

async function download(page: Page, selector: string) {
	const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: d.suggestedFilename(), text: readFileSync((await d.path())!).toString() };
}

describe('recommendations', () => {
	it('prerendered HTML holds the themes chart and all 22 recommendations', async () => {
		const html = await (await fetch(`${base}${PATH}`)).text();
		expect(html).toMatch(/<figure[^>]*data-chart="recommendation-themes"[\s\S]*?<svg[^>]*class="plot/);
		expect(html).toContain('prioritise attendance and ensure each partner agency is held to account');
		// the self-assessment has its own page now: none of its lines here
		expect(html).not.toMatch(/data-assess=/);
		const own = await (await fetch(`${base}${ASSESS}`)).text();
		expect(own).toMatch(/<select[^>]*data-assess="1\.1"/);
	});

	it('is without the self-assessment (much shorter) and links to it; its sections open one at a time', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}${PATH}`);
		await dbReady(page);
		await settled(page);
		expect(await page.locator('[data-assess], .self-assessment').count()).toBe(0);
		// 40,000 px tall with the self-assessment open below the list at this width; the list itself is what is left
		expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(12_000);
		await page.click('[data-self-assessment-link] a');
		await page.waitForURL(`${base}${ASSESS}`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Thematic self-assessment');
		// every section folded: its lines are in the page but not shown until opened
		const groups = page.locator('details[data-assess-group]');
		expect(await groups.count()).toBeGreaterThan(5);
		expect(await page.locator('details[data-assess-group][open]').count()).toBe(0);
		expect(await page.locator('select[data-assess="1.1"]').isVisible()).toBe(false);
		await page.focus('details[data-assess-group="1"] > summary');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('select[data-assess="1.1"]').isVisible()).toBe(true);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('reaches data-db="ready" with no console error; choosing a theme filters the list and the URL', async () => {
		const { page, errors, offsite, context } = await openPage(browser, base);
		await page.goto(`${base}${PATH}`);
		expect(await dbReady(page)).toBe('ready');
		await settled(page);
		expect(await count(page)).toBe('22');
		expect(await tableRows(page).count()).toBe(22);

		await page.selectOption('#rec-theme', 'Diversity and disproportionality');
		await page.waitForURL(/theme=Diversity/);
		await expect.poll(() => count(page)).toBe('2');
		expect(await tableRows(page).count()).toBe(2);
		expect(await tableRows(page).first().textContent()).toContain('Equality Act 2010');

		await page.fill('#rec-q', 'social care');
		await expect.poll(() => count(page)).toBe('1');
		await page.waitForURL(/q=social\+care/);

		// the list download is the filtered list
		const csv = await download(page, '[data-export="recommendations-csv"]');
		const parsed = parseCsv(csv.text);
		expect(parsed.header).toEqual(['inspection_id', 'service', 'published', 'addressee', 'n', 'text', 'themes', 'provenance']);
		expect(parsed.rows).toHaveLength(1);
		expect(parsed.rows[0].cells[1]).toBe('Thurrock');

		// reload keeps the page's filters
		await page.reload();
		await dbReady(page);
		await expect.poll(() => count(page)).toBe('1');
		expect(await page.inputValue('#rec-theme')).toBe('Diversity and disproportionality');
		expect(await page.inputValue('#rec-q')).toBe('social care');

		await page.click('button:has-text("Clear these filters")');
		await expect.poll(() => count(page)).toBe('22');
		expect(errors).toEqual([]);
		expect(offsite).toEqual([]);
		await context.close();
	});

	it('respects the global filters: the North West leaves 6, and the chart is redrawn', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}${PATH}?region=North+West`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => count(page)).toBe('6');
		const svg = await page.locator('figure[data-chart="recommendation-themes"] svg').innerHTML();
		expect(svg).toContain('<title>Risk of harm to others: 3 recommendations');
		const [d] = await Promise.all([
			page.waitForEvent('download'),
			page.click('figure[data-chart="recommendation-themes"] [data-download="csv"]')
		]);
		expect(parseCsv(readFileSync((await d.path())!).toString()).rows).toHaveLength(12);
		expect(errors).toEqual([]);
		await context.close();
	});
});

/** Open the folded section that holds recommendation 1 (lines 1.1 to 2.x). */
const openFirst = (page: Page) => page.click('details[data-assess-group="1"] > summary');

describe('thematic self-assessment', () => {
	it('a status and a note survive a reload; the Markdown and CSV exports hold them', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}${ASSESS}`);
		await dbReady(page);
		await openFirst(page);
		await page.selectOption('select[data-assess="1.1"]', 'met');
		await page.fill('textarea[data-assess-notes="1.1"]', 'Board minutes, March: alcohol screening agreed');
		await expect.poll(() => page.locator('.summary .progress-text').textContent()).toMatch(/^1 of \d+ lines assessed: 1 met/);

		await page.reload();
		await dbReady(page);
		await expect.poll(() => page.inputValue('select[data-assess="1.1"]')).toBe('met');
		expect(await page.inputValue('textarea[data-assess-notes="1.1"]')).toBe('Board minutes, March: alcohol screening agreed');
		expect(await page.inputValue('select[data-assess="1.2"]')).toBe('');

		const md = await download(page, '[data-export="assessment-markdown"]');
		expect(md.name).toMatch(/^thematic-self-assessment-\d{4}-\d{2}-\d{2}\.md$/);
		expect(md.text).toContain('# Thematic self-assessment');
		expect(md.text).toContain('Status: **Met**');
		expect(md.text).toContain('> Board minutes, March: alcohol screening agreed');

		const csv = await download(page, '[data-export="assessment-csv"]');
		expect(csv.name).toMatch(/\.csv$/);
		const rows = parseCsv(csv.text).rows;
		expect(rows.length).toBeGreaterThan(100);
		expect(rows[0].cells.slice(0, 2)).toEqual(['1', '1']);
		expect(rows[0].cells.slice(6)).toEqual(['met', 'Board minutes, March: alcohol screening agreed']);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('import: a file with problems lists them and changes nothing; a good file replaces the answers after confirming', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}${ASSESS}`);
		await dbReady(page);
		await openFirst(page);
		await page.selectOption('select[data-assess="1.1"]', 'partly met');

		const bad = 'recommendation,line,status,notes\r\n1,1,done,\r\n99,1,met,\r\n';
		await page.setInputFiles('input[data-assess-import]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
		const items = page.locator('[data-assess-import-errors] li');
		await expect.poll(() => items.count()).toBe(2);
		expect(await items.nth(0).textContent()).toMatch(/^Line 2: status "done"/);
		expect(await items.nth(1).textContent()).toMatch(/^Line 3: there is no recommendation 99/);
		expect(await page.inputValue('select[data-assess="1.1"]')).toBe('partly met');

		const good = '\uFEFFrecommendation;line;status;notes\r\n2;3;not met;"no; pathway yet"\r\n';
		await page.setInputFiles('input[data-assess-import]', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
		await page.click('[data-assess-import-commit]');
		await expect.poll(() => page.inputValue('select[data-assess="2.3"]')).toBe('not met');
		expect(await page.inputValue('textarea[data-assess-notes="2.3"]')).toBe('no; pathway yet');
		expect(await page.inputValue('select[data-assess="1.1"]')).toBe('');
		expect(await items.count()).toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('corrupt saved data shows a message and the page keeps working', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await context.addInitScript(() => {
			if (!sessionStorage.getItem('seeded')) {
				localStorage.setItem('yj-self-assessment-v1', '{"version":1,"entries":');
				sessionStorage.setItem('seeded', '1');
			}
		});
		await page.goto(`${base}${ASSESS}`);
		await dbReady(page);
		await openFirst(page);
		await expect.poll(() => page.locator('.self-assessment .warning').textContent()).toMatch(/could not be read/);
		await page.selectOption('select[data-assess="1.2"]', 'met');
		await page.reload();
		await expect.poll(() => page.inputValue('select[data-assess="1.2"]')).toBe('met');
		expect(await page.evaluate(() => localStorage.getItem('yj-self-assessment-v1-unreadable'))).toBe('{"version":1,"entries":');
		expect(errors).toEqual([]);
		await context.close();
	});
});
