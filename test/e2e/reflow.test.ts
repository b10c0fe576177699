/**
 * Reach (issue 14.1): every route read at 320 px and at 1366 px. No route scrolls sideways
 * (WCAG 1.4.10 Reflow: a wide table or heatmap scrolls inside its own box); each chart is
 * drawn for the width of its figure, so the smallest text in it is 12 px or more as rendered
 * (its font size times the scale the SVG is shown at, from getBoundingClientRect); axe-core
 * finds no serious or critical issue at 320 px; the filters fold behind one button on a phone
 * and say how many are set.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dbReady, launch, settled } from './browser';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const base = inject('baseURL');

const ROUTES = [
	'/',
	'/standards/',
	'/risk-of-harm/',
	'/disproportionality/',
	'/trends/',
	'/authorities/',
	'/authorities/bury-and-rochdale/',
	'/compare/?ids=leeds,thurrock,camden',
	'/recommendations/',
	'/data/',
	'/about/'
];

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

async function open(width: number, route: string, axe = false): Promise<Page> {
	const context = await browser.newContext({ viewport: { width, height: 800 } });
	if (axe) await context.addInitScript({ path: AXE });
	const page = await context.newPage();
	await page.goto(`${base}${route}`);
	await dbReady(page);
	await settled(page);
	// every chart drawn for its box: the width ChartFigure asks for (chartWidthFor), as it says
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll<HTMLElement>('figure[data-chart] .chart')].every((c) => {
				const s = getComputedStyle(c);
				const box = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
				return Number(c.dataset.drawnWidth) === Math.round(Math.max(260, Math.min(760, box)));
			}),
		undefined,
		{ timeout: 30_000 }
	);
	return page;
}

/** The smallest text in any chart as rendered (px), and where it is. */
function smallestChartText(page: Page) {
	return page.evaluate(() => {
		let smallest = { px: Infinity, where: '' };
		for (const t of document.querySelectorAll('figure[data-chart] .chart svg text')) {
			if (!t.textContent?.trim()) continue;
			// text a chart hides at this width is not read (the map's names below 826 px)
			if (t.getClientRects().length === 0) continue;
			const svg = t.closest('svg') as SVGSVGElement;
			const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
			const px = parseFloat(getComputedStyle(t).fontSize) * scale;
			if (px < smallest.px) smallest = { px, where: `${t.closest('figure')?.getAttribute('data-chart')}: "${t.textContent}"` };
		}
		return smallest;
	});
}

describe.each([320, 1366])('at %i px', (width) => {
	it.each(ROUTES)('%s: no sideways scroll, chart text 12 px or more', async (route) => {
		const page = await open(width, route);
		const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(scrollWidth, `${route} is ${scrollWidth} px wide`).toBeLessThanOrEqual(width);
		const charts = await page.locator('figure[data-chart] .chart svg').count();
		if (charts) {
			const { px, where } = await smallestChartText(page);
			expect(px, where).toBeGreaterThanOrEqual(12);
		}
		await page.context().close();
	});
});

describe('at 320 px', () => {
	it.each(ROUTES)('%s: axe-core finds no serious or critical issue', async (route) => {
		const page = await open(320, route, true);
		const result = await page.evaluate(async () => {
			const w = window as unknown as {
				axe: {
					run: (
						ctx: Document,
						o: object
					) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
				};
			};
			return w.axe.run(document, {
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
			});
		});
		const serious = result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(serious).toEqual([]);
		await page.context().close();
	});

	it('the filters fold behind one button that counts those set, and unfold from the keyboard', async () => {
		const page = await open(320, '/?region=North+West&year-from=2021');
		const toggle = page.locator('[data-filters-toggle]');
		await expect.poll(() => toggle.textContent()).toBe('Filters (2 set)');
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await page.locator('[data-filter="region"]').isVisible()).toBe(false);
		await toggle.focus();
		await page.keyboard.press('Enter');
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		expect(await page.locator('[data-filter="region"]').isVisible()).toBe(true);
		expect(await page.locator('[data-filter="region"]').inputValue()).toBe('North West');
		// the folded filters fit the phone's width
		const right = await page.locator('[data-filter="framework"]').evaluate((e) => e.getBoundingClientRect().right);
		expect(right).toBeLessThanOrEqual(320);
		await page.context().close();
	});

	it('with no filter set the button says so; on a wide screen every filter shows and the button does not', async () => {
		const phone = await open(320, '/');
		expect(await phone.locator('[data-filters-toggle]').textContent()).toBe('Filters (none set)');
		await phone.context().close();
		const desk = await open(1366, '/?rating=Good');
		expect(await desk.locator('[data-filters-toggle]').isVisible()).toBe(false);
		for (const f of ['region', 'nation', 'framework', 'year-from', 'year-to', 'rating', 'source'])
			expect(await desk.locator(`[data-filter="${f}"]`).isVisible(), f).toBe(true);
		await desk.context().close();
	});
});
