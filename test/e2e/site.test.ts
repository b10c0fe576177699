/**
 * The built site in Chromium: every route loads its data, charts are in the prerendered HTML,
 * filters live in the URL, downloads give files, CSVs equal the rows behind the chart.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv';
import { cspViolations, dbReady, launch, openPage, settled } from './browser';
import { shipped } from '../shipped';

const base = inject('baseURL');
const VIEWS = [
	{ path: '/', charts: ['ratings-by-year', 'ratings-by-region'] },
	{ path: '/standards/', charts: ['standards-ranked', 'standards-heatmap'] },
	{ path: '/risk-of-harm/', charts: ['risk-gap', 'risk-gap-ranking'] },
	{ path: '/disproportionality/', charts: ['disproportionality'] },
	{ path: '/trends/', charts: ['trend-ratings', 'trend-annual', 'trend-standards'] },
	{ path: '/authorities/bury-and-rochdale/', charts: ['key-questions', 'context', 'caseload'] },
	{ path: '/authorities/derbyshire/', charts: ['sqs-findings'] },
	{ path: '/compare/', charts: ['compare-standards', 'compare-key-questions'] }
];

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

describe('every view', () => {
	it.each(VIEWS)('$path: prerendered HTML already holds each chart as SVG, under a strict CSP', async ({ path, charts }) => {
		const html = await (await fetch(`${base}${path}`)).text();
		const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
		expect(csp).toMatch(/default-src 'self'/);
		expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'(;|$)/);
		expect(csp).toMatch(/object-src 'none'/);
		expect(csp).toMatch(/base-uri 'self'/);
		expect(csp).not.toMatch(/(?<!wasm-)unsafe-eval|script-src[^;]*unsafe-inline/);
		for (const name of charts) {
			const figure = new RegExp(`<figure[^>]*data-chart="${name}"[\\s\\S]*?<svg[^>]*class="plot`);
			expect(html, name).toMatch(figure);
		}
	});

	it.each(VIEWS)('$path: reaches data-db="ready" with no console error and no request off the site', async ({ path, charts }) => {
		const { page, errors, offsite, context } = await openPage(browser, base);
		await page.goto(`${base}${path}`);
		expect(await dbReady(page)).toBe('ready');
		await settled(page);
		for (const name of charts) expect(await page.locator(`figure[data-chart="${name}"] svg`).count()).toBeGreaterThan(0);
		expect(errors).toEqual([]);
		expect(offsite).toEqual([]);
		expect(await cspViolations(page)).toEqual([]);
		await context.close();
	});
});

describe('filters', () => {
	it('changing region updates the URL and the charts, survives reload, and back undoes it', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/`);
		await dbReady(page);
		const before = await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML();
		await page.selectOption('select[data-filter="region"]', 'North West');
		await page.waitForURL(/region=North\+West/);
		await settled(page);
		const after = await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML();
		expect(after).not.toBe(before);
		expect(after).toContain('Bury and Rochdale');
		expect(after).not.toContain('Leeds');
		await expect.poll(() => page.locator('.count strong').textContent()).toBe(String(shipped.inRegion('North West')));

		await page.reload();
		await dbReady(page);
		await settled(page);
		expect(await page.inputValue('select[data-filter="region"]')).toBe('North West');
		expect(await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).not.toContain('Leeds');

		await page.goBack();
		await page.waitForURL((u) => !u.search.includes('region'));
		await settled(page);
		await expect.poll(() => page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).toContain('Leeds');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('while the reader looks, the next change is worked out in advance: drawn at once, and the same as computed afresh', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/?framework=yos-2018`);
		await dbReady(page);
		await settled(page);
		// regions come first in line (the reader's other filters kept)
		const region = 'North West';
		await page.waitForTimeout(3000);
		await page.evaluate(() => {
			const w = window as unknown as { __loadingSeen: boolean };
			w.__loadingSeen = false;
			new MutationObserver(() => {
				if (document.querySelector('figure[data-loading]')) w.__loadingSeen = true;
			}).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-loading'] });
		});
		await page.selectOption('select[data-filter="region"]', region!);
		await page.waitForURL(/region=/);
		await settled(page);
		const drawn = await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML();
		expect(await page.evaluate(() => (window as unknown as { __loadingSeen: boolean }).__loadingSeen)).toBe(false);
		await page.reload();
		await dbReady(page);
		await settled(page);
		expect(page.url()).toContain('framework=yos-2018');
		expect(await page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).toBe(drawn);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a filter that leaves no data says so instead of drawing an empty chart', async () => {
		const { page, context } = await openPage(browser, base);
		await page.goto(`${base}/risk-of-harm/?region=London`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => page.locator('figure[data-chart="risk-gap"] .empty').textContent()).toMatch(/No inspections/);
		expect(await page.locator('figure[data-chart="risk-gap"] svg').count()).toBe(0);
		await context.close();
	});

	it('reset clears every filter', async () => {
		const { page, context } = await openPage(browser, base);
		await page.goto(`${base}/?region=Wales&rating=Good`);
		await dbReady(page);
		await page.click('button:has-text("Reset filters")');
		await page.waitForURL((u) => u.search === '');
		expect(await page.inputValue('select[data-filter="region"]')).toBe('');
		await context.close();
	});
});

describe('downloads', () => {
	it.each(VIEWS.slice(0, 5))(
		'$path: every chart gives a PNG, an SVG and a CSV; the CSV is the rows of its table',
		async ({ path, charts }) => {
			const { page, errors, context } = await openPage(browser, base);
			await page.goto(`${base}${path}?region=North+West`);
			await dbReady(page);
			await settled(page);
			for (const name of charts) {
				const fig = page.locator(`figure[data-chart="${name}"]`);
				if (await fig.locator('.empty').count()) continue;
				for (const kind of ['png', 'svg', 'csv']) {
					const [download] = await Promise.all([page.waitForEvent('download'), fig.locator(`[data-download="${kind}"]`).click()]);
					const file = readFileSync((await download.path())!);
					expect(file.length, `${name}.${kind}`).toBeGreaterThan(50);
					expect(download.suggestedFilename()).toMatch(new RegExp(`north-west\\.${kind}$`));
					if (kind === 'png') expect(file.subarray(1, 4).toString()).toBe('PNG');
					if (kind === 'svg') expect(file.toString()).toMatch(/^<\?xml[\s\S]*<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
					if (kind === 'csv') {
						const csv = parseCsv(file.toString());
						// the reader opens the table (its rows are built on opening)
						await fig.locator('details summary').click();
						await expect.poll(() => fig.locator('details table tbody tr').count(), { message: name }).toBe(csv.rows.length);
					}
				}
			}
			expect(errors).toEqual([]);
			await context.close();
		}
	);
});

describe('when the engine cannot start', () => {
	it('says what failed and what still works, and the published charts stay', async () => {
		const { page, context } = await openPage(browser, base);
		await page.route('**/*.wasm', (r) => r.abort());
		await page.goto(`${base}/standards/`);
		expect(await dbReady(page)).toBe('error');
		const alert = page.locator('.engine-error');
		await expect.poll(() => alert.textContent()).toMatch(/could not start[\s\S]*still show every inspection/);
		expect(await page.locator('figure[data-chart="standards-ranked"] svg').count()).toBe(1);
		await context.close();
	});
});

