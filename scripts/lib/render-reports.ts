/**
 * The rendering test bed: the shared report texts as real users will bring them, made here and
 * cached, so the extractor can be held to the golden values on every one of them.
 *
 *   html              an HMIP-web-like page (site chrome, the report's paragraphs as <p>, tab rows
 *                     as <table>, "- " lines as <ul>, the texts' own <p> fragments kept as HTML)
 *   pdf               that page printed to A4 by Debian's Chromium: running header, page numbers,
 *                     a title page, narrow columns, some words hyphenated at line ends
 *   pdfjs             the PDF read back by our Node pdf.js reader (scripts/lib/pdf-node.ts)
 *   pdftotext-layout  `pdftotext -layout` (poppler-utils)
 *   pdftotext-raw     `pdftotext -raw`
 *   copied            as copied from a PDF viewer: the pdfjs text with tabs as single spaces
 *   transcript        as a document-hosting site transcribes a PDF ("TRANSCRIPT", "Page N: ..." lines)
 *   split-words       the pdfjs text with some words split by a space, as PDF text layers do
 *   crlf              pdftotext-layout with CRLF line endings
 *
 * Cache: test-results/renderings/<report>-<key>/, the key a hash of the report text, RENDERER_VERSION,
 * the options and this file's source (so a change here re-renders); the texts derived from the
 * PDF are redone when the PDF readers' sources change. Chromium is launched only when some PDF is
 * missing. Never commit these files: they are renderings of Crown-copyright report texts.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { pdfTextNode } from './pdf-node';
import {
	copiedText,
	escapeHtml,
	reportMeta,
	reportToHtml,
	splitWords,
	transcriptText,
	type RenderOptions,
	type ReportMeta
} from './render-text';

export * from './render-text';

const ROOT = join(import.meta.dirname, '..', '..');
export const SHARED = process.env.YJ_SHARED ?? join(ROOT, '..', 'shared');
export const REPORTS_DIR = join(SHARED, 'reports');
export const RENDER_DIR = join(ROOT, 'test-results', 'renderings');

/** Bump when the renderings change in a way a source hash would not show. */
export const RENDERER_VERSION = 1;

export const RENDERINGS = [
	'html',
	'pdf',
	'pdfjs',
	'pdftotext-layout',
	'pdftotext-raw',
	'copied',
	'transcript',
	'split-words',
	'crlf'
] as const;
export type Rendering = (typeof RENDERINGS)[number];

/** The file each rendering is stored in, inside a report's cache folder. */
export const RENDERING_FILE: Record<Rendering, string> = {
	html: 'report.html',
	pdf: 'report.pdf',
	pdfjs: 'pdfjs.txt',
	'pdftotext-layout': 'pdftotext-layout.txt',
	'pdftotext-raw': 'pdftotext-raw.txt',
	copied: 'copied.txt',
	transcript: 'transcript.txt',
	'split-words': 'split-words.txt',
	crlf: 'crlf.txt'
};

export interface Rendered {
	report: string;
	dir: string;
	meta: ReportMeta;
	/** absolute path of each rendering */
	files: Record<Rendering, string>;
}

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

// ---------------------------------------------------------------------------------------------
// the cache

/** The reports the test bed renders: every report text but the thematic document. */
export function reportsToRender(): string[] {
	return readdirSync(REPORTS_DIR)
		.filter((f) => f.endsWith('.txt') && !/thematic/i.test(f))
		.sort();
}

const SOURCES = [join(import.meta.dirname, 'render-reports.ts'), join(import.meta.dirname, 'render-text.ts')];
const READER_SOURCES = [join(ROOT, 'src', 'lib', 'ingest', 'pdf-layout.ts'), join(import.meta.dirname, 'pdf-node.ts')];
const sourceHash = (files: string[]) => sha(files.map((f) => readFileSync(f, 'utf8')).join('\0'));

function cacheDir(report: string, text: string, options: RenderOptions): string {
	const key = sha([text, RENDERER_VERSION, JSON.stringify(options), sourceHash(SOURCES)].join('\0')).slice(0, 16);
	const suffix = options.fontPt || options.pageRanges ? `-${options.fontPt ?? ''}pt${options.pageRanges ?? ''}` : '';
	return join(RENDER_DIR, `${basename(report, '.txt')}${suffix}-${key}`);
}

const files = (dir: string) => Object.fromEntries(RENDERINGS.map((r) => [r, join(dir, RENDERING_FILE[r])])) as Record<Rendering, string>;

/** Write atomically: a reader never sees half a file, an interrupted run leaves no stamp. */
function put(path: string, data: string | Uint8Array) {
	writeFileSync(`${path}.tmp`, data);
	renameSync(`${path}.tmp`, path);
}

/**
 * Liberation Sans (Arial's metrics), from pdfjs-dist's own copy, embedded in the page printed:
 * the PDF's line breaks, and so what the readers make of it, do not depend on the fonts of the
 * machine the tests run on.
 */
