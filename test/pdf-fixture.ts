/**
 * Small PDFs written by hand for the unit tests (no Chromium): text runs placed where a test
 * says, in Helvetica (one of the 14 standard fonts, so nothing is embedded), or a report text laid
 * out line by line with its tab cells in columns and its footnote markers raised. Also a page with
 * no text (a scan) and an encrypted file that needs a password.
 */

export interface PdfRun {
	x: number;
	/** baseline, from the bottom of the page */
	y: number;
	size: number;
	text: string;
}

const WIN_ANSI: Record<string, number> = {
	'€': 0x80,
	'‚': 0x82,
	'„': 0x84,
	'…': 0x85,
	'‘': 0x91,
	'’': 0x92,
	'“': 0x93,
	'”': 0x94,
	'•': 0x95,
	'–': 0x96,
	'—': 0x97,
	'™': 0x99
};

/** The text as WinAnsi bytes in a hex string (characters outside it become "?"). */
function hexString(text: string): string {
	let hex = '';
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		const b = WIN_ANSI[ch] ?? (c >= 0x20 && c <= 0xff && !(c >= 0x7f && c < 0xa0) ? c : 0x3f);
		hex += b.toString(16).padStart(2, '0');
	}
	return `<${hex}>`;
}

export interface PdfOptions {
	/** an /Encrypt dictionary whose user password is not empty: readers must ask for it */
	encrypted?: boolean;
	/** a drawing instead of text on every page (a scanned document has no text layer) */
	drawingOnly?: boolean;
	/** in points; A4's 595 x 842 by default (pdf.js leaves out text beyond the page) */
	pageWidth?: number;
	pageHeight?: number;
}

/** A PDF with the given runs on each page (A4). */
export function pdfBytes(pages: PdfRun[][], options: PdfOptions = {}): Uint8Array {
	const objects: string[] = [];
	const add = (body: string) => objects.push(body) - 1 + 1;
	const catalog = add('');
	const pagesObj = add('');
	const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
	const kids: number[] = [];
	for (const runs of pages) {
		const ops = options.drawingOnly
			? '0.5 g 72 72 451 698 re f'
			: runs.map((r) => `BT /F1 ${r.size} Tf ${r.x.toFixed(2)} ${r.y.toFixed(2)} Td ${hexString(r.text)} Tj ET`).join('\n');
		const content = add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
		kids.push(
			add(
				`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${options.pageWidth ?? 595} ${options.pageHeight ?? 842}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`
			)
		);
	}
	objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
	objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
	let encrypt = '';
	if (options.encrypted) {
		// owner and user entries that no empty password matches
		const enc = add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`);
		encrypt = ` /Encrypt ${enc} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`;
	}
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(out, 'latin1'));
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Helvetica's advance widths (1/1000 em) for ASCII 32-126, from its AFM: where a run ends. */
const HELVETICA = [
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278,
	278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
	667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
	556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584
];
const widthOf = (text: string, size: number) =>
	[...text].reduce((w, ch) => w + (HELVETICA[(ch.codePointAt(0) ?? 0) - 32] ?? 556), 0) * (size / 1000);

/**
 * A report text as a PDF: one text line per PDF line (the page as wide as the longest), tab-separated cells in columns far enough apart to read as a table, footnote markers
 * (superscript digits) as smaller raised runs, a new page every `linesPerPage` lines (by default
 * one page as tall as the text, so no page break falls inside a table).
 */
export function textToPdf(text: string, linesPerPage?: number): Uint8Array {
	const size = 10;
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	linesPerPage ??= lines.length;
	const height = Math.max(842, linesPerPage * size * 1.6 + 80);
	const pages: PdfRun[][] = [];
	let width = 595;
	for (let p = 0; p * linesPerPage < lines.length; p++) {
		const runs: PdfRun[] = [];
		lines.slice(p * linesPerPage, (p + 1) * linesPerPage).forEach((line, i) => {
			const y = height - 40 - i * size * 1.6;
			let x = 40;
			for (const cell of line.split('\t')) {
				if (cell.trim()) {
					let cx = x;
					for (const part of cell.trim().split(/([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/)) {
						if (!part) continue;
						const sup = SUPERSCRIPT.includes(part[0]);
						const t = sup ? [...part].map((c) => SUPERSCRIPT.indexOf(c)).join('') : part;
						const s = sup ? size * 0.65 : size;
						runs.push({ x: cx, y: sup ? y + size * 0.35 : y, size: s, text: t });
						cx += widthOf(t, s);
					}
					x = cx;
					width = Math.max(width, cx + 40);
				}
				x += size * 3;
			}
		});
		pages.push(runs);
	}
	return pdfBytes(pages, { pageWidth: Math.ceil(width), pageHeight: height });
}
