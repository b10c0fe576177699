/** Overview: data + charts for one set of filters (build time and browser alike). */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { ratingsByRegion, ratingsByYear } from './chart';
import { overview, type OverviewData } from './query';

export interface OverviewView {
	data: OverviewData;
	charts: { year: string; region: string };
}

export async function buildOverview(db: Engine, filters: Filters, document: Document): Promise<OverviewView> {
	const data = await overview(db, filters);
	return {
		data,
		charts: {
			year: data.byYear.length ? ratingsByYear(data.byYear, { document }) : '',
			region: data.byRegion.length ? ratingsByRegion(data.byRegion, { document }) : ''
		}
	};
}
