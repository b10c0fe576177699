/**
 * Accessibility: axe-core on every route, as published and with a filter applied (no serious
 * or critical violation), and a keyboard-only walk (every filter and download reachable,
 * focus always visible, a region changed from the keyboard).
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dbReady, launch, openPage, settled } from './browser';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const base = inject('baseURL');

export const ROUTES = [
	'/',
	'/standards/',
	'/risk-of-harm/',
	'/disproportionality/',
	'/trends/',
	'/authorities/',
	'/authorities/bury-and-rochdale/',
	'/authorities/derbyshire/',
	'/compare/',
	'/recommendations/',
	'/recommendations/self-assessment/',
	'/data/',
	'/about/'
];

let browser: Browser;
beforeAll(async () => {
	browser = await launch();
});
afterAll(() => browser?.close());

interface AxeResult {
	violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function axe(page: Page): Promise<AxeResult['violations']> {
	const result = await page.evaluate(async () => {
		const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } };
		return w.axe.run(document, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }
		});
	});
	return result.violations;
}

describe('axe-core on every route', () => {
	it.each(
		ROUTES.flatMap((r) => [
			[r, ''],
			[r, '?region=North+West']
		])
	)('%s%s: no serious or critical violation', async (route, query) => {
		const { page, context } = await openPage(browser, base);
		await context.addInitScript({ path: AXE }); // injected by the browser, not a page script: the CSP stays strict
		await page.goto(`${base}${route}${query}`);
		await dbReady(page);
		await settled(page);
		await page.locator('details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
		const violations = await axe(page);
		const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(
			serious.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.help} at ${v.nodes
						.slice(0, 3)
						.map((n) => n.target.join(' '))
						.join(', ')}`
			)
		).toEqual([]);
		await context.close();
	});
});

describe('keyboard only', () => {
	it('tab reaches every filter and every download, focus is always visible, and a region changes from the keyboard', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/`);
		await dbReady(page);
		const seen = new Set<string>();
		const invisible: string[] = [];
		for (let i = 0; i < 120; i++) {
			await page.keyboard.press('Tab');
			const info = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement | null;
				if (!el || el === document.body) return null;
				const s = getComputedStyle(el);
				const visible =
					(s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
					s.boxShadow !== 'none' ||
					s.backgroundColor === 'rgb(255, 221, 0)';
				return {
					key: el.getAttribute('data-filter')
						? `filter:${el.getAttribute('data-filter')}`
						: el.getAttribute('data-download')
							? `download:${el.closest('figure')?.getAttribute('data-chart')}:${el.getAttribute('data-download')}`
							: `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`,
					visible
				};
			});
			if (!info) continue;
			seen.add(info.key);
			if (!info.visible) invisible.push(info.key);
		}
		for (const f of ['region', 'nation', 'framework', 'year-from', 'year-to', 'rating', 'source']) expect(seen, f).toContain(`filter:${f}`);
		for (const chart of ['standards-ranked', 'standards-heatmap'])
			for (const k of ['png', 'svg', 'csv']) expect(seen).toContain(`download:${chart}:${k}`);
		expect(invisible).toEqual([]);

		await page.focus('select[data-filter="region"]');
		await page.keyboard.press('ArrowDown');
		await page.waitForURL(/region=/);
		await settled(page);
		expect(new URL(page.url()).searchParams.get('region')).toBeTruthy();
		expect(errors).toEqual([]);
		await context.close();
	});
});
