/**
 * What a meta CSP cannot do, done by the headers (issue 16.6): the built site, served with its
 * `_headers` as Netlify or Cloudflare Pages would (scripts/serve.ts), cannot be framed by a
 * page of another origin, and its DuckDB worker cannot fetch from another origin. Each is
 * checked beside the same build served *without* the headers, where both happen: the headers,
 * not the meta tag, are what stop them.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic } from '../../scripts/serve';
import { ROOT } from '../paths';
import { cspViolations, dbReady, launch, openPage } from './browser';

const base = inject('baseURL');
let browser: Browser;
/** another origin: it frames the site, and counts the requests that reach it */
let other: { server: Server; url: string };
/** the same build, served by a host that ignores _headers */
let bare: { server: Server; url: string };
let dir: string;
const reached: string[] = [];

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'yj-frame-'));
	writeFileSync(join(dir, 'inner.html'), '<!doctype html><title>inner</title><p id="inner">a page of this origin</p>');
	other = await serveStatic(dir);
	other.server.on('request', (req) => reached.push(req.url ?? ''));
	bare = await serveStatic(`${ROOT}/build`, 0, { hostHeaders: false });
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	await Promise.all([other, bare].map((s) => s && new Promise<void>((ok) => s.server.close(() => ok()))));
	rmSync(dir, { recursive: true, force: true });
});

/** Open a page on the other origin that frames `site` (and, as a control, a page of its own). */
async function frame(site: string) {
	writeFileSync(
		join(dir, 'frame.html'),
		`<!doctype html><title>framer</title><iframe id="site" src="${site}/about/"></iframe><iframe id="own" src="/inner.html"></iframe>`
	);
	const context = await browser.newContext();
	const page = await context.newPage();
	const messages: string[] = [];
	page.on('console', (m) => messages.push(m.text()));
	await page.goto(`${other.url}/frame.html`, { waitUntil: 'load', timeout: 30_000 });
	const siteFrame = await (await page.$('#site'))?.contentFrame();
	const ownFrame = await (await page.$('#own'))?.contentFrame();
	const own = await ownFrame?.locator('#inner').textContent({ timeout: 10_000 });
	// a frame the browser refused holds its own error page (chrome-error://), not the site
	const shown = siteFrame
		? await siteFrame
				.evaluate((origin) => (location.origin === origin ? (document.querySelector('h1')?.textContent ?? '') : null), new URL(site).origin)
				.catch(() => null)
		: null;
	await context.close();
	return { own, shown, messages };
}

/** Ask the site's own DuckDB worker to fetch its WebAssembly from the other origin. */
async function workerFetch(site: string) {
	const worker = readdirSync(`${ROOT}/build/_app/immutable/assets`).find((f) => /^duckdb-browser-eh\.worker\..*\.js$/.test(f));
	expect(worker).toBeDefined();
	const { page, context } = await openPage(browser, site);
	await page.goto(`${site}/about/`);
	const before = reached.length;
	const answer = await page.evaluate(
		([script, url]) =>
			new Promise<string>((ok) => {
				const w = new Worker(script);
				const timer = setTimeout(() => ok('no answer'), 20_000);
				w.onmessage = (e: MessageEvent<{ type: string; data: unknown }>) => {
					if (e.data.type === 'INSTANTIATE_PROGRESS') return;
					clearTimeout(timer);
					ok(`${e.data.type}: ${String(e.data.data)}`);
					w.terminate();
				};
				w.onerror = (e) => ok(`worker error: ${e.message}`);
				w.postMessage({ messageId: 1, type: 'INSTANTIATE', data: [url, null] });
			}),
		[`/_app/immutable/assets/${worker}`, `${other.url}/from-the-worker.wasm`] as const
	);
	await context.close();
	return { answer, reachedOther: reached.slice(before).filter((p) => p.includes('from-the-worker')) };
}

describe('headers a meta tag cannot give', () => {
	it('the site answers with the policy as a header, and runs under it with no violation', async () => {
		const res = await fetch(`${base}/standards/`);
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('no-referrer');
		expect(res.headers.get('permissions-policy')).toContain('camera=()');
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/standards/`);
		expect(await dbReady(page)).toBe('ready');
		expect(await cspViolations(page)).toEqual([]);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a page of another origin cannot frame the site', async () => {
		const framed = await frame(base);
		expect(framed.own).toBe('a page of this origin');
		expect(framed.shown).toBeNull();
		expect(framed.messages.join('\n')).toMatch(/frame-ancestors/);
		// the control: without the headers the same build is framed
		const control = await frame(bare.url);
		expect(control.shown).toMatch(/\w/);
	});

	it("the DuckDB worker cannot fetch from another origin: its script's header forbids it", async () => {
		const blocked = await workerFetch(base);
		expect(blocked.answer).not.toMatch(/^OK/);
		expect(blocked.reachedOther).toEqual([]);
		// the control: served without the headers, the worker's request reaches the other origin
		const open = await workerFetch(bare.url);
		expect(open.reachedOther.length).toBeGreaterThan(0);
	});
});
