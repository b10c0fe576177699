/**
 * Finding a service by any name it goes by: its area ("Leeds"), the names of its inspections
 * ("Leeds Youth Justice Service", "Bradford YOT"), the local authorities it covers, and their
 * Welsh names. Pure: the header's search box and /authorities/?q= both use it, on an index
 * built at prerender time (`index.ts`), so it works before (and without) the data engine.
 *
 * Both sides are reduced to words the same way (`words`): accents dropped, "&" read as "and",
 * "St"/"St." as "Saint", hyphens and punctuation as spaces, and "Youth Offending Team" /
 * "Service", "Youth Justice Service" / "Team" as YOT, YOS, YJS, YJT. Words that name the kind
 * of service rather than the place (YOT, YJS, youth, justice, city, and...) are *generic*: they
 * add to a match when the name has them and are ignored when it does not, so "Leeds YOT"
 * finds Leeds Youth Justice Service. A query of generic words alone ("YOT") finds the names
 * that have them. Every other word must match a word of one name: exactly, as its beginning
 * (the word being typed), or within a small edit distance that grows with the word's length
 * (none up to 3 letters, 1 up to 5, 2 beyond): "camdn" finds Camden, "leicster" Leicester.
 * A query typed without spaces ("stokeontrent") is also matched against the name's words
 * run together.
 */

export interface SearchEntry {
	/** authority_id: the profile is /authorities/<id>/ */
	id: string;
	/** the area's name, as the data gives it */
	name: string;
	region: string;
	nation: string;
	/** every other name it goes by: service names, local authorities, Welsh names */
	aliases: string[];
}

export interface SearchHit {
	entry: SearchEntry;
	/** the name that matched best (the area's own name or an alias) */
	matched: string;
	score: number;
}

const PHRASES: [string[], string][] = [
	[['youth', 'offending', 'team'], 'yot'],
	[['youth', 'offending', 'teams'], 'yot'],
	[['youth', 'offending', 'service'], 'yos'],
	[['youth', 'offending', 'services'], 'yos'],
	[['youth', 'justice', 'service'], 'yjs'],
	[['youth', 'justice', 'services'], 'yjs'],
	[['youth', 'justice', 'team'], 'yjt']
];

/** Words that say what kind of service, or join a name, rather than where it is. */
export const GENERIC = new Set([
	'yot',
	'yos',
	'yjs',
	'yjt',
	'yjp',
	'youth',
	'offending',
	'justice',
	'team',
	'teams',
	'service',
	'services',
	'partnership',
	'prevention',
	'early',
	'intervention',
	'children',
	'young',
	'people',
	'peoples',
	'cypjs',
	'and',
	'of',
	'the',
	'on',
	'upon',
	'in',
	'with',
	'city',
	'county',
	'council',
	'borough',
	'combined'
]);

/** A text as the words search compares (see the module comment). */
export function words(text: string): string[] {
	const plain = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/['’‘`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ');
	const raw = plain
		.split(' ')
		.filter(Boolean)
		.map((w) => (w === 'st' ? 'saint' : w));
	const out: string[] = [];
	for (let i = 0; i < raw.length; i++) {
		const phrase = PHRASES.find(([p]) => p.every((w, k) => raw[i + k] === w));
		if (phrase) {
			out.push(phrase[1]);
			i += phrase[0].length - 1;
		} else out.push(raw[i]);
	}
	return out;
}

/** Edits allowed for a query word of this length: none up to 3 letters, 1 up to 5, 2 beyond. */
export function allowedEdits(length: number): number {
	return length <= 3 ? 0 : length <= 5 ? 1 : 2;
}

/**
 * Optimal string alignment distance (Levenshtein plus swapping two neighbours), or
 * `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	let prev2: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
			row.push(d);
			best = Math.min(best, d);
		}
		if (best > limit) return limit + 1;
		prev2 = prev;
		prev = row;
	}
	return prev[b.length];
}

/** How well one query word matches one word of a name: 0 not at all, up to 4 (the same word). */
function wordScore(q: string, w: string, typing: boolean): number {
	if (q === w) return 4;
	if (w.startsWith(q) && (typing || q.length >= 3)) return 3;
	const edits = allowedEdits(q.length);
	if (!edits) return 0;
	if (editDistance(q, w, edits) <= edits) return 2;
	// the word being typed, with a slip in it: "leicst" is the beginning of "leicester"
	if (typing && q.length >= 5 && w.length > q.length && editDistance(q, w.slice(0, q.length), edits) <= edits) return 1;
	return 0;
}

interface Prepared {
	text: string;
	words: string[];
	compact: string;
	primary: boolean;
}

export interface PreparedEntry {
	entry: SearchEntry;
	names: Prepared[];
}

/** Words of every name of every entry, worked out once. */
export function prepare(entries: readonly SearchEntry[]): PreparedEntry[] {
	return entries.map((entry) => {
		const seen = new Set<string>();
		const names: Prepared[] = [];
		for (const [i, text] of [entry.name, ...entry.aliases].entries()) {
			const ws = words(text);
			const key = ws.join(' ');
			if (!ws.length || seen.has(key)) continue;
			seen.add(key);
			names.push({ text, words: ws, compact: ws.join(''), primary: i === 0 });
		}
		return { entry, names };
	});
}

/** How well the query's words match one name; 0 when they do not. */
function nameScore(query: string[], name: Prepared): number {
	const specific = query.filter((w) => !GENERIC.has(w));
	const last = query[query.length - 1];
	const best = (q: string) => Math.max(0, ...name.words.map((w) => wordScore(q, w, q === last)));
	let score = 0;
	if (specific.length) {
		const matched = new Set<string>();
		for (const q of specific) {
			const s = best(q);
			if (!s) return compactScore(query, name);
			score += s;
			for (const w of name.words) if (wordScore(q, w, q === last)) matched.add(w);
		}
		// generic words count when the name has them: "leeds yjs" ranks Leeds YJS above Leeds YOT
		for (const q of query) if (GENERIC.has(q) && name.words.includes(q)) score += 1;
		// the whole name, not a part of it: "swansea" puts Swansea before Swansea and Bridgend
		if (name.words.every((w) => GENERIC.has(w) || matched.has(w))) score += 2;
	} else {
		// only generic words ("YOT"): the names that have every one of them
		for (const q of query) {
			const s = best(q);
			if (s < 3) return 0;
			score += s;
		}
	}
	return score + (name.primary ? 0.5 : 0);
}

/** The query run together against the name run together: "stokeontrent", "tower hamletsand city". */
function compactScore(query: string[], name: Prepared): number {
	const q = query.join('');
	if (q.length < 4) return 0;
	if (name.compact === q) return 4;
	if (name.compact.startsWith(q)) return 3;
	const edits = allowedEdits(q.length);
	if (editDistance(q, name.compact, edits) <= edits) return 2;
	if (editDistance(q, name.compact.slice(0, q.length), edits) <= edits) return 1;
	return 0;
}

/** Entries that match the query, best first (ties by name). An empty query matches nothing. */
export function search(index: readonly PreparedEntry[], query: string): SearchHit[] {
	const q = words(query);
	if (!q.length) return [];
	const hits: SearchHit[] = [];
	for (const { entry, names } of index) {
		let top = 0;
		let matched = entry.name;
		for (const name of names) {
			const s = nameScore(q, name);
			if (s > top) {
				top = s;
				matched = name.text;
			}
		}
		if (top > 0) hits.push({ entry, matched, score: top });
	}
	return hits.sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name));
}
