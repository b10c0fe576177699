import * as Plot from '@observablehq/plot';
import { MIN_CASES } from '../../rules/evidence';
import { bandOf } from '../../rules/bands';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	STYLE,
	axisLabel,
	fitLabels,
	MIN_FONT,
	NARROW,
	ratingText,
	rowHeight,
	serialise,
	type ChartOptions,
	MARGIN_BOTTOM
} from '../../charts/theme';
import { CASELOAD_LEGEND, GROUP_LABEL, THEME_LABEL } from './legend';
import type { CaseloadRow, ContextRow, KqRow } from './query';

const ACTIVITY: Record<string, string> = { '1': 'Assessment', '2': 'Planning', '3': 'Implementation and delivery', '4': 'Reviewing' };

export function kqLabel(k: KqRow): string {
	const [d, s, q] = k.code.split('.');
	if (d === '3' && s === '4') return `Joint working ${q}`;
	return `${ACTIVITY[s] ?? k.standard} · ${THEME_LABEL[k.theme] ?? k.theme}`;
}

const DISPOSALS = ['Court disposals', 'Out-of-court disposals'];

/** Key questions as bars against the 50/65/80% band lines, court and out-of-court side by side. */
export function kqChart(rows: KqRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const data = rows.map((k) => ({
		...k,
		label: kqLabel(k),
		disposal: k.standard.startsWith('2.') ? 'Court disposals' : 'Out-of-court disposals',
		band: bandOf(k.pct)
	}));
	const labels = [...new Set(data.map((d) => d.label))];
	// on a phone court and out-of-court are one above the other, each the full width
	const narrow = width < NARROW;
	const y = fitLabels(labels, width, { share: narrow ? 0.5 : 0.4 });
	const facet = narrow ? 'fy' : 'fx';
	const band = labels.length * rowHeight(y.lines, 24);
	return serialise(
		Plot.plot({
			document,
			width,
			height: narrow ? 130 + Math.round(2 * band * 1.25) : 80 + band,
			marginBottom: MARGIN_BOTTOM,
			marginTop: narrow ? 24 : undefined,
			marginLeft: y.margin,
			// room for each bar's number of cases after it
			marginRight: 52,
			style: STYLE,
			[facet]: { label: null, domain: DISPOSALS, ...(narrow ? { axis: null, padding: 0.2 } : {}) },
			x: { label: 'Cases judged sufficient (%)', domain: [0, 100], ticks: narrow ? [0, 50, 80, 100] : [0, 50, 65, 80, 100] },
			y: { label: null, domain: labels, tickFormat: y.format },
			color: { domain: Object.keys(RATING_COLOURS), range: Object.values(RATING_COLOURS) },
			marks: [
				Plot.barX(data, {
					[facet]: 'disposal',
					y: 'label',
					x: 'pct',
					fill: 'band',
					// fewer cases than the evidence rule asks (or no count): drawn lighter
					fillOpacity: (d: (typeof data)[number]) => (d.cases !== null && d.cases >= MIN_CASES ? 1 : 0.5),
					title: (d: (typeof data)[number]) =>
						`${d.code} ${d.text} ${d.pct}%${d.discretion ? ' (professional discretion applied)' : ''}${d.cases ? `, of ${d.cases} cases` : ''}: band ${d.band}`
				}),
				Plot.ruleX([50, 65, 80], { stroke: '#0b0c0c', strokeDasharray: '2,3' }),
				Plot.text(data, {
					[facet]: 'disposal',
					y: 'label',
					x: 'pct',
					text: (d: (typeof data)[number]) => `${d.pct}${d.discretion ? '*' : ''}`,
					dx: -4,
					textAnchor: 'end',
					fill: (d: (typeof data)[number]) => ratingText(d.band),
					fontSize: MIN_FONT
				}),
				// every bar shows its n: the cases the percentage is of
				Plot.text(data, {
					[facet]: 'disposal',
					y: 'label',
					x: 'pct',
					text: (d: (typeof data)[number]) => (d.cases !== null ? `n=${d.cases}` : 'n=?'),
					dx: 4,
					textAnchor: 'start',
					fill: '#0b0c0c',
					fontSize: MIN_FONT
				}),
				Plot.ruleX([0]),
				// stacked on a phone: each part's name over it, from the chart's left edge
				...(narrow
					? [
							Plot.text(DISPOSALS, {
								fy: (d: string) => d,
								text: (d: string) => d,
								frameAnchor: 'top-left',
								textAnchor: 'start',
								lineAnchor: 'bottom',
								dx: -y.margin,
								dy: -6,
								fontWeight: 'bold'
							})
						]
					: [])
			]
		}) as Element
	);
}

