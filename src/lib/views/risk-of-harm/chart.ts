import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, STYLE, axisLabel, fitLabels, rowHeight, serialise, type ChartOptions, MARGIN_BOTTOM } from '../../charts/theme';
import { SERIES } from './legend';
import type { GapRow } from './query';

const label = (r: GapRow) => `${r.service} · ${r.activity} (${r.disposal.toLowerCase()})`;

/**
 * Per inspection and standard: an arrow from the desistance key question to the
 * keeping-other-people-safe one (pointing left when safety work lags), with the child's
 * safety as a third mark. Court and out-of-court side by side.
 */
export function gapChart(rows: GapRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const points = rows.flatMap((r) =>
		SERIES.filter((s) => r[s.key] !== null).map((s) => ({
			...r,
			series: s.name,
			value: r[s.key] as number,
			text: s.key === 'desistance' ? r.desistance_text : s.key === 'child_safety' ? r.child_text : r.others_text
		}))
	);
	const labels = [...new Set(rows.map(label))];
	// "service · implementation and delivery (out-of-court)": allow a wider margin than most
	const y = fitLabels(labels, width, { max: 480 });
	const x = axisLabel('Cases judged sufficient (%)', width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 70 + x.extra + labels.length * rowHeight(y.lines, 24),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			marginRight: 20,
			style: STYLE,
			x: { label: x.label, domain: [0, 100], grid: true, ticks: width - y.margin < 220 ? [0, 50, 100] : undefined },
			y: { label: null, domain: labels, tickFormat: y.format },
			color: { domain: SERIES.map((s) => s.name), range: SERIES.map((s) => s.colour) },
			symbol: { domain: SERIES.map((s) => s.name), range: SERIES.map((s) => s.symbol) },
			marks: [
				Plot.ruleX([50, 65, 80], { stroke: '#b1b4b6', strokeDasharray: '3,3' }),
				Plot.arrow(
					rows.filter((r) => r.desistance !== null && r.others_safety !== null && r.desistance !== r.others_safety),
					{ x1: 'desistance', x2: 'others_safety', y1: label, y2: label, stroke: '#3D3D3D', strokeWidth: 1.5, headLength: 7, inset: 5 }
				),
				Plot.dot(points, {
					x: 'value',
					y: label,
					fill: 'series',
					symbol: 'series',
					r: 5,
					stroke: 'white',
					strokeWidth: 0.5,
					title: (d: (typeof points)[number]) =>
						`${d.service}, ${d.standard} ${d.activity} (${d.disposal.toLowerCase()}): ${d.series} ${d.value}% — "${d.text}"`
				})
			]
		}) as Element
	);
}

/** The widest gaps: other people's safety minus desistance, in percentage points. */
export function rankingChart(rows: GapRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const y = fitLabels(rows.map(label), width);
	const x = axisLabel('Keeping other people safe minus desistance (percentage points)', width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 60 + x.extra + rows.length * rowHeight(y.lines, 26),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			marginRight: 60,
			style: STYLE,
			x: { label: x.label, grid: true, nice: true, ticks: width - y.margin - 60 < 200 ? 3 : undefined },
			y: { label: null, domain: rows.map(label), tickFormat: y.format },
			marks: [
				Plot.barX(rows, {
					y: label,
					x: 'gap_desistance',
					fill: '#F46A25',
					title: (r: GapRow) =>
						`${label(r)}: ${r.others_safety}% keeping other people safe vs ${r.desistance}% desistance (${r.gap_desistance} points)`
				}),
				Plot.text(rows, {
					y: label,
					x: 'gap_desistance',
					text: (r: GapRow) => `${r.gap_desistance} pts`,
					dx: 6,
					textAnchor: 'start',
					fill: '#0b0c0c'
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}
