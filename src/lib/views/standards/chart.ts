import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
	STYLE,
	labelMargin,
	ratingText,
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
	return serialise(
		Plot.plot({
			document,
			width,
			height: 50 + rows.length * 28,
			marginBottom: MARGIN_BOTTOM,
			marginLeft: labelMargin(labels),
			marginRight: 90,
			style: STYLE,
			x: {
				label: 'Rated Requires improvement or Inadequate (% of inspections that rated the standard)',
				percent: true,
				domain: [0, 100],
				grid: true
			},
			y: { label: null, domain: labels },
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
					text: (r: RankedStandard) => `${r.ri_or_worse} of ${r.rated}${r.enough ? '' : ' (few)'}`,
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
	return serialise(
		Plot.plot({
			document,
			width,
			height: 50 + services.length * 22,
			marginLeft: labelMargin(services),
			marginTop: 30,
			style: STYLE,
			x: { label: null, domain: codes, axis: 'top' },
			y: { label: null, domain: services },
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
					fontSize: 11
				})
			]
		}) as Element
	);
}
