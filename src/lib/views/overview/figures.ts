/** The overview's figures (views/figure.ts): declared once, for the page, the prerender and the tests. */
import { ratingLegend } from '../../charts/theme';
import type { CsvColumn } from '../../charts/export';
import { describeCoverage } from '../../queries/coverage';
import { enoughInspections, MIN_INSPECTIONS, shareText } from '../../rules/evidence';
import { figure, type AnyFigure } from '../figure';
import type { OverviewView } from './index';
import type { RatingCount } from './query';

const BAD = ['Requires improvement', 'Inadequate'];
const columns = (key: string): CsvColumn<RatingCount>[] => [
	{ key: 'key', label: key },
	{ key: 'rating', label: 'Overall rating' },
	{ key: 'n', label: 'Inspections' },
	{ key: 'provenance_report', label: 'Of which from report text' }
];

/** "59 of 143 (41%, 95% interval 33–49%)": the same counts and rounding as the headlines */
function shareBad(rows: RatingCount[]): string {
	const t = rows.reduce((s, r) => s + r.n, 0);
	const b = rows.filter((r) => BAD.includes(r.rating)).reduce((s, r) => s + r.n, 0);
	return shareText(b, t);
}

function totals(rows: RatingCount[]): [string, number][] {
	return [...rows.reduce((m, r) => m.set(r.key, (m.get(r.key) ?? 0) + r.n), new Map<string, number>())];
}

export const byYearFigure = figure<OverviewView, RatingCount>({
	name: 'ratings-by-year',
	title: (v) =>
		v.data.byYear.length
			? `${shareBad(v.data.byYear)} dated inspections were rated Requires improvement or worse overall`
			: 'Overall ratings by year: no dated inspections in view',
	subtitle: (v) => {
		const thin = totals(v.data.byYear)
			.filter(([, n]) => !enoughInspections(n))
			.map(([y, n]) => `${y} (${n})`);
		return [
			'Overall ratings of inspections by year of publication (number of inspections).',
			thin.length ? `Fewer than ${MIN_INSPECTIONS} inspections in ${thin.join(', ')}: read those years with care.` : '',
			v.data.undated ? `${v.data.undated} inspections with no known publication year are not shown.` : ''
		]
			.filter(Boolean)
			.join(' ');
	},
	svg: (v) => v.charts.year,
	draw: async (v, { width }) => (await import('./chart')).ratingsByYear(v.data.byYear, { document, width }),
	rows: (v) => v.data.byYear,
	columns: columns('Year published'),
	coverage: (v) => describeCoverage(v.data.coverage),
	sources: (v) => v.data.coverage,
	legend: () => ratingLegend,
	fileBase: 'overview-ratings-by-year',
	empty: (v) => (v.data.byYear.length ? '' : 'No dated inspections match the filters.')
});

export const byRegionFigure = figure<OverviewView, RatingCount>({
	name: 'ratings-by-region',
	title: (v) => {
		const busiest = totals(v.data.byRegion).sort((a, b) => b[1] - a[1])[0];
		return busiest ? `${busiest[0]} had the most inspections in view (${busiest[1]})` : 'Overall ratings by region: none in view';
	},
	subtitle: () =>
		"Share of each region's inspections by overall rating, regions ordered by the share rated Requires improvement or worse; n is the number of inspections.",
	svg: (v) => v.charts.region,
	draw: async (v, { width }) => (await import('./chart')).ratingsByRegion(v.data.byRegion, { document, width }),
	rows: (v) => v.data.byRegion,
	columns: columns('Region'),
	coverage: (v) => describeCoverage(v.data.coverage),
	sources: (v) => v.data.coverage,
	legend: () => ratingLegend,
	fileBase: 'overview-ratings-by-region',
	empty: (v) => (v.data.byRegion.length ? '' : 'No rated inspections match the filters.')
});

export const OVERVIEW_FIGURES: AnyFigure<OverviewView>[] = [byYearFigure, byRegionFigure];
