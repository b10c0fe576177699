/**
 * A view's data and charts, live: the prerendered result first, then, whenever the filters in
 * the URL change, the result for them: from the build's precomputed file when one filter is set
 * and the data is as shipped (views/precomputed.ts: no engine needed), otherwise recomputed in
 * the browser (same SQL, same chart code), starting the engine if it is not yet running.
 * Runes class; construct it during component initialisation.
 *
 * It says which filters the result on screen is for (`shownFilters`) and whether that is what
 * the URL asks for (`fresh`): until it is, a figure must not present the result as the answer
 * (ChartFigure shows "Updating for …" and withholds its numbers and downloads).
 */
import { backgroundEngine, browserEngine } from '../db/browser';
import { dbStatus } from '../db/status.svelte';
import type { Engine } from '../db/types';
import { describeFilters, filtersKey, filtersSlug, filtersToSearch, oneChangeAway, type FilterChoices, type Filters } from '../filters';
import { currentFilters } from '../filters.svelte';
import { planFor, singleFilters, type Plan, type PrecomputedView } from './precomputed';
import { dataState, fetchPrecomputed } from './precomputed-client';
import { page } from '$app/state';
import { untrack } from 'svelte';

export type Build<V> = (db: Engine, filters: Filters, document: Document) => Promise<V>;

/**
 * What a figure must know about the result it shows. LiveView is one; /compare, whose
 * results follow ?ids= rather than the filters, makes its own.
 */
export interface Shown {
	/** the result on screen answers what the URL asks for, on the data as loaded now */
	readonly fresh: boolean;
	/** recomputing, or waiting for the engine to (the figure's data-loading) */
	readonly loading: boolean;
	/** why the result the URL asks for could not be computed; '' when nothing failed */
	readonly failure: string;
	/** what the URL asks for, in words ("London, 2021 onwards") */
	readonly wanted: string;
	/** what the result on screen is for, in words, and as a file-name part */
	readonly showing: string;
	readonly slug: string;
	/** the page's address for the result on screen (for exports); '' while prerendering */
	readonly address: string;
	/** what `showing` names: "Filters" unless said otherwise (/compare: the services) */
	readonly label?: string;
}

export class LiveView<V> implements Shown {
	current = $state() as V;
	/** the filters `current` was computed for: none for the prerendered result */
	shownFilters = $state<Filters>({});
	/** recomputing (or waiting for the engine to apply filters from the URL) */
	loading = $state(false);
	/** the last recompute failed (for the filters in the URL) */
	error = $state('');
	filters = $derived(currentFilters());
	/** filters and data version of `current` ('' when nothing is drawn yet: the benchmark's baseline) */
	private shownKey = $state('');
	fresh = $derived(this.shownKey === `${filtersKey(this.filters)}#${dbStatus.dataVersion}`);

	get failure(): string {
		if (this.fresh) return '';
		if (this.error) return this.error;
		return dbStatus.state === 'error' ? `the data engine could not start (${dbStatus.error})` : '';
	}
	get wanted(): string {
		return describeFilters(this.filters);
	}
	get showing(): string {
		return describeFilters(this.shownFilters);
	}
	get slug(): string {
		return filtersSlug(this.shownFilters);
	}
	get address(): string {
		if (typeof location === 'undefined') return '';
		// the page with the filters of the result on screen (and the data location, if any)
		const u = new URL(location.href);
		const keep = new URLSearchParams();
		const data = u.searchParams.get('data');
		if (data) keep.set('data', data);
		return `${u.origin}${u.pathname}${filtersToSearch(this.shownFilters, keep)}`;
	}

