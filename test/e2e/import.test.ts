/**
 * The data room's import, end to end: a report renamed to a new service appears in every
 * view; a bad CSV lists its row errors and changes nothing; imports survive reload; removing
 * them restores the shipped data.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dbReady, launch, openPage, settled } from './browser';
import { REPORTS } from '../paths';
import { shipped } from '../shipped';

const base = inject('baseURL');
let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const report = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8').replace(/Bury and Rochdale/g, 'Northmoor');

describe('import', () => {
	it('a report for a new service: region chosen, added, seen in the views, kept over reload, removed again', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		await page.setInputFiles('input[data-import]', { name: 'northmoor.txt', mimeType: 'text/plain', buffer: Buffer.from(report) });
		await page.waitForSelector('[data-import-preview]');
		expect(await page.locator('[data-import-commit]').isDisabled()).toBe(true);
		await page.selectOption('[data-import-preview] select', 'North West');
		await expect.poll(() => page.locator('[data-import-commit]').isDisabled()).toBe(false);
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		expect(await page.locator('[data-imports] li').textContent()).toMatch(/northmoor-2020-06/);

		// every view sees it, marked as imported
		await page.goto(`${base}/authorities/`);
		await dbReady(page);
		await page.fill('#svc-search', 'northmoor');
		await expect.poll(() => page.locator('tbody tr').textContent()).toMatch(/Northmoor[\s\S]*imported/);
		await page.goto(`${base}/standards/?region=North+West`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).toContain('Northmoor');
		await page.goto(`${base}/?source=imported`);
		await dbReady(page);
		await expect.poll(() => page.locator('.count strong').textContent()).toBe('1');

		// reload: still there
		await page.goto(`${base}/data/`);
		await dbReady(page);
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);

		// remove: gone, shipped data back
		await page.click('[data-import-remove]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(0);
		await page.goto(`${base}/authorities/`);
		await dbReady(page);
		await page.fill('#svc-search', 'northmoor');
		await expect.poll(() => page.locator('tbody tr').textContent()).toMatch(/No services match/);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a bad CSV lists every row problem, adds nothing, and shows a <script> payload as text', async () => {
		const { page, errors, context } = await openPage(browser, base);
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const header = 'service,nation,region,published,framework,overall_rating,standard,rating';
		const bad = [
			header,
			'<script>alert(1)</script>,England,North West,2024-13,yjs-2021,Good,2.1,Excellent',
			'Northmoor,England,,2024-01,yjs-2021,Good,9.9,Good'
		].join('\n');
		await page.setInputFiles('input[data-import]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
		await page.waitForSelector('[data-import-errors] li');
		const items = await page.locator('[data-import-errors] li').allTextContents();
		expect(items).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/bad\.csv, row 2, column published: date not YYYY-MM/),
				expect.stringMatching(/bad\.csv, row 2, column rating: rating not one of/),
				expect.stringMatching(/bad\.csv, row 3, column region: the service has no region/)
			])
		);
		expect(await page.locator('[data-import-commit]').count()).toBe(0);
		expect(await page.locator('[data-imports] li').count()).toBe(0);
		// nothing executed, nothing added
		expect(dialogs).toEqual([]);
		await page.goto(`${base}/`);
		await dbReady(page);
		await expect.poll(() => page.locator('.count strong').textContent()).toBe(String(shipped.inspections));
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a file that is neither a report nor a CSV gets one clear message', async () => {
		const { page, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		await page.setInputFiles('input[data-import]', {
			name: 'photo.png',
			mimeType: 'image/png',
			buffer: Buffer.from([137, 80, 78, 71, 0, 0, 0])
		});
		await page.waitForSelector('[data-import-errors] li');
		expect(await page.locator('[data-import-errors] li').allTextContents()).toEqual([expect.stringMatching(/photo\.png: a binary file/)]);
		await context.close();
	});
});

describe('imported text is text', () => {
	it('a service named <img src=x onerror=alert(1)> is shown as those characters', async () => {
		const { page, errors, context } = await openPage(browser, base);
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const name = '<img src=x onerror=alert(1)>';
		const csv = [
			'service,nation,region,published,framework,overall_rating,standard,rating',
			`"${name}",England,London,2024-02,yjs-2021,Good,1.1,Good`
		].join('\n');
		await page.setInputFiles('input[data-import]', { name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		await page.goto(`${base}/authorities/?source=imported`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => page.locator('tbody th a').first().textContent()).toBe(name);
		expect(await page.locator('tbody img').count()).toBe(0);
		await page.goto(`${base}/standards/?source=imported`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => page.locator('figure[data-chart="standards-heatmap"] svg').textContent()).toContain(name);
		expect(await page.locator('figure img').count()).toBe(0);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		await page.click('[data-import-remove]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(0);
		expect(dialogs).toEqual([]);
		expect(errors).toEqual([]);
		await context.close();
	});
});
