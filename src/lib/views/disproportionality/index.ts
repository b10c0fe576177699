import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { mostRecent } from '../recent';
import { rriChart } from './chart';
import { disproportionality, RRI_CHART_LIMIT, type DisproportionalityData } from './query';

export interface DisproportionalityView {
	data: DisproportionalityData;
	charts: { rri: string };
	/** inspections in the chart (those with an index), of those in view: the most recent RRI_CHART_LIMIT */
	rri: { shown: number; total: number };
}

export async function buildDisproportionality(db: Engine, filters: Filters, document: Document): Promise<DisproportionalityView> {
	const data = await disproportionality(db, filters);
	const recent = mostRecent(
		data.rows.filter((r) => r.rri !== null),
		RRI_CHART_LIMIT
	);
	return {
		data,
		charts: { rri: recent.rows.length ? rriChart(recent.rows, { document }) : '' },
		rri: { shown: recent.shown, total: recent.total }
	};
}
