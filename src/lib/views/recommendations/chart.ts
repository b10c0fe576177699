import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, PALETTE, STYLE, labelMargin, serialise, type ChartOptions } from '../../charts/theme';
import type { ThemeCount } from './query';

/** Recommendations per theme: one bar each, most first, from zero, labelled with the count. */
export function themesChart(rows: ThemeCount[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const labels = rows.map((r) => r.theme);
	// whole-number ticks only: counts have no halves
	const max = Math.max(1, ...rows.map((r) => r.recommendations));
	const step = Math.max(1, Math.ceil(max / 10));
	const top = Math.ceil(max / step) * step;
	const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 64 + rows.length * 28,
			// labelMargin's estimate is tight for the longest theme names: give them room
			marginLeft: labelMargin(labels) + 24,
			marginRight: 40,
			marginBottom: 46,
			style: STYLE,
			x: {
				label: 'Number of recommendations',
				labelAnchor: 'center',
				labelOffset: 40,
				domain: [0, top],
				ticks,
				tickFormat: (d: number) => String(d),
				grid: true
			},
			y: { label: null, domain: labels },
			marks: [
				Plot.barX(rows, {
					y: 'theme',
					x: 'recommendations',
					fill: PALETTE[0],
					title: (r: ThemeCount) =>
						`${r.theme}: ${r.recommendations} recommendation${r.recommendations === 1 ? '' : 's'} (${Math.round(r.share * 100)}% of those in view)`
				}),
				Plot.text(rows, {
					y: 'theme',
					x: 'recommendations',
					text: (r: ThemeCount) => String(r.recommendations),
					dx: 6,
					textAnchor: 'start',
					fill: '#0b0c0c'
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}
