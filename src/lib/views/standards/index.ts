import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { heatmapChart, rankedChart } from './chart';
import { recentCells, standards, type StandardsData } from './query';

export interface StandardsView {
	data: StandardsData;
	charts: { ranked: string; heatmap: string };
	/** inspections in the heatmap, of those in view (the most recent HEATMAP_LIMIT) */
	heatmap: { shown: number; total: number };
}

export async function buildStandards(db: Engine, filters: Filters, document: Document): Promise<StandardsView> {
	const data = await standards(db, filters);
	const recent = recentCells(data.cells);
	return {
		data,
		charts: {
			ranked: data.ranked.length ? rankedChart(data.ranked, { document }) : '',
			heatmap: recent.cells.length ? heatmapChart(recent.cells, { document }) : ''
		},
		heatmap: { shown: recent.shown, total: recent.total }
	};
}
