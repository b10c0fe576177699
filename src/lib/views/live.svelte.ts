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
		this.current = initial();
		let shown = '{}#0';
		let seq = 0;
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
			this.loading = true;
			Promise.all([browserEngine(), loader()])
				.then(([db, build]) => build(db, f, document))
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
