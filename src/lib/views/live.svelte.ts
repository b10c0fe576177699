/**
 * A view's data and charts, live: the prerendered result first, then recomputed in the
 * browser (same SQL, same chart code) whenever the filters in the URL change and the engine
 * is ready. Runes class; construct it during component initialisation.
 */
import { browserEngine } from '../db/browser';
import { dbStatus } from '../db/status.svelte';
import type { Engine } from '../db/types';
import { isEmpty, type Filters } from '../filters';
import { currentFilters } from '../filters.svelte';

export type Build<V> = (db: Engine, filters: Filters, document: Document) => Promise<V>;

export class LiveView<V> {
	current = $state() as V;
	/** recomputing (or waiting for the engine to apply filters from the URL) */
	loading = $state(false);
	error = $state('');
	filters = $derived(currentFilters());

	constructor(initial: () => V, loader: () => Promise<Build<V>>) {
		const first = initial();
		// The benchmark's baseline (?baseline): the usual approach, no prerendered chart; the
		// charts are drawn only once the engine has loaded and answered the query.
		const baseline = typeof location !== 'undefined' && new URLSearchParams(location.search).has('baseline');
		this.current = baseline ? withoutCharts(first) : first;
		let shown = baseline ? '' : '{}#0';
		let seq = 0;
		// results by filters and data version: going back to a view already seen is instant
		const seen = new Map<string, V>();
		$effect(() => {
			// once the engine is up, fetch the chart code before any filter is touched
			if (dbStatus.state === 'ready') loader().catch(() => {});
		});
		$effect(() => {
			const f = this.filters;
			const key = `${JSON.stringify(f)}#${dbStatus.dataVersion}`;
			if (dbStatus.state !== 'ready') {
				// the prerendered chart shows every inspection: say so until it is recomputed
				this.loading = !isEmpty(f) && dbStatus.state !== 'error';
				return;
			}
			if (key === shown) {
				this.loading = false;
				return;
			}
			const mine = ++seq;
			const cached = seen.get(key);
			if (cached) {
				this.current = cached;
				shown = key;
				this.loading = false;
				return;
			}
			this.loading = true;
			Promise.all([browserEngine(), loader()])
				.then(([db, build]) => build(db, f, document))
				.then((v) => {
					if (mine !== seq) return;
					if (seen.size > 30) seen.delete(seen.keys().next().value as string);
					seen.set(key, v);
					this.current = v;
					shown = key;
					this.loading = false;
					this.error = '';
				})
				.catch((e: unknown) => {
					if (mine !== seq) return;
					this.error = e instanceof Error ? e.message : String(e);
					this.loading = false;
				});
		});
	}
}

function withoutCharts<V>(v: V): V {
	const charts = (v as { charts?: Record<string, string> }).charts;
	if (!charts) return v;
	return { ...v, charts: Object.fromEntries(Object.keys(charts).map((k) => [k, ''])) };
}
