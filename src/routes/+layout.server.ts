import { nodeEngine } from '$lib/db/node';
import { filterOptions } from '$lib/queries/options';

export const prerender = true;
export const trailingSlash = 'always';

export async function load() {
	const db = await nodeEngine();
	return { options: await filterOptions(db), built: new Date().toISOString().slice(0, 10) };
}