/** Local and regional figures as a share of the national one (national = 100). */
export function contextChart(rows: ContextRow[], labels: Record<string, string>, { document, width = CHART_WIDTH }: ChartOptions): string {
	const national = new Map(rows.filter((r) => r.scope === 'national').map((r) => [r.metric, r.value]));
	const data = rows
		.filter((r) => r.scope !== 'national' && national.get(r.metric))
		.map((r) => ({
			...r,
			index: (100 * r.value) / (national.get(r.metric) as number),
			name: labels[r.metric] ?? r.metric,
			nationalValue: national.get(r.metric) as number
		}));
	const names = [...new Set(data.map((d) => d.name))];
	const y = fitLabels(names, width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 80 + names.length * rowHeight(y.lines, 36),
			marginBottom: MARGIN_BOTTOM,
			marginLeft: y.margin,
			marginRight: 40,
			style: STYLE,
			x: { label: 'Relative to England and Wales (= 100)', grid: true, domain: [0, Math.max(150, ...data.map((d) => d.index + 10))] },
			y: { label: null, domain: names, tickFormat: y.format },
			color: { domain: ['local', 'region'], range: ['#12436D', '#28A197'] },
			symbol: { domain: ['local', 'region'], range: ['circle', 'square'] },
			marks: [
				Plot.ruleX([100], { stroke: '#0b0c0c', strokeWidth: 1.5 }),
				Plot.dot(data, {
					x: 'index',
					y: 'name',
					fill: 'scope',
					symbol: 'scope',
					r: 6,
					title: (d: (typeof data)[number]) =>
						`${d.name}, ${d.scope === 'local' ? 'this service' : 'region'}: ${d.value} against ${d.nationalValue} for England and Wales (${Math.round(d.index)})`
				}),
				Plot.text(
					data.filter((d) => d.scope === 'local'),
					{ x: 'index', y: 'name', text: (d: (typeof data)[number]) => `${d.value}`, dy: -12, fill: '#0b0c0c', fontSize: MIN_FONT }
				)
			]
		}) as Element
	);
}

/** Caseload composition beside the youth population (and the national caseload), grouped bars. */
export function caseloadChart(rows: CaseloadRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const data = rows.map((r) => ({ ...r, group: GROUP_LABEL[r.grp] ?? r.grp, label: `${r.dimension}: ${r.category}` }));
	const labels = [...new Set(data.map((d) => d.label))];
	const groups = CASELOAD_LEGEND.map((l) => l.label).filter((g) => data.some((d) => d.group === g));
	const fy = fitLabels(labels, width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 60 + labels.length * Math.max(groups.length * 16 + 14, fy.lines * 15 + 8),
			marginBottom: MARGIN_BOTTOM,
			marginLeft: fy.margin,
			marginRight: 50,
			style: STYLE,
			x: { label: 'Share (%)', domain: [0, 100], grid: true },
			y: { axis: null, domain: groups },
			fy: { label: null, domain: labels, tickFormat: fy.format },
			color: { domain: CASELOAD_LEGEND.map((l) => l.label), range: CASELOAD_LEGEND.map((l) => l.colour) },
			marks: [
				Plot.barX(data, {
					fy: 'label',
					y: 'group',
					x: 'pct',
					fill: 'group',
					title: (d: (typeof data)[number]) => `${d.label}, ${d.group}: ${d.pct}%`
				}),
				Plot.text(data, {
					fy: 'label',
					y: 'group',
					x: 'pct',
					text: (d: (typeof data)[number]) => `${d.pct}%`,
					dx: 4,
					textAnchor: 'start',
					fill: '#0b0c0c',
					fontSize: MIN_FONT
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}

/** Short Quality Screening: the proportions its findings state. */
export function findingsChart(
	rows: { section: string; text: string; proportion: number | null }[],
	{ document, width = CHART_WIDTH }: ChartOptions
): string {
	const data = rows
		.filter((r) => r.proportion !== null)
		.map((r) => ({ ...r, short: r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text }));
	const y = fitLabels(
		data.map((d) => d.short),
		width,
		{ max: 420 }
	);
	const x = axisLabel('Proportion of cases examined (%)', width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 70 + x.extra + data.length * rowHeight(y.lines, 26),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			marginRight: 50,
			style: STYLE,
			x: { label: x.label, domain: [0, 100], grid: true, ticks: width - y.margin - 50 < 200 ? [0, 50, 100] : undefined },
			y: { label: null, domain: data.map((d) => d.short), tickFormat: y.format },
			marks: [
				Plot.barX(data, {
					y: 'short',
					x: (d: (typeof data)[number]) => (d.proportion as number) * 100,
					fill: '#12436D',
					title: (d: (typeof data)[number]) => `${d.section}: ${d.text} (${Math.round((d.proportion as number) * 100)}%)`
				}),
				Plot.text(data, {
					y: 'short',
					x: (d: (typeof data)[number]) => (d.proportion as number) * 100,
					text: (d: (typeof data)[number]) => `${Math.round((d.proportion as number) * 100)}%`,
					dx: 4,
					textAnchor: 'start',
					fill: '#0b0c0c'
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}
