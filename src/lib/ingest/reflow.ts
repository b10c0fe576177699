/**
 * Rows as the report meant them, from rows as a PDF text layer gives them. A table cell that
 * wrapped in the PDF arrives as two lines ("Requires" / "improvement", "1.1 Governance and" /
 * "leadership", a key question over two lines with its percentage on a third), and a table
 * row whose columns were close together arrives as one line with single spaces ("1.2 Staff
 * Good", "Bury and Rochdale YOT 67% 18% 15%", "39.3% Reoffending rate in ..."). This pass joins
 * the first kind and splits the second, relying only on structure every report shares:
 * standard and key-question codes, HMIP's standard names, rating words and values.
 * Rows that are already cells (tab tables, HTML, Markdown) pass through unchanged.
 */
import { KNOWN_STANDARD_NAMES } from '../rules/framework';
import { metricFor } from './metrics';
import type { Row } from './text';

const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

const RATING_TAIL = /^(.*?\S)\s+['‘’"“”]?(Outstanding|Good|Requires improvement|Inadequate)['‘’"“”]?\.?$/i;
const STANDARD_CODE = /^[1-4]\.\s?[1-4]\.?(?!\d)/;
const KQ_CODE = /^[1-4]\.\s?[1-4]\.\s?[1-9]\.?\s/;
const QUESTION_START = /^(?:[1-4]\.\s?[1-4]\.\s?[1-9]\.?\s+|[a-z]\)\s*)?(Does|Do|Is|Are|Has|Have|Was|Were|Did|How well)\b/;
const PROMPT = /^[a-z]\)\s/;
const VALUE = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const PCT_TOKEN = new RegExp(`^${VALUE}%\\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]*$`);
const SINGLE_VALUE = new RegExp(`^£?${VALUE}%?\\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]*$`);
const VALUE_FIRST = new RegExp(`^(£?\\s?${VALUE}(?:%|\\s?per cent)?\\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]*)\\s+(?=[A-Z(])(.+)$`);

/** Known standard names, as letters only, for matching across split words and line breaks. */
const NAMES = KNOWN_STANDARD_NAMES.map((n) => ({ name: n, key: letters(n) }));

function nextContent(rows: Row[], i: number): number {
	return i + 1 < rows.length && rows[i + 1].cells.length ? i + 1 : -1;
}

/** Where a standard heading's name is: [cell index, text after the code]. */
function headingName(cells: string[]): { cell: number; code: string; name: string } | undefined {
	const m = /^([1-4]\.\s?[1-4]\.?)(?!\d)\s*(.*)$/.exec(cells[0] ?? '');
	if (!m) return undefined;
	if (m[2]) return { cell: 0, code: m[1], name: m[2] };
	if (cells.length > 1 && !/^\d/.test(cells[1])) return { cell: 1, code: m[1], name: cells[1] };
	return undefined;
}

/** "1.1 Governance and" + "leadership": the name is a proper start of a known name. */
function joinStandardNames(rows: Row[]): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < rows.length; i++) {
		out.push(rows[i]);
		const h = headingName(rows[i].cells);
		if (!h) continue;
		const tail = RATING_TAIL.exec(h.name);
		const fragment = tail ? tail[1] : h.name;
		const key = letters(fragment);
		if (!key || NAMES.some((n) => n.key === key || key.startsWith(n.key))) continue;
		const j = nextContent(rows, i);
		if (j < 0) continue;
		const next = rows[j].cells[0];
		const target = NAMES.find((n) => n.key.startsWith(key) && n.key !== key && letters(fragment + next).startsWith(n.key));
		if (!target) continue;
		// the words of the next line that complete the name; what follows stays a cell
		const words = next.split(/\s+/);
		let k = 0;
		while (k < words.length && !letters(fragment + ' ' + words.slice(0, k).join(' ')).startsWith(target.key)) k++;
		const cells = rows[i].cells.slice();
		cells[h.cell] = h.cell === 0 ? `${h.code} ${fragment} ${words.slice(0, k).join(' ')}` : `${fragment} ${words.slice(0, k).join(' ')}`;
		const extra = [tail?.[2], words.slice(k).join(' '), ...rows[j].cells.slice(1)].filter((c): c is string => !!c);
		out[out.length - 1] = { n: rows[i].n, cells: [...cells.slice(0, h.cell + 1), ...extra, ...cells.slice(h.cell + 1)] };
		i = j;
	}
	return out;
}

/** "... Requires" + "improvement ...". */
function joinRatings(rows: Row[]): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < rows.length; i++) {
		out.push(rows[i]);
		const cells = rows[i].cells;
		if (!cells.length || !/\brequires$/i.test(cells[cells.length - 1])) continue;
		const j = nextContent(rows, i);
		if (j < 0) continue;
		const m = /^improvement\b['’]?\.?\s*(.*)$/i.exec(rows[j].cells[0]);
		if (!m) continue;
		const merged = [...cells.slice(0, -1), `${cells[cells.length - 1]} improvement`];
		if (m[1]) merged.push(m[1]);
		out[out.length - 1] = { n: rows[i].n, cells: [...merged, ...rows[j].cells.slice(1)] };
		i = j;
	}
	return out;
}

