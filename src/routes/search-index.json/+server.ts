/**
 * The index the header's service search uses (src/lib/search): every service and the names it
 * goes by, written as a file when the site is prerendered, so finding a service never waits
 * for (or needs) the data engine.
 */
import { json } from '@sveltejs/kit';
import { nodeEngine } from '$lib/db/node';
import { searchIndex } from '$lib/search/index';

export const prerender = true;

export async function GET() {
	return json(await searchIndex(await nodeEngine()));
}
