/**
 * What the trends figures may say (rules/evidence.ts): a year's share is compared only between
 * years with enough inspections. No Plot here: the page imports it before any chart code.
 */
import { enoughInspections, MIN_INSPECTIONS, shareText } from '../../rules/evidence';
import type { YearRating } from './query';

const BAD = ['Requires improvement', 'Inadequate'];

/** Years in view with their number of dated, rated inspections. */
export function yearTotals(byYear: YearRating[]): [number, number][] {
	return [...new Map(byYear.map((r) => [r.year, r.total])).entries()];
}

/** "4 of 12 (33%, 95% interval 14–61%)" of a year's inspections rated Requires improvement or worse. */
export function badText(byYear: YearRating[], year: number): string {
	const rows = byYear.filter((r) => r.year === year);
	const bad = rows.filter((r) => BAD.includes(r.rating)).reduce((s, r) => s + r.n, 0);
	return shareText(bad, rows[0]?.total ?? 0);
}

/** The ratings-by-year title: the first and last years with enough inspections, or why not. */
export function ratingsByYearTitle(byYear: YearRating[]): string {
	const years = yearTotals(byYear);
	const solid = years.filter(([, n]) => enoughInspections(n));
	if (solid.length > 1) {
		const [first] = solid[0];
		const [last] = solid[solid.length - 1];
		return `Rated Requires improvement or worse: ${badText(byYear, first)} in ${first}; ${badText(byYear, last)} in ${last}`;
	}
	if (!years.length) return 'Overall ratings by year: no dated inspections in view';
	return `Overall ratings by year: ${solid.length ? `only ${solid[0][0]} has` : 'no year has'} ${MIN_INSPECTIONS} or more inspections in view, too few to compare years`;
}
