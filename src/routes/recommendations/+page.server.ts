import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildRecommendations } from '$lib/views/recommendations';
import { thematicRecommendations } from '$lib/views/recommendations/query';

export async function load() {
	const db = await nodeEngine();
	const [view, thematic] = await Promise.all([buildRecommendations(db, {}, serverDocument()), thematicRecommendations(db)]);
	return { view, thematic };
}