	/**
	 * `precomputed`: the name this page's view has in the build's precomputed files (a view that
	 * follows the filters; views/precomputed.ts). Without it every change waits for the engine.
	 */
	constructor(initial: () => V, loader: () => Promise<Build<V>>, precomputed?: PrecomputedView) {
		const first = initial();
		// The benchmark's baseline (?baseline): the usual approach, no prerendered chart; the
		// charts are drawn only once the engine has loaded and answered the query.
		const baseline = typeof location !== 'undefined' && new URLSearchParams(location.search).has('baseline');
		this.current = baseline ? withoutCharts(first) : first;
		// the prerendered result: no filters, the data as shipped (version 0, before the engine loads)
		this.shownKey = baseline ? '' : `${filtersKey({})}#0`;
		let seq = 0;
		// results by filters and data version: going back to a view already seen is instant
		const seen = new Map<string, V>();
		if (!baseline) seen.set(this.shownKey, first);
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
		const choices = () => (page.data as { options?: FilterChoices }).options ?? {};
		// the single filters the build worked out (the same list the build used)
		const offered = $derived(precomputed && !baseline ? singleFilters(choices()) : []);
		const planOf = (f: Filters): Plan => (precomputed && !baseline ? planFor(f, offered, dataState()) : { kind: 'engine' });
		const keyOf = (f: Filters) => `${filtersKey(f)}#${dbStatus.dataVersion}`;
		/**
		 * The result for `f`: from the build's file while the engine is not running and the plan
		 * allows, else from the engine (started if need be). `ahead`: work done in advance, at low
		 * priority (see backgroundEngine), which never starts the engine on its own.
		 */
		const compute = (f: Filters, ahead = false): Promise<V> => {
			const key = keyOf(f);
			const hit = recall(key);
			if (hit) return Promise.resolve(hit);
			let p = pending.get(key);
			if (!p) {
				const plan = planOf(f);
				const fromFile = plan.kind === 'precomputed' && dbStatus.state !== 'ready';
				const viaEngine = () =>
					Promise.all([ahead ? backgroundEngine() : browserEngine('to combine filters'), loader()]).then(([db, build]) =>
						build(db, f, document)
					);
				// a file that cannot be fetched (the link dropped) leaves the engine to answer
				if (fromFile) p = fetchPrecomputed<V>(precomputed!, plan.file).catch((e: unknown) => (ahead ? Promise.reject(e) : viaEngine()));
				else if (ahead && dbStatus.state !== 'ready') return Promise.reject(new Error('the engine is not running'));
				else p = viaEngine();
				p = p
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
		const idle = (fn: () => void) =>
			typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 50);
		let prefetchGen = 0;
		$effect(() => {
			// Work done in advance while the browser is idle, once the reader's own result is on
			// screen, for every combination one change away from the filters as they are (each other
			// region first, the commonest change, then the other controls), so that the next change
			// redraws from memory. With the engine up: all of them, after fetching the chart code.
			// Before it: only those the build worked out (small files), at most PREFETCH_FILES of
			// them, and not when the reader asked to save data. Any filter change stops the round.
			// The worker runs one query at a time, so prefetching while the reader waits would queue
			// in front of what the reader waits for.
			const gen = ++prefetchGen;
			if (baseline || this.loading || dbStatus.state === 'error') return;
			const f = this.filters;
			void dbStatus.dataVersion;
			const ready = dbStatus.state === 'ready';
			let next = oneChangeAway(f, choices());
			if (!ready) {
				const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
				if (saveData) return;
				next = next.filter((n) => planOf(n).kind === 'precomputed').slice(0, PREFETCH_FILES);
			}
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
			if (!ready) idle(() => step(0));
			else
				loader().then(
					() => idle(() => step(0)),
					() => {}
				);
		});
		$effect(() => {
			const f = this.filters;
			const key = keyOf(f);
			const plan = planOf(f);
			// what is on screen changes only here: reading it must not rerun this effect
			const shownKey = untrack(() => this.shownKey);
			const state = dbStatus.state;
			if (key === shownKey) {
				this.loading = false;
				this.error = '';
				return;
			}
			const mine = ++seq;
			const show = (v: V) => {
				this.current = v;
				this.shownFilters = f;
				this.shownKey = key;
				this.loading = false;
				this.error = '';
			};
			const cached = recall(key);
			if (cached) {
				show(cached);
				return;
			}
			// whether the user has imports is being read: a file for the shipped data may be wrong
			if (plan.kind === 'wait') {
				this.loading = true;
				return;
			}
			const viaEngine = !(plan.kind === 'precomputed' && state !== 'ready');
			if (viaEngine && state === 'error') {
				// the figure says the engine could not start (failure), naming the filters
				this.loading = false;
				return;
			}
			// the baseline waits for the engine the layout starts, as before
			if (viaEngine && baseline && state !== 'ready') {
				this.loading = true;
				return;
			}
			this.loading = true;
			this.error = '';
			compute(f)
				.then((v) => {
					if (mine === seq) show(v);
				})
				.catch((e: unknown) => {
					if (mine !== seq) return;
					this.error = e instanceof Error ? e.message : String(e);
					this.loading = false;
				});
		});
	}
}

/** Files of single filters fetched in advance before the engine runs (each a few KB gzipped). */
const PREFETCH_FILES = 12;

function withoutCharts<V>(v: V): V {
	const charts = (v as { charts?: Record<string, string> }).charts;
	if (!charts) return v;
	return { ...v, charts: Object.fromEntries(Object.keys(charts).map((k) => [k, ''])) };
}
