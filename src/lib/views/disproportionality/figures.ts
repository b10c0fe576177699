/** The disproportionality figure (views/figure.ts): declared once, for the page, the prerender and the tests. */
import { describeCoverage } from '../../queries/coverage';
import { figure, type AnyFigure } from '../figure';
import type { DisproportionalityView } from './index';
import { findingTitle, RRI_CHART_LIMIT, type RriRow } from './query';
import { mostRecent } from '../recent';

const fmt = (x: unknown) => (typeof x === 'number' ? x.toFixed(2) : '');

export const rriFigure = figure<DisproportionalityView, RriRow>({
	name: 'disproportionality',
	title: (v) => findingTitle(v.data.rows),
	subtitle: () =>
		'Relative rate index by service and ethnic group, as the reports group them. Lines are 95% intervals, drawn where the report gives a caseload total and youth population to derive counts from; hollow dots have no interval. Age and gender have no youth-population breakdown in the reports, so they are in the table only.',
	svg: (v) => v.charts.rri,
	draw: async (v, { width, whole }) => {
		const drawn = v.data.rows.filter((r) => r.rri !== null);
		return (await import('./chart')).rriChart(whole ? drawn : mostRecent(drawn, RRI_CHART_LIMIT).rows, { document, width });
	},
	rows: (v) => v.data.rows,
	columns: [
		{ key: 'service', label: 'Service' },
		{ key: 'published', label: 'Published' },
		{ key: 'dimension', label: 'Dimension' },
		{ key: 'label', label: 'Group' },
		{ key: 'yot_pct', label: 'Share of caseload %' },
		{ key: 'pop_pct', label: 'Share of youth population %', format: (x) => (typeof x === 'number' ? x.toFixed(1) : 'not given') },
		{ key: 'pop_source', label: 'Population share from' },
		{ key: 'rri', label: 'Relative rate index', format: fmt },
		{ key: 'ci_low', label: '95% interval from', format: fmt },
		{ key: 'ci_high', label: '95% interval to', format: fmt },
		{ key: 'national_pct', label: 'National caseload %' },
		{ key: 'unknown_pct', label: 'Ethnicity not known %' },
		{ key: 'note', label: 'Note' }
	],
	coverage: (v) => describeCoverage(v.data.coverage, 'caseload breakdowns (only full reports give them)'),
	sources: (v) => v.data.coverage,
	fileBase: 'disproportionality',
	empty: (v) =>
		v.data.rows.some((r) => r.rri !== null) ? '' : 'No inspections with caseload and population breakdowns match the filters.',
	// past RRI_CHART_LIMIT inspections the chart draws the most recent; all of them on request
	cap: {
		shown: (v) => v.rri.shown,
		total: (v) => v.rri.total
	}
});

export const DISPROPORTIONALITY_FIGURES: AnyFigure<DisproportionalityView>[] = [rriFigure];