/**
 * A key question or prompt that wrapped: its first cell goes on over the next lines until the
 * question mark; their other cells (the percentage) join the row, and so does a percentage on
 * the line after.
 */
function joinQuestions(rows: Row[]): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < rows.length; i++) {
		out.push(rows[i]);
		const first = rows[i].cells[0];
		if (!first || !QUESTION_START.test(first)) continue;
		if (first.includes('?')) {
			// a whole question with its percentage alone on the next line
			const k = nextContent(rows, i);
			const own = rows[i].cells.slice(1).some((c) => PCT_TOKEN.test(c.trim())) || /\d%\S*$/.test(first);
			if (!own && k >= 0 && rows[k].cells.length === 1 && PCT_TOKEN.test(rows[k].cells[0].trim())) {
				out[out.length - 1] = { n: rows[i].n, cells: [...rows[i].cells, rows[k].cells[0]] };
				i = k;
			}
			continue;
		}
		const head = trailingValues(first);
		let text = head.text;
		const extra = [...head.values, ...rows[i].cells.slice(1)];
		let j = i;
		let closed = false;
		while (!closed && j - i < 4) {
			const k = nextContent(rows, j);
			if (k < 0) break;
			const c = rows[k].cells[0];
			if (KQ_CODE.test(c) || PROMPT.test(c) || STANDARD_CODE.test(c) || QUESTION_START.test(c)) break;
			const part = trailingValues(c);
			text = `${text} ${part.text}`;
			extra.push(...part.values, ...rows[k].cells.slice(1));
			j = k;
			closed = c.includes('?');
		}
		if (!closed) continue;
		const cells = [text, ...extra];
		const hasValue = extra.some((c) => PCT_TOKEN.test(c.trim()));
		const after = nextContent(rows, j);
		if (!hasValue && after >= 0 && rows[after].cells.length === 1 && PCT_TOKEN.test(rows[after].cells[0].trim())) {
			cells.push(rows[after].cells[0]);
			j = after;
		}
		out[out.length - 1] = { n: rows[i].n, cells };
		i = j;
	}
	return out;
}

/** Words of a cell, a footnote marker set apart by a space joined to the word before it. */
function wordsOf(cell: string): string[] {
	const out: string[] = [];
	for (const w of cell.trim().split(/\s+/)) {
		if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(w) && out.length) out[out.length - 1] += w;
		else if (w) out.push(w);
	}
	return out;
}

/** "... the child or 83%": the percentages at the end of a cell, apart from its text. */
function trailingValues(cell: string): { text: string; values: string[] } {
	const tokens = wordsOf(cell);
	let k = tokens.length;
	while (k > 1 && PCT_TOKEN.test(tokens[k - 1])) k--;
	return k === tokens.length ? { text: cell, values: [] } : { text: tokens.slice(0, k).join(' '), values: tokens.slice(k) };
}

/** Splits of a one-cell row whose columns were printed close together. */
function splitRow(cell: string): string[] | undefined {
	// rule lines a table left behind ("100% -- ------") are not part of the row
	const t = cell.trim().replace(/(\s+[-–—_=]{2,})+$/, '');
	// "1.2 Staff Good", "Overall rating Good"
	const r = RATING_TAIL.exec(t);
	if (r && (STANDARD_CODE.test(t) || /^overall rating:?$/i.test(r[1].trim()))) {
		const head = headingName([r[1]]);
		if (/^overall/i.test(r[1]) || (head && NAMES.some((n) => letters(head.name) === n.key || letters(head.name).startsWith(n.key))))
			return [r[1], r[2]];
	}
	// a label and its percentages: "Bury and Rochdale YOT 67% 18% 15%", "2.1.1. Does ...? 88%"
	const tokens = wordsOf(t);
	let k = tokens.length;
	while (k > 0 && PCT_TOKEN.test(tokens[k - 1])) k--;
	const values = tokens.length - k;
	if (values && k) {
		const label = tokens.slice(0, k).join(' ');
		const question = label.endsWith('?') && (QUESTION_START.test(label) || PROMPT.test(label));
		if (question || (values >= 2 && label.length <= 100 && !/[.;:]$/.test(label))) return [label, ...tokens.slice(k)];
	}
	// a measure and its one figure: "Total staff headcount (full-time equivalent (FTE)) 12"
	if (values <= 1 && tokens.length > 1) {
		const last = tokens[tokens.length - 1];
		const label = tokens.slice(0, -1).join(' ');
		if (
			SINGLE_VALUE.test(last) &&
			/^[A-Z]/.test(label) &&
			label.length <= 90 &&
			!/[.;:]/.test(label) &&
			!/\b(was|were|is|are|of|at|by|to|than|and|from|with|in|on|about|around|for)$/i.test(label) &&
			metricFor(label)
		)
			return [label, last];
	}
	// a value and its label: "39.3% Reoffending rate in ...", "410,109 Total population of ..."
	const v = VALUE_FIRST.exec(t);
	if (v && !/^\d\.\d$/.test(v[1]) && !/^(19|20)\d\d$/.test(v[1])) return [v[1], v[2]];
	return undefined;
}

