/**
 * A whole HTML page (a saved HMIP web page with its site chrome, or a PDF-to-HTML rendering)
 * -> text as the extractor reads it (text.ts): one line per paragraph or table row, a TAB
 * between a row's cells, list items as "- ", a blank line between paragraphs, footnote
 * numbers in <sup> as superscript digits ("Staff²"). Site chrome goes: <script>, <style>,
 * <noscript>, <svg>, <template>, <nav>, <form>, <head>, comments, and the page's <header> and
 * <footer> (a <header> or <footer> inside <main> or <article> belongs to the document and stays).
 *
 * One pass, linear in the length of the input whatever it holds: every search moves forward
 * from where the last one stopped, and a search that found nothing is never repeated (unclosed
 * tags, quotes and comments included). Tables are laid out at the outermost level only; a table
 * inside a cell is flattened into that cell's paragraphs.
 */
import { decodeEntities } from './text';

/** Whether `raw` is a whole HTML page (not a report text with <p> fragments in its cells). */
export function looksLikeHtmlDocument(raw: string): boolean {
	let head = raw.slice(0, 4096).replace(/^\uFEFF/, '');
	// leading comments and an XML declaration
	for (;;) {
		const t = head.trimStart();
		if (t.startsWith('<!--')) {
			const end = t.indexOf('-->');
			if (end < 0) return false;
			head = t.slice(end + 3);
		} else if (t.startsWith('<?xml')) {
			const end = t.indexOf('?>');
			if (end < 0) return false;
			head = t.slice(end + 2);
		} else {
			head = t;
			break;
		}
	}
	if (/^<!doctype\s+html\b/i.test(head) || /^<html[\s>]/i.test(head)) return true;
	return /<head[\s>]/i.test(head) && /<body[\s>]/i.test(head);
}

/** Elements whose content is raw text up to their end tag, dropped. */
const RAW = new Set(['script', 'style', 'noscript', 'svg', 'math', 'template', 'textarea', 'title', 'iframe', 'xmp']);
/** Elements dropped with everything inside them. */
const DROPPED = new Set(['nav', 'form', 'button', 'select', 'dialog', 'object']);
/** What may stand in <head>: any other start tag ends it. */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template']);
/** Blocks that end a paragraph (a blank line after them). */
const PARAGRAPH = new Set([
	'p',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'ul',
	'ol',
	'dl',
	'blockquote',
	'section',
	'article',
	'main',
	'aside',
	'figure',
	'pre',
	'hr',
	'address',
	'header',
	'footer',
	'body'
]);
/** Blocks that end a line. */
const LINE = new Set(['div', 'li', 'dt', 'dd', 'br', 'caption', 'figcaption', 'details', 'summary', 'legend', 'fieldset', 'center']);

const EXTRA_ENTITIES: Record<string, string> = {
	shy: '',
	copy: '©',
	reg: '®',
	trade: '™',
	deg: '°',
	middot: '·',
	laquo: '«',
	raquo: '»',
	sbquo: '‚',
	bdquo: '„',
	minus: '−',
	times: '×',
	euro: '€',
	sup1: '¹',
	sup2: '²',
	sup3: '³',
	frac12: '½',
	frac14: '¼',
	frac34: '¾',
	eacute: 'é',
	egrave: 'è',
	aacute: 'á',
	agrave: 'à',
	ouml: 'ö',
	uuml: 'ü',
	auml: 'ä',
	ccedil: 'ç',
	zwnj: '',
	zwj: '',
	ensp: ' ',
	emsp: ' ',
	thinsp: ' '
};

