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

/** FNV-1a (32 bits) of the string's UTF-8 bytes, as 8 hex digits: short, stable, the same in Node and every browser. */
function fnv1a(s: string): string {
	let h = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(s)) {
		h ^= byte;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/** A letter or digit of any script; what is left of a name once its Latin letters and digits are taken out. */
const LETTER = /[\p{L}\p{N}]/u;

/**
 * The id of a service (and, with its month, of an inspection) from its name, for names in any
 * script. A name Latin letters spell (accents transliterated: "Ynys Môn" -> "ynys-mon") gets its
 * slug, as ever. A name with letters the slug cannot spell ("東京", "Łódź", "Москва") or with no
 * letters at all ("???", an emoji) gets what the slug keeps plus a hash of the name (NFC, case
 * and spacing folded): "id-1a2b3c4d", "odz-5e6f7a8b". Two different names never share an empty
 * or a truncated id, so no row is ever taken for a duplicate of another service's. The one
 * function for the extractor (inspectionId), authority ids and the ratings CSV.
 */
export function nameId(name: string): string {
	const base = slug(name);
	const unspelt = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[A-Za-z0-9]/g, '');
	if (base && !LETTER.test(unspelt)) return base;
	const hash = fnv1a(name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase());
	return base ? `${base}-${hash}` : `id-${hash}`;
}

/**
 * The title forms of HMIP youth reports, opening a line (a sentence in a press release or a
 * news story that mentions an inspection is not a title), the area after them (on the same line or the next):
 * "An inspection of youth offending services in <area>", "Inspection of youth offending
 * services: <area>", "An inspection of youth justice work with children and victims in
 * <area>", "Report of Short Quality Screening (SQS) of youth offending work in <area>".
 */
const TITLE =
	/^\s*(?:an? |report of )?(?:(?:joint )?inspection of youth (?:offending|justice) (?:services|work|provision)(?: with children and victims)?|short quality screening(?: \(sqs\))? of youth (?:offending|justice) work)(?:\s+in\b|\s*:)\s*(.*)$/i;

const MONTH_WORDS = MONTHS.join('|');

/**
 * The place name in what follows a title: cut at the inspectorate's name, a month, a page
 * number, a hosting site's separator (" · ", "...") or a comma; "" when nothing place-like is left.
 */
