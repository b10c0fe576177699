import * as Plot from '@observablehq/plot';
import { CHART_WIDTH, PALETTE, STYLE, fitLabels, labelMargin, rowHeight, serialise, type ChartOptions } from '../../charts/theme';
import type { ThemeCount } from './query';

/** Recommendations per theme: one bar each, most first, from zero, labelled with the count. */
export function themesChart(rows: ThemeCount[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const labels = rows.map((r) => r.theme);
	// whole-number ticks only: counts have no halves
	const max = Math.max(1, ...rows.map((r) => r.recommendations));
	const step = Math.max(1, Math.ceil(max / 10));
	const top = Math.ceil(max / step) * step;
	const ticks = Array.from({ length: top / step + 1 }, (_, i) => i * step);
	// labelMargin's estimate is tight for the longest theme names: give them room
	const y = fitLabels(labels, width - 24);
	const margin = y.lines > 1 ? y.margin : labelMargin(labels) + 24;
	const plotWidth = width - margin - 40;
	// fewer ticks where the plot is narrow: at least 40 px between two
	const every = Math.max(1, Math.ceil((ticks.length - 1) / Math.max(1, Math.floor(plotWidth / 40))));
	return serialise(
		Plot.plot({
			document,
			width,
			height: 64 + rows.length * rowHeight(y.lines, 28),
			marginLeft: margin,
			marginRight: 40,
			marginBottom: 46,
			style: STYLE,
			x: {
				label: 'Number of recommendations',
				labelAnchor: 'center',
				labelOffset: 40,
				domain: [0, top],
				ticks: ticks.filter((_, i) => i % every === 0),
				tickFormat: (d: number) => String(d),
				grid: true
			},
			y: { label: null, domain: labels, tickFormat: y.format },
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
