/**
 * Evidence rules: when a title or headline may state a finding, and how counts are said when
 * it may not. One place, so that every page, chart and export applies the same thresholds.
 *
 * - A share of inspections (e.g. "56% rated Requires improvement or worse") is stated only
 *   when at least MIN_INSPECTIONS inspections are behind it, always with its count ("5 of 9")
 *   and its Wilson 95% interval. Below that, the counts are stated plainly ("2 inspections in
 *   view rated standard 1.2: both Outstanding").
 * - A ranking ("the highest share") is only claimed among shares that clear the threshold.
 * - A case-based percentage (a key question: "% of cases") shows its number of cases; a
 *   difference between two of them is called a gap only when each rests on at least
 *   MIN_CASES cases, and a finding only when the 95% intervals of the two do not overlap.
 */
import type { Rating } from '../schema/extracted';

export const MIN_INSPECTIONS = 5;
export const MIN_CASES = 10;

export interface Interval {
	lo: number;
	hi: number;
}

/** Wilson score interval for k successes out of n (shares 0-1); undefined for n = 0. */
export function wilson(k: number, n: number, z = 1.959964): Interval | undefined {
	if (!(n > 0) || k < 0 || k > n) return undefined;
	const p = k / n;
	const z2 = z * z;
	const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** Percent as shown on screen and in every export: whole numbers. */
export const percent = (share: number) => Math.round(share * 100);

/** "27–81%" */
export function intervalText(i: Interval | undefined): string {
	return i ? `${percent(i.lo)}–${percent(i.hi)}%` : 'no interval';
}

/** May a share of `n` inspections be stated as a finding? */
export const enoughInspections = (n: number) => n >= MIN_INSPECTIONS;

/** "5 of 9 (56%, 95% interval 27–81%)" when n clears the threshold, else "5 of 9". */
export function shareText(k: number, n: number): string {
	if (!n) return '0 of 0';
	return enoughInspections(n) ? `${k} of ${n} (${percent(k / n)}%, 95% interval ${intervalText(wilson(k, n))})` : `${k} of ${n}`;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const countWord = (n: number) => (n <= 10 ? NUMBER_WORDS[n] : String(n));

const ORDER: Rating[] = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];

/**
 * Ratings counted in words: "both Outstanding", "all three Good", "1 Outstanding and 1 Good",
 * "Outstanding" (for one).
 */
export function ratingsInWords(counts: Partial<Record<Rating, number>>): string {
	const present = ORDER.filter((r) => (counts[r] ?? 0) > 0);
	const total = present.reduce((s, r) => s + (counts[r] ?? 0), 0);
	if (!total) return 'none rated';
	if (present.length === 1) {
		const r = present[0];
		return total === 1 ? r : total === 2 ? `both ${r}` : `all ${countWord(total)} ${r}`;
	}
	const parts = present.map((r) => `${counts[r]} ${r}`);
	return parts.length === 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "1 inspection", "9 inspections" */
export const inspectionsText = (n: number) => `${n} inspection${n === 1 ? '' : 's'}`;

/**
 * Two case-based percentages: is the difference a finding? Each must rest on MIN_CASES cases
 * or more (cases unknown: never), and their 95% intervals must not overlap.
 */
export function caseGap(
	a: { pct: number; cases: number | null },
	b: { pct: number; cases: number | null }
): { status: 'finding' | 'within-noise' | 'too-few-cases'; points: number } {
	const points = a.pct - b.pct;
	if (!a.cases || !b.cases || a.cases < MIN_CASES || b.cases < MIN_CASES) return { status: 'too-few-cases', points };
	const ia = wilson(Math.round((a.pct / 100) * a.cases), a.cases)!;
	const ib = wilson(Math.round((b.pct / 100) * b.cases), b.cases)!;
	return { status: ia.hi < ib.lo || ib.hi < ia.lo ? 'finding' : 'within-noise', points };
}