function decode(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&#?[a-z0-9]+;/gi, (m) => EXTRA_ENTITIES[m.slice(1, -1)] ?? decodeEntities(m));
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

interface Cell {
	paras: string[];
}

/** Counts of the work done, for tests: characters examined by every scan and search. */
export interface HtmlWork {
	scanned: number;
}

/**
 * The text of an HTML page for the extractor. `work`, when given, is incremented by the number
 * of characters each scan and search examined (tests hold it to a multiple of the input length).
 */
export function htmlToText(html: string, work: HtmlWork = { scanned: 0 }): string {
	const src = html.replace(/^\uFEFF/, '');
	const n = src.length;
	const out: string[] = [];
	// table state: only the outermost table is laid out in rows and cells
	let tableDepth = 0;
	let row: Cell[] | undefined;
	let cell: Cell | undefined;
	let bullet = false;
	let sup = 0;
	let inHead = false;
	let mainDepth = 0;
	let listDepth = 0;
	const skip = new Map<string, number>();
	let skipping = 0;
	// searches that found nothing, so never run again: no '>' at or after, no closing quote after
	let noGtFrom = Infinity;
	const noQuoteFrom: Record<string, number> = { '"': Infinity, "'": Infinity };

	// the paragraph being written (top level, or the current cell's) as pieces: testing a
	// growing string's last character would flatten it on every append
	let pieces: string[] = [];
	let lastSpace = true;
	const append = (text: string) => {
		if (!text) return;
		let t = text;
		if (bullet && t.trim()) {
			t = '- ' + t.trimStart();
			bullet = false;
		}
		if (lastSpace && t[0] === ' ') t = t.slice(1);
		if (!t) return;
		pieces.push(t);
		lastSpace = t[t.length - 1] === ' ';
	};
	const takeParagraph = () => {
		const p = pieces.join('').replace(/ {2,}/g, ' ').trim();
		pieces = [];
		lastSpace = true;
		return p;
	};
	const blank = () => {
		if (out.length && out[out.length - 1] !== '') out.push('');
	};
	const endLine = () => {
		const p = takeParagraph();
		if (!p) return;
		if (cell) cell.paras.push(p);
		else out.push(p);
	};
	const endCell = () => {
		if (!cell) return;
		endLine();
		row?.push(cell);
		cell = undefined;
	};
	const endRow = () => {
		endCell();
		if (!row) return;
		// line k holds paragraph k of every cell; the first line keeps empty cells in their column
		const lines: string[][] = [];
		row.forEach((c, i) => {
			if (!lines[0]) lines[0] = [];
			lines[0][i] = c.paras[0] ?? '';
			for (let k = 1; k < c.paras.length; k++) (lines[k] ??= []).push(c.paras[k]);
		});
		for (const cells of lines) {
			// trailing empty cells go (a loop: /\t+$/ backtracks over every run of tabs)
			let last = cells.length - 1;
			while (last >= 0 && !cells[last]) last--;
			if (last < 0) continue;
			out.push(Array.from(cells.slice(0, last + 1), (c) => c ?? '').join('\t'));
		}
		row = undefined;
	};
	const startSkip = (name: string) => {
		skip.set(name, (skip.get(name) ?? 0) + 1);
		skipping++;
	};
	const endSkip = (name: string) => {
		const c = skip.get(name) ?? 0;
		if (c > 0) {
			skip.set(name, c - 1);
			skipping--;
		}
	};
	const cancelSkip = (name: string) => {
		skipping -= skip.get(name) ?? 0;
		skip.set(name, 0);
	};

	/** Index of the '>' ending the tag that starts at `i` (quotes respected), or -1. */
	const tagEnd = (i: number): number => {
		if (i >= noGtFrom) return -1;
		let j = i + 1;
		while (j < n) {
			work.scanned++;
			const ch = src[j];
			if (ch === '>') return j;
			if ((ch === '"' || ch === "'") && src[j - 1] === '=') {
				if (j < noQuoteFrom[ch]) {
					const close = src.indexOf(ch, j + 1);
					work.scanned += (close < 0 ? n : close) - j;
					if (close >= 0) {
						j = close + 1;
						continue;
					}
					noQuoteFrom[ch] = j;
				}
				// an unclosed quote: the tag ends at the next '>' after all
				const gt = src.indexOf('>', j + 1);
				work.scanned += (gt < 0 ? n : gt) - j;
				if (gt < 0) noGtFrom = i;
				return gt;
			}
			j++;
		}
		noGtFrom = i;
		return -1;
	};

	const endTags = new Map<string, RegExp>();
	/** Index just past the end tag of raw-text element `name` searched from `from`, or n. */
	const rawEnd = (name: string, from: number): number => {
		let re = endTags.get(name);
		if (!re) endTags.set(name, (re = new RegExp(`</${name}[\\s/>]`, 'gi')));
		re.lastIndex = from;
		const m = re.exec(src);
		if (!m) {
			work.scanned += n - from;
			return n;
		}
		work.scanned += m.index - from;
		const gt = tagEnd(m.index);
		return gt < 0 ? n : gt + 1;
	};

	let i = 0;
	while (i < n) {
		const lt = src.indexOf('<', i);
		const textEnd = lt < 0 ? n : lt;
		work.scanned += textEnd - i;
		if (textEnd > i) {
			const raw = src.slice(i, textEnd);
			if (inHead && raw.trim()) inHead = false;
			if (!skipping && !inHead) {
				let text = decode(raw.replace(/\u00ad/g, '')).replace(/[\s\u00a0]+/g, ' ');
				if (sup && /^\s*\d[\d,\s–-]*$/.test(text)) text = text.trim().replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]);
				append(text);
			}
		}
		if (lt < 0) break;
		i = lt;
		// comments, doctype, processing instructions
		if (src.startsWith('<!--', i)) {
			const end = src.indexOf('-->', i + 4);
			work.scanned += (end < 0 ? n : end) - i;
			if (end < 0) break;
			i = end + 3;
			continue;
		}
		const next = src[i + 1];
		if (next === '!' || next === '?') {
			const end = tagEnd(i);
			if (end < 0) break;
			i = end + 1;
			continue;
		}
		const closing = next === '/';
		const nameMatch = /^[a-z][a-z0-9:-]*/i.exec(src.slice(i + (closing ? 2 : 1), i + (closing ? 2 : 1) + 32));
		if (!nameMatch) {
			// a literal '<' ("<50%")
			if (!skipping && !inHead) append('<');
			i++;
			continue;
		}
		const end = tagEnd(i);
		// a tag that never ends: the rest of the input is inside it (as a browser reads it)
		if (end < 0) break;
		const name = nameMatch[0].toLowerCase();
		const selfClosing = src[end - 1] === '/';
		i = end + 1;

		if (inHead && !closing && !HEAD_CONTENT.has(name)) inHead = false;
		if (closing) {
			if (name === 'head') inHead = false;
			if (DROPPED.has(name) || ((name === 'header' || name === 'footer') && skip.get(name))) {
				endSkip(name);
				continue;
			}
			if (skipping) continue;
		} else {
			if (name === 'head') {
				inHead = !selfClosing;
				continue;
			}
			if (name === 'body') inHead = false;
			if (RAW.has(name)) {
				if (!selfClosing) i = rawEnd(name, i);
				continue;
			}
			if (name === 'main' || name === 'article') {
				// a page wrapped in a <form> (or a <header> around everything): the document is here
				cancelSkip('form');
				cancelSkip('header');
			}
			const chrome = (name === 'header' || name === 'footer') && mainDepth === 0;
			if (DROPPED.has(name) || chrome) {
				if (!selfClosing) startSkip(name);
				continue;
			}
			if (skipping) continue;
		}
		if (inHead) continue;

		if (name === 'main' || name === 'article') mainDepth = Math.max(0, mainDepth + (closing ? -1 : 1));
		if (name === 'sup') {
			sup = Math.max(0, sup + (closing ? -1 : 1));
			continue;
		}
		if (name === 'table') {
			if (!closing) {
				tableDepth++;
				if (tableDepth === 1) {
					endLine();
					blank();
				} else endLine();
			} else if (tableDepth > 0) {
				tableDepth--;
				if (tableDepth === 0) {
					endRow();
					blank();
				} else endLine();
			}
			continue;
		}
		if (tableDepth === 1 && (name === 'tr' || name === 'td' || name === 'th')) {
			if (name === 'tr') {
				endRow();
				if (!closing) row = [];
			} else if (!closing) {
				endCell();
				row ??= [];
				cell = { paras: [] };
			} else endCell();
			bullet = false;
			continue;
		}
		if (tableDepth > 1 && (name === 'tr' || name === 'td' || name === 'th')) {
			// a table inside a cell: its rows are paragraphs of the cell, its cells words
			if (name === 'tr') endLine();
			else append(' ');
			continue;
		}
		if (name === 'li' && !closing) {
			endLine();
			bullet = true;
			continue;
		}
		if (PARAGRAPH.has(name)) {
			endLine();
			// inside a list, paragraphs and nested lists are lines of its items
			const list = name === 'ul' || name === 'ol' || name === 'dl';
			if (list) listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
			if (!cell && (list ? listDepth === (closing ? 0 : 1) : listDepth === 0)) blank();
			continue;
		}
		if (LINE.has(name)) {
			endLine();
			continue;
		}
		// inline elements (a, span, em, strong, sub, ...) leave the text as it is
	}
	endRow();
	endLine();
	while (out.length && out[out.length - 1] === '') out.pop();
	return out.join('\n');
}
