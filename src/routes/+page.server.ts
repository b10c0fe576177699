import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildOverview } from '$lib/views/overview';

export async function load() {
	return { view: await buildOverview(await nodeEngine(), {}, serverDocument()) };
}
