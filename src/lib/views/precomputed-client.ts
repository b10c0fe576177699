/**
 * The browser's side of views/precomputed.ts: fetch a view's result for one filter, and the
 * count each single filter leaves, from the files the build wrote. Memoised per page load.
 */
import { base } from '$app/paths';
import { dataBase } from '../db/browser';
import { dbStatus } from '../db/status.svelte';
import { PRECOMPUTED_DIR, precomputedPath, type DataState, type PrecomputedView } from './precomputed';

/** What the loaded data is now (reactive: reads dbStatus). */
export function dataState(): DataState {
	return { imports: dbStatus.imports, external: dataBase() !== null, dataVersion: dbStatus.dataVersion };
}

async function getJson<T>(url: string): Promise<T> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
	return (await res.json()) as T;
}

/** The view's result for one filter, as the build worked it out. */
export async function fetchPrecomputed<V>(view: PrecomputedView, file: string): Promise<V> {
	const got = await getJson<{ view: V }>(precomputedPath(base, view, file));
	return got.view;
}

let counts: Promise<Record<string, number>> | undefined;

/** How many inspections the single filter of `file` leaves, or null if the build did not count it. */
export async function precomputedCount(file: string): Promise<number | null> {
	counts ??= getJson<Record<string, number>>(`${base}/${PRECOMPUTED_DIR}/counts.json`);
	counts.catch(() => (counts = undefined));
	return (await counts)[file] ?? null;
}
