/**
 * One filterable view for one filter, worked out at build time (views/precomputed.ts): the
 * browser draws a shared link with one filter, and the first change of one filter, from this
 * file, before (or without) the engine.
 */
import { error, json } from '@sveltejs/kit';
import { nodeEngine } from '$lib/db/node';
import { PRECOMPUTED_VIEWS, type PrecomputedView } from '$lib/views/precomputed';
import { offeredFilters, precomputedView } from '$lib/views/precomputed-build';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;
export const trailingSlash = 'never';

export const entries: EntryGenerator = async () => {
	const files = [...(await offeredFilters(await nodeEngine())).keys()];
	return PRECOMPUTED_VIEWS.flatMap((view) => files.map((file) => ({ view, file })));
};

export const GET: RequestHandler = async ({ params }) => {
	if (!(PRECOMPUTED_VIEWS as readonly string[]).includes(params.view)) error(404, `no precomputed view "${params.view}"`);
	return json(await precomputedView(params.view as PrecomputedView, params.file));
};
