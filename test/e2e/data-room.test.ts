/**
 * The data room in Chromium: the SQL console refuses writes and runs reads (DESIGN.md hooks),
 * the table browser pages and sorts, and every download gives the bytes it promises.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { unzipSync } from 'fflate';
import { parseCsv } from '../../src/lib/csv';
import { cspViolations, dbReady, launch, openPage } from './browser';
import { shipped } from '../shipped';

const base = inject('baseURL');
const ROOM = '/data/';

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

async function download(page: Page, selector: string) {
	const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

const total = async (page: Page) => Number(await page.locator('[data-browse-range]').getAttribute('data-total'));
const rangeText = (page: Page) => page.locator('[data-browse-range]').textContent();

describe('SQL console', () => {
	it('refuses a write, runs a read, shows DuckDB errors with their position, and downloads the result', async () => {
		const { page, errors, offsite, context } = await openPage(browser, base);
		await page.goto(`${base}${ROOM}`);
		expect(await dbReady(page)).toBe('ready');

		await page.fill('textarea[data-sql]', 'DROP TABLE inspections');
		await page.click('[data-sql-run]');
		await expect.poll(() => page.locator('[data-sql-error]').textContent()).toMatch(/refused/i);
		expect(await page.locator('[data-sql-error]').getAttribute('role')).toBe('alert');

		await page.fill('textarea[data-sql]', 'SELECT count(*)::INTEGER AS n FROM inspections');
		await page.click('[data-sql-run]');
		await expect.poll(() => page.locator('table[data-sql-result] tbody td').first().textContent()).toBe(String(shipped.inspections));
		expect(await page.locator('table[data-sql-result] thead th').allTextContents()).toEqual(['n']);
		expect(await page.locator('[data-sql-error]').count()).toBe(0);

		// Ctrl+Enter runs; an engine error keeps its "LINE 1: ... ^" lines in a <pre>
		await page.fill('textarea[data-sql]', 'SELECT * FROM inspectionz');
		await page.focus('textarea[data-sql]');
		await page.keyboard.press('Control+Enter');
		await expect.poll(() => page.locator('[data-sql-error] pre').textContent()).toMatch(/LINE 1: SELECT \* FROM inspectionz\n\s+\^/);

		// an example fills the box; more than 1,000 rows says how many are shown
		await page.click('[data-example="data-model"]');
		expect(await page.inputValue('textarea[data-sql]')).toContain('information_schema.columns');
		await page.fill('textarea[data-sql]', 'SELECT * FROM range(2500) t(i)');
		await page.click('[data-sql-run]');
		await expect.poll(() => page.locator('table[data-sql-result] tbody tr').count()).toBe(1000);
		expect(await page.textContent('.console')).toContain('Showing the first 1,000 of 2,500 rows');
		const csv = await download(page, '[data-export="sql-csv"]');
		expect(csv.name).toBe('query-result.csv');
		expect(parseCsv(csv.bytes.toString()).rows).toHaveLength(2500);

		// a billion rows: the limit is inside the query, the engine counts them, the page stays usable
		await page.fill('textarea[data-sql]', 'SELECT range AS n FROM range(1000000000)');
		await page.click('[data-sql-run]');
		await expect.poll(() => page.locator('[data-sql-more]').textContent()).toMatch(/Showing the first 1,000 of 1,000,000,000 rows/);
		expect(await page.locator('table[data-sql-result] tbody tr').count()).toBe(1000);
		// a statement that cannot be wrapped is read up to the limit and not counted
		await page.fill('textarea[data-sql]', 'SELECT range AS n FROM range(200000) -- a trailing comment');
		await page.click('[data-sql-run]');
		await expect
			.poll(() => page.locator('[data-sql-more]').textContent())
			.toMatch(/Showing the first 1,000 of (200,000|more than 100,000) rows/);

		// the refused DROP changed nothing
		await page.click('[data-example="overview"]');
		await page.click('[data-sql-run]');
		await expect.poll(() => page.locator('table[data-sql-result] tbody tr').count()).toBeGreaterThan(3);
		expect(errors).toEqual([]);
		expect(offsite).toEqual([]);
		await context.close();
	});
});

describe('table browser', () => {
	it('says the engine is loading, with the controls disabled, until it is ready', async () => {
		const { page, context } = await openPage(browser, base);
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		await page.route('**/*.arrow', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${base}${ROOM}`);
		await expect.poll(() => page.textContent('.browser')).toContain('The data engine is loading…');
		expect(await page.isDisabled('[data-export="csv"]')).toBe(true);
		expect(await page.isDisabled('[data-sql-run]')).toBe(true);
		// the data dictionary needs no engine
		expect(await page.locator('.dictionary tbody tr').count()).toBeGreaterThan(5);
		release();
		expect(await dbReady(page)).toBe('ready');
		await expect.poll(() => page.isDisabled('[data-export="csv"]')).toBe(false);
		await context.close();
	});

	it('browses key_questions: sorts by pct, pages forward, downloads CSV, Arrow and Parquet', async () => {
		const { page, errors, offsite, context } = await openPage(browser, base);
		await page.goto(`${base}${ROOM}`);
		expect(await dbReady(page)).toBe('ready');
		await page.getByLabel('Table', { exact: true }).selectOption('key_questions');
		await page.waitForSelector('table[data-browse="key_questions"]');
		await expect.poll(() => rangeText(page)).toMatch(/^rows 1-25 of [\d,]+/);
		const n = await total(page);
		expect(n).toBeGreaterThan(50);
		expect(await page.locator('.dictionary tbody tr').count()).toBe(9);

		const pctHeader = page.locator('table[data-browse] th', { has: page.locator('button[data-sort="pct"]') });
		const pcts = async () => (await page.locator('table[data-browse] tbody td:nth-child(6)').allTextContents()).map(Number);
		await page.click('button[data-sort="pct"]');
		expect(await pctHeader.getAttribute('aria-sort')).toBe('ascending');
		await expect
			.poll(async () => {
				const v = await pcts();
				return v.length === 25 && v.every((x, i) => i === 0 || v[i - 1] <= x);
			})
			.toBe(true);
		await page.locator('button[data-sort="pct"]').focus();
		await page.keyboard.press('Enter');
		expect(await pctHeader.getAttribute('aria-sort')).toBe('descending');
		await expect
			.poll(async () => {
				const v = await pcts();
				return v.every((x, i) => i === 0 || v[i - 1] >= x);
			})
			.toBe(true);
		const firstPage = await pcts();

		await page.click('nav.pager button:has-text("Next")');
		await expect.poll(() => rangeText(page)).toMatch(/^rows 26-50 of /);
		const second = await pcts();
		expect(second[0]).toBeLessThanOrEqual(firstPage[24]);
		expect(await page.isDisabled('nav.pager button:has-text("Previous")')).toBe(false);

		const cspBefore = await cspViolations(page);
		const csv = await download(page, '[data-export="csv"]');
		expect(csv.name).toBe('key_questions.csv');
		const parsed = parseCsv(csv.bytes.toString());
		expect(parsed.header.slice(0, 6)).toEqual(['inspection_id', 'code', 'standard', 'theme', 'text', 'pct']);
		expect(parsed.rows).toHaveLength(n);

		const arrow = await download(page, '[data-export="arrow"]');
		expect(arrow.name).toBe('key_questions.arrow');
		expect(arrow.bytes.subarray(0, 6).toString()).toBe('ARROW1');
		expect(arrow.bytes.subarray(arrow.bytes.length - 6).toString()).toBe('ARROW1');

		const parquet = await download(page, '[data-export="parquet"]');
		expect(parquet.name).toBe('key_questions.parquet');
		expect(parquet.bytes.subarray(0, 4).toString()).toBe('PAR1');
		expect(parquet.bytes.subarray(parquet.bytes.length - 4).toString()).toBe('PAR1');

		// the downloads (blob: links, lazily loaded writers) add no Content-Security-Policy violation
		expect(await cspViolations(page)).toEqual(cspBefore);
		expect(errors).toEqual([]);
		expect(offsite).toEqual([]);
		await context.close();
	});

	it('restricts to the inspections matching the filters; file names say so; everything comes as one zip', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}${ROOM}?region=North+West`);
		expect(await dbReady(page)).toBe('ready');
		await expect.poll(() => total(page)).toBe(shipped.inspections);
		await page.check('#browse-filtered');
		await expect.poll(() => total(page)).toBe(shipped.inRegion('North West'));
		const csv = await download(page, '[data-export="csv"]');
		expect(csv.name).toBe('inspections-north-west.csv');
		expect(parseCsv(csv.bytes.toString()).rows).toHaveLength(shipped.inRegion('North West'));

		// a table the filters cannot reach says so
		await page.getByLabel('Table', { exact: true }).selectOption('thematic_recommendations');
		await expect.poll(() => page.textContent('.browser')).toContain('the filters do not apply to it');

		await page.selectOption('#zip-format', 'parquet');
		const zip = await download(page, '[data-export="zip"]');
		expect(zip.name).toBe('youth-justice-data-north-west-parquet.zip');
		const files = unzipSync(new Uint8Array(zip.bytes));
		expect(Object.keys(files)).toContain('README.md');
		expect(Object.keys(files)).toContain('key_questions.parquet');
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
		expect(manifest.tables.find((t: { table: string }) => t.table === 'inspections').rows).toBe(shipped.inRegion('North West'));
		expect(errors).toEqual([]);
		await context.close();
	});
});
