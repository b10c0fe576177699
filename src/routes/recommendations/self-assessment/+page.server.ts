import { nodeEngine } from '$lib/db/node';
import { thematicRecommendations } from '$lib/views/recommendations/query';

export async function load() {
	return { thematic: await thematicRecommendations(await nodeEngine()) };
}
