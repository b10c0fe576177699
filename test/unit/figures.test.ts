/**
 * One snapshot per declared figure (views/<view>/figures.ts), as Observable Plot's own tests
 * keep theirs: the figure's title, subtitle, coverage and what it says when empty, its CSV
 * exactly as the download writes it, and its SVG with numbers rounded, for all inspections and
 * for a filter that leaves few. A change to a figure's words, numbers or drawing shows up as a
 * diff in test/unit/__figures__/ to be read and accepted (`vitest -u`), never silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartCsv } from '../../src/lib/charts/export';
import { CHART_WIDTH, MIN_CHART_WIDTH, MIN_FONT } from '../../src/lib/charts/theme';
import { serverDocument } from '../../src/lib/charts/server';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import type { Filters } from '../../src/lib/filters';
import type { AnyFigure } from '../../src/lib/views/figure';
import { buildDisproportionality } from '../../src/lib/views/disproportionality';
import { DISPROPORTIONALITY_FIGURES } from '../../src/lib/views/disproportionality/figures';
import { buildMap } from '../../src/lib/views/map';
import { MAP_FIGURES } from '../../src/lib/views/map/figures';
import { buildOverview } from '../../src/lib/views/overview';
import { OVERVIEW_FIGURES } from '../../src/lib/views/overview/figures';
import { buildRisk } from '../../src/lib/views/risk-of-harm';
import { RISK_FIGURES } from '../../src/lib/views/risk-of-harm/figures';
import { buildStandards } from '../../src/lib/views/standards';
import { STANDARDS_FIGURES } from '../../src/lib/views/standards/figures';
import { buildTrends } from '../../src/lib/views/trends';
import { TRENDS_FIGURES } from '../../src/lib/views/trends/figures';
import { ROOT } from '../paths';

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(`${ROOT}/data`);
});
afterAll(() => db?.close());

/** Numbers in an SVG rounded to one decimal, so that float noise is not a change. */
const rounded = (svg: string) => svg.replace(/-?\d+\.\d+/g, (m) => String(Math.round(Number(m) * 10) / 10));

function text<V>(f: AnyFigure<V>, v: V): string {
	const c = { whole: false };
	return [
		`title: ${f.title(v, c)}`,
		`subtitle: ${f.subtitle(v, c)}`,
		`coverage: ${f.coverage(v)}`,
		`source: ${f.source?.(v) ?? ''}`,
		`empty: ${f.empty(v)}`,
		'',
		chartCsv(f.columns, f.rows(v))
	].join('\n');
}

const VIEWS: {
	view: string;
	build: (db: Engine, f: Filters, d: Document) => Promise<unknown>;
	figures: AnyFigure<unknown>[];
	/** filters of its own, beside FILTERS */
	more?: [string, Filters][];
}[] = [
	{ view: 'overview', build: buildOverview, figures: OVERVIEW_FIGURES as AnyFigure<unknown>[] },
	{ view: 'standards', build: buildStandards, figures: STANDARDS_FIGURES as AnyFigure<unknown>[] },
	{ view: 'risk-of-harm', build: buildRisk, figures: RISK_FIGURES as AnyFigure<unknown>[] },
	{ view: 'disproportionality', build: buildDisproportionality, figures: DISPROPORTIONALITY_FIGURES as AnyFigure<unknown>[] },
	{ view: 'trends', build: buildTrends, figures: TRENDS_FIGURES as AnyFigure<unknown>[] },
	{
		view: 'map',
		build: buildMap,
		figures: MAP_FIGURES as AnyFigure<unknown>[],
		more: [['inadequate-2021', { rating: 'Inadequate', yearFrom: 2021 }]]
	}
];

const FILTERS: [string, Filters][] = [
	['all', {}],
	['north-west-2021', { region: 'North West', yearFrom: 2021 }]
];

describe.each(VIEWS)('$view', ({ build, figures, more = [] }) => {
	// Two columns may read the same field (a share and its interval), so a table never keys its
	// cells by field; but a CSV header and a table head must still name each column once.
	it('names each column of a figure once', () => {
		for (const f of figures) {
			const labels = f.columns.map((c) => c.label);
			expect(labels, f.name).toEqual([...new Set(labels)]);
		}
	});

	it.each([...FILTERS, ...more])('%s', async (label, filters) => {
		const v = await build(db, filters, serverDocument());
		for (const f of figures) {
			await expect(text(f, v)).toMatchFileSnapshot(`__figures__/${f.name}.${label}.txt`);
			await expect(rounded(f.svg(v))).toMatchFileSnapshot(`__figures__/${f.name}.${label}.svg`);
		}
	});

	// The browser redraws each chart for its box with the figure's `draw`: at the default width
	// it is the chart the build drew; at the narrowest it keeps its text at 12 px or more.
	it.each(FILTERS)('%s: drawn again, the same chart at the default width; readable at the narrowest', async (_, filters) => {
		const document = serverDocument();
		const v = await build(db, filters, document);
		(globalThis as { document?: Document }).document = document;
		try {
			for (const f of figures) {
				if (!f.svg(v)) continue;
				expect(await f.draw(v, { width: CHART_WIDTH, whole: false }), f.name).toBe(f.svg(v));
				if (f.scaled) continue;
				const narrow = await f.draw(v, { width: MIN_CHART_WIDTH, whole: false });
				expect(narrow, f.name).toMatch(/^<svg/);
				expect(
					fontSizes(narrow).filter((s) => s < MIN_FONT),
					`${f.name}: text under ${MIN_FONT}px`
				).toEqual([]);
				expect(svgWidth(narrow), f.name).toBeLessThan(CHART_WIDTH);
			}
		} finally {
			delete (globalThis as { document?: Document }).document;
		}
	});
});

/** Every font size an SVG sets: the chart's style and each font-size attribute, except Plot's unused root default. */
function fontSizes(svg: string): number[] {
	const root = svg.slice(0, svg.indexOf('>'));
	const rootStyle = Number(/font-size:(\d+)px/.exec(root)?.[1]);
	const rest = svg.slice(svg.indexOf('>'));
	return [rootStyle, ...[...rest.matchAll(/font-size="(\d+(?:\.\d+)?)"/g)].map((m) => Number(m[1]))];
}

const svgWidth = (svg: string) => Number(/^<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
