/**
 * Standard ratings: every place the report pairs a standard code with a rating (ratings
 * table, chapter headings, Annexe 2), reconciled into one rating per standard. Differences
 * between places, in rating or in the standard's name, become warnings.
 */
import type { Framework, Rating, StandardRating, Warning } from '../schema/extracted';
import { parseRating } from '../rules/bands';
import { CV_STANDARDS, KNOWN_STANDARD_NAMES, standardDef, standardsFor } from '../rules/framework';
import type { Row } from './text';
import { stripFootnotes } from './text';

interface Sighting {
	code: string;
	name: string;
	rating: Rating;
	line: number;
}

/** "2.1. Assessment", "2. 4. Reviewing (court disposals)", "1.1\tGovernance" -> code and the rest. */
export function standardHeading(cell: string): { code: string; rest: string } | undefined {
	const m = /^([1-4])\.\s?([1-4])\.?(?!\d)\s*(.*)$/.exec(cell.trim());
	if (!m) return undefined;
	return { code: `${m[1]}.${m[2]}`, rest: m[3] };
}

/** Contents-page rows ("2.2 Planning.....\t21") are not ratings. */
export function isContentsRow(cells: string[]): boolean {
	const last = cells[cells.length - 1];
	return /\.{3,}/.test(cells.join(' ')) || (cells.length > 1 && /^\d{1,3}$/.test(last.trim()));
}

/** The standard's name as printed: a known HMIP name it starts with, else its first words. */
export function nameOf(rest: string): string {
	const text = stripFootnotes(rest)
		.text.replace(/\s*\((court|out-of-court) disposals\)\s*/i, ' ')
		.trim();
	const lower = text.toLowerCase();
	for (const known of KNOWN_STANDARD_NAMES) {
		if (lower.startsWith(known.toLowerCase())) return text.slice(0, known.length);
	}
	return text.split(/\s{2,}|[.:]/)[0].trim();
}

function isHeadingLike(cells: string[]): boolean {
	return !!standardHeading(cells[0] ?? '') || /^\d\.\s+[A-Z]/.test(cells[0] ?? '');
}

export function findRatingSightings(rows: Row[]): Sighting[] {
	const out: Sighting[] = [];
	for (let i = 0; i < rows.length; i++) {
		const cells = rows[i].cells;
		if (!cells.length || isContentsRow(cells)) continue;
		// The code may sit alone in the first cell ("1.1\tStaff\tGood").
		let head = standardHeading(cells[0]);
		let nameCells = cells.slice(1);
		if (head && head.rest === '' && cells.length > 1) {
			head = { code: head.code, rest: cells[1] };
			nameCells = cells.slice(2);
		}
		if (!head || !head.rest || /^\d/.test(head.rest)) continue;
		const name = nameOf(head.rest);
		if (!name) continue;
		let rating: Rating | undefined;
		for (const c of nameCells) rating = rating ?? parseRating(c);
		if (!rating) {
			// Rating on one of the next few lines, before any other heading.
			for (let j = i + 1, seen = 0; j < rows.length && seen < 3; j++) {
				const next = rows[j].cells;
				if (!next.length) continue;
				if (isHeadingLike(next)) break;
				seen++;
				rating = parseRating(next[next.length - 1]);
				if (rating) break;
			}
		}
		if (rating) out.push({ code: head.code, name, rating, line: rows[i].n });
	}
	return out;
}

