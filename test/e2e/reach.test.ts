/**
 * Reach (issue 14) in Chromium: finding a service from the header by any name it goes by
 * (combobox, keyboard, phone and desktop, without the data engine, without JavaScript), the
 * 404 page for a mistyped address, and "Copy link to this view" (clipboard and its fallback).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, openPage } from './browser';

const base = inject('baseURL');

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

const header = (page: Page) => page.locator('header form[data-service-search]');
const combobox = (page: Page) => header(page).locator('input[role="combobox"]');

/** The combobox's highlighted option, through aria-activedescendant as a screen reader finds it. */
async function highlighted(page: Page) {
	const id = await combobox(page).getAttribute('aria-activedescendant');
	if (!id) return null;
	const option = page.locator(`[id="${id}"]`);
	return {
		selected: await option.getAttribute('aria-selected'),
		service: await option.getAttribute('data-service-id'),
		text: await option.innerText()
	};
}

/** No sideways scroll: the page is no wider than the window. */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function phoneOrDesktop(width: number) {
	const opened = await openPage(browser, base);
	await opened.page.setViewportSize({ width, height: 800 });
	return opened;
}

describe('find a service from the header', () => {
	it.each([320, 1366])('"leeds yjs" then Enter lands on Leeds\' profile (%i px wide)', async (width) => {
		const { page, errors, context } = await phoneOrDesktop(width);
		await page.goto(`${base}/standards/`);
		const box = combobox(page);
		await box.click({ timeout: 10_000 });
		await page.keyboard.type('leeds yjs');
		await expect.poll(() => highlighted(page), { timeout: 20_000 }).toMatchObject({ selected: 'true', service: 'leeds' });
		expect(await box.getAttribute('aria-expanded')).toBe('true');
		const listbox = page.locator(`[id="${await box.getAttribute('aria-controls')}"]`);
		expect(await listbox.getAttribute('role')).toBe('listbox');
		expect(await listbox.isVisible()).toBe(true);
		// the list stays inside the window
		const right = await listbox.evaluate((el) => el.getBoundingClientRect().right);
		expect(right).toBeLessThanOrEqual(width);
		await page.keyboard.press('Enter');
		await page.waitForURL(`${base}/authorities/leeds/`, { timeout: 20_000 });
		await expect.poll(() => page.locator('main h1').innerText(), { timeout: 20_000 }).toContain('Leeds');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('arrow keys move through the matches and wrap, Escape closes, Enter with the list closed opens the filtered list', async () => {
		const { page, errors, context } = await phoneOrDesktop(1366);
		await page.goto(`${base}/`);
		await combobox(page).click({ timeout: 10_000 });
		await page.keyboard.type('YOT');
		await expect.poll(() => highlighted(page), { timeout: 20_000 }).toMatchObject({ selected: 'true' });
		const options = header(page).locator('[role="option"]');
		const n = await options.count();
		expect(n).toBeGreaterThan(3);
		// every service listed goes by a YOT name
		for (const text of await options.locator('.meta').allInnerTexts()) expect(text).toMatch(/YOT/);
		const firstId = (await highlighted(page))!.service;
		await page.keyboard.press('ArrowDown');
		expect((await highlighted(page))!.service).not.toBe(firstId);
		await page.keyboard.press('ArrowUp');
		expect((await highlighted(page))!.service).toBe(firstId);
		await page.keyboard.press('ArrowUp'); // wraps to the last option
		expect(await combobox(page).getAttribute('aria-activedescendant')).toBe(await options.nth(n - 1).getAttribute('id'));
		expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);

		await page.keyboard.press('Escape');
		expect(await combobox(page).getAttribute('aria-expanded')).toBe('false');
		expect(await combobox(page).getAttribute('aria-activedescendant')).toBeNull();
		expect(await combobox(page).inputValue()).toBe('YOT');

		await page.keyboard.press('Enter');
		await page.waitForURL(/\/authorities\/\?q=YOT$/, { timeout: 20_000 });
		await expect.poll(() => page.locator('input[data-services-q]').inputValue(), { timeout: 20_000 }).toBe('YOT');
		const listed = page.locator('main table tbody th a');
		await expect.poll(() => listed.count(), { timeout: 20_000 }).toBeLessThan(20);
		expect(await listed.allInnerTexts()).toContain('Bradford');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('works without the data engine: typos and Welsh names, a click on an option', async () => {
		const { page, context } = await phoneOrDesktop(390);
		// the engine never loads: its WebAssembly is refused
		await context.route('**/*.wasm', (r) => r.abort());
		await page.goto(`${base}/`);
		await page.waitForSelector('html[data-db="error"]', { timeout: 60_000 });
		await combobox(page).click({ timeout: 10_000 });
		await page.keyboard.type('camdn');
		await expect.poll(() => highlighted(page), { timeout: 20_000 }).toMatchObject({ service: 'camden' });
		await combobox(page).fill('');
		await page.keyboard.type('Caerdydd');
		await expect.poll(() => highlighted(page), { timeout: 20_000 }).toMatchObject({ service: 'cardiff' });
		expect((await highlighted(page))!.text).toContain('Caerdydd');
		await header(page).locator('[role="option"][data-service-id="cardiff"]').click();
		await page.waitForURL(`${base}/authorities/cardiff/`, { timeout: 20_000 });
		await context.close();
	});

	it('without JavaScript the search is a form that opens the list of services', async () => {
		const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
		const page = await context.newPage();
		await page.goto(`${base}/`);
		await combobox(page).fill('leeds');
		await combobox(page).press('Enter');
		await page.waitForURL(`${base}/authorities/?q=leeds`, { timeout: 20_000 });
		expect(await page.locator('main noscript').count()).toBeGreaterThan(0);
		expect(await page.locator('main [aria-label="Services table"] table a[href$="/authorities/leeds/"]').count()).toBe(1);
		await context.close();
	});
});

describe('404 page', () => {
	it('a mistyped /authorities/ address is a 404 with the search, a suggestion and the way home, no sideways scroll at 320 px', async () => {
		const { page, context } = await phoneOrDesktop(320);
		const response = await page.goto(`${base}/authorities/nowhere/`);
		expect(response?.status()).toBe(404);
		await page.waitForSelector('[data-not-found]', { timeout: 20_000 });
		expect(await page.locator('main h1').innerText()).toBe('Page not found');
		expect(await page.title()).toMatch(/^Page not found/);
		expect(await page.locator('main a[href="/"]').count()).toBe(1);
		expect(await overflow(page)).toBeLessThanOrEqual(0);

		// the search on the page works
		const search = page.locator('main form[data-service-search] input[role="combobox"]');
		await search.click();
		await page.keyboard.type('bury & rochdale');
		await expect
			.poll(() => page.locator('main [role="option"][aria-selected="true"]').getAttribute('data-service-id'), { timeout: 20_000 })
			.toBe('bury-and-rochdale');
		await page.keyboard.press('Enter');
		await page.waitForURL(`${base}/authorities/bury-and-rochdale/`, { timeout: 20_000 });
		await context.close();
	});

	it('without JavaScript it still says so, with a form to the list of services', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
		const page = await context.newPage();
		const response = await page.goto(`${base}/compare/nowhere/`);
		expect(response?.status()).toBe(404);
		expect(await page.title()).toMatch(/^Page not found/);
		expect(await page.locator('h1').innerText()).toBe('Page not found');
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await page.fill('input[name="q"]', 'camden');
		await page.press('input[name="q"]', 'Enter');
		await page.waitForURL(`${base}/authorities/?q=camden`, { timeout: 20_000 });
		expect(await page.locator('main [aria-label="Services table"] table a[href$="/authorities/camden/"]').count()).toBe(1);
		await context.close();
	});

	it('suggests the service a mistyped profile address was meant for', async () => {
		const { page, context } = await phoneOrDesktop(1366);
		const response = await page.goto(`${base}/authorities/camdn/`);
		expect(response?.status()).toBe(404);
		await expect
			.poll(() => page.locator('[data-not-found] .suggestions a').first().getAttribute('href'), { timeout: 20_000 })
			.toBe('/authorities/camden/');
		await context.close();
	});
});

describe('copy link to this view', () => {
	it('copies the address with its filters and says so', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
		await page.goto(`${base}/standards/?region=North+West`);
		await page.click('[data-copy-link]', { timeout: 10_000 });
		await expect.poll(() => page.locator('[data-copy-link-status]').innerText(), { timeout: 10_000 }).toBe('Link copied');
		expect(await page.locator('[data-copy-link-status]').getAttribute('aria-live')).toBe('polite');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${base}/standards/?region=North+West`);
		expect(await page.locator('[data-copy-link-field]').count()).toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('when the clipboard is refused, shows the link selected in a field', async () => {
		const { page, context } = await openPage(browser, base);
		await context.addInitScript(() => {
			Object.defineProperty(navigator, 'clipboard', {
				value: { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }
			});
		});
		await page.goto(`${base}/trends/?nation=Wales`);
		await page.click('[data-copy-link]', { timeout: 10_000 });
		const field = page.locator('[data-copy-link-field]');
		await field.waitFor({ state: 'visible', timeout: 10_000 });
		expect(await field.inputValue()).toBe(`${base}/trends/?nation=Wales`);
		expect(await page.locator('[data-copy-link-status]').innerText()).toMatch(/did not let the page copy/);
		// focused and wholly selected, ready for Ctrl+C
		expect(
			await field.evaluate(
				(el: HTMLInputElement) => document.activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length
			)
		).toBe(true);
		await context.close();
	});
});
