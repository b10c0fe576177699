/**
 * A report file as users bring it -> the text the extractor reads: plain text (.txt and any
 * other name; UTF-8, or UTF-16 with a byte order mark), a whole HTML page (.html/.htm, or text that is one), or a PDF (by its magic
 * bytes, read with pdf.js: scripts/lib/pdf-node.ts). Shared by the CLI, the data build and the
 * rendering test bed, so all three read a document the same way.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { decodeText } from '../../src/lib/ingest/encoding';
import { htmlToText, looksLikeHtmlDocument } from '../../src/lib/ingest/html';
import { describePdfError } from '../../src/lib/ingest/pdf-layout';

export type DocumentFormat = 'text' | 'html' | 'pdf';

export type ReadResult =
	{ ok: true; format: DocumentFormat; text: string; bytes: Uint8Array; pages?: number } | { ok: false; reason: string; bytes?: Uint8Array };

const isPdf = (bytes: Uint8Array) =>
	bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46 && bytes[4] === 0x2d;

/** The bytes of `file`, or why they cannot be had (one clause, no file name: callers prefix it). */
export function readBytes(file: string): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
	try {
		if (statSync(file).isDirectory()) return { ok: false, reason: 'cannot read the file (it is a directory)' };
		return { ok: true, bytes: new Uint8Array(readFileSync(file)) };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? (e as Error).message);
		return { ok: false, reason: `cannot read the file (${why})` };
	}
}

/** The text of a document given its name (for the extension) and bytes. */
export async function documentText(name: string, bytes: Uint8Array): Promise<ReadResult> {
	const ext = extname(name).toLowerCase();
	if (isPdf(bytes)) {
		try {
			// pdf.js is loaded only when a PDF comes in
			const { pdfTextNode } = await import('./pdf-node');
			const { text, pages } = await pdfTextNode(bytes);
			return { ok: true, format: 'pdf', text, bytes, pages };
		} catch (e) {
			return { ok: false, reason: describePdfError(e), bytes };
		}
	}
	if (ext === '.pdf') return { ok: false, reason: 'the name ends in .pdf but the file is not a PDF', bytes };
	// UTF-8, or UTF-16 when a byte order mark says so (as the data room reads it)
	const raw = decodeText(bytes).text;
	if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || looksLikeHtmlDocument(raw))
		return { ok: true, format: 'html', text: htmlToText(raw), bytes };
	return { ok: true, format: 'text', text: raw, bytes };
}

export async function readDocument(file: string): Promise<ReadResult> {
	const read = readBytes(file);
	if (!read.ok) return read;
	return documentText(file, read.bytes);
}
