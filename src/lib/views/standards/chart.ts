import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
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
import type { HeatCell, RankedStandard } from './query';

/** Share of inspections rating each standard RI or Inadequate, split into the two. */
export function rankedChart(rows: RankedStandard[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const labels = rows.map((r) => `${r.code} ${r.label}`);
	const parts = rows.flatMap((r) => [
		{ label: `${r.code} ${r.label}`, rating: 'Inadequate', share: r.inadequate / r.rated, n: r.inadequate, row: r },
		{
			label: `${r.code} ${r.label}`,
			rating: 'Requires improvement',
			share: (r.ri_or_worse - r.inadequate) / r.rated,
			n: r.ri_or_worse - r.inadequate,
			row: r
		}
	]);
	const y = fitLabels(labels, width);
	const x = axisLabel('Rated Requires improvement or Inadequate (% of inspections that rated the standard)', width);
	// on a phone the count is shorter ("3/12 few"), so the bars keep their room
	const narrow = width < NARROW;
	const count = (r: RankedStandard) =>
		narrow ? `${r.ri_or_worse}/${r.rated}${r.enough ? '' : ' few'}` : `${r.ri_or_worse} of ${r.rated}${r.enough ? '' : ' (few)'}`;
	const marginRight = narrow ? 70 : 90;
	return serialise(
		Plot.plot({
			document,
			width,
			height: 50 + x.extra + rows.length * rowHeight(y.lines, 28),
			marginBottom: MARGIN_BOTTOM + x.extra,
			marginLeft: y.margin,
			marginRight,
			style: STYLE,
			x: {
				label: x.label,
				percent: true,
				domain: [0, 100],
				grid: true,
				ticks: width - y.margin - marginRight < 200 ? [0, 50, 100] : undefined
			},
			y: { label: null, domain: labels, tickFormat: y.format },
			color: { domain: ['Inadequate', 'Requires improvement'], range: [RATING_COLOURS.Inadequate, RATING_COLOURS['Requires improvement']] },
			marks: [
				Plot.barX(
					parts,
					Plot.stackX({
						y: 'label',
						x: 'share',
						fill: 'rating',
						z: 'rating',
						order: ['Inadequate', 'Requires improvement'],
						// too few inspections for a share: drawn lighter (rules/evidence.ts)
						fillOpacity: (d: (typeof parts)[number]) => (d.row.enough ? 1 : 0.45),
						title: (d: (typeof parts)[number]) =>
							`${d.label}: ${d.n} of ${d.row.rated} rated ${d.rating}${
								d.row.enough
									? `; ${d.row.ri_or_worse} of ${d.row.rated} Requires improvement or worse, 95% interval ${Math.round(d.row.share_lo * 100)}–${Math.round(d.row.share_hi * 100)}%`
									: ' (too few inspections for a share)'
							}`
					})
				),
				Plot.text(rows, {
					y: (r: RankedStandard) => `${r.code} ${r.label}`,
					x: (r: RankedStandard) => r.share,
					text: count,
					dx: 6,
					textAnchor: 'start',
					fill: '#0b0c0c'
				}),
				Plot.ruleX([0])
			]
		}) as Element
	);
}

/** Service x standard grid: each cell coloured by rating and labelled with its initials. */
export function heatmapChart(cells: HeatCell[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const rowLabel = (c: HeatCell) => `${c.service} ${c.published ?? ''}`.trim();
	const services = [...new Set(cells.map(rowLabel))];
	// one column per standard and framework meaning: 3.4 (2018) and 3.4 (2021) never merge
	const codes = [...new Set(cells.map((c) => c.column))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const y = fitLabels(services, width, { share: 0.4 });
	// "3.4 (2018)" over two lines, so each column's label fits over its cells
	const twoLines = codes.some((c) => c.includes(' '));
	return serialise(
		Plot.plot({
			document,
			// a column of at least 28 px ("RI" and its code fit): a narrower box scrolls
			width: Math.max(width, y.margin + codes.length * 28 + 20),
			height: 50 + (twoLines ? 14 : 0) + services.length * rowHeight(y.lines, 22),
			marginLeft: y.margin,
			marginTop: twoLines ? 44 : 30,
			style: STYLE,
			x: { label: null, domain: codes, axis: 'top', tickFormat: (c: string) => c.replace(' ', '\n') },
			y: { label: null, domain: services, tickFormat: y.format },
			color: { domain: [...RATINGS_DISPLAY], range: RATINGS_DISPLAY.map((r) => RATING_COLOURS[r]) },
			marks: [
				Plot.cell(cells, {
					x: 'column',
					y: rowLabel,
					fill: 'rating',
					inset: 1,
					title: (c: HeatCell) =>
						`${rowLabel(c)}, standard ${c.code} ${c.standard}: ${c.rating}${c.provenance === 'reference' ? ' (as the published page states it)' : ''}`
				}),
				Plot.text(cells, {
					x: 'column',
					y: rowLabel,
					text: (c: HeatCell) => RATING_INITIALS[c.rating],
					fill: (c: HeatCell) => ratingText(c.rating),
					fontSize: MIN_FONT
				})
			]
		}) as Element
	);
}
