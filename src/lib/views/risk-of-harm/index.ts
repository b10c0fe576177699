import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { gapChart, rankingChart } from './chart';
import { riskOfHarm, widestGaps, type GapRow, type RiskData } from './query';

export interface RiskView {
	data: RiskData;
	widest: GapRow[];
	charts: { gap: string; ranking: string };
}

export async function buildRisk(db: Engine, filters: Filters, document: Document): Promise<RiskView> {
	const data = await riskOfHarm(db, filters);
	const widest = widestGaps(data.rows);
	return {
		data,
		widest,
		charts: {
			gap: data.rows.length ? gapChart(data.rows, { document }) : '',
			ranking: widest.length ? rankingChart(widest, { document }) : ''
		}
	};
}