const VALUE_CELL = /^(£?\s?\d[\d,.]*(%|\/\d+)?\*?[⁰¹²³⁴⁵⁶⁷⁸⁹]*|Outstanding|Good|Requires improvement|Inadequate)$/i;

/**
 * A table row's label that wrapped: "Bury and Rochdale youth  78%  22%  0%" then "population".
 * The next line goes on in lower case and the row's other cells are all figures or ratings.
 */
function joinLabels(rows: Row[]): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < rows.length; i++) {
		out.push(rows[i]);
		const cells = rows[i].cells;
		if (cells.length < 2) continue;
		const isValue = (c: string) => c.split(/\s+/).every((w) => VALUE_CELL.test(w) || /^improvement$/i.test(w));
		// the label is the first cell (label, values...) or the second (value, label)
		const at = cells.slice(1).every(isValue) ? 0 : cells.length === 2 && isValue(cells[0]) ? 1 : -1;
		if (at < 0 || /[.?:;]$/.test(cells[at])) continue;
		const j = nextContent(rows, i);
		if (j < 0 || rows[j].cells.length !== 1) continue;
		const next = rows[j].cells[0];
		if (!/^[a-z(]/.test(next) || next.split(/\s+/).length > 6 || /[.;:]$/.test(next)) continue;
		const merged = cells.slice();
		merged[at] = `${cells[at]} ${next}`;
		out[out.length - 1] = { n: rows[i].n, cells: merged };
		i = j;
	}
	return out;
}

/** Rows structural enough that a wrapped line never runs into them. */
const STRUCTURAL = /^([1-4]\.\s?[1-4]\.?(\s?[1-9]\.?)?\s|[a-z]\)\s|[-•]\s|\d{1,2}(\.\d{1,2})*\.?\s|[⁰¹²³⁴⁵⁶⁷⁸⁹])/;

/**
 * Text from a PDF wraps paragraphs at the page's width: a line that fills most of that width
 * goes on in the next one. Such lines are joined, so that sentences the parsers read in prose
 * (case samples, findings, who led the inspection) are whole. Only when the text looks
 * wrapped (most lines of a similar length, almost none long); never into a table row, a code,
 * a numbered paragraph, a bullet, a footnote or a figure.
 */
function joinWrappedProse(rows: Row[]): Row[] {
	const lengths = rows.filter((r) => r.cells.length === 1).map((r) => r.cells[0].length);
	if (lengths.length < 20) return rows;
	const sorted = lengths.slice().sort((a, b) => a - b);
	const width = sorted[Math.floor(sorted.length * 0.95)];
	const long = lengths.filter((l) => l > 250).length;
	if (width < 40 || width > 160 || long / lengths.length > 0.01) return rows;
	const out: Row[] = [];
	for (const row of rows) {
		const prev = out[out.length - 1];
		const next = row.cells[0];
		// the line broke because the next word did not fit on it
		const wrapped = prev && prev.cells.length === 1 && prev.cells[0].length + 1 + (next?.split(' ')[0].length ?? 0) >= width * 0.85;
		if (
			wrapped &&
			row.cells.length === 1 &&
			// a sentence or a list's lead-in ends there; a heading starts here
			!/[.?!:;]['’"”)]?$/.test(prev.cells[0]) &&
			!(/^[A-Z]/.test(next) && next.length < width * 0.6 && !/[.?!,;:)]$/.test(next)) &&
			!STRUCTURAL.test(next) &&
			!QUESTION_START.test(next) &&
			!VALUE_CELL.test(next.trim()) &&
			!SINGLE_VALUE.test(next.trim())
		) {
			out[out.length - 1] = { n: prev.n, cells: [`${prev.cells[0]} ${next}`] };
			continue;
		}
		out.push(row);
	}
	return out;
}

export function reflow(input: Row[]): Row[] {
	const rows = joinQuestions(joinRatings(joinStandardNames(input)));
	for (let i = 0; i < rows.length; i++) {
		if (rows[i].cells.length !== 1) continue;
		const split = splitRow(rows[i].cells[0]);
		if (split) rows[i] = { n: rows[i].n, cells: split };
	}
	return joinWrappedProse(joinLabels(rows));
}
