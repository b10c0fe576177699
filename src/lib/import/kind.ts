/** What a dropped file is: a report (text, web page or PDF), a ratings CSV, or neither (one clear message). */
export type FileKind = 'report-text' | 'report-pdf' | 'ratings-csv';

export function kindOf(name: string, head: Uint8Array): { kind: FileKind } | { kind: null; reason: string } {
	const lower = name.toLowerCase();
	const magic = String.fromCharCode(...head.subarray(0, 5));
	if (magic === '%PDF-') return { kind: 'report-pdf' };
	if (lower.endsWith('.pdf')) return { kind: null, reason: `${name}: the name ends in .pdf but the file is not a PDF` };
	if (head.includes(0))
		return { kind: null, reason: `${name}: a binary file, not an inspection report (.txt, .html or .pdf) or a ratings CSV` };
	if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return { kind: 'ratings-csv' };
	// a web page is a report text too: the extractor reads it through htmlToText
	if (/\.(txt|text|md|html?|xhtml)$/.test(lower)) return { kind: 'report-text' };
	return { kind: null, reason: `${name}: not an inspection report (.txt, .html or .pdf) or a ratings CSV (.csv)` };
}
