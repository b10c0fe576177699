/** The filters of the current URL (empty while prerendering: the query string is unknown then). */
import { browser } from '$app/environment';
import { page } from '$app/state';
import { PARAMS, parseFilters, type Filters } from './filters';

export function currentFilters(): Filters {
	return browser ? parseFilters(page.url.searchParams) : {};
}

/** The filter part of the current query string, to carry filters across links. */
export function filterSearch(): string {
	if (!browser) return '';
	const p = new URLSearchParams();
	// the filters, and the data location (?data=) so a link stays on the same dataset
	for (const [k, v] of page.url.searchParams) if (Object.values(PARAMS).includes(k) || k === 'data') p.set(k, v);
	const s = p.toString();
	return s ? `?${s}` : '';
}
