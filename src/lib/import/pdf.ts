/**
 * PDF -> text in the browser with pdfjs-dist (worker served from this site), laid out as the
 * extractor expects by the same code as the CLI's reader (src/lib/ingest/pdf-layout.ts): one
 * line per text row, a tab between cells that stand apart, footnote numbers as superscripts.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { describePdfError, readPdfDocument } from '../ingest/pdf-layout';

/**
 * The text of a PDF; throws an Error whose message is one clause (encrypted, no text layer,
 * damaged), which the data room shows as "the PDF could not be read (...)". `onPage(i, n)` is
 * told after each page: page i of n read.
 */
export async function pdfText(bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<string> {
	const pdfjs = await import('pdfjs-dist');
	pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
	// pdf.js transfers the buffer it is given to its worker: hand it a copy
	const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, disableFontFace: true });
	try {
		const doc = await task.promise;
		return (await readPdfDocument(doc, onPage)).text;
	} catch (e) {
		throw new Error(describePdfError(e, false), { cause: e });
	} finally {
		await task.destroy();
	}
}
