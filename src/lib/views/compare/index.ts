import type { Engine } from '../../db/types';
import { compareKqChart, compareStandardsChart } from './chart';
import { compare, type CompareData } from './query';

export interface CompareView {
	data: CompareData;
	charts: { standards: string; kq: string };
}

export async function buildCompare(db: Engine, ids: string[], document: Document): Promise<CompareView> {
	const data = await compare(db, ids);
	return {
		data,
		charts: {
			standards: data.standards.length ? compareStandardsChart(data, { document }) : '',
			kq: data.keyQuestions.length ? compareKqChart(data, { document }) : ''
		}
	};
}
