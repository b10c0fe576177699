/**
 * Thematic self-assessment: a partnership marks each line of enquiry of the thematic
 * recommendations (HMIP thematic inspections 2010-2014) as met, partly met or not met, with
 * notes on its evidence. Line N.M is line of enquiry M (1-based) of recommendation N (the
 * `ordinal` column). Pure functions; storage and the component live elsewhere.
 */
import { z } from 'zod';

export const STATUSES = ['', 'met', 'partly met', 'not met'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const STATUS_LABELS: Record<Status, string> = {
	'': 'Not assessed',
	met: 'Met',
	'partly met': 'Partly met',
	'not met': 'Not met'
};

/** One row of the thematic_recommendations table. */
export const ThematicRecommendation = z.object({
	thematic: z.string(),
	ordinal: z.number().int().positive(),
	year: z.number().int(),
	addressee: z.string(),
	/** items separated by newlines */
	text: z.string(),
	lines_of_enquiry: z.array(z.string()),
	evidence: z.array(z.string())
});
export type ThematicRecommendation = z.infer<typeof ThematicRecommendation>;

export const KEY = /^[1-9]\d*\.[1-9]\d*$/;

export const Entry = z.object({ status: Status, notes: z.string().max(20_000) });
export type Entry = z.infer<typeof Entry>;

/** Assessment of each line, by "N.M". Lines without an entry are not assessed. */
export type Assessment = Record<string, Entry>;

export const EMPTY_ENTRY: Entry = Object.freeze({ status: '', notes: '' }) as Entry;

export const lineKey = (recommendation: number, line: number) => `${recommendation}.${line}`;

export interface Line {
	key: string;
	recommendation: number;
	line: number;
	thematic: string;
	year: number;
	addressee: string;
	text: string;
}

/** Every line of enquiry, in document order. Recommendations without lines have none. */
export function assessableLines(recs: readonly ThematicRecommendation[]): Line[] {
	return [...recs]
		.sort((a, b) => a.ordinal - b.ordinal)
		.flatMap((r) =>
			r.lines_of_enquiry.map((text, i) => ({
				key: lineKey(r.ordinal, i + 1),
				recommendation: r.ordinal,
				line: i + 1,
				thematic: r.thematic,
				year: r.year,
				addressee: r.addressee,
				text
			}))
		);
}

export interface ThematicGroup {
	thematic: string;
	year: number;
	recommendations: ThematicRecommendation[];
}

/** Recommendations grouped by thematic inspection, in the order of their first recommendation. */
export function groupByThematic(recs: readonly ThematicRecommendation[]): ThematicGroup[] {
	const groups = new Map<string, ThematicGroup>();
	for (const r of [...recs].sort((a, b) => a.ordinal - b.ordinal)) {
		let g = groups.get(r.thematic);
		if (!g) groups.set(r.thematic, (g = { thematic: r.thematic, year: r.year, recommendations: [] }));
		g.recommendations.push(r);
	}
	return [...groups.values()];
}

/** The recommendation's items (one per line of its text). */
export function textItems(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((s) => s.trim())
		.filter(Boolean);
}

export const entryOf = (a: Assessment, key: string): Entry => a[key] ?? EMPTY_ENTRY;

/** Entries that say nothing (not assessed, no notes) are left out, so equal states compare equal. */
export function normalise(a: Assessment): Assessment {
	const out: Assessment = {};
	for (const key of Object.keys(a).sort(compareKeys)) {
		const e = a[key];
		if (e.status !== '' || e.notes !== '') out[key] = { status: e.status, notes: e.notes };
	}
	return out;
}

export function compareKeys(a: string, b: string): number {
	const [an, am] = a.split('.').map(Number);
	const [bn, bm] = b.split('.').map(Number);
	return an - bn || am - bm;
}

/** A new assessment with `key` changed. */
export function withEntry(a: Assessment, key: string, patch: Partial<Entry>): Assessment {
	return normalise({ ...a, [key]: { ...entryOf(a, key), ...patch } });
}

export interface Progress {
	total: number;
	met: number;
	partly: number;
	notMet: number;
	unassessed: number;
}

export function progress(lines: readonly Line[], a: Assessment): Progress {
	const p: Progress = { total: lines.length, met: 0, partly: 0, notMet: 0, unassessed: 0 };
	for (const l of lines) {
		const s = entryOf(a, l.key).status;
		if (s === 'met') p.met++;
		else if (s === 'partly met') p.partly++;
		else if (s === 'not met') p.notMet++;
		else p.unassessed++;
	}
	return p;
}

/** "4 of 13 lines assessed: 2 met, 1 partly met, 1 not met, 9 not assessed" */
export function describeProgress(p: Progress): string {
	if (!p.total) return 'No lines of enquiry to assess.';
	const assessed = p.total - p.unassessed;
	return `${assessed} of ${p.total} line${p.total === 1 ? '' : 's'} assessed: ${p.met} met, ${p.partly} partly met, ${p.notMet} not met, ${p.unassessed} not assessed`;
}
