import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
	STYLE,
	ratingText,
	serialise,
	type ChartOptions,
	MARGIN_BOTTOM
} from '../../charts/theme';
import type { AnnualRow, StandardYear, YearRating } from './query';

const STACK: string[] = [...RATINGS_DISPLAY];
const colour = { domain: [...RATINGS_DISPLAY], range: RATINGS_DISPLAY.map((r) => RATING_COLOURS[r]) };

/** Shares of overall ratings by year, with N above each bar so thin years show as thin. */
export function trendRatingsChart(rows: YearRating[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const totals = [...new Map(rows.map((r) => [r.year, r.total])).entries()].map(([year, total]) => ({ year, total }));
	return serialise(
		Plot.plot({
			document,
			width,
			height: 370,
			marginBottom: MARGIN_BOTTOM,
			marginTop: 30,
			style: STYLE,
			x: { label: 'Year published', type: 'band', tickFormat: (d: number) => String(d) },
			y: { label: 'Share of inspections (%)', percent: true, domain: [0, 100], grid: true },
			color: colour,
			marks: [
				Plot.barY(
					rows,
					Plot.stackY({
						x: 'year',
						y: 'share',
						fill: 'rating',
						z: 'rating',
						order: STACK,
						title: (d: YearRating) => `${d.year}: ${d.n} of ${d.total} rated ${d.rating} (${Math.round(d.share * 100)}%)`
					})
				),
				Plot.text(
					rows,
					Plot.stackY({
						x: 'year',
						y: 'share',
						z: 'rating',
						order: STACK,
						text: (d: YearRating) => (d.share >= 0.12 && d.total >= 5 ? RATING_INITIALS[d.rating] : ''),
						fill: (d: YearRating) => ratingText(d.rating),
						fontSize: 11
					})
				),
				Plot.text(totals, {
					x: 'year',
					y: 1,
					text: (d: { total: number }) => `N=${d.total}`,
					dy: -10,
					fill: (d: { total: number }) => (d.total < 5 ? '#801650' : '#0b0c0c'),
					fontWeight: 'bold'
				}),
				Plot.ruleY([0])
			]
		}) as Element
	);
}

/** HMIP's own annual totals beside the inspections this dataset holds for the same years. */
export function annualChart(rows: AnnualRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	return serialise(
		Plot.plot({
			document,
			width,
			height: 300,
			marginLeft: 60,
			style: STYLE,
			fx: { label: 'HMIP inspection year (April to March)' },
			x: {
				label: null,
				domain: ['HMIP annual totals', 'Inspections in this data'],
				tickFormat: (d: string) => (d === 'HMIP annual totals' ? 'HMIP totals' : 'This data')
			},
			y: { label: 'Inspections', grid: true },
			color: colour,
			marks: [
				Plot.barY(
					rows,
					Plot.stackY({
						fx: 'inspection_year',
						x: 'source',
						y: 'n',
						fill: 'rating',
						z: 'rating',
						order: STACK,
						title: (d: AnnualRow) => `${d.inspection_year}, ${d.source}: ${d.n} rated ${d.rating}`
					})
				),
				Plot.text(
					rows,
					Plot.stackY({
						fx: 'inspection_year',
						x: 'source',
						y: 'n',
						z: 'rating',
						order: STACK,
						text: (d: AnnualRow) => (d.n >= 2 ? `${RATING_INITIALS[d.rating]} ${d.n}` : ''),
						fill: (d: AnnualRow) => ratingText(d.rating),
						fontSize: 10
					})
				),
				Plot.ruleY([0])
			]
		}) as Element
	);
}

/** Share of standard ratings that are Requires improvement or worse, by year, N labelled. */
export function standardsTrendChart(rows: StandardYear[], { document, width = CHART_WIDTH }: ChartOptions): string {
	return serialise(
		Plot.plot({
			document,
			width,
			height: 330,
			marginBottom: MARGIN_BOTTOM,
			marginTop: 30,
			style: STYLE,
			x: { label: 'Year published', type: 'band', tickFormat: (d: number) => String(d) },
			y: { label: 'Standard ratings Requires improvement or worse (%)', percent: true, domain: [0, 100], grid: true },
			marks: [
				Plot.barY(rows, {
					x: 'year',
					y: 'share',
					fill: '#F46A25',
					title: (d: StandardYear) => `${d.year}: ${d.ri_or_worse} of ${d.rated} standard ratings (from ${d.inspections} inspections)`
				}),
				Plot.text(rows, { x: 'year', y: 'share', text: (d: StandardYear) => `${d.ri_or_worse}/${d.rated}`, dy: -8, fill: '#0b0c0c' }),
				Plot.ruleY([0])
			]
		}) as Element
	);
}
