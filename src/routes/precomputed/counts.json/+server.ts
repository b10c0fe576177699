/**
 * How many inspections each single filter leaves (the filter bar's count before the engine):
 * one small file for every filter the build works out (views/precomputed.ts).
 */
import { json } from '@sveltejs/kit';
import { nodeEngine } from '$lib/db/node';
import { countMatching } from '$lib/queries/options';
import { offeredFilters } from '$lib/views/precomputed-build';

export const prerender = true;

export async function GET() {
	const db = await nodeEngine();
	const counts: Record<string, number> = {};
	for (const [file, filters] of await offeredFilters(db)) counts[file] = await countMatching(db, filters);
	return json(counts);
}
