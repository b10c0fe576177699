import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
	STYLE,
	axisLabel,
	fitLabels,
	fitsIn,
	MIN_FONT,
	rowHeight,
	serialise,
	type ChartOptions,
	MARGIN_BOTTOM
} from '../../charts/theme';
import type { RatingCount } from './query';

const STACK_ORDER: string[] = [...RATINGS_DISPLAY];
const colour = { domain: [...RATINGS_DISPLAY], range: RATINGS_DISPLAY.map((r) => RATING_COLOURS[r]) };
const order = (r: RatingCount) => RATINGS_DISPLAY.indexOf(r.rating as (typeof RATINGS_DISPLAY)[number]);

/** Overall ratings by publication year: stacked counts, each segment labelled. */
export function ratingsByYear(rows: RatingCount[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const sorted = [...rows].sort((a, b) => a.key.localeCompare(b.key) || order(a) - order(b));
	const years = new Set(rows.map((r) => r.key)).size;
	return serialise(
		Plot.plot({
			document,
			// a column of at least 36 px per year ("RI 12" fits): a narrower box scrolls
			width: Math.max(width, 68 + years * 36),
			height: 350,
			marginBottom: MARGIN_BOTTOM,
			marginLeft: 48,
			style: STYLE,
			x: { label: 'Year published', type: 'band' },
			y: { label: 'Inspections', grid: true, nice: true },
			color: colour,
			marks: [
				Plot.barY(
					sorted,
					Plot.stackY({
						x: 'key',
						y: 'n',
						fill: 'rating',
						order: STACK_ORDER,
						title: (d: RatingCount) => `${d.key}: ${d.n} rated ${d.rating}`
					})
				),
				Plot.text(
					sorted,
					// every segment stacked (so positions match the bars), labelled when tall enough
					Plot.stackY({
						x: 'key',
						y: 'n',
						z: 'rating',
						order: STACK_ORDER,
						text: (d: RatingCount) => (d.n >= 2 ? `${RATING_INITIALS[d.rating]} ${d.n}` : ''),
						fill: (d: RatingCount) => (d.rating === 'Good' || d.rating === 'Requires improvement' ? '#0b0c0c' : 'white'),
						fontSize: MIN_FONT
					})
				),
				Plot.ruleY([0])
			]
		}) as Element
	);
}

/** Overall ratings by region: shares, each region's bar labelled with its number of inspections. */
export function ratingsByRegion(rows: RatingCount[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const totals = new Map<string, number>();
	const bad = new Map<string, number>();
	for (const r of rows) {
		totals.set(r.key, (totals.get(r.key) ?? 0) + r.n);
		if (r.rating === 'Requires improvement' || r.rating === 'Inadequate') bad.set(r.key, (bad.get(r.key) ?? 0) + r.n);
	}
	const regions = [...totals.keys()].sort(
		(a, b) => (bad.get(b) ?? 0) / totals.get(b)! - (bad.get(a) ?? 0) / totals.get(a)! || a.localeCompare(b)
	);
	const data = rows.map((r) => ({ ...r, share: r.n / totals.get(r.key)! }));
	const y = fitLabels(regions, width);
	const x = axisLabel('Share of inspections (%)', width);
	const plotWidth = width - y.margin - 60;
	return serialise(
		Plot.plot({
			document,
			width,
			height: 50 + x.extra + regions.length * rowHeight(y.lines, 30),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			marginRight: 60,
			style: STYLE,
			x: { label: x.label, percent: true, domain: [0, 100], grid: true, ticks: plotWidth < 200 ? [0, 50, 100] : undefined },
			y: { label: null, domain: regions, tickFormat: y.format },
			color: colour,
			marks: [
				Plot.barX(
					data,
					Plot.stackX({
						y: 'key',
						x: 'share',
						fill: 'rating',
						order: STACK_ORDER,
						title: (d: RatingCount & { share: number }) =>
							`${d.key}: ${d.n} of ${totals.get(d.key)} rated ${d.rating} (${Math.round(d.share * 100)}%)`
					})
				),
				Plot.text(
					data,
					Plot.stackX({
						y: 'key',
						x: 'share',
						z: 'rating',
						order: STACK_ORDER,
						// labelled where the segment is wide enough for its label
						text: (d: RatingCount & { share: number }) =>
							d.share >= 0.1 && fitsIn(`${RATING_INITIALS[d.rating]} ${d.n}`, d.share * plotWidth)
								? `${RATING_INITIALS[d.rating]} ${d.n}`
								: '',
						fill: (d: RatingCount) => (d.rating === 'Good' || d.rating === 'Requires improvement' ? '#0b0c0c' : 'white'),
						fontSize: MIN_FONT
					})
				),
				Plot.text(regions, {
					y: (d: string) => d,
					x: 1,
					text: (d: string) => `n=${totals.get(d)}`,
					dx: 8,
					textAnchor: 'start',
					fill: '#0b0c0c'
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}
