import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildRecommendations } from '$lib/views/recommendations';

export async function load() {
	return { view: await buildRecommendations(await nodeEngine(), {}, serverDocument()) };
}
