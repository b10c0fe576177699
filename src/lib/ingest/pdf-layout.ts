/**
 * pdf.js text items -> text laid out as the extractor expects (see text.ts): one line per
 * text row, a TAB between cells that stand apart (table columns), a single space between
 * words, a blank line where the vertical gap says a paragraph ends, pages separated by a line
 * holding a form feed. Superscript footnote numbers come out as Unicode superscript digits
 * glued to their word ("Staff²"), which is how the extractor recognises footnote markers.
 *
 * Pure: no pdfjs import. The browser (src/lib/import/pdf.ts) and Node (scripts/lib/pdf-node.ts)
 * readers hand it what `page.getTextContent()` returns. Work per page is a sort of its items
 * plus linear passes: no item is compared with every other.
 */

/** What pdf.js's getTextContent() gives for a run of text (TextItem); marked-content entries lack `str`. */
export interface PdfTextItem {
	str: string;
	/** [a, b, c, d, e, f]: e, f is the start of the baseline in PDF units (y grows upwards); d the font's vertical scale */
	transform: number[];
	width: number;
	height?: number;
	hasEOL?: boolean;
	fontName?: string;
}

/** Structural types for the part of pdf.js the readers use (so this module needs no pdfjs import). */
export interface PdfPageLike {
	getTextContent(): Promise<{ items: readonly unknown[] }>;
	cleanup?(): unknown;
}
export interface PdfDocumentLike {
	numPages: number;
	getPage(n: number): Promise<PdfPageLike>;
}

/** A gap of more than this many font sizes between two runs on one line separates table cells. */
export const CELL_GAP_EM = 0.9;
/** Below this many font sizes two runs are one word split by the PDF ("Inspec" + "tion"). */
export const WORD_GAP_EM = 0.12;

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

interface Run {
	str: string;
	x: number;
	y: number;
	end: number;
	size: number;
	/** the text had a space at its start / end (pdf.js keeps some) */
	lead: boolean;
	trail: boolean;
}

/** A stretch of a line that stands apart from the rest: a table cell, or the whole line. */
interface Cell {
	text: string;
	x: number;
	end: number;
}

interface Line {
	/** baseline and size of its main text (the longest run) */
	y: number;
	size: number;
	cells: Cell[];
}

/** Counts of the work done, for tests: items visited, comparisons made by sorts and searches. */
export interface LayoutWork {
	steps: number;
}
// layout is synchronous, so one counter for the call in progress is safe
let work: LayoutWork | undefined;
const count = (n = 1) => {
	if (work) work.steps += n;
};

const isTextItem = (it: unknown): it is PdfTextItem =>
	typeof it === 'object' && it !== null && typeof (it as PdfTextItem).str === 'string' && Array.isArray((it as PdfTextItem).transform);

function toRun(it: PdfTextItem): Run | undefined {
	const t = it.transform;
	if (t.length < 6) return undefined;
	const str = it.str.replace(/[\s\u00ad]+/g, (m) => (m === '\u00ad' ? '' : ' '));
	const body = str.trim();
	if (!body) return undefined;
	const size = Math.abs(t[3]) || it.height || Math.abs(t[0]);
	if (!(size > 0)) return undefined;
	// rotated text (a margin note, a watermark) is not part of any row
	if (Math.abs(t[1]) > 0.1 * Math.abs(t[0])) return undefined;
	const x = t[4];
	const width = Number.isFinite(it.width) && it.width > 0 ? it.width : body.length * size * 0.5;
	return { str: body, x, y: t[5], end: x + width, size, lead: str[0] === ' ', trail: str[str.length - 1] === ' ' };
}

