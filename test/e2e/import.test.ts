/**
 * The data room's import, end to end: a report renamed to a new service appears in every
 * view; a bad CSV lists its row errors and changes nothing; imports survive reload; removing
 * them restores the shipped data. Many at once: 30 files dropped together, each with its
 * status, the bad ones holding up none of the others, every ready one added in one step.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dbReady, launch, openPage, settled } from './browser';
import { INVENTED, printPdf, renamed, SQS, thirtyFiles, type TestFile } from './import-files';
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
		const workers: string[] = [];
		page.on('worker', (w) => workers.push(w.url()));
		await page.setInputFiles('input[data-import]', { name: 'northmoor.txt', mimeType: 'text/plain', buffer: Buffer.from(report) });
		await page.waitForSelector('[data-import-preview]');
		// the report was read off the page's thread (import/off-thread.ts)
		await expect.poll(() => workers.some((u) => /extract\.worker/.test(u))).toBe(true);
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
		// the whole counts the import too (it said "1 of 159" beside 160 inspections)
		await expect.poll(() => page.locator('.count').textContent()).toMatch(new RegExp(`1 of ${shipped.inspections + 1} inspections match`));

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

/** Drop files on the data room's drop zone, as a user dragging them from a folder would. */
async function drop(page: Page, files: TestFile[]) {
	const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: f.buffer.toString('base64') }));
	const dt = await page.evaluateHandle((fs) => {
		const dt = new DataTransfer();
		for (const f of fs) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
		return dt;
	}, payload);
	await page.dispatchEvent('.drop', 'drop', { dataTransfer: dt });
}

/** Every file in the list read (none waiting or being read). */
const allRead = (page: Page, n: number) =>
	page.waitForFunction(
		(n) =>
			document.querySelectorAll('tr[data-status]').length === n &&
			!document.querySelector('tr[data-status="waiting"], tr[data-status="reading"]'),
		n,
		{ timeout: 60_000 }
	);

const statuses = (page: Page) =>
	page.$$eval('tr[data-status]', (rows) =>
		Object.fromEntries(rows.map((r) => [r.getAttribute('data-file'), r.getAttribute('data-status')]))
	);

/** One number from the SQL console. */
async function sql(page: Page, query: string): Promise<string> {
	await page.fill('textarea[data-sql]', query);
	await page.click('[data-sql-run]');
	await page.waitForSelector('table[data-sql-result] tbody td');
	return (await page.locator('table[data-sql-result] tbody td').first().textContent())!.trim();
}

