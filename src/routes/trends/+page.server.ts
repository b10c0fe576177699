import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildTrends } from '$lib/views/trends';

export async function load() {
	return { view: await buildTrends(await nodeEngine(), {}, serverDocument()) };
}
