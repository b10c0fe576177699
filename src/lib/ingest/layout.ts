/**
 * Text as tools lay it out -> lines as the report printed them. Reports arrive from pdf.js,
 * `pdftotext -layout` and `-raw`, text copied from a PDF viewer, HMIP's web pages and
 * document-hosting sites' transcripts. Before any parser looks at them, this removes what
 * the page added (running headers and footers with page numbers, a hosting site's chrome and
 * "Page N:" lines), mends what the text layer broke (words hyphenated at line ends, words split
 * by a space, ligatures) and, for text laid out with runs of spaces, turns columns into tab-
 * separated cells and folds a cell's wrapped lines back into it.
 *
 * Every step is linear in the input (one pass, or a pass per fixed vocabulary word).
 * Line numbers are those of the input, so warnings still point at the right line.
 */

export interface Line {
	/** 1-based line number in the input */
	n: number;
	text: string;
	/** first line of a page (after a form feed or a transcript's "Page N:" line) */
	pageStart?: boolean;
}

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (digits: string) => [...digits].map((d) => SUPERSCRIPT[Number(d)]).join('');

/** Line endings, BOM, no-break and zero-width spaces, soft hyphens, ligatures. */
export function normaliseText(raw: string): string {
	return (
		raw
			.replace(/^\uFEFF/, '')
			.replace(/\r\n?/g, '\n')
			.replace(/[\u00a0\u2007\u202f]/g, ' ')
			// a soft hyphen ending a line marks a word broken there (mendHyphenation joins it); any
			// other soft hyphen is invisible
			.replace(/\u00ad(?=[ \t]*(\n|$))/g, '\u2010')
			.replace(/[\u200b-\u200d\u2060\u00ad]/g, '')
			.replace(/[ﬀﬁﬂﬃﬄﬅﬆ]/g, (c) => LIGATURES[c])
			// "collea‐ gues": a hyphen a PDF put where it broke a word, the line joined by a transcript
			.replace(/([a-z])\u2010 (?=[a-z])/g, '$1')
	);
}

const TRANSCRIPT_PAGE = /^\s*Page (\d{1,4}):\s/;

/** Lines of the text, a form feed marking the first line of each page. */
function splitLines(text: string): Line[] {
	const out: Line[] = [];
	const raw = text.split('\n');
	let pageNext = false;
	for (let i = 0; i < raw.length; i++) {
		let t = raw[i];
		let pageStart = pageNext;
		pageNext = false;
		if (t.includes('\f')) {
			// pdftotext puts the form feed at the start of the next page's first line
			const parts = t.split('\f');
			if (parts[parts.length - 1].trim() === '') pageNext = true;
			else pageStart = true;
			t = parts.join(' ');
		}
		out.push({ n: i + 1, text: t.replace(/\s+$/, ''), ...(pageStart ? { pageStart } : {}) });
	}
	return out;
}

/**
 * A document-hosting site's transcript: its chrome (title, views, "TRANSCRIPT", category)
 * comes before the first "Page N:" line, and each page starts with "Page N: <title> · <text>".
 * Both go; the page boundaries stay. Needs "Page 1:" near the top, or several pages in order.
 */
function dropTranscriptChrome(lines: Line[]): Line[] {
	const pages: number[] = [];
	for (let i = 0; i < lines.length; i++) {
		const m = TRANSCRIPT_PAGE.exec(lines[i].text);
		if (m) pages.push(i);
	}
	if (!pages.length) return lines;
	const firstNum = Number(TRANSCRIPT_PAGE.exec(lines[pages[0]].text)![1]);
	if (!(firstNum === 1 && pages[0] < 80) && pages.length < 2) return lines;
	const out: Line[] = [];
	let nextStart = false;
	for (let i = pages[0]; i < lines.length; i++) {
		if (TRANSCRIPT_PAGE.test(lines[i].text)) {
			nextStart = true;
			continue;
		}
		out.push(nextStart ? { ...lines[i], pageStart: true } : lines[i]);
		if (nextStart && lines[i].text.trim()) nextStart = false;
	}
	return out;
}

/** HMIP's web copies: "(Back to top)" after headings, "[1]" footnote references. */
function webCopyMarks(t: string): string {
	return t
		.replace(/\s*\(Back to top\)\s*$/i, '')
		.replace(/(\S)\[(\d{1,2})\]/g, (_, c: string, d: string) => c + sup(d))
		.replace(/^\s*\[(\d{1,2})\]\s+/, (_, d: string) => sup(d) + ' ');
}

