/**
 * Global filters (DESIGN.md): region, nation, framework, published year range, overall
 * rating. They live in the URL query string so a view can be shared as a link; this module
 * parses and writes that string. Unknown or malformed values are dropped, never trusted.
 */
import { z } from 'zod';

// zod's fast path probes `new Function`, which the site's Content-Security-Policy refuses
// (and reports as a violation): validate without it.
z.config({ jitless: true });
import { FRAMEWORKS, RATINGS } from './schema/extracted';
import { FRAMEWORK_NAMES } from './labels';

export const NATIONS = ['England', 'Wales'] as const;

const year = z.coerce.number().int().min(2000).max(2100);

export const SOURCES = ['report', 'reference', 'imported', 'synthetic'] as const;

export const Filters = z.object({
	region: z.string().max(60).optional(),
	nation: z.enum(NATIONS).optional(),
	framework: z.enum(FRAMEWORKS).optional(),
	yearFrom: year.optional(),
	yearTo: year.optional(),
	rating: z.enum(RATINGS).optional(),
	/** where the inspection comes from (provenance) */
	source: z.enum(SOURCES).optional()
});
export type Filters = z.infer<typeof Filters>;

/** URL parameter for each filter (and the data-filter hook of its control). */
export const PARAMS: Record<keyof Filters, string> = {
	region: 'region',
	nation: 'nation',
	framework: 'framework',
	yearFrom: 'year-from',
	yearTo: 'year-to',
	rating: 'rating',
	source: 'source'
};

export function parseFilters(params: URLSearchParams): Filters {
	const out: Filters = {};
	for (const [key, name] of Object.entries(PARAMS) as [keyof Filters, string][]) {
		const raw = params.get(name);
		if (raw === null || raw === '') continue;
		const parsed = Filters.shape[key].safeParse(raw);
		if (parsed.success && parsed.data !== undefined) (out as Record<string, unknown>)[key] = parsed.data;
	}
	return out;
}

/** The query string for `filters`, keeping any other parameters of `base` (e.g. ?ids=). */
export function filtersToSearch(filters: Filters, base = new URLSearchParams()): string {
	const params = new URLSearchParams(base);
	for (const [key, name] of Object.entries(PARAMS) as [keyof Filters, string][]) {
		const v = filters[key];
		if (v === undefined || v === '') params.delete(name);
		else params.set(name, String(v));
	}
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** One key per combination of filters, whatever the order of the object's keys. */
export function filtersKey(filters: Filters): string {
	return (Object.keys(PARAMS) as (keyof Filters)[]).map((k) => filters[k] ?? '').join('|');
}

/** The values each filter control offers (the region, nation, framework and year lists come from the data). */
export interface FilterChoices {
	regions?: readonly string[];
	nations?: readonly string[];
	frameworks?: readonly string[];
	years?: readonly number[];
}

/**
 * Every combination one change away from `filters`: each other value of each control,
 * including back to "all". Ordered by how often a reader changes each filter (the region
 * first), so that work done in advance in the order given serves the likeliest change first.
 */
export function oneChangeAway(filters: Filters, choices: FilterChoices): Filters[] {
	const values: [keyof Filters, readonly (string | number)[]][] = [
		['region', choices.regions ?? []],
		['framework', (choices.frameworks ?? []).filter((f) => (FRAMEWORKS as readonly string[]).includes(f))],
		['rating', RATINGS],
		['nation', (choices.nations ?? []).filter((n) => (NATIONS as readonly string[]).includes(n))],
		['source', SOURCES],
		['yearFrom', choices.years ?? []],
		['yearTo', choices.years ?? []]
	];
	const out: Filters[] = [];
	for (const [key, vals] of values) {
		for (const v of [undefined, ...vals]) {
			if (v === filters[key]) continue;
			const next = { ...filters, [key]: v } as Filters;
			if (v === undefined) delete next[key];
			// a year range that ends before it starts shows nothing: nobody picks it
			if (next.yearFrom !== undefined && next.yearTo !== undefined && next.yearFrom > next.yearTo) continue;
			out.push(next);
		}
	}
	return out;
}

export function isEmpty(filters: Filters): boolean {
	return Object.values(filters).every((v) => v === undefined);
}

const SOURCE_WORDS: Record<(typeof SOURCES)[number], string> = {
	report: 'from report text',
	reference: 'from published pages',
	imported: 'imported in this browser',
	synthetic: 'synthetic data'
};

/**
 * The filters in words, for titles, captions, exports and file names: "North West, 2021
 * onwards", "Wales, 2019-2022, rated Good"; "all inspections" when none is set.
 */
export function describeFilters(filters: Filters): string {
	const parts: string[] = [];
	if (filters.region) parts.push(filters.region);
	if (filters.nation) parts.push(filters.nation);
	if (filters.framework) parts.push(FRAMEWORK_NAMES[filters.framework] ?? filters.framework);
	const { yearFrom: from, yearTo: to } = filters;
	if (from !== undefined && to !== undefined) parts.push(from === to ? String(from) : `${from}-${to}`);
	else if (from !== undefined) parts.push(`${from} onwards`);
	else if (to !== undefined) parts.push(`up to ${to}`);
	if (filters.rating) parts.push(`rated ${filters.rating}`);
	if (filters.source) parts.push(SOURCE_WORDS[filters.source]);
	return parts.length ? parts.join(', ') : 'all inspections';
}

/** The filters for a file name: "north-west-2021-onwards", "all-inspections". */
export function filtersSlug(filters: Filters): string {
	return (
		describeFilters(filters)
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'filtered'
	);
}