describe('a PDF of a service new to the data (issue 17)', () => {
	it('is read once: choosing the region afterwards works, it is added, and it is there after a reload', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const pdf = await printPdf(browser, renamed(SQS, 'Vetchfield'));
		await page.setInputFiles('input[data-import]', { name: 'vetchfield.pdf', mimeType: 'application/pdf', buffer: pdf });
		await allRead(page, 1);
		expect(await statuses(page)).toEqual({ 'vetchfield.pdf': 'needs-region' });
		const row = page.locator('tr[data-file="vetchfield.pdf"]');
		expect(await row.locator('td').nth(0).textContent()).toContain('Vetchfield');
		expect(await row.locator('td').nth(2).textContent()).toContain('Short Quality Screening (2016)');
		expect(await page.locator('[data-import-commit]').isDisabled()).toBe(true);

		// the region is chosen after pdf.js has had the bytes: what was read is used, not the bytes
		await row.getByLabel('New to the data: region').selectOption('East Midlands');
		await expect.poll(() => statuses(page)).toEqual({ 'vetchfield.pdf': 'ready' });
		expect(await page.locator('[data-import-errors]').count()).toBe(0);
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		expect(await page.locator('[data-imports] li').textContent()).toMatch(/vetchfield\.pdf[\s\S]*vetchfield-sqs-2016-03/);

		await page.reload();
		await dbReady(page);
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		await page.goto(`${base}/authorities/`);
		await dbReady(page);
		await page.fill('#svc-search', 'vetchfield');
		await expect.poll(() => page.locator('tbody tr').textContent()).toMatch(/Vetchfield[\s\S]*East Midlands[\s\S]*imported/);
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('a web copy of a 2024 inspection, which gives no month (issue 12)', () => {
	it('is read from the saved page, asks for the month, then the region, and is added under its own programme', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const html = `<!doctype html><html lang="en"><head><title>Inspection</title><script>var x = 1;</script></head><body>
			<a href="#main">Skip to content</a><nav><a href="/">Home</a><a href="/inspections">Inspections</a></nav>
			<main id="main"><h1>An inspection of youth justice work with children and victims in Vetchfield</h1><p>Published:</p>
			<h2>Foreword (Back to top)</h2>
			<p>This inspection is part of our programme of inspections across youth justice services in England and Wales.[1] In this inspection we have inspected and rated work with children and victims in Vetchfield Youth Justice Service (YJS) across two broad areas.</p>
			<p>Overall, Vetchfield YJS was rated as &lsquo;Good&rsquo;.</p>
			<h2>Ratings</h2><table><tr><th>Work with children</th><th></th></tr><tr><td>Assessing</td><td>Good</td></tr><tr><td>Planning</td><td>Outstanding</td></tr>
			<tr><td>Implementation and delivery</td><td>Good</td></tr><tr><td>Work with victims</td><td>Requires improvement</td></tr></table></main>
			<footer>All content is available under the Open Government Licence v3.0</footer></body></html>`;
		await page.setInputFiles('input[data-import]', { name: 'vetchfield.html', mimeType: 'text/html', buffer: Buffer.from(html) });
		await allRead(page, 1);
		expect(await statuses(page)).toEqual({ 'vetchfield.html': 'needs-month' });
		const row = page.locator('tr[data-file="vetchfield.html"]');
		expect(await row.textContent()).toMatch(/Vetchfield[\s\S]*Good/);
		await row.locator('input[type="month"]').fill('2026-01');
		await row.locator('input[type="month"]').dispatchEvent('change');
		await expect.poll(() => statuses(page)).toEqual({ 'vetchfield.html': 'needs-region' });
		await row.getByLabel('New to the data: region').selectOption('North East');
		await expect.poll(() => statuses(page)).toEqual({ 'vetchfield.html': 'ready' });
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		expect(await page.locator('[data-imports] li').textContent()).toMatch(/vetchfield-2026-01/);
		expect(await sql(page, "SELECT framework FROM inspections WHERE inspection_id = 'vetchfield-2026-01'")).toBe('children-victims-2024');
		expect(
			await sql(
				page,
				"SELECT string_agg(code || '=' || rating, ', ' ORDER BY code) FROM standard_ratings WHERE inspection_id = 'vetchfield-2026-01'"
			)
		).toBe('C1=Good, C2=Outstanding, C3=Good, V1=Requires improvement');
		expect(errors).toEqual([]);
		await context.close();
	});
});

describe('many files at once', () => {
	it('30 files dropped together: one table, the bad ones block nothing, "Add all ready" adds exactly the ready ones', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const { files, ready } = await thirtyFiles(browser);
		expect(files).toHaveLength(30);
		await drop(page, files);
		await allRead(page, 30);

		// one row per file, with its status; the problems name their files
		const s = await statuses(page);
		const refused = ['notes from the board meeting.txt', 'scan0001.dat', 'amberleigh (copy).txt'];
		expect(Object.keys(s)).toEqual(files.map((f) => f.name));
		for (const f of files) {
			const want = refused.includes(f.name) ? 'refused' : f.name === 'leeds-2019-11.txt' ? 'conflict' : 'needs-region';
			expect([f.name, s[f.name]]).toEqual([f.name, want]);
		}
		await expect
			.poll(() => page.locator('p.live[role="status"]').textContent())
			.toBe('Read 30 files: 1 conflict, 26 need a region, 3 refused.');
		const problems = await page.locator('[data-import-errors] li').allTextContents();
		expect(problems).toEqual([
			expect.stringMatching(/^notes from the board meeting\.txt: not a recognisable HMIP youth inspection report/),
			expect.stringMatching(/^scan0001\.dat: a binary file/),
			expect.stringMatching(/^amberleigh \(copy\)\.txt: the same inspection \(amberleigh-2020-06\) as amberleigh\.txt/)
		]);
		expect(await page.locator('table.batch caption').textContent()).toMatch(/Files to add: 30/);
		expect(await page.locator('table.batch thead th[scope="col"]').count()).toBe(7);
		expect(await page.locator('table.batch tbody th[scope="row"]').count()).toBe(30);
		expect(await page.locator('#batch-progress').getAttribute('value')).toBe('30');
		expect(await page.textContent('.overall')).toContain('30 of 30 files read');

		// a region for each new service, inline
		const regions = ['North West', 'London', 'Wales', 'South West', 'East of England'];
		const selects = page.locator('tr[data-status="needs-region"] select');
		for (let k = 0; (await selects.count()) > 0; k++) await selects.first().selectOption(regions[k % regions.length]);
		const after = await statuses(page);
		expect(Object.values(after).filter((x) => x === 'ready')).toHaveLength(25);
		expect(after['partington (first pages).txt']).toBe('partial');
		expect(after['leeds-2019-11.txt']).toBe('conflict');
		expect(await page.locator('tr[data-file="partington (first pages).txt"]').textContent()).toMatch(
			/No rating found for standard|partial report/
		);
		expect(await page.locator('[data-import-commit]').textContent()).toBe('Add all ready: 25 files');
		expect((await page.locator('p.tally').textContent())!.trim()).toBe('Read 30 files: 25 ready, 1 partial, 1 conflict, 3 refused.');

		// one step: 25 imports, focus on what happened, the rest stay listed
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count(), { timeout: 60_000 }).toBe(25);
		await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^25 files added: 25 inspections/);
		// what stays is checked again: the copy of Amberleigh now meets the Amberleigh just added
		expect(await statuses(page)).toEqual({
			'notes from the board meeting.txt': 'refused',
			'leeds-2019-11.txt': 'conflict',
			'scan0001.dat': 'refused',
			'partington (first pages).txt': 'partial',
			'amberleigh (copy).txt': 'conflict'
		});
		expect(await page.locator('tr[data-file="amberleigh (copy).txt"] legend').textContent()).toMatch(
			/amberleigh-2020-06 is already in the data \(from an earlier import\)/
		);
		const listed = (await page.locator('[data-imports] li').allTextContents()).join('\n');
		for (const id of ready) expect(listed).toContain(id);

		// the shipped data is otherwise unchanged: Leeds is still the report's, nothing else went in
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections + 25));
		expect(await sql(page, "SELECT count(*)::INTEGER FROM inspections WHERE provenance = 'imported'")).toBe('25');
		expect(await sql(page, "SELECT provenance FROM inspections WHERE inspection_id = 'leeds-2019-11'")).toBe('report');
		expect(await sql(page, "SELECT count(*)::INTEGER FROM inspections WHERE inspection_id LIKE 'partington%'")).toBe('0');

		// kept over a reload, each removable on its own
		await page.reload();
		await dbReady(page);
		await expect.poll(() => page.locator('[data-imports] li').count(), { timeout: 30_000 }).toBe(25);
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections + 25));
		await page
			.locator('[data-imports] li', { hasText: `${INVENTED[1].toLowerCase()}-2019-11` })
			.locator('[data-import-remove]')
			.click();
		// removing one rebuilds the state from the shipped tables and the 24 others: seconds, not one
		await expect.poll(() => page.locator('[data-imports] li').count(), { timeout: 30_000 }).toBe(24);
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections + 24));
		expect(await sql(page, "SELECT count(*)::INTEGER FROM inspections WHERE inspection_id = 'brackenfold-2019-11'")).toBe('0');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('a storage failure while adding changes nothing; adding again works', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const [a, b] = INVENTED.slice(0, 2);
		await page.setInputFiles('input[data-import]', [
			{ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from(renamed({ file: 'thurrock-2022-08', area: /Thurrock/g }, a)) },
			{ name: 'b.txt', mimeType: 'text/plain', buffer: Buffer.from(renamed({ file: 'leeds-2019-11', area: /Leeds/g }, b)) }
		]);
		await allRead(page, 2);
		const newServices = page.locator('tr[data-status="needs-region"] select');
		while ((await newServices.count()) > 0) await newServices.first().selectOption('London');
		await expect.poll(() => page.locator('[data-import-commit]').textContent()).toBe('Add all ready: 2 files');

		// the browser's storage refuses the second record, as a full quota would
		await page.evaluate(() => {
			const put = IDBObjectStore.prototype.put;
			let n = 0;
			const w = window as unknown as { __restorePut: () => void };
			IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
				if (++n === 2) throw new DOMException('quota', 'QuotaExceededError');
				return put.apply(this, args);
			};
			w.__restorePut = () => (IDBObjectStore.prototype.put = put);
		});
		await page.click('[data-import-commit]');
		await expect
			.poll(() => page.locator('p.error[role="alert"]').textContent())
			.toMatch(/The 2 ready files were not added: .*storage for the site is full.*Your data is as it was/);
		expect(await page.locator('[data-imports] li').count()).toBe(0);
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections));
		expect(Object.values(await statuses(page))).toEqual(['ready', 'ready']);

		await page.evaluate(() => (window as unknown as { __restorePut: () => void }).__restorePut());
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(2);
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections + 2));
		await page.reload();
		await dbReady(page);
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(2);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('"Stop reading" keeps the files already read and takes the others off the list', async () => {
		const { page, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const { files } = await thirtyFiles(browser);
		await drop(page, files);
		await page.waitForSelector('tr[data-status="reading"] progress');
		await page.click('button:has-text("Stop reading")');
		const left = await statuses(page);
		const n = Object.keys(left).length;
		expect(n).toBeLessThan(30);
		expect(Object.values(left).every((x) => x !== 'waiting' && x !== 'reading')).toBe(true);
		expect(Object.keys(left)).toEqual(files.slice(0, n).map((f) => f.name));
		const said = new RegExp(`^Stopped: ${30 - n} files? not read, taken off the list\\. Read ${n} files?`);
		await expect.poll(() => page.locator('p.live[role="status"]').textContent()).toMatch(said);
		// focus goes to the list's summary, which says so too
		await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toMatch(/\btally\b/);
		expect((await page.locator('p.tally').textContent())!.trim()).toMatch(said);
		await context.close();
	});
});

