/** Browser helpers for the e2e tests: Debian's Chromium (scripts/lib/chromium.ts), pages that record errors. */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';

export const launch = launchChromium;

/** A page that records console errors, page errors and requests that leave the origin. */
export async function openPage(browser: Browser, baseURL: string) {
	const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
	// record Content-Security-Policy violations the page reports
	await context.addInitScript(() => {
		const w = window as unknown as { __csp: string[] };
		w.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const page = await context.newPage();
	const errors: string[] = [];
	const offsite: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith(baseURL) && !u.startsWith('blob:') && !u.startsWith('data:')) offsite.push(u);
	});
	return { page, errors, offsite, context };
}

export async function dbReady(page: Page) {
	await page.waitForSelector('html[data-db="ready"], html[data-db="error"]', { timeout: 60_000 });
	return page.getAttribute('html', 'data-db');
}

/** Wait until no figure is recomputing. */
export async function settled(page: Page) {
	await page.waitForFunction(() => document.querySelectorAll('figure[data-loading]').length === 0, undefined, { timeout: 30_000 });
}

export function cspViolations(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []);
}
