/** The risk-of-harm figures (views/figure.ts): declared once, for the page, the prerender and the tests. */
import type { CsvColumn } from '../../charts/export';
import { describeCoverage } from '../../queries/coverage';
import { MIN_CASES } from '../../rules/evidence';
import { figure, type AnyFigure } from '../figure';
import type { RiskView } from './index';
import { GAP_LEGEND } from './legend';
import { GAP_CHART_LIMIT, gapSummary, type GapRow } from './query';
import { mostRecent } from '../recent';

export const EVIDENCE_WORDS = {
	finding: `a finding: each figure rests on ${MIN_CASES} or more cases and their 95% intervals do not overlap`,
	'within-noise': 'within the noise: the 95% intervals of the two figures overlap',
	'too-few-cases': `too few cases: a figure rests on fewer than ${MIN_CASES} cases (or the report gives no count)`
} as const;

/** "6 and 8 cases: too few cases" */
const widestNote = (r: GapRow) =>
	`${r.others_cases ?? '?'} and ${r.desistance_cases ?? '?'} cases: ${r.evidence ? EVIDENCE_WORDS[r.evidence].split(':')[0] : 'no figure'}`;

const columns: CsvColumn<GapRow>[] = [
	{ key: 'service', label: 'Service' },
	{ key: 'published', label: 'Published' },
	{ key: 'disposal', label: 'Disposal' },
	{ key: 'standard', label: 'Standard' },
	{ key: 'activity', label: 'Activity' },
	{ key: 'desistance', label: 'Desistance %' },
	{ key: 'child_safety', label: "Child's safety %" },
	{ key: 'others_safety', label: "Other people's safety %" },
	{ key: 'gap_desistance', label: 'Gap vs desistance (points)' },
	{ key: 'gap_child', label: "Gap vs child's safety (points)" },
	{ key: 'others_text', label: 'Key question (other people)' },
	{ key: 'desistance_text', label: 'Key question (desistance)' },
	{ key: 'child_text', label: "Key question (child's safety)" },
	{ key: 'others_cases', label: 'Cases with harm factors' },
	{ key: 'desistance_cases', label: 'Cases (desistance)' },
	{ key: 'evidence', label: 'Is the gap a finding?', format: (e) => (e ? EVIDENCE_WORDS[e as keyof typeof EVIDENCE_WORDS] : '') }
];

export const gapFigure = figure<RiskView, GapRow>({
	name: 'risk-gap',
	title: (v) => {
		const sum = gapSummary(v.data.rows);
		return sum.standards
			? `Safety of others scored below desistance in ${sum.lagging} of ${sum.standards} standards (${sum.inspections} full report${sum.inspections === 1 ? '' : 's'}); ${sum.findings} of these gaps clear the evidence rule`
			: 'Keeping other people safe against desistance: no figures in view';
	},
	subtitle: (v, { whole }) =>
		`${v.gap.shown < v.gap.total && !whole ? `Drawn for the ${v.gap.shown} most recently published of ${v.gap.total} inspections. ` : ''}Share of inspected cases judged sufficient on each key question. Arrows run from desistance work to work keeping other people safe; dashed lines mark the rating bands at 50, 65 and 80%. Where the report gives no figure, the mark is missing.`,
	svg: (v) => v.charts.gap,
	draw: async (v, { width, whole }) =>
		(await import('./chart')).gapChart(whole ? v.data.rows : mostRecent(v.data.rows, GAP_CHART_LIMIT).rows, { document, width }),
	rows: (v) => v.data.rows,
	columns,
	coverage: (v) => describeCoverage(v.data.coverage, 'key-question figures (only full reports give them)'),
	sources: (v) => v.data.coverage,
	legend: () => GAP_LEGEND,
	fileBase: 'risk-of-harm-gap',
	empty: (v) => (v.data.rows.length ? '' : 'No inspections with key-question figures match the filters. Only full reports give them.'),
	// past GAP_CHART_LIMIT inspections the chart draws the most recent; all of them on request
	cap: {
		shown: (v) => v.gap.shown,
		total: (v) => v.gap.total
	}
});

export const widestFigure = figure<RiskView, GapRow>({
	name: 'risk-gap-ranking',
	title: (v) =>
		v.widest.length
			? `Widest gap: ${v.widest[0].service}, ${v.widest[0].activity.toLowerCase()} (${v.widest[0].disposal.toLowerCase()}), ${v.widest[0].gap_desistance} points (${widestNote(v.widest[0])})`
			: 'Widest gaps: none in view',
	subtitle: () =>
		'The ten widest gaps: percentage of cases where work to keep other people safe was sufficient, minus the percentage for desistance work.',
	svg: (v) => v.charts.ranking,
	draw: async (v, { width }) => (await import('./chart')).rankingChart(v.widest, { document, width }),
	rows: (v) => v.widest,
	columns,
	coverage: (v) => describeCoverage(v.data.coverage, 'key-question figures (only full reports give them)'),
	sources: (v) => v.data.coverage,
	fileBase: 'risk-of-harm-widest-gaps',
	empty: (v) => (v.widest.length ? '' : 'No gaps to rank for these filters.')
});

export const RISK_FIGURES: AnyFigure<RiskView>[] = [gapFigure, widestFigure];
