/** The trends figures (views/figure.ts): declared once, for the page, the prerender and the tests. */
import { ratingLegend } from '../../charts/theme';
import { describeCoverage } from '../../queries/coverage';
import { enoughInspections, intervalText, MIN_INSPECTIONS, wilson } from '../../rules/evidence';
import { figure, type AnyFigure } from '../figure';
import type { TrendsView } from './index';
import type { AnnualRow, StandardYear, YearRating } from './query';
import { ratingsByYearTitle, yearTotals } from './titles';

const pct = (s: unknown) => `${Math.round((s as number) * 100)}%`;

export const ratingsFigure = figure<TrendsView, YearRating>({
	name: 'trend-ratings',
	title: (v) => ratingsByYearTitle(v.data.byYear),
	subtitle: (v) => {
		const thin = yearTotals(v.data.byYear)
			.filter(([, n]) => !enoughInspections(n))
			.map(([y, n]) => `${y} (N=${n})`);
		return `Share of inspections published each year by overall rating; N above each bar is the number of inspections. ${
			thin.length ? `Thin years (fewer than ${MIN_INSPECTIONS}, drawn lighter): ${thin.join(', ')}. ` : ''
		}Inspections with no known year are left out.`;
	},
	svg: (v) => v.charts.ratings,
	draw: async (v, { width }) => (await import('./chart')).trendRatingsChart(v.data.byYear, { document, width }),
	rows: (v) => v.data.byYear,
	columns: [
		{ key: 'year', label: 'Year published' },
		{ key: 'rating', label: 'Overall rating' },
		{ key: 'n', label: 'Inspections' },
		{ key: 'total', label: 'Inspections that year' },
		{ key: 'share', label: 'Share', format: pct },
		// the share's Wilson 95% interval, from the year's inspections
		{ key: 'share', label: '95% interval', format: (_, r) => intervalText(wilson(r.n, r.total)) },
		{ key: 'report', label: 'From report text' },
		{ key: 'reference', label: 'From published pages' }
	],
	coverage: (v) => describeCoverage(v.data.coverage),
	sources: (v) => v.data.coverage,
	legend: () => ratingLegend,
	fileBase: 'trends-ratings',
	empty: (v) => (v.data.byYear.length ? '' : 'No dated, rated inspections match the filters.')
});

export const annualFigure = figure<TrendsView, AnnualRow>({
	name: 'trend-annual',
	title: () => "HMIP's annual totals beside the inspections in this data",
	subtitle: () =>
		"HMIP's published totals for an inspection year (April to March) beside the inspections of the 2018 framework in this data for the same year (a source's own inspection year where it gives one, else the April-March year of publication; reports are often published months after fieldwork, so the two counts measure slightly different things).",
	svg: (v) => v.charts.annual,
	draw: async (v, { width }) => (await import('./chart')).annualChart(v.data.annual, { document, width }),
	rows: (v) => v.data.annual,
	columns: [
		{ key: 'inspection_year', label: 'Inspection year' },
		{ key: 'source', label: 'Source' },
		{ key: 'rating', label: 'Overall rating' },
		{ key: 'n', label: 'Inspections' }
	],
	coverage: (v) => describeCoverage(v.data.coverage),
	source: () =>
		'Source: HMIP annual totals (annual-aggregates.csv: yjlc.uk summary of HMIP 2018-19; HMIP annual report press release 2019-20) and the inspections in this data.',
	legend: () => ratingLegend,
	fileBase: 'trends-annual-totals',
	empty: (v) => (v.data.annual.length ? '' : 'No annual totals in the data.')
});

export const standardsFigure = figure<TrendsView, StandardYear>({
	name: 'trend-standards',
	title: () => 'Share of standard ratings Requires improvement or worse, by year and framework',
	subtitle: () =>
		`All standard ratings published in each year (labels: ratings Requires improvement or worse / ratings), a bar for the 2018 standards (blue) and one for the 2021 standards (orange): they are never pooled, as the framework changed in late 2021 and standard 3.4 means another thing in each. Bars from fewer than ${MIN_INSPECTIONS} inspections are lighter. Published pages name only the standards they single out, often the best or worst, so years built mostly from them lean that way.`,
	svg: (v) => v.charts.standards,
	draw: async (v, { width }) => (await import('./chart')).standardsTrendChart(v.data.standardsByYear, { document, width }),
	rows: (v) => v.data.standardsByYear,
	columns: [
		{ key: 'year', label: 'Year published' },
		{ key: 'framework', label: 'Framework', format: (f) => (f === 'yos-2018' ? '2018 standards' : '2021 standards') },
		{ key: 'rated', label: 'Standard ratings' },
		{ key: 'ri_or_worse', label: 'Requires improvement or worse' },
		{ key: 'share', label: 'Share', format: pct },
		{ key: 'share', label: '95% interval', format: (_, r) => intervalText(wilson(r.ri_or_worse, r.rated)) },
		{ key: 'inspections', label: 'Inspections' }
	],
	coverage: (v) => describeCoverage(v.data.coverage),
	sources: (v) => v.data.coverage,
	fileBase: 'trends-standards',
	empty: (v) => (v.data.standardsByYear.length ? '' : 'No standard-level ratings match the filters.')
});

export const TRENDS_FIGURES: AnyFigure<TrendsView>[] = [ratingsFigure, annualFigure, standardsFigure];
