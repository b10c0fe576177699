import * as Plot from '@observablehq/plot';
import { MIN_INSPECTIONS } from '../../rules/evidence';
import {
	CHART_WIDTH,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
	STYLE,
	MIN_FONT,
	NARROW,
	axisLabel,
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
	// on a phone a year is "’19" and N is in 12px type, so a column needs 34 px; a narrower box scrolls
	const narrow = width < NARROW;
	return serialise(
		Plot.plot({
			document,
			width: Math.max(width, 68 + totals.length * 34),
			height: 370,
			marginBottom: MARGIN_BOTTOM,
			marginTop: 30,
			style: STYLE,
			x: { label: 'Year published', type: 'band', tickFormat: (d: number) => (narrow ? `’${String(d).slice(2)}` : String(d)) },
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
						// a year of fewer than five inspections: drawn lighter, its N in red above it
						fillOpacity: (d: YearRating) => (d.total >= MIN_INSPECTIONS ? 1 : 0.45),
						title: (d: YearRating) =>
							`${d.year}: ${d.n} of ${d.total} rated ${d.rating}${d.total >= MIN_INSPECTIONS ? ` (${Math.round(d.share * 100)}%)` : ' (too few inspections for a share)'}`
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
						fontSize: MIN_FONT
					})
				),
				Plot.text(totals, {
					x: 'year',
					y: 1,
					text: (d: { total: number }) => `N=${d.total}`,
					dy: -10,
					fill: (d: { total: number }) => (d.total < 5 ? '#801650' : '#0b0c0c'),
					fontWeight: 'bold',
					fontSize: narrow ? MIN_FONT : undefined
				}),
				Plot.ruleY([0])
			]
		}) as Element
	);
}

/** HMIP's own annual totals beside the inspections this dataset holds for the same years. */
export function annualChart(rows: AnnualRow[], { document, width = CHART_WIDTH }: ChartOptions): string {
	// on a phone the two bars' names go over two lines; each bar keeps 50 px, a narrower box scrolls
	const narrow = width < NARROW;
	const years = new Set(rows.map((r) => r.inspection_year)).size;
	return serialise(
		Plot.plot({
			document,
			width: Math.max(width, 80 + years * 100),
			height: 300 + (narrow ? 14 : 0),
			marginBottom: narrow ? 44 : undefined,
			marginLeft: 60,
			style: STYLE,
			fx: { label: 'HMIP inspection year (April to March)' },
			x: {
				label: null,
				domain: ['HMIP annual totals', 'Inspections in this data'],
				tickFormat: (d: string) => (d === 'HMIP annual totals' ? 'HMIP totals' : 'This data').replace(' ', narrow ? '\n' : ' ')
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
						fontSize: MIN_FONT
					})
				),
				Plot.ruleY([0])
			]
		}) as Element
	);
}

/**
 * Share of standard ratings that are Requires improvement or worse, by year and framework,
 * N labelled: a year in which both the 2018 and the 2021 standards were rated has a bar for
 * each, never one share across the two (standard 3.4 means something else in each).
 */
export function standardsTrendChart(rows: StandardYear[], { document, width = CHART_WIDTH }: ChartOptions): string {
	const FW = { 'yos-2018': '2018 standards', 'yjs-2021': '2021 standards' } as Record<string, string>;
	const data = rows.map((r) => ({ ...r, standards: FW[r.framework] ?? r.framework }));
	// on a phone each bar's count is written upwards, so a bar needs 16 px; a narrower box scrolls
	const narrow = width < NARROW;
	const years = new Set(rows.map((r) => r.year)).size;
	const w = Math.max(width, 60 + years * 2 * 18);
	const y = axisLabel('Standard ratings Requires improvement or worse (%)', w);
	return serialise(
		Plot.plot({
			document,
			width: w,
			height: 330 + y.extra + (narrow ? 20 : 0),
			marginBottom: MARGIN_BOTTOM,
			marginTop: 30 + y.extra + (narrow ? 20 : 0),
			style: STYLE,
			fx: { label: 'Year published', tickFormat: (d: number) => (narrow ? `’${String(d).slice(2)}` : String(d)) },
			x: { label: null, axis: null, domain: Object.values(FW) },
			y: { label: y.label, percent: true, domain: [0, 100], grid: true },
			color: { domain: Object.values(FW), range: ['#12436D', '#F46A25'], legend: false },
			marks: [
				Plot.barY(data, {
					fx: 'year',
					x: 'standards',
					y: 'share',
					fill: 'standards',
					// fewer than five inspections behind a bar: drawn lighter (rules/evidence.ts)
					fillOpacity: (d: StandardYear) => (d.inspections >= MIN_INSPECTIONS ? 1 : 0.45),
					title: (d: StandardYear & { standards: string }) =>
						`${d.year}, ${d.standards}: ${d.ri_or_worse} of ${d.rated} standard ratings (from ${d.inspections} inspection${d.inspections === 1 ? '' : 's'})`
				}),
				Plot.text(data, {
					fx: 'year',
					x: 'standards',
					y: 'share',
					text: (d: StandardYear) => `${d.ri_or_worse}/${d.rated}`,
					...(narrow ? { rotate: -90, textAnchor: 'start' as const, dy: -4 } : { dy: -8 }),
					fill: '#0b0c0c',
					fontSize: MIN_FONT
				}),
				Plot.ruleY([0])
			]
		}) as Element
	);
}
