import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { rriChart } from './chart';
import { disproportionality, type DisproportionalityData } from './query';

export interface DisproportionalityView {
	data: DisproportionalityData;
	charts: { rri: string };
}

export async function buildDisproportionality(db: Engine, filters: Filters, document: Document): Promise<DisproportionalityView> {
	const data = await disproportionality(db, filters);
	return { data, charts: { rri: data.rows.some((r) => r.rri !== null) ? rriChart(data.rows, { document }) : '' } };
}
