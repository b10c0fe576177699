/**
 * Caseload composition (age, ethnicity, gender) of the service and of the area's youth
 * population, and the offence mix of the inspected cases. Tables are read as a stream of
 * tokens (cells of tab rows, or one value per line alike): a header naming the dimension,
 * its categories, then rows of a label followed by one percentage per category.
 */
import type { Caseload, Offence, Warning } from '../schema/extracted';
import { parsePct, parseValue } from './numbers';
import type { Row } from './text';
import { stripFootnotes } from './text';

type Dimension = Caseload['dimension'];

function dimensionOf(header: string): Dimension | undefined {
	const h = stripFootnotes(header).text.toLowerCase();
	if (/^age\b/.test(h)) return 'age';
	if (/^(race|ethnicity|race\/ethnicity|ethnic)/.test(h)) return 'ethnicity';
	if (/^(gender|sex)\b/.test(h)) return 'gender';
	return undefined;
}

export function categoryOf(dimension: Dimension, text: string): string | undefined {
	const t = stripFootnotes(text)
		.text.toLowerCase()
		.replace(/[‐‑–—]/g, '-');
	if (dimension === 'age') {
		const m = /^(\d{1,2})\s*-\s*(\d{1,2})(\s*years?)?$/.exec(t) ?? /^(\d{1,2})\+?\s*(and over|\+)$/.exec(t);
		return m ? (m[2] && /^\d/.test(m[2]) ? `${m[1]}-${m[2]}` : `${m[1]}+`) : undefined;
	}
	if (dimension === 'ethnicity') {
		if (/^(unknown|not known|not stated|missing)$/.test(t)) return 'unknown';
		if (/minority ethnic|^bame$|^bme$|black, asian and minority/.test(t)) return 'bame';
		if (/^white/.test(t)) return 'white';
		if (/^(asian|black|mixed|other)/.test(t)) return t.split(/\s/)[0];
		return undefined;
	}
	if (/^(male|boys?)$/.test(t)) return 'male';
	if (/^(female|girls?)$/.test(t)) return 'female';
	if (/^(unknown|not known|other)$/.test(t)) return 'unknown';
	return undefined;
}

function groupOf(label: string): Caseload['group'] {
	const l = stripFootnotes(label).text.toLowerCase();
	if (/national|england and wales/.test(l)) return 'national';
	if (/population/.test(l)) return 'youth-population';
	return 'yot';
}

/** One word or one percentage of the caseload tables, whatever the layout cut them into. */
interface Word {
	text: string;
	n: number;
	pct?: ReturnType<typeof parsePct>;
}

function wordsOf(rows: Row[]): Word[] {
	const out: Word[] = [];
	for (const row of rows) {
		for (const cell of row.cells) {
			for (const w of stripFootnotes(cell).text.split(/\s+/)) {
				if (!w) continue;
				const pct = /%/.test(w) ? parsePct(w) : undefined;
				out.push(pct ? { text: w, n: row.n, pct } : { text: w, n: row.n });
			}
		}
	}
	return out;
}

/**
 * Categories named in a table header, read word by word so that a header whose cells wrapped
 * ("Black and minority" / "ethnic", "Not" / "known") still gives one category per column.
 * Returns the categories and the index of the first word after the header.
 */
function headerCategories(dimension: Dimension, words: Word[], from: number): { categories: string[]; next: number } {
	const categories: string[] = [];
	let i = from;
	const lower = (k: number) => (words[k]?.text ?? '').toLowerCase().replace(/[^a-z0-9–-]/g, '');
	for (; i < words.length && !words[i].pct; i++) {
		const w = lower(i);
		if (dimension === 'age') {
			const c = categoryOf('age', words[i].text);
			if (c) categories.push(c);
			else if (!/^(years?|and|over|\(years\))$/.test(w) && !/^\(?years\)?$/.test(w)) break;
			continue;
		}
		if (dimension === 'ethnicity') {
			if (w === 'white') categories.push('white');
			else if (w === 'black' || w === 'bame' || w === 'bme') categories.push('bame');
			else if (w === 'minority' && !categories.includes('bame')) categories.push('bame');
			else if (w === 'not' && [lower(i + 1), lower(i + 2)].some((x) => /^(known|stated|recorded)$/.test(x))) categories.push('unknown');
			else if (w === 'unknown' || w === 'missing') categories.push('unknown');
			else if (/^(asian|mixed|other)$/.test(w)) categories.push(w);
			else if (!/^(and|minority|ethnic|ethnicity|known|stated|recorded|asian|black|race)$/.test(w)) break;
			continue;
		}
		const c = categoryOf('gender', words[i].text);
		if (c) categories.push(c);
		else break;
	}
	return { categories: [...new Set(categories)].length === categories.length ? categories : [], next: i };
}

