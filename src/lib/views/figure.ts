/**
 * A figure, declared once in its view's folder and shared by the prerender, the browser and
 * the tests: what it is called (the `data-chart` hook), how its title, subtitle and coverage
 * are worked out from the view's result (through the evidence rules), its chart, its rows and
 * table columns, its legend and, for charts that draw only the most recent inspections, the
 * cap, with `draw` for the whole chart or another width. Pages are prose plus `<Figures>` over a view's list; `test/unit/figures.test.ts` holds
 * one snapshot per figure. No Plot import here or in a view's `figures.ts`: a page imports
 * them before any chart code (the whole chart, when asked for, loads the chart code then).
 */
import type { CsvColumn } from '../charts/export';
import type { LegendItem } from '../charts/theme';
import type { Coverage } from '../queries/coverage';

export interface Figure<V, R extends object = object> {
	/** `<figure data-chart="NAME">` */
	name: string;
	/** `whole`: the reader asked for the whole of a capped chart */
	title: (v: V, c: { whole: boolean }) => string;
	subtitle: (v: V, c: { whole: boolean }) => string;
	/** the chart as the view's build drew it (prerendered, then redrawn in the browser) */
	svg: (v: V) => string;
	/**
	 * The same chart drawn `width` px wide (imports the chart code on demand): the browser
	 * redraws a chart for the width of its figure. `whole`: every inspection, for a capped chart.
	 */
	draw: (v: V, o: { width: number; whole: boolean }) => Promise<string>;
	/**
	 * Drawn once and scaled to its box rather than drawn for it (the map: its geometry is the
	 * point); its own style keeps its text 12 px or more down to its minimum width, and it
	 * scrolls in its box below that. The browser tests measure that text as shown.
	 */
	scaled?: true;
	/** the rows behind the chart: its table and its CSV */
	rows: (v: V) => R[];
	columns: CsvColumn<R>[];
	/** what it covers ("9 inspections match the filters; 2 of them ...") */
	coverage: (v: V) => string;
	/** the coverage its source line and addresses are made from */
	sources?: (v: V) => Coverage;
	/** the source line, for a figure whose rows are not inspections (HMIP's annual totals); beside `sources`, a credit after it (the map's hex map) */
	source?: (v: V) => string;
	legend?: (v: V) => LegendItem[];
	/** file names: <fileBase>-<filters>.csv */
	fileBase: string;
	/** said instead of the chart when nothing is left to draw ('' when there is) */
	empty: (v: V) => string;
	/** a chart that draws only the most recent inspections (views/recent.ts), the whole on request */
	cap?: {
		shown: (v: V) => number;
		total: (v: V) => number;
	};
}

/** A figure of any row type, for lists of a view's figures. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFigure<V> = Figure<V, any>;

/** Declare a figure with its row type checked against its columns. */
export function figure<V, R extends object>(f: Figure<V, R>): Figure<V, R> {
	return f;
}
