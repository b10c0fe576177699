import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { mostRecent } from '../recent';
import { gapChart, rankingChart } from './chart';
import { GAP_CHART_LIMIT, riskOfHarm, widestGaps, type GapRow, type RiskData } from './query';

export interface RiskView {
	data: RiskData;
	widest: GapRow[];
	charts: { gap: string; ranking: string };
	/** inspections in the gap chart, of those in view (the most recent GAP_CHART_LIMIT) */
	gap: { shown: number; total: number };
}

export async function buildRisk(db: Engine, filters: Filters, document: Document): Promise<RiskView> {
	const data = await riskOfHarm(db, filters);
	const widest = widestGaps(data.rows);
	const recent = mostRecent(data.rows, GAP_CHART_LIMIT);
	return {
		data,
		widest,
		charts: {
			gap: recent.rows.length ? gapChart(recent.rows, { document }) : '',
			ranking: widest.length ? rankingChart(widest, { document }) : ''
		},
		gap: { shown: recent.shown, total: recent.total }
	};
}