const DIMENSION_WORD = /^(age|race\/ethnicity|ethnicity|race|gender|sex)\b/i;

/** The rows of the caseload tables: from each dimension heading, the next 40 rows. */
function tableRows(rows: Row[]): Row[] {
	const keep = new Uint8Array(rows.length);
	rows.forEach((r, i) => {
		if (r.cells.some((c) => DIMENSION_WORD.test(c))) keep.fill(1, i, Math.min(rows.length, i + 40));
	});
	return rows.filter((_, i) => keep[i]);
}

export function extractCaseload(rows: Row[], warnings: Warning[]): Caseload[] {
	const words = wordsOf(tableRows(rows));
	const out: Caseload[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < words.length; i++) {
		const head = DIMENSION_WORD.exec(words[i].text);
		if (!head) continue;
		const dimension = dimensionOf(words[i].text);
		if (!dimension) continue;
		let from = i + 1;
		// "Age (years)"; a footnote number pdftotext printed plainly ("Race/ethnicity 9")
		while (from < words.length && (/^\(?years?\)?$/i.test(words[from].text) || /^\d{1,2}$/.test(words[from].text))) from++;
		const { categories, next } = headerCategories(dimension, words, from);
		if (categories.length < 2) continue;
		// rows: a label of a few words, then one percentage per category
		let j = next;
		while (j < words.length) {
			let k = j;
			while (
				k < words.length &&
				!words[k].pct &&
				k - j < 12 &&
				!(k > j && /^[A-Z]/.test(words[k].text) && DIMENSION_WORD.test(words[k].text))
			)
				k++;
			if (k === j || k >= words.length || !words[k].pct) break;
			const label = words
				.slice(j, k)
				.map((w) => w.text)
				.join(' ');
			if (dimensionOf(label)) break;
			const values: Word[] = [];
			while (k < words.length && words[k].pct && values.length < categories.length) values.push(words[k++]);
			if (values.length !== categories.length) {
				warnings.push({
					code: 'caseload-short-row',
					message: `Caseload row "${label}" (${dimension}) has ${values.length} figures for ${categories.length} categories.`,
					line: words[j].n
				});
			}
			const group = groupOf(label);
			categories.forEach((category, c) => {
				const v = values[c]?.pct;
				if (!v) return;
				const key = `${dimension}/${group}/${category}`;
				if (seen.has(key)) return;
				seen.add(key);
				out.push({ dimension, group, category, pct: v.value });
			});
			j = k;
			if (values.length !== categories.length) break;
		}
		i = j - 1;
	}
	return out;
}

/**
 * "Offence types" table: offence, then its share (a bare number when the header says %), as
 * cells, as one line ("Violence against the person 44") or one value per line.
 */
export function extractOffences(rows: Row[]): Offence[] {
	const start = rows.findIndex((r) => /^offence (types?|categories|mix)\b/i.test(stripFootnotes(r.cells[0] ?? '').text));
	if (start < 0) return [];
	const out: Offence[] = [];
	let label: string | undefined;
	const value = (c: string) => parsePct(c, { bare: true });
	for (const row of rows.slice(start + 1)) {
		const cells = row.cells;
		if (!cells.length) continue;
		if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(cells[0])) break;
		if (cells.length === 1 && /^%$/.test(cells[0].trim()) && !out.length) continue;
		let pair: [string, string] | undefined;
		if (cells.length >= 2) pair = [cells[0], cells[1]];
		else {
			const m = /^(.*\D)\s+(\d{1,3}(?:\.\d+)?%?)$/.exec(cells[0]);
			if (m && !parseValue(m[1])) pair = [m[1], m[2]];
		}
		if (pair) {
			const v = value(pair[1]);
			const name = stripFootnotes(pair[0]).text;
			if (!v || parseValue(pair[0]) || name.length > 80 || label) break;
			out.push({ offence: name, pct: v.value });
			continue;
		}
		const v = value(cells[0]);
		if (v && label) {
			out.push({ offence: label, pct: v.value });
			label = undefined;
			continue;
		}
		if (!v && !label && stripFootnotes(cells[0]).text.length <= 80) {
			label = stripFootnotes(cells[0]).text;
			continue;
		}
		break;
	}
	return out;
}
