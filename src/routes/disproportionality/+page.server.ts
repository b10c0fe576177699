import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildDisproportionality } from '$lib/views/disproportionality';

export async function load() {
	return { view: await buildDisproportionality(await nodeEngine(), {}, serverDocument()) };
}
