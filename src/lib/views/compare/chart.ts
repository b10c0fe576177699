import * as Plot from '@observablehq/plot';
import {
	CHART_WIDTH,
	PALETTE,
	RATING_COLOURS,
	RATING_INITIALS,
	RATINGS_DISPLAY,
	STYLE,
	charsIn,
	fitLabels,
	labelMargin,
	MIN_FONT,
	ratingText,
	rowHeight,
	wrapLines,
	serialise,
	type ChartOptions,
	MARGIN_BOTTOM
} from '../../charts/theme';
import { kqLabel } from '../profile/chart';
import { colLabel } from './legend';
import type { CompareData } from './query';

/** Standards grid: one column per service, each cell labelled with the rating's initials. */
export function compareStandardsChart(d: CompareData, { document, width = CHART_WIDTH }: ChartOptions): string {
	const names = new Map(d.columns.map((c) => [c.inspection_id, colLabel(c)]));
	const cells = d.standards.map((s) => ({ ...s, service: names.get(s.inspection_id) as string }));
	// one row per standard and meaning: 3.4 of 2018 and 3.4 of 2021 are two rows
	const codes = [...new Set(cells.map((c) => c.standard))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const w = Math.min(width, labelMargin(codes) + 90 + d.columns.length * 150);
	// each service's name wrapped to the width of its column
	const chars = charsIn((w - labelMargin(codes) - 20) / Math.max(1, d.columns.length) - 4);
	const heads = new Map(d.columns.map((c) => [colLabel(c), wrapLines(colLabel(c), chars)]));
	const headLines = Math.max(1, ...[...heads.values()].map((l) => l.length));
	return serialise(
		Plot.plot({
			document,
			width: w,
			height: 60 + (headLines - 1) * 15 + codes.length * 24,
			marginLeft: labelMargin(codes),
			marginTop: 40 + (headLines - 1) * 15,
			style: STYLE,
			x: { label: null, domain: d.columns.map(colLabel), axis: 'top', tickFormat: (s: string) => (heads.get(s) ?? [s]).join('\n') },
			y: { label: 'Standard', domain: codes },
			color: { domain: [...RATINGS_DISPLAY], range: RATINGS_DISPLAY.map((r) => RATING_COLOURS[r]) },
			marks: [
				Plot.cell(cells, {
					x: 'service',
					y: 'standard',
					fill: 'rating',
					inset: 1,
					title: (c: (typeof cells)[number]) => `${c.service}, standard ${c.standard}: ${c.rating}`
				}),
				Plot.text(cells, {
					x: 'service',
					y: 'standard',
					text: (c: (typeof cells)[number]) => RATING_INITIALS[c.rating],
					fill: (c: (typeof cells)[number]) => ratingText(c.rating),
					fontSize: MIN_FONT
				})
			]
		}) as Element
	);
}

const SYMBOLS = ['circle', 'square', 'triangle', 'diamond'];

/** Key questions of each service on one scale. */
export function compareKqChart(d: CompareData, { document, width = CHART_WIDTH }: ChartOptions): string {
	const names = new Map(d.columns.map((c) => [c.inspection_id, colLabel(c)]));
	const rows = d.keyQuestions.map((k) => ({
		...k,
		service: names.get(k.inspection_id) as string,
		label: `${k.code} ${kqLabel({ ...k, standard: k.code.slice(0, 3), discretion: false, cases: null })}`
	}));
	const labels = [...new Set(rows.map((r) => r.label))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
	const services = d.columns.map(colLabel).filter((s) => rows.some((r) => r.service === s));
	const y = fitLabels(labels, width);
	return serialise(
		Plot.plot({
			document,
			width,
			height: 70 + labels.length * rowHeight(y.lines, 22),
			marginBottom: MARGIN_BOTTOM,
			marginLeft: y.margin,
			style: STYLE,
			x: { label: 'Cases judged sufficient (%)', domain: [0, 100], grid: true, ticks: width - y.margin < 220 ? [0, 50, 100] : undefined },
			y: { label: null, domain: labels, tickFormat: y.format },
			color: { domain: services, range: PALETTE.slice(0, services.length) },
			symbol: { domain: services, range: SYMBOLS.slice(0, services.length) },
			marks: [
				Plot.ruleX([50, 65, 80], { stroke: '#b1b4b6', strokeDasharray: '3,3' }),
				Plot.dot(rows, {
					x: 'pct',
					y: 'label',
					fill: 'service',
					symbol: 'service',
					r: 5,
					title: (r: (typeof rows)[number]) => `${r.service}, ${r.code}: ${r.pct}% — "${r.text}"`
				})
			]
		}) as Element
	);
}
