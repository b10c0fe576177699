import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeEngine } from '$lib/db/node';
import { filterOptions } from '$lib/queries/options';

export const prerender = true;
export const trailingSlash = 'always';

export async function load() {
	const db = await nodeEngine();
	// the date the data was built (data/manifest.json), which every export states: not the
	// date of the site's build, which says nothing about the data
	const manifest: { built: string } = JSON.parse(readFileSync(join(process.cwd(), 'data', 'manifest.json'), 'utf8'));
	return { options: await filterOptions(db), built: manifest.built.slice(0, 10) };
}
