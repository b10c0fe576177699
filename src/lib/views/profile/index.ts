/** A service's profile: data, charts per inspection with report text, and its neighbours. */
import type { Engine } from '../../db/types';
import { caseloadChart, contextChart, findingsChart, kqChart } from './chart';
import { METRIC_LABELS } from './legend';
import { neighboursOf, type Neighbour } from './neighbours';
import { measuredServices, profile, type ProfileData } from './query';

export interface ProfileView {
	data: ProfileData;
	neighbours: Neighbour[];
	/** services with context measures at all: the pool neighbours are drawn from */
	pool: number;
	charts: Record<string, { kq: string; context: string; caseload: string; findings: string }>;
}

export async function buildProfile(db: Engine, authorityId: string, document: Document): Promise<ProfileView | null> {
	const data = await profile(db, authorityId);
	if (!data) return null;
	const measured = await measuredServices(db);
	const charts: ProfileView['charts'] = {};
	for (const ins of data.inspections) {
		const id = ins.inspection_id;
		const kqs = data.keyQuestions.filter((k) => k.inspection_id === id);
		const ctx = data.context.filter((c) => c.inspection_id === id);
		const cl = data.caseload.filter((c) => c.inspection_id === id);
		const fs = data.findings.filter((f) => f.inspection_id === id);
		charts[id] = {
			kq: kqs.length ? kqChart(kqs, { document }) : '',
			context: ctx.some((c) => c.scope === 'national') ? contextChart(ctx, METRIC_LABELS, { document }) : '',
			caseload: cl.length ? caseloadChart(cl, { document }) : '',
			findings: fs.some((f) => f.proportion !== null) ? findingsChart(fs, { document }) : ''
		};
	}
	return { data, neighbours: neighboursOf(authorityId, measured).slice(0, 5), pool: measured.length, charts };
}
