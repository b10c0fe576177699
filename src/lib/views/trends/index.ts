import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { annualChart, standardsTrendChart, trendRatingsChart } from './chart';
import { trends, type TrendsData } from './query';

export interface TrendsView {
	data: TrendsData;
	charts: { ratings: string; annual: string; standards: string };
}

export async function buildTrends(db: Engine, filters: Filters, document: Document): Promise<TrendsView> {
	const data = await trends(db, filters);
	return {
		data,
		charts: {
			ratings: data.byYear.length ? trendRatingsChart(data.byYear, { document }) : '',
			annual: data.annual.length ? annualChart(data.annual, { document }) : '',
			standards: data.standardsByYear.length ? standardsTrendChart(data.standardsByYear, { document }) : ''
		}
	};
}