/** "63% 19" -> "63%¹⁹": a one- or two-digit number after a percentage or a decimal, ending a cell. */
function plainMarks(t: string): string {
	if (!/\d/.test(t)) return t;
	return (
		t
			.replace(/(\d%|\d\.\d+%?)[ ](\d{1,2})(?=[ ]{2,}|\t|\s*$)/g, (_, v: string, d: string) => v + sup(d))
			// "reoffending rate1 for": a marker glued to a lower-case word
			.replace(/(^|[\s(])([a-z]{3,})(\d{1,2})(?=[\s,.;:)]|$)/g, (_, b: string, w: string, d: string) => b + w + sup(d))
	);
}

/** A line's shape with its numbers blanked: "Inspection of youth offending services in X #". */
function furnitureKey(t: string): string {
	return t.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');
}

/** A page number alone: "12", "Page 12", "12 of 40", "- 12 -". */
const PAGE_NUMBER = /^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*(?:(?:of|\/)\s*\d{1,4})?\s*[-–]?\s*$/i;

/**
 * Running headers and footers. With page boundaries known, a line shape (numbers blanked)
 * that opens or closes at least three pages and a third of them is furniture, and so is a page
 * number alone at a page's edge. Without them (pages joined by blank lines), a short line with
 * one page-number-like number at its start or end whose shape recurs with different numbers
 * ("... in Camden 1", "... in Camden 2") is furniture. Table rows are never touched: a shape
 * with a %, £ or a decimal is data.
 */
