/**
 * PDF -> text in Node (CLI, data build, rendering test bed, bench) with pdfjs-dist's legacy
 * build, laid out by the same code as the browser's reader (src/lib/ingest/pdf-layout.ts).
 * pdf.js runs its worker code in this thread (its "fake worker"): nothing to serve.
 */
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdfDocument } from '../../src/lib/ingest/pdf-layout';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * The text of a PDF, laid out for the extractor. Throws pdf.js's own exceptions (an encrypted
 * or damaged file) or PdfReadError (no text layer); describePdfError turns either into a clause.
 */
export async function pdfTextNode(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
	const task = getDocument({
		// pdf.js takes ownership of the buffer it is given: hand it a copy
		data: new Uint8Array(bytes),
		isEvalSupported: false,
		useSystemFonts: false,
		disableFontFace: true,
		verbosity: VerbosityLevel.ERRORS,
		// widths of the 14 standard fonts and the CMaps of CJK text, read from the package
		standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
		cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
		cMapPacked: true
	});
	try {
		const doc = await task.promise;
		return await readPdfDocument(doc);
	} finally {
		await task.destroy();
	}
}
