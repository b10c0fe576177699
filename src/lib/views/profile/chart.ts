import * as Plot from '@observablehq/plot';
import { MIN_CASES } from '../../rules/evidence';
import { bandOf } from '../../rules/bands';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	STYLE,
	labelMargin,
	ratingText,
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

/** Key questions as bars against the 50/65/80% band lines, court and out-of-court side by side. */
export function kqChart(rows: KqRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const data = rows.map((k) => ({
		...k,
		label: kqLabel(k),
		disposal: k.standard.startsWith('2.') ? 'Court disposals' : 'Out-of-court disposals',
		band: bandOf(k.pct)
	}));
	const labels = [...new Set(data.map((d) => d.label))];
	return serialise(
		Plot.plot({
			document,
			width,
			height: 80 + labels.length * 24,
			marginBottom: MARGIN_BOTTOM,
			marginLeft: labelMargin(labels),
			// room for each bar's number of cases after it
			marginRight: 52,
			style: STYLE,
			fx: { label: null, domain: ['Court disposals', 'Out-of-court disposals'] },
			x: { label: 'Cases judged sufficient (%)', domain: [0, 100], ticks: [0, 50, 65, 80, 100] },
			y: { label: null, domain: labels },
			color: { domain: Object.keys(RATING_COLOURS), range: Object.values(RATING_COLOURS) },
			marks: [
				Plot.barX(data, {
					fx: 'disposal',
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
					fx: 'disposal',
					y: 'label',
					x: 'pct',
					text: (d: (typeof data)[number]) => `${d.pct}${d.discretion ? '*' : ''}`,
					dx: -4,
					textAnchor: 'end',
					fill: (d: (typeof data)[number]) => ratingText(d.band),
					fontSize: 11
				}),
				// every bar shows its n: the cases the percentage is of
				Plot.text(data, {
					fx: 'disposal',
					y: 'label',
					x: 'pct',
					text: (d: (typeof data)[number]) => (d.cases !== null ? `n=${d.cases}` : 'n=?'),
					dx: 4,
					textAnchor: 'start',
					fill: '#0b0c0c',
					fontSize: 11
				}),
				Plot.ruleX([0])
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
	return serialise(
		Plot.plot({
			document,
			width,
			height: 80 + names.length * 36,
			marginBottom: MARGIN_BOTTOM,
			marginLeft: labelMargin(names),
			marginRight: 40,
			style: STYLE,
			x: { label: 'Relative to England and Wales (= 100)', grid: true, domain: [0, Math.max(150, ...data.map((d) => d.index + 10))] },
			y: { label: null, domain: names },
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
					{ x: 'index', y: 'name', text: (d: (typeof data)[number]) => `${d.value}`, dy: -12, fill: '#0b0c0c', fontSize: 11 }
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
	return serialise(
		Plot.plot({
			document,
			width,
			height: 60 + labels.length * (groups.length * 16 + 14),
			marginBottom: MARGIN_BOTTOM,
			marginLeft: labelMargin(labels),
			marginRight: 50,
			style: STYLE,
			x: { label: 'Share (%)', domain: [0, 100], grid: true },
			y: { axis: null, domain: groups },
			fy: { label: null, domain: labels },
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
					fontSize: 10
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
	return serialise(
		Plot.plot({
			document,
			width,
			height: 70 + data.length * 26,
			marginBottom: MARGIN_BOTTOM,
			marginLeft: labelMargin(
				data.map((d) => d.short),
				80,
				420
			),
			marginRight: 50,
			style: STYLE,
			x: { label: 'Proportion of cases examined (%)', domain: [0, 100], grid: true },
			y: { label: null, domain: data.map((d) => d.short) },
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
