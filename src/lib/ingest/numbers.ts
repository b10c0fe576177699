/** Numbers as reports print them: "789,194", "43.9%", "£1,578,894", "02", "eight", "two-thirds". */
import { stripFootnotes } from './text';

export interface ParsedValue {
	value: number;
	unit: 'percent' | 'gbp' | 'number';
	/** a `*` next to the figure (professional discretion in HMIP tables) */
	star: boolean;
	/** footnote numbers attached to the figure */
	marks: number[];
}

const VALUE_RE = /^(£)?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(%|per cent)?\s*(\*)?(.*)$/i;

/**
 * Parse a cell that starts with a number. `rest` must be empty or a parenthetical/trailer
 * such as "(includes £577,650 YJB grant)" or ", of which 14 were case managers"; a cell that
 * is a sentence beginning with a number is not a value.
 */
export function parseValue(cell: string, { allowTrailer = false } = {}): ParsedValue | undefined {
	const { text, marks } = stripFootnotes(cell);
	const m = VALUE_RE.exec(text.trim());
	if (!m) return undefined;
	const rest = m[6].trim();
	if (rest && !(allowTrailer && /^[(,;]/.test(rest))) return undefined;
	const value = Number(m[2].replace(/,/g, '') + (m[3] ?? ''));
	if (!Number.isFinite(value)) return undefined;
	return { value, unit: m[1] ? 'gbp' : m[4] ? 'percent' : 'number', star: !!m[5], marks };
}

/** A percentage cell: "86%", "60%*", "63% ¹⁹", "44" (in a table whose header says %). */
export function parsePct(cell: string, { bare = false } = {}): ParsedValue | undefined {
	const v = parseValue(cell);
	if (!v) return undefined;
	if (v.unit === 'percent' || (bare && v.unit === 'number')) {
		return v.value >= 0 && v.value <= 100 ? { ...v, unit: 'percent' } : undefined;
	}
	return undefined;
}

const WORDS: Record<string, number> = {
	zero: 0,
	no: 0,
	none: 0,
	one: 1,
	a: 1,
	an: 1,
	single: 1,
	two: 2,
	three: 3,
	four: 4,
	five: 5,
	six: 6,
	seven: 7,
	eight: 8,
	nine: 9,
	ten: 10,
	eleven: 11,
	twelve: 12,
	thirteen: 13,
	fourteen: 14,
	fifteen: 15,
	sixteen: 16,
	seventeen: 17,
	eighteen: 18,
	nineteen: 19,
	twenty: 20,
	thirty: 30,
	forty: 40,
	fifty: 50,
	sixty: 60,
	seventy: 70,
	eighty: 80,
	ninety: 90
};

/** "8", "eight", "twenty-four", "Sixty" -> number. */
export function parseCount(word: string): number | undefined {
	const w = word.toLowerCase().trim();
	if (/^\d+$/.test(w)) return Number(w);
	if (w in WORDS) return WORDS[w];
	const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
	if (m) return WORDS[m[1]] + WORDS[m[2]];
	return undefined;
}

/** Pattern fragment for a count written in digits or words. */
export const COUNT_WORD =
	'(?:\\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';

const DENOMS: Record<string, number> = {
	half: 2,
	halves: 2,
	third: 3,
	thirds: 3,
	quarter: 4,
	quarters: 4,
	fifth: 5,
	fifths: 5,
	sixth: 6,
	sixths: 6,
	tenth: 10,
	tenths: 10
};

/**
 * The proportion of cases a sentence states, if it states one as a number:
 * "two-thirds" 0.667, "three-quarters" 0.75, "over half" 0.5, "all but three" (n-3)/n,
 * "five cases" 5/n, "43 per cent" 0.43. Vague words ("most", "a small number") give none.
 * With several, the first one the sentence states is its subject.
 */
export function proportionIn(sentence: string, n?: number): number | undefined {
	const s = sentence.toLowerCase().replace(/[‐‑–]/g, '-');
	const round = (x: number) => Math.round(x * 1000) / 1000;
	const ofN = (k: number | undefined) => (n && k !== undefined && k > 0 && k <= n ? round(k / n) : undefined);
	const patterns: [RegExp, (m: RegExpExecArray) => number | undefined][] = [
		[
			new RegExp(`\\ball but (${COUNT_WORD})\\b`),
			(m) => {
				const k = parseCount(m[1]);
				return n && k !== undefined && k <= n ? round((n - k) / n) : undefined;
			}
		],
		[/\b(\d+(?:\.\d+)?)\s*(?:per cent|percent|%)/, (m) => round(Number(m[1]) / 100)],
		[
			/\b(one|two|three|four|five|a)[- ](half|halves|third|thirds|quarter|quarters|fifth|fifths|sixth|sixths|tenth|tenths)\b/,
			(m) => round((m[1] === 'a' ? 1 : (parseCount(m[1]) ?? 1)) / DENOMS[m[2]])
		],
		[/\bhalf\b/, () => 0.5],
		[/\ball (?:of )?(?:the )?(?:cases|children|assessments|plans)\b/, (m) => (/\bnot $/.test(s.slice(0, m.index)) ? undefined : 1)],
		[new RegExp(`\\b(${COUNT_WORD}) (?:of the \\d+ )?(?:cases|children and young people|children)\\b`), (m) => ofN(parseCount(m[1]))]
	];
	let best: { index: number; value: number | undefined } | undefined;
	for (const [re, value] of patterns) {
		const m = re.exec(s);
		if (m && (!best || m.index < best.index)) best = { index: m.index, value: value(m) };
	}
	return best?.value;
}
