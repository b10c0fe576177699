/**
 * Views worked out at build time for one filter, so that a shared link with one filter and the
 * first change of one filter are drawn without the engine (issue 15). The prerender runs each
 * filterable view's `build` (same SQL, same chart code) for every single-filter value the
 * controls offer and writes the result as a static JSON file (routes/precomputed); the browser
 * fetches it when the filters in the URL are exactly one of those. Pure: no Svelte, no engine.
 *
 * The files hold the view's result as `build` returns it (the data and the chart SVGs), not
 * just the rows: drawing from rows would need Plot and the chart code in the browser before the
 * first filter change (about 100 KB gzipped more, and their parse time on a slow CPU), while the
 * SVG of one filter's charts is a few KB gzipped. And the result is then byte for byte what the
 * engine gives, so titles, tables and downloads come from the same figure declarations.
 */
import { FRAMEWORKS, RATINGS } from '../schema/extracted';
import { NATIONS, PARAMS, SOURCES, type FilterChoices, type Filters } from '../filters';

/** The pages whose views follow the filters, by the name used in the files' addresses. */
export const PRECOMPUTED_VIEWS = ['overview', 'standards', 'risk-of-harm', 'disproportionality', 'trends'] as const;
export type PrecomputedView = (typeof PRECOMPUTED_VIEWS)[number];

/** Where the files are, under the site's base path. */
export const PRECOMPUTED_DIR = 'precomputed';

/**
 * Every filters object with exactly one filter set, to a value the controls offer: each region,
 * nation, framework, overall rating, source, and each year as the lower and as the upper bound.
 */
export function singleFilters(choices: FilterChoices): Filters[] {
	const values: [keyof Filters, readonly (string | number)[]][] = [
		['region', choices.regions ?? []],
		['nation', (choices.nations ?? []).filter((n) => (NATIONS as readonly string[]).includes(n))],
		['framework', (choices.frameworks ?? []).filter((f) => (FRAMEWORKS as readonly string[]).includes(f))],
		['rating', RATINGS],
		['source', SOURCES],
		['yearFrom', choices.years ?? []],
		['yearTo', choices.years ?? []]
	];
	return values.flatMap(([key, vals]) => vals.map((v) => ({ [key]: v }) as Filters));
}

/**
 * The file name for one filter: `<param>-<value>.json` with the value made safe for a path
 * ("region-north-west.json", "year-from-2019.json"); null when not exactly one filter is set.
 */
export function precomputedFile(filters: Filters): string | null {
	const set = (Object.keys(PARAMS) as (keyof Filters)[]).filter((k) => filters[k] !== undefined && filters[k] !== '');
	if (set.length !== 1) return null;
	const key = set[0];
	const value = String(filters[key])
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	if (!value) return null;
	return `${PARAMS[key]}-${value}.json`;
}

/** What the data loaded now is, as far as choosing a source of results goes. */
export interface DataState {
	/** the user's own imports are (or may be) loaded: true, false, or null while not yet known */
	imports: boolean | null;
	/** the data comes from another address (?data=) */
	external: boolean;
	/** the engine's data version (bumped when the loaded data changes) */
	dataVersion: number;
}

/**
 * Where the result for `filters` comes from:
 * - `prerendered`: no filter, the data as shipped: the page's own HTML holds it;
 * - `precomputed`: one filter that the build worked out, the data as shipped: fetch `file`;
 * - `engine`: anything else (a combination, a value the build did not offer, imports or another
 *   dataset, which the build's files do not describe);
 * - `wait`: whether the user has imports is not known yet (stored imports are being read):
 *   a file for the shipped data might be the wrong answer, so nothing is shown as the answer.
 */
export type Plan = { kind: 'prerendered' } | { kind: 'precomputed'; file: string } | { kind: 'engine' } | { kind: 'wait' };

export function planFor(filters: Filters, offered: readonly Filters[], data: DataState): Plan {
	if (data.external || data.imports === true || data.dataVersion !== 0) return { kind: 'engine' };
	const file = precomputedFile(filters);
	const none = (Object.keys(PARAMS) as (keyof Filters)[]).every((k) => filters[k] === undefined);
	if (none) return { kind: 'prerendered' };
	if (!file || !offered.some((o) => precomputedFile(o) === file && sameFilters(o, filters))) return { kind: 'engine' };
	if (data.imports === null) return { kind: 'wait' };
	return { kind: 'precomputed', file };
}

function sameFilters(a: Filters, b: Filters): boolean {
	return (Object.keys(PARAMS) as (keyof Filters)[]).every((k) => (a[k] ?? undefined) === (b[k] ?? undefined));
}

/** The address of a view's file for one filter. */
export function precomputedPath(base: string, view: PrecomputedView, file: string): string {
	return `${base}/${PRECOMPUTED_DIR}/${view}/${file}`;
}

/**
 * Whether to start the engine in idle time, unasked: not when the reader asked to save data,
 * nor on a link that looks metered or slow (cellular, or an effective type below 4g): the
 * engine is 8 MB gzipped, over a minute at 1 Mbps, and would compete with what the reader asks
 * for; nor when this page's own document arrived slower than IDLE_START_MIN_MBPS
 * (`measuredMbps`). Where nothing says so, start it. `downlink` is not used: Chromium's estimate
 * read 1.3 Mbps over loopback here, and the DevTools network emulation leaves it unchanged.
 */
export interface ConnectionInfo {
	saveData?: boolean;
	effectiveType?: string;
	type?: string;
}

/** Below this measured speed the engine is not fetched unasked (8 MB take 13 s at 5 Mbps). */
export const IDLE_START_MIN_MBPS = 5;

/**
 * The link's speed as this page's own document arrived (Navigation Timing: bytes transferred
 * over the time from first byte to last, so a busy server's thinking time does not count), in Mbps; null when the document was too small to
 * tell (under 32 KB) or came from a cache. Chromium's DevTools throttling leaves
 * navigator.connection at "4g", and a real slow link may too: the page's own arrival is the
 * measure the browser cannot misreport.
 */
export function measuredMbps(nav: { transferSize?: number; responseStart?: number; responseEnd?: number } | undefined): number | null {
	if (!nav || !nav.transferSize || nav.transferSize < 32_768 || !nav.responseStart || !nav.responseEnd) return null;
	const ms = nav.responseEnd - nav.responseStart;
	if (ms <= 0) return null;
	return (nav.transferSize * 8) / (ms * 1000);
}

export function startEngineWhenIdle(c: ConnectionInfo | undefined, mbps: number | null = null): boolean {
	if (mbps !== null && mbps < IDLE_START_MIN_MBPS) return false;
	if (!c) return true;
	if (c.saveData) return false;
	if (c.type === 'cellular') return false;
	if (c.effectiveType && c.effectiveType !== '4g') return false;
	return true;
}