function embeddedFonts(): string {
	const dir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
	const face = (file: string, weight: string, style: string) =>
		`@font-face { font-family: 'Report Sans'; font-weight: ${weight}; font-style: ${style}; src: url(data:font/ttf;base64,${readFileSync(join(dir, file)).toString('base64')}) format('truetype'); }`;
	return [
		face('LiberationSans-Regular.ttf', 'normal', 'normal'),
		face('LiberationSans-Bold.ttf', 'bold', 'normal'),
		face('LiberationSans-Italic.ttf', 'normal', 'italic'),
		face('LiberationSans-BoldItalic.ttf', 'bold', 'italic'),
		"html { font-family: 'Report Sans', 'Liberation Sans', Arial, sans-serif; }"
	].join('\n');
}

async function printPdf(browser: Browser, html: string, meta: ReportMeta, options: RenderOptions): Promise<Uint8Array> {
	const page = await browser.newPage();
	try {
		await page.setContent(html.replace('</head>', `<style>${embeddedFonts()}</style>\n</head>`), { waitUntil: 'load' });
		await page.evaluate('document.fonts.ready');
		await page.emulateMedia({ media: 'print' });
		const small = 'font-family: Liberation Sans, Arial, sans-serif; font-size: 8pt; color: #333; width: 100%; margin: 0 22mm;';
		return await page.pdf({
			format: 'A4',
			printBackground: false,
			displayHeaderFooter: true,
			headerTemplate: `<div style="${small}">Inspection of youth offending services in ${escapeHtml(meta.area)}</div>`,
			footerTemplate: `<div style="${small} text-align: right;"><span class="pageNumber"></span></div>`,
			margin: { top: '22mm', bottom: '20mm', left: '22mm', right: '22mm' },
			...(options.pageRanges ? { pageRanges: options.pageRanges } : {})
		});
	} finally {
		await page.close();
	}
}

function pdftotext(pdf: string, mode: '-layout' | '-raw'): string {
	try {
		return execFileSync('pdftotext', [mode, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		if (err.code === 'ENOENT') throw new Error('pdftotext is not installed (apt-get install -y poppler-utils)', { cause: e });
		throw new Error(`pdftotext ${mode} ${pdf}: ${err.message}`, { cause: e });
	}
}

/**
 * Render the reports (default: every report but the thematic one) into the cache, printing with
 * Chromium only what is missing; returns where each rendering is. Options change the cache key.
 */
export async function renderReports(reports: string[] = reportsToRender(), options: RenderOptions = {}): Promise<Rendered[]> {
	mkdirSync(RENDER_DIR, { recursive: true });
	const readerHash = sourceHash(READER_SOURCES);
	const jobs = reports.map((report) => {
		const text = readFileSync(join(REPORTS_DIR, report), 'utf8');
		const dir = cacheDir(report, text, options);
		return { report, text, dir, meta: reportMeta(report, text), f: files(dir) };
	});
	// earlier renderings of the same reports (other keys) go
	for (const job of jobs) {
		const name = basename(job.dir);
		const prefix = name.slice(0, name.lastIndexOf('-') + 1);
		for (const other of readdirSync(RENDER_DIR))
			if (other !== name && other.startsWith(prefix) && /^[0-9a-f]{16}$/.test(other.slice(prefix.length)))
				rmSync(join(RENDER_DIR, other), { recursive: true, force: true });
	}
	let browser: Browser | undefined;
	try {
		for (const job of jobs) {
			const stamp = join(job.dir, 'pdf.done');
			if (existsSync(stamp)) continue;
			rmSync(job.dir, { recursive: true, force: true });
			mkdirSync(job.dir, { recursive: true });
			const html = reportToHtml(job.text, job.meta, options);
			put(job.f.html, html);
			browser ??= await launchChromium();
			put(job.f.pdf, await printPdf(browser, html, job.meta, options));
			put(stamp, `${new Date().toISOString()} Chromium ${browser.version()}\n`);
		}
	} finally {
		await browser?.close();
	}
	for (const job of jobs) {
		const stamp = join(job.dir, 'derived.done');
		if (existsSync(stamp) && readFileSync(stamp, 'utf8') === readerHash) continue;
		const { text } = await pdfTextNode(new Uint8Array(readFileSync(job.f.pdf)));
		const layout = pdftotext(job.f.pdf, '-layout');
		put(job.f.pdfjs, text);
		put(job.f['pdftotext-layout'], layout);
		put(job.f['pdftotext-raw'], pdftotext(job.f.pdf, '-raw'));
		put(job.f.copied, copiedText(text));
		put(job.f.transcript, transcriptText(text, job.meta));
		put(job.f['split-words'], splitWords(text, job.report));
		put(job.f.crlf, layout.replace(/\r?\n/g, '\r\n'));
		put(stamp, readerHash);
	}
	return jobs.map((j) => ({ report: j.report, dir: j.dir, meta: j.meta, files: j.f }));
}
