import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildStandards } from '$lib/views/standards';

export async function load() {
	return { view: await buildStandards(await nodeEngine(), {}, serverDocument()) };
}
