/**
 * What a dropped file is: a report (text, web page or PDF), a ratings CSV, or neither. The
 * reason is one clause without the file's name: the caller's problem names the file once.
 */
import { bomEncoding } from '../ingest/encoding';

export type FileKind = 'report-text' | 'report-pdf' | 'ratings-csv';

export function kindOf(name: string, head: Uint8Array): { kind: FileKind } | { kind: null; reason: string } {
	const lower = name.toLowerCase();
	const magic = String.fromCharCode(...head.subarray(0, 5));
	if (magic === '%PDF-') return { kind: 'report-pdf' };
	if (lower.endsWith('.pdf')) return { kind: null, reason: 'the name ends in .pdf but the file is not a PDF' };
	// UTF-16 text is half NUL bytes: its byte order mark says it is text
	const utf16 = bomEncoding(head)?.startsWith('utf-16');
	if (!utf16 && head.includes(0))
		return { kind: null, reason: 'a binary file, not an inspection report (.txt, .html or .pdf) or a ratings CSV' };
	if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return { kind: 'ratings-csv' };
	// a web page is a report text too: the extractor reads it through htmlToText
	if (/\.(txt|text|md|html?|xhtml)$/.test(lower)) return { kind: 'report-text' };
	return { kind: null, reason: 'not an inspection report (.txt, .html or .pdf) or a ratings CSV (.csv)' };
}
