/**
 * The dataset location is a setting: ?data= loads the tables from another HTTP server (here a
 * second local server on another port, with CORS), and the page says so plainly. The data
 * served is a synthetic one (npm run data:synthetic), so the views visibly change.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../../scripts/serve';
import { ROOT } from '../paths';
import { shipped } from '../shipped';
import { cspViolations, dbReady, launch, openPage, settled } from './browser';
import { DATA_ORIGIN, DATA_PORT } from './global-setup';

const base = inject('baseURL');
let browser: Browser;
let server: Server;
let dir: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'yj-synthetic-'));
	execSync(`npx tsx scripts/data-synthetic.ts --scale 8 --out ${dir}`, { cwd: ROOT, stdio: 'ignore' });
	server = (await serveStatic(dir, DATA_PORT, { headers: { 'access-control-allow-origin': '*' } })).server;
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	server?.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('data from another address', () => {
	it('loads the synthetic tables from a second server, labels them, and every view follows', async () => {
		const { page, errors, offsite, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/?data=${encodeURIComponent(`${DATA_ORIGIN}/`)}`);
		expect(await dbReady(page)).toBe('ready');
		await settled(page);
		await expect.poll(() => page.locator('.external').textContent()).toMatch(/Synthetic data \(8 times the real dataset\)/);
		await expect.poll(() => page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).toContain('Synthetic service');
		expect(offsite.every((u) => u.startsWith(DATA_ORIGIN))).toBe(true);
		expect(offsite.length).toBeGreaterThan(10);
		// links keep the data location
		await page.click('nav a:has-text("Overview")');
		await dbReady(page);
		expect(page.url()).toContain('data=');
		await expect.poll(() => page.locator('.count strong').textContent()).toBe(String(8 * shipped.inspections));
		expect(errors).toEqual([]);
		expect(await cspViolations(page)).toEqual([]);
		await context.close();
	});

	it('past 60 inspections the heatmap draws the most recent, says so, and draws them all on request', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/?data=${encodeURIComponent(`${DATA_ORIGIN}/`)}`);
		expect(await dbReady(page)).toBe('ready');
		await settled(page);
		const fig = page.locator('figure[data-chart="standards-heatmap"]');
		// rows drawn: the distinct heights of the cells
		const rowsDrawn = () =>
			fig.locator('svg').evaluate((svg) => new Set([...svg.querySelectorAll('rect')].map((r) => r.getAttribute('y'))).size);
		await expect.poll(() => fig.locator('.title').textContent()).toMatch(/^Ratings of the 60 most recently published of \d+ inspections/);
		const total = Number((await fig.locator('.title').textContent())!.match(/of (\d+) inspections/)![1]);
		expect(total).toBeGreaterThan(60);
		expect(await rowsDrawn()).toBe(60);
		expect(await fig.locator('.whole').textContent()).toContain(`the table and the CSV have all ${total}`);
		await fig.locator('button[data-show-all]').click();
		await expect.poll(rowsDrawn).toBe(total);
		expect(await fig.locator('.title').textContent()).toBe(`Ratings of ${total} inspections, standard by standard`);
		// a filter change goes back to the most recent
		await page.selectOption('select[data-filter="framework"]', 'yjs-2021');
		await expect
			.poll(() => fig.locator('.title').textContent())
			.toMatch(/^Ratings of (the 60 most recently published of )?\d+ inspections/);
		await settled(page);
		expect(await rowsDrawn()).toBeLessThanOrEqual(60);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('the risk-of-harm and disproportionality charts draw the most recent inspections past their limit, and all on request', async () => {
		const { page, errors, context } = await openPage(browser, base);
		for (const { path, chart, limit } of [
			{ path: '/risk-of-harm/', chart: 'risk-gap', limit: 10 },
			{ path: '/disproportionality/', chart: 'disproportionality', limit: 20 }
		]) {
			await page.goto(`${base}${path}?data=${encodeURIComponent(`${DATA_ORIGIN}/`)}`);
			expect(await dbReady(page)).toBe('ready');
			await settled(page);
			const fig = page.locator(`figure[data-chart="${chart}"]`);
			// services drawn: the distinct services named on the y axis ("service · group")
			const servicesDrawn = () =>
				fig.locator('svg').evaluate((svg) => {
					const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => t.includes(' · '));
					return new Set(labels.map((t) => t.split(' · ')[0])).size;
				});
			await expect
				.poll(() => fig.locator('.whole').textContent())
				.toMatch(new RegExp(`shows the ${limit} most recently published inspections`));
			const total = Number((await fig.locator('.whole').textContent())!.match(/have all (\d+)/)![1]);
			expect(total).toBeGreaterThan(limit);
			expect(await servicesDrawn()).toBe(limit);
			await fig.locator('button[data-show-all]').click();
			await expect.poll(servicesDrawn).toBe(total);
			expect(await fig.locator('.whole').textContent()).toContain(`The chart shows all ${total} inspections.`);
			await fig.locator('button[data-show-recent]').click();
			await expect.poll(servicesDrawn).toBe(limit);
		}
		expect(errors).toEqual([]);
		await context.close();
	});

	it('an origin the build does not allow is refused by the CSP, and the page says the engine failed', async () => {
		const { page, context } = await openPage(browser, base);
		await page.goto(`${base}/?data=${encodeURIComponent('http://127.0.0.1:9/')}`);
		expect(await dbReady(page)).toBe('error');
		await context.close();
	});
});
