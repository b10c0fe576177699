/**
 * data:build reads reports as published, not only as text: a copy of ../shared whose reports are
 * a PDF, a web page and texts gives the same rows as the texts, and the manifest records the
 * checksum of each file as it was read.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { reportMeta, reportToHtml } from '../../scripts/lib/render-text';
import { textToPdf } from '../pdf-fixture';
import { SHARED } from '../paths';

const copy = mkdtempSync(join(tmpdir(), 'yj-shared-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm run data:build with reports as PDF and HTML', () => {
	it('gives the rows the texts give, and lists each file with its own checksum', async () => {
		cpSync(join(SHARED, 'reference'), join(copy, 'reference'), { recursive: true });
		mkdirSync(join(copy, 'reports'));
		for (const f of readdirSync(join(SHARED, 'reports'))) {
			const text = readFileSync(join(SHARED, 'reports', f), 'utf8');
			if (f.startsWith('bury-and-rochdale')) writeFileSync(join(copy, 'reports', f.replace(/\.txt$/, '.pdf')), textToPdf(text));
			else if (f.startsWith('leeds'))
				writeFileSync(join(copy, 'reports', f.replace(/\.txt$/, '.html')), reportToHtml(text, reportMeta(f, text)));
			else writeFileSync(join(copy, 'reports', f), text);
		}
		// build-dataset reads YJ_SHARED when it is loaded: load it now, for this file only
		const before = await import('../../scripts/lib/build-dataset');
		const fromTexts = await before.buildDataset();
		process.env.YJ_SHARED = copy;
		try {
			vi.resetModules();
			const after = await import('../../scripts/lib/build-dataset');
			const fromFiles = await after.buildDataset();
			const files = fromFiles.sources.map((s) => s.file).filter((f) => f.startsWith('reports/'));
			expect(files).toEqual([
				'reports/bury-and-rochdale-2020-06.pdf',
				'reports/derbyshire-sqs-2016-03.txt',
				'reports/leeds-2019-11.html',
				'reports/thematic-recommendations-2010-2015.txt',
				'reports/thurrock-2022-08.txt'
			]);
			const pdf = fromFiles.sources.find((s) => s.file.endsWith('.pdf'))!;
			expect(pdf.sha256).toBe(after.sha256(readFileSync(join(copy, 'reports', 'bury-and-rochdale-2020-06.pdf'))));
			const pick = (d: typeof fromTexts.data, id: string) => ({
				ratings: d.standard_ratings.filter((r) => r.inspection_id === id).map(({ code, rating }) => ({ code, rating })),
				keyQuestions: d.key_questions.filter((r) => r.inspection_id === id).map(({ code, pct }) => ({ code, pct }))
			});
			for (const id of ['bury-and-rochdale-2020-06', 'leeds-2019-11']) {
				expect(pick(fromFiles.data, id), id).toEqual(pick(fromTexts.data, id));
				expect(pick(fromFiles.data, id).ratings.length, id).toBeGreaterThan(0);
			}
		} finally {
			delete process.env.YJ_SHARED;
		}
	});
});