describe('services', () => {
	it('the list is searchable and sortable from the keyboard, and links to profiles', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/authorities/`);
		await dbReady(page);
		await page.fill('#svc-search', 'rochdale');
		await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
		await page.fill('#svc-search', '');
		await page.locator('th button', { hasText: 'Score' }).focus();
		await page.keyboard.press('Enter'); // numbers sort highest first
		expect(await page.locator('th[aria-sort="descending"]').textContent()).toMatch(/Score/);
		const scores = (await page.locator('tbody tr td:nth-child(6)').allTextContents()).filter((t) => t !== '').map(Number);
		expect(scores.length).toBeGreaterThan(2);
		expect(scores).toEqual([...scores].sort((a, b) => b - a));
		await page.click('a:has-text("Bury and Rochdale")');
		await page.waitForURL(/authorities\/bury-and-rochdale\//);
		expect(await page.locator('h1').textContent()).toBe('Bury and Rochdale');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a profile shows the rating card, warnings in plain words and neighbours as a comparison set', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/authorities/leeds/`);
		await dbReady(page);
		expect(await page.locator('table.card tbody tr').count()).toBe(12);
		expect(await page.locator('.warnings').textContent()).toMatch(/two different names/);
		await page.click('a:has-text("Compare Leeds with its nearest neighbours")');
		await page.waitForURL(/compare\/\?ids=leeds,/);
		await settled(page);
		await expect.poll(() => page.locator('thead th[data-service]').count()).toBeGreaterThan(1);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('two sources disagreeing is a warning on the profile, beside the rating kept', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/authorities/west-sussex/`);
		await dbReady(page);
		const row = page.locator('tbody tr', { hasText: 'June 2022' });
		expect(await row.locator('td').nth(3).textContent()).toMatch(/Good/);
		await row.locator('a:has-text("1 data check")').click();
		await page.waitForURL(/#h-west-sussex-2022-06$/);
		const section = page.locator('section.inspection', { has: page.locator('#h-west-sussex-2022-06') });
		expect(await section.locator('.warnings').textContent()).toMatch(
			/data-to-insight scrape[\s\S]*gives the overall rating 'Requires improvement'; reference\/published-inspections\.csv gives 'Good', which is kept/
		);
		expect(await section.textContent()).toMatch(/score 26 of 36 \(as stated by the source\)/);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('an inspection only the scrape gives cites the HMIP report page, and /about names the scrape', async () => {
		const html = await (await fetch(`${base}/authorities/kensington-and-chelsea/`)).text();
		expect(html).toMatch(
			/<a href="https:\/\/www\.justiceinspectorates\.gov\.uk\/hmiprobation\/inspections\/rbkc-yos\/"[^>]*>HMIP report page \(figures from data-to-insight's scrape\)<\/a>/
		);
		expect(html).toContain('London, England.');
		const about = await (await fetch(`${base}/about/`)).text();
		expect(about).toContain('https://github.com/data-to-insight/hmi-probation-youth-justice-scrape');
		expect(about).toContain('reference/scraped-overall-ratings.csv');
		expect(about).toContain('inputs/local-authority-regions.csv');
	});
});

describe('compare', () => {
	it('three services from the URL, one removed from the page', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/compare/?ids=leeds,thurrock,camden`);
		await dbReady(page);
		await settled(page);
		await expect
			.poll(() => page.locator('thead th[data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service'))))
			.toEqual(['leeds', 'thurrock', 'camden']);
		await page.click('button[aria-label="Remove Camden from the comparison"]');
		await page.waitForURL(/ids=leeds,thurrock$/);
		await expect.poll(() => page.locator('thead th[data-service]').count()).toBe(2);
		await page.selectOption('#add-service', 'bury-and-rochdale');
		await page.click('button:has-text("Add")');
		await page.waitForURL(/ids=leeds,thurrock,bury-and-rochdale$/);
		await expect.poll(() => page.locator('thead th[data-service]').count()).toBe(3);
		expect(errors).toEqual([]);
		await context.close();
	});
});