function dropFurniture(lines: Line[]): Line[] {
	const drop = new Set<number>();
	const starts = lines.map((l, i) => (l.pageStart ? i : -1)).filter((i) => i >= 0);
	if (starts.length >= 2) {
		const bounds = [0, ...starts, lines.length];
		const edgeKeys = new Map<string, Set<number>>();
		const edges: { i: number; key: string; page: number }[] = [];
		// a number alone at a page's edge is its page number only if it follows the pages'
		// order (the commonest offset from the page's index): "244" under a header is data
		const numbers: { i: number; offset: number }[] = [];
		for (let p = 0; p + 1 < bounds.length; p++) {
			const idx: number[] = [];
			for (let i = bounds[p]; i < bounds[p + 1]; i++) if (lines[i].text.trim()) idx.push(i);
			const edge = [...idx.slice(0, 2), ...idx.slice(-2)];
			for (const i of new Set(edge)) {
				const key = furnitureKey(lines[i].text);
				if (key.length > 160 || /[%£]|#\.#/.test(key)) continue;
				if (PAGE_NUMBER.test(lines[i].text)) {
					const n = Number(/\d+/.exec(lines[i].text)![0]);
					numbers.push({ i, offset: n - p });
					continue;
				}
				edges.push({ i, key, page: p });
				const s = edgeKeys.get(key) ?? new Set<number>();
				s.add(p);
				edgeKeys.set(key, s);
			}
		}
		const offsets = new Map<number, number>();
		for (const x of numbers) offsets.set(x.offset, (offsets.get(x.offset) ?? 0) + 1);
		const [common, seen] = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
		if (seen >= 2) for (const x of numbers) if (Math.abs(x.offset - common) <= 1) drop.add(x.i);
		const pageCount = bounds.length - 1;
		for (const e of edges) {
			const pages = edgeKeys.get(e.key)!.size;
			if (pages >= 3 && pages >= pageCount / 3) drop.add(e.i);
		}
	}
	// Numbered running headers wherever they are.
	const numbered = new Map<string, { idx: number[]; nums: Set<string> }>();
	lines.forEach((l, i) => {
		const t = l.text.trim();
		if (t.length > 140 || !/[a-z]/i.test(t) || /[%£]|\d\.\d|\d,\d/.test(t)) return;
		const m = /^(.*\D)\s+(\d{1,3})$/.exec(t) ?? /^(\d{1,3})\s+(\D.*)$/.exec(t);
		if (!m) return;
		const num = /^\d/.test(m[1]) ? m[1] : m[2];
		if (/\d/.test(t.replace(num, ''))) return;
		const key = furnitureKey(t);
		const e = numbered.get(key) ?? { idx: [], nums: new Set<string>() };
		e.idx.push(i);
		e.nums.add(num);
		numbered.set(key, e);
	});
	for (const [key, e] of numbered) {
		const titled = /inspection|inspectorate|probation|report/i.test(key);
		if (e.nums.size >= 2 && (e.idx.length >= 3 || titled)) for (const i of e.idx) drop.add(i);
	}
	// Text copied from a viewer keeps no page breaks: a running header repeated word for word
	// ("Inspection of youth offending services in Leeds") is furniture, and so is a number alone
	// just before or after it that follows the pages' order.
	const repeated = new Map<string, number[]>();
	lines.forEach((l, i) => {
		const t = l.text.trim();
		if (t.length > 120 || !/inspection|inspectorate|probation/i.test(t) || /[%£]/.test(t)) return;
		repeated.set(t, [...(repeated.get(t) ?? []), i]);
	});
	for (const idx of repeated.values()) {
		if (idx.length < 3) continue;
		const numbers: { i: number; offset: number }[] = [];
		idx.forEach((h, k) => {
			drop.add(h);
			for (const j of [h - 1, h - 2, h - 3, h + 1, h + 2]) {
				if (j < 0 || j >= lines.length || !/^\s*\d{1,3}\s*$/.test(lines[j].text)) continue;
				numbers.push({ i: j, offset: Number(lines[j].text) - k });
				break;
			}
		});
		const offsets = new Map<number, number>();
		for (const x of numbers) offsets.set(x.offset, (offsets.get(x.offset) ?? 0) + 1);
		const [common, seen] = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
		if (seen >= 2) for (const x of numbers) if (Math.abs(x.offset - common) <= 1) drop.add(x.i);
	}
	if (!drop.size) return lines;
	// A dropped line leaves a blank one behind, so blocks it separated stay separate.
	return lines.map((l, i) => (drop.has(i) ? { n: l.n, text: '', ...(l.pageStart ? { pageStart: true } : {}) } : l));
}

/** Prefixes that keep their hyphen when a compound word breaks at it ("out-of-" + "court"). */
const COMPOUND = new Set([
	'of',
	'out',
	'well',
	'self',
	'non',
	'co',
	'pre',
	'post',
	'multi',
	'cross',
	'long',
	'short',
	'full',
	'part',
	'first',
	'face',
	'high',
	'low',
	'follow',
	'child',
	'risk',
	'age',
	'time',
	'sub',
	'inter',
	'under',
	'over',
	'anti',
	'mid',
	'year',
	'in',
	'x',
	'e'
]);

/**
 * A word hyphenated at a line's end joins its other half, which leaves the next line; the
 * hyphen stays for compounds ("out-of-court"). Only when the next line goes on in lower case.
 */
function mendHyphenation(lines: Line[]): Line[] {
	const out = lines.map((l) => ({ ...l }));
	const gone = new Set<number>();
	for (let i = 0; i + 1 < out.length; i++) {
		if (gone.has(i)) continue;
		// "-" as typed, or U+2010 where a PDF broke a word (a soft hyphen, or pdf.js's hyphen)
		const m = /(^|[\s(])([A-Za-z]+(?:-[A-Za-z]+)*)([-\u2010])\s*$/.exec(out[i].text);
		if (!m || out[i].text.includes('\t')) continue;
		let j = i + 1;
		while (j < out.length && out[j].text.trim() === '' && j - i <= 2 && !out[j].pageStart) j++;
		if (j >= out.length || out[j].text.includes('\t')) continue;
		const next = /^\s*([a-z][A-Za-z'’]*[.,;:?)]*)(\s+|$)/.exec(out[j].text);
		if (!next) continue;
		const last = m[2].split('-').pop()!.toLowerCase();
		const joiner = m[3] === '-' && COMPOUND.has(last) ? '-' : '';
		out[i].text = out[i].text.replace(/[-\u2010]\s*$/, '') + joiner + next[1];
		// blank out the moved half so that columns further along keep their place
		const rest = out[j].text.slice(next[0].length);
		out[j].text = rest.trim() ? ' '.repeat(next[0].length) + rest : '';
		if (!rest.trim()) gone.add(j);
	}
	return gone.size ? out.filter((_, k) => !gone.has(k)) : out;
}

/**
 * Words the parsers depend on, mended where a PDF text layer split them with a space
 * ("Requires i mprovement", "Inadeq uate", "Partners hips and services"). A split is mended
 * only inside one of these words and never where the first part is a short word of its own
 * ("in adequate" stays).
 */
const VOCABULARY = [
	'Outstanding',
	'Requires',
	'improvement',
	'Inadequate',
	'Governance',
	'leadership',
	'Partnerships',
	'services',
	'Information',
	'facilities',
	'Assessment',
	'Planning',
	'Implementation',
	'delivery',
	'Reviewing',
	'Resettlement',
	'Organisational',
	'disposals',
	'disposal',
	'provision',
	'working',
	'Contextual',
	'Recommendations',
	'Acknowledgements',
	'Foreword',
	'inspection',
	'Inspectorate',
	'Probation',
	'population',
	'caseload',
	'ethnicity',
	'reoffending',
	'Overall',
	'rating',
	'Annexe',
	'Methodology',
	'victims',
	'children',
	'Assessing',
	'Staff'
];
const SHORT_WORDS = new Set([
	'a',
	'an',
	'in',
	'on',
	'of',
	'to',
	'at',
	'as',
	'is',
	'it',
	'be',
	'by',
	'or',
	'and',
	'the',
	'for',
	'no',
	'not',
	'we',
	'so'
]);

const VOCABULARY_KEYS = new Set(VOCABULARY.map((w) => w.toLowerCase()));

interface Vocabulary {
	words: Map<string, number>;
	pairs: Map<string, number>;
}

/** How often each word, and each pair of neighbouring words, occurs in the document (lower case). */
function documentWords(lines: Line[]): Vocabulary {
	const words = new Map<string, number>();
	const pairs = new Map<string, number>();
	for (const l of lines) {
		let prev = '';
		for (const m of l.text.matchAll(/[A-Za-z]+|[^A-Za-z\s]+|\s+/g)) {
			const w = m[0];
			if (/^\s/.test(w)) continue;
			if (!/^[A-Za-z]/.test(w)) {
				prev = '';
				continue;
			}
			const lw = w.toLowerCase();
			words.set(lw, (words.get(lw) ?? 0) + 1);
			if (prev) pairs.set(`${prev} ${lw}`, (pairs.get(`${prev} ${lw}`) ?? 0) + 1);
			prev = lw;
		}
	}
	return { words, pairs };
}

/**
 * One pass over the words: two neighbours become one when their letters make one of the
 * parsers' words, or a word the document uses elsewhere whole while one of the two halves
 * never occurs but in this pair ("m inority", "educ ation"; "in to" stays: both are words).
 */
function mendSplitWords(t: string, v: Vocabulary): string {
	if (!/[A-Za-z] [a-z]/.test(t)) return t;
	const words = t.split(' ');
	let changed = false;
	for (let i = 0; i + 1 < words.length; i++) {
		const a = words[i];
		const b = words[i + 1];
		if (!a || !b || !/[A-Za-z]$/.test(a) || !/^[a-z]/.test(b)) continue;
		const left = /[A-Za-z]+$/.exec(a)![0].toLowerCase();
		const right = /^[a-z]+/.exec(b)![0];
		if (SHORT_WORDS.has(left)) continue;
		const whole = left + right;
		const pair = v.pairs.get(`${left} ${right}`) ?? 0;
		const fragment = (v.words.get(left) ?? 0) <= pair || (v.words.get(right) ?? 0) <= pair;
		if (!VOCABULARY_KEYS.has(whole) && !((v.words.get(whole) ?? 0) > 0 && fragment)) continue;
		words[i] = a + b;
		words.splice(i + 1, 1);
		changed = true;
	}
	return changed ? words.join(' ') : t;
}

/**
 * A hosting site's transcript prints each block of a page as one line, a whole table
 * included ("... 2.1. Assessment Requires improvement ... 2.1.1. Does ...? 88% 2.1.2. ...").
 * Such a line (long, holding several codes) is cut where the report's own structure starts
 * a row: before a standard or key-question code, a prompt's letter, a numbered
 * recommendation, or a question after the percentage that closed the one before. Each piece
 * keeps the line's number.
 */
const BREAK =
	/\s+(?=[1-4]\.\s?[1-4]\.(?:\s?[1-9]\.)?\s+[A-Z])|\s+(?=[1-4]\.[1-4]\s+[A-Z])|\s+(?=[1-4]\.\s+[A-Z][a-z]+(?:\s[a-z-]+)*\s+[1-4]\.[1-4])|\s+(?=[a-z]\)\s+[A-Z])|(?<=[.;]|\w)\s+(?=\d{1,2}\.\s+[a-z])|(?<=\d%\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s+(?=(?:Does|Do|Is|Are|Has|Have|Was|Were|Did|How well)\s)|(?<=%\s?['‘’]?[Yy]es['’]?|\((?:court|out-of-court) disposals\))\s+(?=[A-Z])|(?<=\s)(?=£?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?\s+[A-Z][a-z])|(?<=[a-z)⁰¹²³⁴⁵⁶⁷⁸⁹]\s)(?=\d{1,3}(?:\.\d)?%\s+[A-Z][a-z])|(?<=[a-z)⁰¹²³⁴⁵⁶⁷⁸⁹]\s)(?!(?:19|20)\d\d\s)(?=\d{1,4}(?:\.\d+)?\s+[A-Z][a-z]+[\s-][a-z])|(?<=Overall rating\s(?:Outstanding|Good|Requires improvement|Inadequate))\s+/g;
const CODE =
	/(?:^|\s)[1-4]\.\s?[1-4]\.?(?:\s?[1-9]\.?)?\s+[A-Z]|(?:^|\s)\d{1,2}\.\s+[a-z]|\?\s\d{1,3}%|(?:^|\s)£?\d[\d,.]*%?\s+[A-Z][a-z]+[\s-][a-z]/g;

function resegment(lines: Line[]): Line[] {
	const out: Line[] = [];
	for (const l of lines) {
		if (l.text.length < 60 || l.text.includes('\t') || (l.text.match(CODE)?.length ?? 0) < 2) {
			out.push(l);
			continue;
		}
		const parts = l.text.split(BREAK).filter((p) => p.trim());
		parts.forEach((p, k) => out.push(k === 0 ? { ...l, text: p } : { n: l.n, text: p }));
	}
	return out;
}

/**
 * Text laid out with spaces (`pdftotext -layout`): no tab anywhere, and many lines holding
 * runs of three or more spaces between words.
 */
export function isSpaceLaidOut(lines: Line[]): boolean {
	let nonEmpty = 0;
	let gapped = 0;
	for (const l of lines) {
		if (l.text.includes('\t')) return false;
		if (!l.text.trim()) continue;
		nonEmpty++;
		if (/\S {3,}\S/.test(l.text)) gapped++;
	}
	return nonEmpty > 0 && gapped >= 5 && gapped / nonEmpty >= 0.03;
}

interface Cell {
	col: number;
	text: string;
}

function cellsAt(text: string): Cell[] {
	const out: Cell[] = [];
	const re = /\S+(?: \S+)*/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text))) out.push({ col: m.index, text: m[0] });
	return out;
}