export function reconcileRatings(framework: Framework, rows: Row[], warnings: Warning[]): StandardRating[] {
	const sightings = findRatingSightings(rows);
	const result: StandardRating[] = [];
	for (const def of standardsFor(framework)) {
		const seen = sightings.filter((s) => s.code === def.code);
		if (!seen.length) {
			// where the report prints the standard without a rating that could be read
			const lines = rows.filter((r) => !isContentsRow(r.cells) && standardHeading(r.cells[0] ?? '')?.code === def.code).map((r) => r.n);
			warnings.push({
				code: 'standard-missing',
				message: `No rating could be read for standard ${def.code} ${def.name}${lines.length ? ` (printed on line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 5).join(', ')} without a readable rating)` : ''}.`,
				...(lines.length ? { line: lines[0] } : {})
			});
			continue;
		}
		const rating = mostCommon(seen.map((s) => s.rating));
		const disagree = seen.find((s) => s.rating !== rating);
		if (disagree) {
			const first = seen.find((s) => s.rating === rating)!;
			warnings.push({
				code: 'rating-conflict',
				message: `Standard ${def.code} is rated '${first.rating}' on line ${first.line} but '${disagree.rating}' on line ${disagree.line}; kept '${rating}', the rating most places give.`,
				line: disagree.line
			});
		}
		const names = [...new Set(seen.map((s) => s.name))];
		const canonicalNames = new Set(names.map(canonical));
		if (canonicalNames.size > 1) {
			const where = names.map((n) => `'${n}' (line ${seen.find((s) => s.name === n)!.line})`).join(' and ');
			warnings.push({
				code: 'standard-name-conflict',
				message: `Standard ${def.code} has two names in the report: ${where}. The framework name is '${def.name}'.`,
				line: seen[0].line
			});
		}
		const name = mostCommon(seen.map((s) => s.name));
		result.push({ code: def.code, name, domain: def.domain, rating, countsTowardsOverall: def.core });
	}
	for (const s of sightings) {
		if (!standardDef(framework, s.code) && !result.some((r) => r.code === s.code)) {
			warnings.push({
				code: 'unknown-standard',
				message: `Standard ${s.code} '${s.name}' is not part of the ${framework} framework; ignored.`,
				line: s.line
			});
		}
	}
	return result;
}

function canonical(name: string): string {
	return name.toLowerCase().replace(/[^a-z]/g, '');
}

/** The most frequent value; ties go to the first seen. */
export function mostCommon<T>(values: T[]): T {
	const counts = new Map<T, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	let best = values[0];
	for (const v of values) if ((counts.get(v) ?? 0) > (counts.get(best) ?? 0)) best = v;
	return best;
}

const CV_NAME_RE = /^(assessing|planning|implementation and delivery|work with victims|victims)$/i;

/**
 * The 2024 programme's ratings: each rated area (assessing, planning, implementation and
 * delivery, work with victims) with a rating in the same row or on the next line, or in
 * prose ("Work with victims was rated as 'Requires improvement'"). Kept under the programme's
 * own codes (C1-C3, V1), never the 1.1-4.1 standards.
 */
export function extractCvRatings(rows: Row[], warnings: Warning[]): StandardRating[] {
	const sightings: Sighting[] = [];
	const defFor = (name: string) => {
		const key = name
			.toLowerCase()
			.replace(/[^a-z ]/g, '')
			.trim();
		return CV_STANDARDS.find((d) => d.name.toLowerCase() === key || (key === 'victims' && d.code === 'V1'));
	};
	for (let i = 0; i < rows.length; i++) {
		const cells = rows[i].cells;
		for (let k = 0; k < cells.length; k++) {
			const name = stripFootnotes(cells[k]).text.replace(/[:.]$/, '');
			if (!CV_NAME_RE.test(name)) continue;
			const def = defFor(name)!;
			let rating = cells
				.slice(k + 1)
				.map(parseRating)
				.find((r) => r);
			if (!rating && k === cells.length - 1) {
				const next = rows.slice(i + 1, i + 3).find((r) => r.cells.length);
				rating = next && next.cells.length === 1 ? parseRating(next.cells[0]) : undefined;
			}
			if (rating) sightings.push({ code: def.code, name: def.name, rating, line: rows[i].n });
		}
		const t = stripFootnotes(cells.join(' ')).text;
		for (const m of t.matchAll(
			/\b(assessing|planning|implementation and delivery|work with victims)\b[^.]{0,60}?\b(?:was|were|is|are) (?:rated|judged)(?: as)?:?\s*['‘"“]?(Outstanding|Good|Requires improvement|Inadequate)/gi
		)) {
			const def = defFor(m[1]);
			const rating = parseRating(m[2]);
			if (def && rating) sightings.push({ code: def.code, name: def.name, rating, line: rows[i].n });
		}
	}
	const out: StandardRating[] = [];
	for (const def of CV_STANDARDS) {
		const seen = sightings.filter((s) => s.code === def.code);
		if (!seen.length) continue;
		const rating = mostCommon(seen.map((s) => s.rating));
		const disagree = seen.find((s) => s.rating !== rating);
		if (disagree) {
			warnings.push({
				code: 'rating-conflict',
				message: `${def.name} is rated '${rating}' in most places but '${disagree.rating}' on line ${disagree.line}; kept '${rating}'.`,
				line: disagree.line
			});
		}
		out.push({ code: def.code, name: def.name, domain: def.domain, rating, countsTowardsOverall: false });
	}
	return out;
}
