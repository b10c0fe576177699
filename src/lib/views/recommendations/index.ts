import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { themesChart } from './chart';
import { recommendations, type RecommendationsData } from './query';

export interface RecommendationsView {
	data: RecommendationsData;
	charts: { themes: string };
}

export async function buildRecommendations(db: Engine, filters: Filters, document: Document): Promise<RecommendationsView> {
	const data = await recommendations(db, filters);
	return {
		data,
		charts: { themes: data.rows.length ? themesChart(data.themes, { document }) : '' }
	};
}
