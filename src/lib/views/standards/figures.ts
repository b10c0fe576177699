/** The standards page's figures (views/figure.ts): declared once, for the page, the prerender and the tests. */
import { RATING_COLOURS, ratingLegend } from '../../charts/theme';
import { MIN_INSPECTIONS } from '../../rules/evidence';
import { figure, type AnyFigure } from '../figure';
import type { StandardsView } from './index';
import { recentCells, type HeatCell, type RankedStandard } from './query';
import { rankedNote, rankedTitle, standardsCoverageText } from './titles';

const pct = (x: unknown) => `${Math.round((x as number) * 100)}%`;
const NONE = 'No standard-level ratings match the filters.';

export const rankedFigure = figure<StandardsView, RankedStandard>({
	name: 'standards-ranked',
	title: (v) => rankedTitle(v.data.ranked),
	subtitle: (v) =>
		`Share of inspections that rated each standard Requires improvement (orange) or Inadequate (dark pink); labels give the counts. Standards rated by at least ${MIN_INSPECTIONS} inspections come first, by share; ${
			rankedNote(v.data.ranked) || 'every standard in view clears that.'
		} Standard 3.4 is counted separately for the 2018 framework (joint working with the police) and the 2021 framework (out-of-court policy and provision).`,
	svg: (v) => v.charts.ranked,
	draw: async (v, { width }) => (await import('./chart')).rankedChart(v.data.ranked, { document, width }),
	rows: (v) => v.data.ranked,
	columns: [
		{ key: 'code', label: 'Standard' },
		{ key: 'label', label: 'Name' },
		{ key: 'domain_name', label: 'Domain' },
		{ key: 'meaning', label: 'Framework', format: (m) => (m === 'all' ? 'same in 2018 and 2021' : String(m)) },
		{ key: 'rated', label: 'Inspections that rated it' },
		{ key: 'ri_or_worse', label: 'Requires improvement or Inadequate' },
		{ key: 'inadequate', label: 'Of which Inadequate' },
		{ key: 'share', label: 'Share', format: pct },
		{ key: 'share_lo', label: '95% interval, low', format: pct },
		{ key: 'share_hi', label: '95% interval, high', format: pct },
		{ key: 'enough', label: `Rated by ${MIN_INSPECTIONS} or more`, format: (e) => (e ? 'yes' : 'no: too few for a share') },
		{ key: 'from_reports', label: 'From report text' }
	],
	coverage: (v) => standardsCoverageText(v.data.matching, v.data.coverage),
	sources: (v) => v.data.coverage,
	legend: () => [
		{ label: 'Inadequate', colour: RATING_COLOURS.Inadequate, mark: 'I' },
		{ label: 'Requires improvement', colour: RATING_COLOURS['Requires improvement'], mark: 'RI' }
	],
	fileBase: 'standards-ranked',
	empty: (v) => (v.data.ranked.length ? '' : NONE)
});

export const heatmapFigure = figure<StandardsView, HeatCell>({
	name: 'standards-heatmap',
	title: (v, { whole }) =>
		v.heatmap.shown < v.heatmap.total && !whole
			? `Ratings of the ${v.heatmap.shown} most recently published of ${v.heatmap.total} inspections, standard by standard`
			: `Ratings of ${v.heatmap.total} inspections, standard by standard`,
	subtitle: (v) =>
		`Each cell is one standard of one inspection, labelled O (Outstanding), G (Good), RI (Requires improvement) or I (Inadequate); 3.4 has a column for each framework, as it means joint working in 2018 and out-of-court policy in 2021. Blank cells: the published page did not state that standard (${
			v.data.cells.filter((c) => c.provenance !== 'report').length
		} of ${v.data.cells.length} cells come from published pages rather than report text).`,
	svg: (v) => v.charts.heatmap,
	draw: async (v, { width, whole }) =>
		(await import('./chart')).heatmapChart(whole ? v.data.cells : recentCells(v.data.cells).cells, { document, width }),
	rows: (v) => v.data.cells,
	columns: [
		{ key: 'service', label: 'Service' },
		{ key: 'published', label: 'Published' },
		{ key: 'framework', label: 'Framework' },
		{ key: 'code', label: 'Standard' },
		{ key: 'standard', label: 'Standard name' },
		{ key: 'rating', label: 'Rating' },
		{ key: 'overall_rating', label: 'Overall rating' },
		{ key: 'provenance', label: 'Source' }
	],
	coverage: (v) => standardsCoverageText(v.data.matching, v.data.coverage),
	sources: (v) => v.data.coverage,
	legend: () => ratingLegend,
	fileBase: 'standards-heatmap',
	empty: (v) => (v.data.cells.length ? '' : NONE),
	// the heatmap draws the most recent inspections (HEATMAP_LIMIT); the whole grid on request
	cap: {
		shown: (v) => v.heatmap.shown,
		total: (v) => v.heatmap.total
	}
});

export const STANDARDS_FIGURES: AnyFigure<StandardsView>[] = [rankedFigure, heatmapFigure];
