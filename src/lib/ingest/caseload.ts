/**
 * Caseload composition (age, ethnicity, gender) of the service and of the area's youth
 * population, and the offence mix of the inspected cases. Tables are read as a stream of
 * tokens (cells of tab rows, or one value per line alike): a header naming the dimension,
 * its categories, then rows of a label followed by one percentage per category.
 */
import type { Caseload, Offence, Warning } from '../schema/extracted';
import { parsePct, parseValue } from './numbers';
import type { Row } from './text';
import { stripFootnotes, toBlocks } from './text';

type Dimension = Caseload['dimension'];

interface Token {
	text: string;
	n: number;
}

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

function tokensOf(rows: Row[]): Token[] {
	return toBlocks(rows).map((b) => ({ text: b.text, n: b.n }));
}

export function extractCaseload(rows: Row[], warnings: Warning[]): Caseload[] {
	const tokens = tokensOf(rows);
	const out: Caseload[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < tokens.length; i++) {
		const dimension = dimensionOf(tokens[i].text);
		if (!dimension) continue;
		const categories: string[] = [];
		let j = i + 1;
		while (j < tokens.length && categoryOf(dimension, tokens[j].text)) {
			categories.push(categoryOf(dimension, tokens[j].text)!);
			j++;
		}
		if (categories.length < 2) continue;
		// rows: a label, then one percentage per category
		while (j < tokens.length && !parseValue(tokens[j].text) && parsePct(tokens[j + 1]?.text ?? '')) {
			const label = tokens[j].text;
			const group = groupOf(label);
			const values = tokens.slice(j + 1, j + 1 + categories.length).map((t) => parsePct(t.text));
			const got = values.filter((v) => v).length;
			if (got !== categories.length) {
				warnings.push({
					code: 'caseload-short-row',
					message: `Caseload row "${stripFootnotes(label).text}" (${dimension}) has ${got} figures for ${categories.length} categories.`,
					line: tokens[j].n
				});
			}
			categories.forEach((category, k) => {
				const v = values[k];
				if (!v) return;
				const key = `${dimension}/${group}/${category}`;
				if (seen.has(key)) return;
				seen.add(key);
				out.push({ dimension, group, category, pct: v.value });
			});
			j += 1 + got;
		}
		i = j - 1;
	}
	return out;
}

/** "Offence types" table: offence, then its share (a bare number when the header says %). */
export function extractOffences(rows: Row[]): Offence[] {
	const tokens = tokensOf(rows);
	const out: Offence[] = [];
	for (let i = 0; i < tokens.length; i++) {
		if (!/^offence (types?|categories|mix)\b/i.test(stripFootnotes(tokens[i].text).text)) continue;
		let j = i + 1;
		if (tokens[j] && /^%$/.test(tokens[j].text.trim())) j++;
		while (j + 1 < tokens.length) {
			const label = stripFootnotes(tokens[j].text).text;
			const v = parsePct(tokens[j + 1].text, { bare: true });
			if (!v || parseValue(tokens[j].text) || /^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(tokens[j].text) || label.length > 80) break;
			out.push({ offence: label, pct: v.value });
			j += 2;
		}
		if (out.length) break;
	}
	return out;
}