describe('damaged stored imports (issue 17)', () => {
	it('a damaged record beside a good one: the good import is in every view, the damaged ones are listed with Export and Remove, no raw error anywhere', async () => {
		const { page, errors, context } = await openPage(browser, base);
		await page.goto(`${base}/data/`);
		await dbReady(page);
		const csv = [
			'service,nation,region,published,framework,overall_rating,standard,rating',
			'Eastmere,England,London,2024-02,yjs-2021,Good,,',
			'Eastmere,England,London,2024-02,yjs-2021,Good,1.1,Good'
		].join('\n');
		await page.setInputFiles('input[data-import]', { name: 'eastmere.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await expect.poll(() => page.locator('[data-import-commit]').isDisabled()).toBe(false);
		await page.click('[data-import-commit]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);

		// what a bug, a crash mid-write or another version of the site could leave in the store
		const planted = await page.evaluate(
			() =>
				new Promise<Record<string, unknown>[]>((resolve, reject) => {
					const open = indexedDB.open('yj-dashboard', 1);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const db = open.result;
						const t = db.transaction('imports', 'readwrite');
						const s = t.objectStore('imports');
						const all = s.getAll();
						all.onsuccess = () => {
							const good = all.result[0] as Record<string, unknown> & { rows: Record<string, unknown> };
							const bad = [
								{ ...good, id: 'zz-1', name: 'broken.csv', createdAt: '2026-12-01T09:15:00.000Z', rows: null },
								{
									...good,
									id: 'zz-2',
									name: 'no-date.txt',
									kind: 'report-text',
									createdAt: undefined,
									rows: { ...good.rows, inspections: 'none' }
								},
								{ ...good, id: 'zz-3', name: 'extra-table.csv', rows: { ...good.rows, secrets: [] } }
							];
							for (const r of bad) s.put(r);
							t.oncomplete = () => {
								db.close();
								resolve(bad);
							};
						};
					};
				})
		);
		await page.reload();
		expect(await dbReady(page)).toBe('ready');

		// the data room: the good import, and each damaged one with its name, its date, Export and Remove
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(4);
		const good = page.locator('[data-imports] li:not([data-import-damaged])');
		expect(await good.textContent()).toMatch(/eastmere\.csv.*eastmere-2024-02/);
		const damaged = page.locator('[data-imports] li[data-import-damaged]');
		expect(await damaged.count()).toBe(3);
		const texts = await damaged.allTextContents();
		expect(texts[0]).toMatch(/broken\.csv[\s\S]*added 2026-12-01 09:15[\s\S]*rows: expected an object, found null/);
		expect(texts[1]).toMatch(/no-date\.txt[\s\S]*date unknown[\s\S]*createdAt: missing[\s\S]*rows\.inspections: expected a list/);
		expect(texts[2]).toMatch(/extra-table\.csv[\s\S]*rows: unknown table "secrets"/);
		for (let k = 0; k < 3; k++) {
			expect(await damaged.nth(k).locator('[data-import-export]').count()).toBe(1);
			expect(await damaged.nth(k).locator('[data-import-remove]').count()).toBe(1);
		}
		// every page says that some imports are left out, in words, never as a JavaScript error
		const notice = page.locator('.engine-error[role="alert"]');
		await expect
			.poll(() => notice.textContent())
			.toMatch(/3 of your imported files are damaged .* left out: broken\.csv \(added 2026-12-01 09:15\); no-date\.txt; extra-table\.csv/);
		const raw = /Cannot read|TypeError|undefined|\[object |is not a function/;
		expect(await page.locator('body').textContent()).not.toMatch(raw);

		// Export gives the record as stored
		const [download] = await Promise.all([page.waitForEvent('download'), damaged.nth(0).locator('[data-import-export]').click()]);
		expect(download.suggestedFilename()).toBe('damaged-import-broken.csv.json');
		const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
		expect(exported).toEqual(JSON.parse(JSON.stringify(planted[0])));

		// the good import is in every view; the shipped data is all there
		await page.goto(`${base}/`);
		await dbReady(page);
		await expect.poll(() => page.locator('.count strong').textContent()).toBe(String(shipped.inspections + 1));
		expect(await page.locator('body').textContent()).not.toMatch(raw);
		await page.goto(`${base}/?source=imported`);
		await dbReady(page);
		await expect.poll(() => page.locator('.count strong').textContent()).toBe('1');
		await page.goto(`${base}/authorities/`);
		await dbReady(page);
		await page.fill('#svc-search', 'eastmere');
		await expect.poll(() => page.locator('tbody tr').textContent()).toMatch(/Eastmere[\s\S]*imported/);
		await page.goto(`${base}/standards/?region=London`);
		await dbReady(page);
		await settled(page);
		await expect.poll(() => page.locator('figure[data-chart="standards-heatmap"] svg').innerHTML()).toContain('Eastmere');

		// removing the damaged ones leaves the good one; the notice goes; a reload agrees
		await page.goto(`${base}/data/`);
		await dbReady(page);
		for (let k = 0; k < 3; k++) {
			await page.locator('[data-imports] li[data-import-damaged] [data-import-remove]').first().click();
			await expect.poll(() => page.locator('[data-imports] li[data-import-damaged]').count()).toBe(2 - k);
		}
		expect(await page.locator('[data-imports] li').count()).toBe(1);
		await expect.poll(() => page.locator('.engine-error[role="alert"]').count()).toBe(0);
		expect(await sql(page, 'SELECT count(*)::INTEGER FROM inspections')).toBe(String(shipped.inspections + 1));
		await page.reload();
		await dbReady(page);
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(1);
		expect(await page.locator('[data-imports] li[data-import-damaged]').count()).toBe(0);
		await page.click('[data-import-remove]');
		await expect.poll(() => page.locator('[data-imports] li').count()).toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});
});
