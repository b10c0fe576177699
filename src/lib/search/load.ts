/** The search index, fetched once per page load from the prerendered /search-index.json. */
import { base } from '$app/paths';
import { prepare, type PreparedEntry, type SearchEntry } from './match';

let pending: Promise<PreparedEntry[]> | undefined;

export function loadSearchIndex(): Promise<PreparedEntry[]> {
	pending ??= fetch(`${base}/search-index.json`)
		.then((r) => {
			if (!r.ok) throw new Error(`the list of services (search-index.json) answered ${r.status}`);
			return r.json() as Promise<SearchEntry[]>;
		})
		.then(prepare)
		.catch((e) => {
			pending = undefined; // a later focus tries again
			throw e;
		});
	return pending;
}
