/**
 * A view's data and charts, live: the prerendered result first, then recomputed in the
 * browser (same SQL, same chart code) whenever the filters in the URL change and the engine
 * is ready. Runes class; construct it during component initialisation.
 */
import { backgroundEngine, browserEngine } from '../db/browser';
import { dbStatus } from '../db/status.svelte';
import type { Engine } from '../db/types';
import { filtersKey, isEmpty, oneChangeAway, type FilterChoices, type Filters } from '../filters';
import { currentFilters } from '../filters.svelte';
import { page } from '$app/state';

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
		// the prerendered result: no filters, the data as shipped (version 0, before the engine loads)
		let shown = baseline ? '' : `${filtersKey({})}#0`;
		let seq = 0;
		// results by filters and data version: going back to a view already seen is instant
		const seen = new Map<string, V>();
		const pending = new Map<string, Promise<V>>();
		// least recently used first: a hit moves to the end
		const recall = (key: string): V | undefined => {
			const hit = seen.get(key);
			if (hit) {
				seen.delete(key);
				seen.set(key, hit);
			}
			return hit;
		};
		const keyOf = (f: Filters) => `${filtersKey(f)}#${dbStatus.dataVersion}`;
		/** `ahead`: work done in advance, at low priority (see backgroundEngine) */
		const compute = (f: Filters, ahead = false): Promise<V> => {
			const key = keyOf(f);
			const hit = recall(key);
			if (hit) return Promise.resolve(hit);
			let p = pending.get(key);
			if (!p) {
				p = Promise.all([ahead ? backgroundEngine() : browserEngine(), loader()])
					.then(([db, build]) => build(db, f, document))
					.then((v) => {
						if (seen.size > 60) seen.delete(seen.keys().next().value as string);
						seen.set(key, v);
						return v;
					})
					.finally(() => pending.delete(key));
				pending.set(key, p);
			}
			return p;
		};
		let prefetchGen = 0;
		$effect(() => {
			// Once the engine is up: fetch the chart code, then, while the browser is idle, work out
			// the view for every combination one change away from the filters as they are (each
			// other region first, the commonest change, then the other controls), so that the next
			// change redraws from memory. Any filter change stops the round, and a round starts only
			// once the reader's own result is on screen: the worker runs one query at a time, so
			// prefetching then would queue in front of what the reader waits for.
			const gen = ++prefetchGen;
			if (dbStatus.state !== 'ready' || baseline || this.loading) return;
			const f = this.filters;
			void dbStatus.dataVersion;
			const next = oneChangeAway(f, (page.data as { options?: FilterChoices }).options ?? {});
			const idle = (fn: () => void) =>
				typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 50);
			const step = (i: number) => {
				if (gen !== prefetchGen || i >= next.length) return;
				idle(() => {
					if (gen !== prefetchGen) return;
					compute(next[i], true).then(
						() => step(i + 1),
						() => {}
					);
				});
			};
			loader().then(
				() => idle(() => step(0)),
				() => {}
			);
		});
		$effect(() => {
			const f = this.filters;
			const key = keyOf(f);
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
			const cached = recall(key);
			if (cached) {
				this.current = cached;
				shown = key;
				this.loading = false;
				return;
			}
			this.loading = true;
			compute(f)
				.then((v) => {
					if (mine !== seq) return;
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
