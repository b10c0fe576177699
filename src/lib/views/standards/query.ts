/**
 * Standards: how often each is rated Requires improvement or worse, and the service x
 * standard grid. Standard 3.4 means joint working in the 2018 framework and out-of-court
 * policy in 2021, so it is counted per framework; children-and-victims inspections (2024)
 * use other standards and are left out of standard-level views.
 */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { DOMAIN_NAMES, STANDARDS } from '../../rules/framework';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';
import { mostRecent } from '../recent';

export function STANDARD_LABEL(code: string, meaning = 'all'): string {
	const fw = meaning === 'yjs-2021' ? 'yjs-2021' : 'yos-2018';
	const def = STANDARDS[fw].find((s) => s.code === code) ?? STANDARDS['yjs-2021'].find((s) => s.code === code);
	if (!def) return code;
	const domain = def.domain === 2 ? ' (court)' : def.domain === 3 ? ' (out-of-court)' : '';
	const era = code === '3.4' ? (meaning === 'yjs-2021' ? ', 2021 framework' : ', 2018 framework') : '';
	return `${def.name}${domain}${era}`;
}

export interface RankedStandard {
	code: string;
	meaning: string;
	label: string;
	domain: number;
	domain_name: string;
	rated: number;
	ri_or_worse: number;
	inadequate: number;
	share: number;
	from_reports: number;
}

export interface HeatCell {
	inspection_id: string;
	service: string;
	published: string | null;
	framework: string;
	overall_rating: string | null;
	score: number | null;
	provenance: string;
	code: string;
	rating: string;
}

export interface StandardsData {
	coverage: Coverage;
	ranked: RankedStandard[];
	cells: HeatCell[];
}

export const RANKED_SQL = (scope: string) => `
WITH ${scope}
SELECT s.code,
       CASE WHEN s.code = '3.4' THEN sc.framework ELSE 'all' END AS meaning,
       s.domain::INTEGER AS domain,
       count(*)::INTEGER AS rated,
       count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS ri_or_worse,
       count(*) FILTER (WHERE s.rating = 'Inadequate')::INTEGER AS inadequate,
       (count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate')) / count(*))::DOUBLE AS share,
       count(*) FILTER (WHERE sc.provenance = 'report')::INTEGER AS from_reports
FROM standard_ratings s JOIN scope sc USING (inspection_id)
WHERE sc.framework IN ('yos-2018', 'yjs-2021')
GROUP BY ALL
ORDER BY share DESC, ri_or_worse DESC, s.code, meaning`;

export const CELLS_SQL = (scope: string) => `
WITH ${scope}
SELECT sc.inspection_id, sc.area AS service, sc.published, sc.framework, sc.overall_rating,
       sc.score, sc.provenance, s.code, s.rating
FROM standard_ratings s JOIN scope sc USING (inspection_id)
WHERE sc.framework IN ('yos-2018', 'yjs-2021')
ORDER BY sc.area, sc.published, s.code`;

/**
 * How many inspections the heatmap draws. Past this the grid is taller than anyone reads
 * (at 100x one region has about 400 inspections: a chart 9,000 px tall, 1,400 labelled
 * cells to lay out on each filter change); the table and the CSV keep every cell, and the
 * page offers the whole grid on request.
 */
export const HEATMAP_LIMIT = 60;

/** The cells of the `limit` most recently published inspections (views/recent.ts). */
export function recentCells(cells: HeatCell[], limit = HEATMAP_LIMIT): { cells: HeatCell[]; shown: number; total: number } {
	const { rows, shown, total } = mostRecent(cells, limit);
	return { cells: rows, shown, total };
}

export async function standards(db: Engine, filters: Filters): Promise<StandardsData> {
	const scope = scopeCte(filters);
	const [ranked, cells, cov] = await Promise.all([
		db.query<Omit<RankedStandard, 'label' | 'domain_name'>>(RANKED_SQL(scope.sql), scope.params),
		db.query<HeatCell>(CELLS_SQL(scope.sql), scope.params),
		coverage(db, filters, `framework IN ('yos-2018', 'yjs-2021') AND inspection_id IN (SELECT inspection_id FROM standard_ratings)`)
	]);
	return {
		coverage: cov,
		ranked: ranked.map((r) => ({ ...r, label: STANDARD_LABEL(r.code, r.meaning), domain_name: DOMAIN_NAMES[r.domain] })),
		cells
	};
}
