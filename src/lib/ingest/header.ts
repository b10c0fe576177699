/** The inspection header: who, when, by whom, overall rating as published, case samples. */
import type { Rating, Sample, Warning } from '../schema/extracted';
import { parseRating } from '../rules/bands';
import { COUNT_WORD, parseCount } from './numbers';
import type { Row } from './text';
import { rowText, stripFootnotes } from './text';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{4})\\b`, 'i');

function monthOf(text: string): string | undefined {
	const m = MONTH_RE.exec(text);
	if (!m) return undefined;
	return `${m[2]}-${String(MONTHS.indexOf(m[1].toLowerCase()) + 1).padStart(2, '0')}`;
}

export function slug(s: string): string {
	return s
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** Where the report names the area: the line after "inspection of youth offending services in". */
export function findAuthority(rows: Row[]): { authority: string; line: number } | undefined {
	for (let i = 0; i < Math.min(rows.length, 400); i++) {
		const t = rowText(rows[i]);
		const inline = /(?:inspection of youth (?:offending|justice) (?:services|work|provision)|youth offending work) in\s+(.+?)\s*$/i.exec(t);
		if (inline && inline[1] && !/^(england|wales)/i.test(inline[1])) {
			return { authority: tidyName(inline[1]), line: rows[i].n };
		}
		if (/inspection of youth (offending|justice) (services|work)( in)?\s*$/i.test(t)) {
			for (let j = i + 1; j < Math.min(rows.length, i + 6); j++) {
				const next = rowText(rows[j]).trim();
				if (next) return { authority: tidyName(next), line: rows[j].n };
			}
		}
	}
	return undefined;
}

function tidyName(s: string): string {
	return stripFootnotes(s)
		.text.replace(/[.:,;]+$/, '')
		.trim();
}

/** Publication month: an explicit "Publication date", else the first month-year in the front matter. */
export function findPublished(rows: Row[]): { published: string; line: number } | undefined {
	for (const row of rows.slice(0, 300)) {
		const t = rowText(row);
		if (/publication date|published( on| in)?\s*:/i.test(t)) {
			const p = monthOf(t);
			if (p) return { published: p, line: row.n };
		}
	}
	for (const row of rows.slice(0, 80)) {
		const t = rowText(row);
		if (/fieldwork|inspected|inspection was conducted|census|statistics|estimates/i.test(t)) continue;
		if (t.length > 120) continue;
		const p = monthOf(t);
		if (p) return { published: p, line: row.n };
	}
	return undefined;
}

export function findLeadInspector(rows: Row[]): string | undefined {
	for (const row of rows) {
		const t = rowText(row);
		const m =
			/\bled by HM(?:I)? Inspector,?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})/.exec(t) ??
			/\blead inspector,?\s+(?:who )?(?:was|is)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})/i.exec(t) ??
			/\bled by\s+(?:HM Inspector\s+)?([A-Z][\w'’-]+\s+[A-Z][\w'’-]+),?\s+(?:HM|Her Majesty)/.exec(t);
		if (m) return m[1].trim();
	}
	return undefined;
}

/** The service's full name: the most used "<area> Youth Justice/Offending Service/Team". */
export function findServiceName(rows: Row[], authority: string): string {
	const escaped = authority.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const re = new RegExp(
		`${escaped}(?:'s)? (Youth (?:Justice|Offending) (?:Service|Team|Partnership)|Youth Justice and [A-Z][a-z]+ Service|Children and Young People's (?:Justice )?Service)`,
		'g'
	);
	const counts = new Map<string, { count: number; first: number }>();
	rows.forEach((row, idx) => {
		for (const m of rowText(row).matchAll(re)) {
			const name = `${authority} ${m[1]}`;
			const c = counts.get(name) ?? { count: 0, first: idx };
			c.count++;
			counts.set(name, c);
		}
	});
	const best = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)[0];
	return best ? best[0] : `${authority} youth justice service`;
}

/** "Overall rating" followed by a rating in the same row or on the next lines; else "rated as: 'X'". */
export function findOverallRating(rows: Row[]): { rating: Rating; line: number } | undefined {
	for (let i = 0; i < rows.length; i++) {
		const cells = rows[i].cells;
		const at = cells.findIndex((c) => /^overall rating:?$/i.test(c.trim()));
		if (at < 0) continue;
		for (const c of cells.slice(at + 1)) {
			const r = parseRating(c);
			if (r) return { rating: r, line: rows[i].n };
		}
		for (let j = i + 1, seen = 0; j < rows.length && seen < 3; j++) {
			if (!rows[j].cells.length) continue;
			seen++;
			const r = parseRating(rows[j].cells[rows[j].cells.length - 1]);
			if (r) return { rating: r, line: rows[j].n };
		}
	}
	for (const row of rows) {
		const m = /\b(?:is|was) rated(?: overall)? as:?\s*[*'‘"“]*\s*(Outstanding|Good|Requires improvement|Inadequate)/i.exec(rowText(row));
		if (m) {
			const r = parseRating(m[1]);
			if (r) return { rating: r, line: row.n };
		}
	}
	return undefined;
}

/** "Score 23/36" as published. */
export function findPublishedScore(rows: Row[]): { score: number; line: number } | undefined {
	for (const row of rows) {
		const m = /\bscore:?\s*(\d{1,2})\s*\/\s*36\b/i.exec(rowText(row));
		if (m) return { score: Number(m[1]), line: row.n };
	}
	return undefined;
}

/** Case samples from the methodology and Annexe 2 prose. */
export function findSample(rows: Row[], warnings: Warning[]): Sample {
	const sample: Sample = {};
	const N = COUNT_WORD;
	const set = (key: keyof Sample, word: string, line: number) => {
		const v = parseCount(word);
		if (v === undefined) return;
		if (sample[key] !== undefined && sample[key] !== v) {
			warnings.push({
				code: 'sample-mismatch',
				message: `The report gives two sizes for the ${key} sample: ${sample[key]} and ${v}.`,
				line
			});
			return;
		}
		sample[key] = v;
	};
	let domain: 'court' | 'outOfCourt' | undefined;
	for (const row of rows) {
		const t = rowText(row);
		if (/^\s*(?:\d\.\s*)?court disposals\s*$/i.test(t)) domain = 'court';
		else if (/^\s*(?:\d\.\s*)?out[- ]of[- ]court disposals\s*$/i.test(t)) domain = 'outOfCourt';
		else if (/^\s*(?:\d\.\s*)?(organisational delivery|resettlement|annexe? \d)/i.test(t)) domain = undefined;
		let m = new RegExp(
			`sample of (${N}) (?:post-court cases|court disposals|court cases)(?: and (${N}) out-of-court (?:disposals|cases))?`,
			'i'
		).exec(t);
		if (m) {
			set('court', m[1], row.n);
			if (m[2]) set('outOfCourt', m[2], row.n);
		}
		m = new RegExp(`We examined (${N}) (post-court cases|court disposals|out-of-court disposals)`, 'i').exec(t);
		if (m) set(/out-of-court/i.test(m[2]) ? 'outOfCourt' : 'court', m[1], row.n);
		m = new RegExp(
			`(?:in the|inspected|examined) (${N}) cases? (?:managed by the \\w+ )?(?:that had received a custodial sentence|where a child had received a custodial sentence)`,
			'i'
		).exec(t);
		if (m) set('resettlement', m[1], row.n);
		if (domain) {
			m = new RegExp(`(?:For|In) the (${N}) cases where there were (?:factors related to harm|factors relating to harm)`, 'i').exec(t);
			if (m) set(domain === 'court' ? 'courtHarm' : 'outOfCourtHarm', m[1], row.n);
			m = new RegExp(
				`(?:For|In) the (${N}) cases where there were (?:factors related to safety and wellbeing|relevant factors, we looked at work done to (?:ensure|keep) the (?:safety|child))`,
				'i'
			).exec(t);
			if (m) set(domain === 'court' ? 'courtSafety' : 'outOfCourtSafety', m[1], row.n);
		}
	}
	return sample;
}
