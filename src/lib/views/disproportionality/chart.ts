import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	NARROW,
	STYLE,
	axisLabel,
	fitLabels,
	rowHeight,
	serialise,
	type ChartOptions,
	MARGIN_BOTTOM
} from '../../charts/theme';
import type { RriRow } from './query';

const label = (r: RriRow) => `${r.service} · ${r.category === 'bame' ? 'Black and minority ethnic' : r.label}`;

/** RRI per service and group on a log scale, 95% interval where counts allow, parity at 1. */
export function rriChart(rows: RriRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const shown = rows.filter((r) => r.rri !== null);
	const values = shown.flatMap((r) => [r.rri as number, r.ci_low ?? (r.rri as number), r.ci_high ?? (r.rri as number)]);
	const lo = Math.min(0.5, ...values) * 0.9;
	const hi = Math.max(2, ...values) * 1.1;
	const unknown = (r: RriRow) => (r.unknown_pct === null ? 'ethnicity not known: not given' : `ethnicity not known: ${r.unknown_pct}%`);
	const firsts = shown.filter((r, i) => i === shown.findIndex((x) => x.inspection_id === r.inspection_id));
	// on a phone the share of unknown ethnicity goes under the service's first label, not right of the plot
	const narrow = width < NARROW;
	const notes = new Map(narrow ? firsts.map((r) => [label(r), unknown(r)]) : []);
	const y = fitLabels(
		shown.map(label).map((l) => (notes.has(l) ? `${l} (${notes.get(l)})` : l)),
		width
	);
	const x = axisLabel('Relative rate index (caseload share ÷ youth population share), log scale', width);
	const marginRight = narrow ? 20 : 200;
	return serialise(
		Plot.plot({
			document,
			width,
			height: 80 + x.extra + shown.length * rowHeight(y.lines, 30),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			// room for "ethnicity not known: not given" right of the plot, clear of the intervals
			marginRight,
			style: STYLE,
			x: {
				type: 'log',
				domain: [lo, hi],
				label: x.label,
				ticks: [0.5, 0.75, 1, 1.5, 2, 3].filter((t) => t >= lo && t <= hi && (width - y.margin - marginRight >= 200 || t !== 0.75)),
				tickFormat: (d: number) => `${d}`,
				grid: true
			},
			y: { label: null, domain: shown.map(label), tickFormat: (l: string) => y.format(notes.has(l) ? `${l} (${notes.get(l)})` : l) },
			marks: [
				Plot.ruleX([1], { stroke: '#0b0c0c', strokeWidth: 1.5 }),
				Plot.text([1], { x: (d: number) => d, frameAnchor: 'top', text: () => 'parity (1)', dy: -14, fill: '#0b0c0c' }),
				// the share of unknown ethnicity limits every comparison for that service: say it beside it
				Plot.text(narrow ? [] : firsts, {
					y: label,
					frameAnchor: 'right',
					dx: 10,
					textAnchor: 'start',
					text: unknown,
					fill: '#3D3D3D'
				}),
				Plot.link(
					shown.filter((r) => r.ci_low !== null),
					{ x1: 'ci_low', x2: 'ci_high', y1: label, y2: label, stroke: '#3D3D3D', strokeWidth: 2 }
				),
				Plot.dot(shown, {
					x: 'rri',
					y: label,
					r: 5,
					fill: (r: RriRow) => (r.ci_low === null ? 'white' : '#12436D'),
					stroke: '#12436D',
					strokeWidth: 2,
					title: (r: RriRow) =>
						`${label(r)}: ${r.yot_pct}% of the caseload vs ${r.pop_pct?.toFixed(1)}% of the youth population, index ${r.rri?.toFixed(2)}${r.ci_low !== null ? ` (95% interval ${r.ci_low.toFixed(2)} to ${r.ci_high?.toFixed(2)})` : ' (no interval)'}`
				})
			]
		}) as Element
	);
}
