/**
 * Report text -> rows of cells, whatever the layout: tab tables, Markdown `|` rows, HTML
 * fragments (`<p>` paragraphs inside a cell), one value per line. Every parser in this folder
 * works on these rows, so the layout question is answered once, here.
 */

import { prepareLines } from './layout';
import { reflow } from './reflow';

export interface Row {
	/** 1-based line number in the input, for warnings */
	n: number;
	/** non-empty cells, trimmed, tags stripped, entities decoded */
	cells: string[];
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_RE = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	lsquo: '‘',
	rsquo: '’',
	ldquo: '“',
	rdquo: '”',
	pound: '£',
	bull: '•',
	hellip: '…'
};

export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
		}
		return ENTITIES[e.toLowerCase()] ?? m;
	});
}

export { normaliseText } from './layout';

const BLOCK_TAG = /<\s*\/?\s*(p|div|li|ul|ol|br|tr|td|th|table|tbody|thead|h[1-6])\b[^<>]*>/gi;
const ANY_TAG = /<\s*\/?\s*[a-z][a-z0-9]*\b[^<>]*>/gi;

/** Split one table cell into its paragraphs (HTML block elements), tags stripped. */
export function cellParagraphs(cell: string): string[] {
	const hasBlocks = BLOCK_TAG.test(cell);
	BLOCK_TAG.lastIndex = 0;
	const parts = hasBlocks ? cell.split(BLOCK_TAG).filter((_, i) => i % 2 === 0) : [cell];
	return parts.map((p) => clean(p)).filter((p) => p.length > 0);
}

/** Strip inline tags and Markdown emphasis, decode entities, collapse spaces. */
export function clean(s: string): string {
	return decodeEntities(s.replace(ANY_TAG, ' '))
		.replace(/\*\*(.+?)\*\*/g, '$1')
		.replace(/__(.+?)__/g, '$1')
		.replace(/(^|[\s(])\*([^*\s][^*]*?[^*\s]|[^*\s])\*(?=[\s).,;:]|$)/g, '$1$2')
		.replace(/[ \t]+/g, ' ')
		.trim();
}

const SEPARATOR = /^[\s|:+\-–—=_]+$/;

function splitCells(line: string): string[] {
	let s = line;
	// Markdown table row: | a | b |
	if (/^\s*\|.*\|\s*$/.test(s) || (s.split('|').length >= 3 && !s.includes('\t'))) {
		s = s
			.replace(/^\s*\|/, '')
			.replace(/\|\s*$/, '')
			.split('|')
			.join('\t');
	}
	return s.split('\t');
}

/**
 * Rows of the text. Markdown separator rows vanish; a line whose cells hold several HTML
 * paragraphs becomes several rows, paragraph i of every cell forming row i (so a standard's
 * heading paragraph and its rating cell end up side by side). Blank lines are kept as rows
 * with no cells, because one-value-per-line layouts are delimited by them.
 */
export function toRows(raw: string): Row[] {
	const rows: Row[] = [];
	for (const { n, text: line } of prepareLines(raw)) {
		if (line.trim() === '') {
			rows.push({ n, cells: [] });
			continue;
		}
		if (SEPARATOR.test(line) && /[-–—=]{2,}/.test(line)) continue;
		const cells = splitCells(line).map(cellParagraphs);
		const depth = cells.reduce((m, c) => Math.max(m, c.length), 0);
		if (depth === 0) {
			rows.push({ n, cells: [] });
			continue;
		}
		for (let k = 0; k < depth; k++) {
			const rowCells = cells.map((c) => c[k]).filter((c): c is string => c !== undefined && c !== '');
			if (rowCells.length) rows.push({ n, cells: rowCells });
		}
	}
	return reflow(rows);
}

/** Footnote markers (superscript digits) removed from a label, and the numbers they carried. */
export function stripFootnotes(s: string): { text: string; marks: number[] } {
	const marks: number[] = [];
	const text = s
		.replace(SUPERSCRIPT_RE, (m) => {
			marks.push(Number([...m].map((ch) => SUPERSCRIPT.indexOf(ch)).join('')));
			return ' ';
		})
		.replace(/\s+/g, ' ')
		.trim();
	return { text, marks };
}

/**
 * Footnote texts: lines that begin with a superscript number. Numbering restarts in some
 * reports, so a marker resolves to the first definition of its number at or after the line
 * that cites it (footnotes sit at the foot of the page), else the last one before it.
 */
export class Footnotes {
	private defs: { num: number; line: number; text: string }[] = [];
	/** "19" then its text on the next line, or "19 Professional discretion ...": how pdftotext
	 * prints a footnote; used only for a number no superscript footnote defines */
	private plain: { num: number; line: number; text: string }[] = [];
	constructor(rows: Row[]) {
		rows.forEach((row, i) => {
			const first = row.cells[0];
			if (!first || row.cells.length > 1) return;
			const alone = /^(\d{1,2})$/.exec(first);
			const next = rows[i + 1]?.cells.length === 1 ? rows[i + 1].cells[0] : undefined;
			if (alone && next && /^[A-Z]/.test(next)) {
				// the note may go on over a line or two
				let text = next;
				for (let k = i + 2; k < i + 4 && rows[k]?.cells.length === 1 && /^[a-z(]/.test(rows[k].cells[0]); k++)
					text += ' ' + rows[k].cells[0];
				this.plain.push({ num: Number(alone[1]), line: row.n, text });
			}
			const inline = /^(\d{1,2})\s+([A-Z].*)$/.exec(first);
			if (inline) this.plain.push({ num: Number(inline[1]), line: row.n, text: inline[2] });
		});
		for (const row of rows) {
			const first = row.cells[0];
			if (!first) continue;
			const m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$/.exec(first);
			if (m) {
				const num = Number([...m[1]].map((ch) => SUPERSCRIPT.indexOf(ch)).join(''));
				this.defs.push({ num, line: row.n, text: [m[2], ...row.cells.slice(1)].join(' ').trim() });
			}
		}
	}
	text(num: number, line: number): string | undefined {
		let same = this.defs.filter((d) => d.num === num);
		if (!same.length) same = this.plain.filter((d) => d.num === num);
		return (same.find((d) => d.line >= line) ?? same[same.length - 1])?.text;
	}
}

/** The whole row as one string (cells joined by a space). */
export function rowText(row: Row): string {
	return row.cells.join(' ');
}

const VALUE_LIKE = /^[£$]?\s*[\d.,]+\s*(%|per cent)?\s*[*⁰¹²³⁴⁵⁶⁷⁸⁹]*$/;

/**
 * Paragraph blocks for one-value-per-line layouts: consecutive single-cell rows are joined
 * into one paragraph ("England and" + "Wales"); blank rows and multi-cell rows end a block.
 */
export interface Block {
	n: number;
	text: string;
}
export function toBlocks(rows: Row[]): Block[] {
	const blocks: Block[] = [];
	let current: Block | undefined;
	let lastLine = '';
	for (const row of rows) {
		if (row.cells.length === 1 && !/^[-•]\s/.test(row.cells[0])) {
			const cell = row.cells[0];
			if (current && !VALUE_LIKE.test(cell) && !VALUE_LIKE.test(lastLine)) current.text += ' ' + cell;
			else {
				if (current) blocks.push(current);
				current = { n: row.n, text: cell };
			}
			lastLine = cell;
			continue;
		}
		if (current) blocks.push(current);
		current = undefined;
		if (row.cells.length > 1) for (const c of row.cells) blocks.push({ n: row.n, text: c });
	}
	if (current) blocks.push(current);
	return blocks;
}