/**
 * Columns of a space-laid-out text become tab-separated cells. A line that continues cells of
 * the row above (its cells start where that row's later cells start, or it carries on the first
 * cell in lower case) is folded into that row: "Governance and" + "leadership", "Requires" +
 * "improvement", a key question's second line.
 */
function columnsToCells(lines: Line[]): Line[] {
	const out: Line[] = [];
	let anchor: { line: Line; cells: Cell[] } | undefined;
	for (const l of lines) {
		const cells = cellsAt(l.text);
		if (!cells.length) {
			anchor = undefined;
			out.push(l);
			continue;
		}
		if (anchor && anchor.cells.length >= 2) {
			const a = anchor.cells;
			const startsAt = (c: Cell) => a.findIndex((x) => Math.abs(x.col - c.col) <= 1);
			const targets = cells.map(startsAt);
			const later = targets.every((k) => k >= 1) && cells[0].col > a[0].col + 1;
			const first =
				cells.length === 1 &&
				targets[0] === 0 &&
				(/^[a-z(]/.test(cells[0].text) || /\b(in|of|and|the|for|with|to|on|at|by)$/i.test(a[0].text)) &&
				!/[.?:;]$/.test(a[0].text) &&
				!/^[a-z]\)/.test(cells[0].text);
			if (later || first) {
				cells.forEach((c, k) => {
					const t = a[targets[k]];
					t.text = `${t.text} ${c.text}`;
				});
				anchor.line.text = a.map((c) => c.text).join('\t');
				continue;
			}
		}
		const line: Line = { ...l, text: cells.map((c) => c.text).join(cells.length > 1 ? '\t' : '') };
		// single spaces inside a cell, tabs between cells
		if (cells.length > 1) line.text = cells.map((c) => c.text).join('\t');
		out.push(line);
		anchor = { line, cells };
	}
	return out;
}

/** The text, ready to be cut into rows: see the module comment. */
export function prepareLines(raw: string): Line[] {
	let lines = splitLines(normaliseText(raw));
	lines = dropTranscriptChrome(lines);
	for (const l of lines) {
		const t = webCopyMarks(l.text);
		if (t !== l.text) l.text = t;
	}
	lines = dropFurniture(lines);
	// pdftotext prints footnote markers as plain numbers ("63% 19", "8.3 17"): a text with no
	// superscript anywhere has its markers after a figure turned back into superscripts
	if (!lines.some((l) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(l.text))) for (const l of lines) l.text = plainMarks(l.text);
	lines = mendHyphenation(lines);
	lines = resegment(lines);
	const vocabulary = documentWords(lines);
	for (const l of lines) l.text = mendSplitWords(l.text, vocabulary);
	if (isSpaceLaidOut(lines)) lines = columnsToCells(lines);
	return lines;
}