/** Runs of one page grouped into lines, top to bottom; each line's runs left to right. */
function linesOf(items: readonly unknown[]): Line[] {
	const runs: Run[] = [];
	for (const it of items) {
		count();
		if (!isTextItem(it)) continue;
		const r = toRun(it);
		if (r) runs.push(r);
	}
	// top to bottom, then left to right: one sort, then a single sweep
	runs.sort((a, b) => {
		count();
		return b.y - a.y || a.x - b.x;
	});
	const groups: { ref: number; refSize: number; runs: Run[] }[] = [];
	let cur: (typeof groups)[number] | undefined;
	for (const r of runs) {
		count();
		// one line: baselines within half a font size of the line's largest text (covers drift
		// between runs and raised footnote numbers; the next line is at least a font size away)
		if (cur && Math.abs(cur.ref - r.y) <= 0.5 * Math.max(cur.refSize, r.size)) {
			cur.runs.push(r);
			if (r.size > cur.refSize) {
				cur.ref = r.y;
				cur.refSize = r.size;
			}
		} else {
			cur = { ref: r.y, refSize: r.size, runs: [r] };
			groups.push(cur);
		}
	}
	return groups.map((g) => {
		g.runs.sort((a, b) => {
			count();
			return a.x - b.x;
		});
		count(g.runs.length);
		let main = g.runs[0];
		for (const r of g.runs) if (r.str.length > main.str.length) main = r;
		return { y: main.y, size: main.size, cells: cellsOf(g.runs, main) };
	});
}

const toSuperscript = (digits: string) => digits.replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]);

/** One line's runs as cells of text: no space inside a split word, a space between words, a new cell past a wide gap. */
function cellsOf(runs: Run[], main: Run): Cell[] {
	const em = main.size;
	const cells: Cell[] = [];
	let cell: Cell | undefined;
	let prev: Run | undefined;
	for (const r of runs) {
		// the same text drawn twice a hair apart (simulated bold): keep one
		if (prev && r.str === prev.str && Math.abs(r.x - prev.x) < 0.2 * em) continue;
		// raised above the text it follows (a table cell's baseline may sit off the line's main text)
		const base = prev && prev.size > r.size * 1.1 ? prev : main;
		const superscript = r.size < 0.9 * base.size && r.y - base.y > 0.15 * base.size && /^\d{1,3}(?:[,–-]\d{1,3})*$/.test(r.str);
		const str = superscript ? toSuperscript(r.str) : r.str;
		const gap = prev ? r.x - prev.end : Infinity;
		if (!cell || gap > CELL_GAP_EM * em) {
			cell = { text: str, x: r.x, end: r.end };
			cells.push(cell);
		} else {
			// a footnote number sits against its word ("Staff²"), whatever the kerning
			const glued = superscript && gap < 0.3 * em;
			cell.text += (!glued && (gap > WORD_GAP_EM * em || prev!.trail || r.lead) ? ' ' : '') + str;
			cell.end = Math.max(cell.end, r.end);
		}
		prev = r;
	}
	for (const c of cells) c.text = c.text.replace(/ {2,}/g, ' ').trim();
	return cells.filter((c) => c.text !== '');
}

/**
 * Leading of the body text: the most common baseline-to-baseline distance, in font sizes,
 * between consecutive lines (wrapped prose dominates a report). A larger gap ends a paragraph.
 */
function typicalLeading(pages: Line[][]): number {
	const counts = new Map<number, number>();
	for (const lines of pages)
		for (let i = 1; i < lines.length; i++) {
			const ratio = (lines[i - 1].y - lines[i].y) / lines[i].size;
			if (ratio < 0.8 || ratio > 3) continue;
			const key = Math.round(ratio * 20) / 20;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	let best = 1.2;
	let n = 0;
	for (const [k, c] of counts) if (c > n || (c === n && k < best)) [best, n] = [k, c];
	return best;
}

/** Index of the cell of `row` whose column starts at x (within half a font size), or -1. Cells are in x order. */
function columnAt(row: Cell[], x: number, em: number): number {
	let lo = 0;
	let hi = row.length - 1;
	while (lo < hi) {
		count();
		const mid = (lo + hi + 1) >> 1;
		if (row[mid].x <= x + 0.5 * em) lo = mid;
		else hi = mid - 1;
	}
	return Math.abs(row[lo].x - x) <= 0.5 * em ? lo : -1;
}

const ENDS_ENTRY = /[.?!:;%)\]]$/;
const VALUE = /^[£$]?[\d.,]+\s*%?[*⁰¹²³⁴⁵⁶⁷⁸⁹]*$/;

/**
 * Whether `line` continues the table row being written (a cell's text wrapped onto the next
 * line), and into which cells: each of its cells starts at one of the row's columns and ends
 * before the next column begins, and reads on from what that column holds. A line in the first
 * column is a new row unless the row's first cell reads on (no closing punctuation) into a line
 * that starts in lower case and is not a lettered item ("... the child's" / "desistance?"),
 * since a table's next row starts there too; a figure never wraps.
 */
