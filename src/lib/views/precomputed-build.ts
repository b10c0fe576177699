/**
 * Build time only (prerender, tests): the filterable views' build functions by the name their
 * files go under, and the filters worked out for each (views/precomputed.ts). The same build
 * functions the pages' +page.server.ts and the browser's engine run.
 */
import { serverDocument } from '../charts/server';
import { nodeEngine } from '../db/node';
import type { Engine } from '../db/types';
import type { Filters } from '../filters';
import { filterOptions } from '../queries/options';
import { buildDisproportionality } from './disproportionality';
import { buildOverview } from './overview';
import { precomputedFile, singleFilters, type PrecomputedView } from './precomputed';
import { buildRisk } from './risk-of-harm';
import { buildStandards } from './standards';
import { buildTrends } from './trends';

export const VIEW_BUILDS: Record<PrecomputedView, (db: Engine, f: Filters, d: Document) => Promise<unknown>> = {
	overview: buildOverview,
	standards: buildStandards,
	'risk-of-harm': buildRisk,
	disproportionality: buildDisproportionality,
	trends: buildTrends
};

/** Every single filter the build works out, by file name; two values with one file name stop the build. */
export async function offeredFilters(db: Engine): Promise<Map<string, Filters>> {
	const out = new Map<string, Filters>();
	for (const f of singleFilters(await filterOptions(db))) {
		const file = precomputedFile(f);
		if (!file) throw new Error(`precomputed views: no file name for ${JSON.stringify(f)}`);
		const before = out.get(file);
		if (before) throw new Error(`precomputed views: ${JSON.stringify(before)} and ${JSON.stringify(f)} would both be ${file}`);
		out.set(file, f);
	}
	return out;
}

export async function precomputedView(view: PrecomputedView, file: string): Promise<{ filters: Filters; view: unknown }> {
	const db = await nodeEngine();
	const filters = (await offeredFilters(db)).get(file);
	if (!filters) throw new Error(`precomputed views: ${file} is not one of the single filters offered`);
	return { filters, view: await VIEW_BUILDS[view](db, filters, serverDocument()) };
}