export function tidyArea(raw: string): string {
	let t = stripFootnotes(raw).text;
	t = t.split(/\s+[·|]\s+|\.{3}|…|\s+[-–—]\s+/)[0];
	t = t.split(/\s*\b(?:HM Inspectorate|HMI Probation|Her Majesty|HMIP\b|Inspectorate of Probation)/i)[0];
	t = t.split(new RegExp(`\\s*\\b(?:${MONTH_WORDS})\\b`, 'i'))[0];
	t = t.split(/[,;(]/)[0];
	t = t
		.replace(/\s+\d{1,4}$/, '')
		.replace(/[.:;\s]+$/, '')
		.trim();
	// the place name is the run of capitalised words (and connectors) it starts with: a title
	// run into the next sentence ("Derbyshire The inspection was ...") keeps only the place
	const lower = t === t.toLowerCase();
	const words = t.split(/\s+/);
	let k = 0;
	while (k < words.length && (lower || /^[A-Z&]/.test(words[k]) || CONNECTORS.has(words[k].toLowerCase()))) k++;
	while (k > 1 && (CONNECTORS.has(words[k - 1].toLowerCase()) || SENTENCE_START.has(words[k - 1]))) k--;
	return words.slice(0, k).join(' ');
}

const SENTENCE_START = new Set(['The', 'This', 'These', 'We', 'Our', 'It', 'A', 'An', 'In', 'On', 'Overall', 'Inspection']);

const CONNECTORS = new Set(['and', 'upon', 'on', 'of', 'the', 'in', 'le', 'under', 'with', 'by', 'sea', 'y', 'a']);

/** A place name: one to six words, capitalised but for connectors ("Stoke-on-Trent", "Bury and Rochdale"). */
export function isPlaceName(t: string): boolean {
	if (!t || t.length > 60 || /\d/.test(t)) return false;
	const words = t.split(/\s+/);
	if (words.length > 6) return false;
	if (!/^[A-Z]/.test(words[0])) return false;
	return words.every((w) => /^[A-Z][\p{L}'’.&-]*$/u.test(w) || CONNECTORS.has(w.toLowerCase()) || w === '&');
}

/** The title rows and the area each names, in order. */
function titleAreas(rows: Row[]): { authority: string; line: number; title: string }[] {
	const out: { authority: string; line: number; title: string }[] = [];
	const limit = Math.min(rows.length, 600);
	for (let i = 0; i < limit; i++) {
		const t = rowText(rows[i]);
		const m = TITLE.exec(t);
		if (!m) continue;
		let rest = m[1].trim();
		let line = rows[i].n;
		if (!rest) {
			for (let j = i + 1; j < Math.min(rows.length, i + 6); j++) {
				const next = rowText(rows[j]).trim();
				if (next) {
					rest = next;
					line = rows[j].n;
					break;
				}
			}
		}
		const area = tidyArea(rest);
		// a hosting site's title is in lower case: it still votes, in the case the report uses
		if (area && (isPlaceName(area) || isPlaceName(titleCase(area)))) out.push({ authority: area, line, title: t });
	}
	return out;
}

function titleCase(s: string): string {
	return s.replace(/\b([a-z])([a-z'’-]*)/g, (m, a: string, b: string) => (CONNECTORS.has(m) ? m : a.toUpperCase() + b));
}

/**
 * Where the report names the area: every title form in the front matter and the running
 * headers votes; the name most of them give wins, spelt as the report spells it.
 */
export function findAuthority(rows: Row[]): { authority: string; line: number } | undefined {
	const found = titleAreas(rows);
	if (!found.length) return undefined;
	const votes = new Map<string, { count: number; first: number; spellings: string[] }>();
	found.forEach((f, k) => {
		const key = f.authority.toLowerCase();
		const v = votes.get(key) ?? { count: 0, first: k, spellings: [] };
		v.count++;
		v.spellings.push(f.authority);
		votes.set(key, v);
	});
	const [, best] = [...votes.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)[0];
	const spelt = best.spellings.find((s) => isPlaceName(s)) ?? titleCase(best.spellings[0]);
	return { authority: spelt, line: found[best.first].line };
}

/** Is the title a Short Quality Screening's (2016)? */
export function isShortQualityScreening(rows: Row[]): boolean {
	return titleAreas(rows).some((f) => /short quality screening/i.test(f.title));
}

/** Is the title one of the 2024 programme's (youth justice work with children and victims)? */
export function isChildrenAndVictims(rows: Row[]): boolean {
	return titleAreas(rows).some((f) => /children and victims/i.test(f.title));
}

function tidyName(s: string): string {
	return stripFootnotes(s)
		.text.replace(/[.:,;]+$/, '')
		.trim();
}

/**
 * Publication month: an explicit "Publication date" or "Published" line; else the month and
 * year beside the inspectorate's name on the title page ("HM Inspectorate of Probation, May
 * 2020"); else, unless `strict`, the first month-year in the front matter that is not about
 * fieldwork or statistics. HMIP's web copies print "Published:" with no date: no month then.
 */
export function findPublished(rows: Row[], { strict = false } = {}): { published: string; line: number } | undefined {
	for (const row of rows.slice(0, 300)) {
		const t = rowText(row);
		if (/publication date|published( on| in)?\s*:/i.test(t)) {
			const p = monthOf(t);
			if (p) return { published: p, line: row.n };
		}
	}
	for (const row of rows.slice(0, 120)) {
		const t = rowText(row);
		if (!/(HM Inspectorate of Probation|HMI Probation|Inspectorate of Probation),?\s*(\d{1,2}\s+)?[A-Z][a-z]+\s+\d{4}/.test(t)) continue;
		const p = monthOf(t.slice(t.search(/Inspectorate of Probation|HMI Probation/)));
		if (p) return { published: p, line: row.n };
	}
	if (strict) return undefined;
	for (const row of rows.slice(0, 80)) {
		const t = rowText(row);
		if (/fieldwork|inspected|inspection was conducted|took place|census|statistics|estimates|updated|post(ed)? on/i.test(t)) continue;
		if (t.length > 120) continue;
		const p = monthOf(t);
		if (p) return { published: p, line: row.n };
	}
	return undefined;
}

export function findLeadInspector(rows: Row[]): string | undefined {
	for (let i = 0; i < rows.length; i++) {
		// the sentence may wrap onto the next line ("... the lead inspector, who" / "was ...")
		const t = `${rowText(rows[i])} ${rows[i + 1] ? rowText(rows[i + 1]) : ''}`;
		if (!/led by|lead inspector/i.test(rowText(rows[i]))) continue;
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
	if (best) return best[0];
	// "We have inspected and rated <service> (<abbreviation>) across ...": the foreword names it
	for (const row of rows.slice(0, 400)) {
		const m = /inspected and rated (?:work with children and victims in |the work of )?(.+?)(?:\s*\([A-Z&]{2,8}\))?\s+across\b/.exec(
			rowText(row)
		);
		if (m && m[1].toLowerCase().startsWith(authority.toLowerCase()) && m[1].length <= 100) return tidyName(m[1].replace(/’/g, "'"));
	}
	return `${authority} youth justice service`;
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
let sampleCache: Record<'SAMPLE' | 'EXAMINED' | 'CUSTODY' | 'HARM' | 'SAFETY', RegExp> | undefined;
function sampleRes() {
	const N = COUNT_WORD;
	sampleCache ??= {
		SAMPLE: new RegExp(
			`sample of (${N}) (?:post-court cases|court disposals|court cases)(?: and (${N}) out-of-court (?:disposals|cases))?`,
			'i'
		),
		EXAMINED: new RegExp(`We examined (${N}) (post-court cases|court disposals|out-of-court disposals)`, 'i'),
		CUSTODY: new RegExp(
			`(?:in the|inspected|examined) (${N}) cases? (?:managed by the \\w+ )?(?:that had received a custodial sentence|where a child had received a custodial sentence)`,
			'i'
		),
		HARM: new RegExp(`(?:For|In) the (${N}) cases where there were (?:factors related to harm|factors relating to harm)`, 'i'),
		SAFETY: new RegExp(
			`(?:For|In) the (${N}) cases where there were (?:factors related to safety and wellbeing|relevant factors, we looked at work done to (?:ensure|keep) the (?:safety|child))`,
			'i'
		)
	};
	return sampleCache;
}

export function findSample(rows: Row[], warnings: Warning[]): Sample {
	const sample: Sample = {};
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
	const { SAMPLE, EXAMINED, CUSTODY, HARM, SAFETY } = sampleRes();
	for (const row of rows) {
		const t = rowText(row);
		if (/^\s*(?:\d\.\s*)?court disposals\s*$/i.test(t)) domain = 'court';
		else if (/^\s*(?:\d\.\s*)?out[- ]of[- ]court disposals\s*$/i.test(t)) domain = 'outOfCourt';
		else if (/^\s*(?:\d\.\s*)?(organisational delivery|resettlement|annexe? \d)/i.test(t)) domain = undefined;
		// every sentence below names cases or disposals: skip the rows that do not
		if (!/\bcases?\b|disposals/i.test(t)) continue;
		let m = SAMPLE.exec(t);
		if (m) {
			set('court', m[1], row.n);
			if (m[2]) set('outOfCourt', m[2], row.n);
		}
		m = EXAMINED.exec(t);
		if (m) set(/out-of-court/i.test(m[2]) ? 'outOfCourt' : 'court', m[1], row.n);
		m = CUSTODY.exec(t);
		if (m) set('resettlement', m[1], row.n);
		if (domain) {
			m = HARM.exec(t);
			if (m) set(domain === 'court' ? 'courtHarm' : 'outOfCourtHarm', m[1], row.n);
			m = SAFETY.exec(t);
			if (m) set(domain === 'court' ? 'courtSafety' : 'outOfCourtSafety', m[1], row.n);
		}
	}
	return sample;
}