function continuation(row: { cells: Cell[]; texts: string[] }, line: Line): number[] | undefined {
	const em = line.size;
	const into: number[] = [];
	for (const c of line.cells) {
		const k = columnAt(row.cells, c.x, em);
		// cells come left to right, so their columns must too
		if (k < 0 || (into.length && k <= into[into.length - 1])) return undefined;
		if (k + 1 < row.cells.length && c.end > row.cells[k + 1].x + 0.2 * em) return undefined;
		const before = row.texts[k];
		if (k === 0 && (ENDS_ENTRY.test(before) || !/^[a-z]/.test(c.text) || /^[a-z]\)\s/.test(c.text))) return undefined;
		if (VALUE.test(before) || VALUE.test(c.text)) return undefined;
		into.push(k);
	}
	return into;
}

/** A cell's text with the next line of it: a hyphen the renderer added at the line end goes. */
function joinWrapped(a: string, b: string): string {
	if (/[\u00ad\u2010]$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
	if (/[a-z]-$/.test(a) && /^[a-z]/.test(b)) return a + b;
	return `${a} ${b}`;
}

/**
 * Text of the pages (each a getTextContent() item list), laid out for the extractor. `counter`,
 * when given, counts the steps taken (tests hold it to n log n in the number of items).
 */
export function layoutPages(pages: readonly (readonly unknown[])[], counter?: LayoutWork): string {
	work = counter;
	try {
		return layout(pages);
	} finally {
		work = undefined;
	}
}

function layout(pages: readonly (readonly unknown[])[]): string {
	const lines = pages.map(linesOf);
	const leading = typicalLeading(lines);
	return lines
		.map((page) => {
			const out: string[] = [];
			// the table row being written: a wrapped cell's next lines join it
			let row: { cells: Cell[]; texts: string[] } | undefined;
			const flush = () => {
				if (row) out.push(row.texts.join('\t'));
				row = undefined;
			};
			page.forEach((line, i) => {
				count(line.cells.length + 1);
				if (!line.cells.length) return;
				const gap = i > 0 && (page[i - 1].y - line.y) / line.size > leading * 1.3;
				if (row && !gap) {
					const into = continuation(row, line);
					if (into) {
						into.forEach((k, j) => (row!.texts[k] = row!.texts[k] ? joinWrapped(row!.texts[k], line.cells[j].text) : line.cells[j].text));
						return;
					}
				}
				flush();
				if (gap && out.length) out.push('');
				if (line.cells.length > 1) row = { cells: line.cells, texts: line.cells.map((c) => c.text) };
				else out.push(line.cells[0].text);
			});
			flush();
			return out.join('\n');
		})
		.join('\n\f\n');
}

/** One page on its own (the leading is that page's). */
export function layoutPage(items: readonly unknown[]): string {
	return layoutPages([items]);
}

export class PdfReadError extends Error {}

/** Every page's text content through the layout; a document with no text at all is refused. */
export async function readPdfDocument(
	doc: PdfDocumentLike,
	onPage?: (page: number, pages: number) => void
): Promise<{ text: string; pages: number }> {
	const pages: (readonly unknown[])[] = [];
	let runs = 0;
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		const content = await page.getTextContent();
		pages.push(content.items);
		for (const it of content.items) if (isTextItem(it) && it.str.trim()) runs++;
		page.cleanup?.();
		onPage?.(p, doc.numPages);
	}
	if (runs === 0) throw new PdfReadError('the PDF has no text layer (a scan?)');
	return { text: layoutPages(pages), pages: doc.numPages };
}

/**
 * pdf.js's exceptions (by name: they are classes of the pdfjs module) as one clear clause; any
 * other error as "the PDF could not be read (its message)", or its bare message when `wrap` is false.
 */
export function describePdfError(e: unknown, wrap = true): string {
	const err = e as { name?: string; message?: string };
	if (e instanceof PdfReadError) return e.message;
	switch (err?.name) {
		case 'PasswordException':
			return 'the PDF is encrypted (it needs a password to open)';
		case 'InvalidPDFException':
			return `the file is not a valid PDF (${err.message})`;
		case 'MissingPDFException':
			return 'the PDF is missing';
		default:
			return wrap ? `the PDF could not be read (${err?.message ?? String(e)})` : (err?.message ?? String(e));
	}
}
