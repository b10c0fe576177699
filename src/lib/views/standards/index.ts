import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { heatmapChart, rankedChart } from './chart';
import { standards, type StandardsData } from './query';

export interface StandardsView {
	data: StandardsData;
	charts: { ranked: string; heatmap: string };
}

export async function buildStandards(db: Engine, filters: Filters, document: Document): Promise<StandardsView> {
	const data = await standards(db, filters);
	return {
		data,
		charts: {
			ranked: data.ranked.length ? rankedChart(data.ranked, { document }) : '',
			heatmap: data.cells.length ? heatmapChart(data.cells, { document }) : ''
		}
	};
}
