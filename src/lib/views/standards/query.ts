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
import { enoughInspections, wilson } from '../../rules/evidence';

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
	outstanding: number;
	good: number;
	ri_or_worse: number;
	inadequate: number;
	share: number;
	/** Wilson 95% interval of the share */
	share_lo: number;
	share_hi: number;
	/** rated by enough inspections (rules/evidence.ts) for its share to be stated */
	enough: boolean;
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
	/** the standard's name in the inspection's framework */
	standard: string;
	/** the heatmap's column: the code, and the framework's year for 3.4 */
	column: string;
	rating: string;
}

export interface StandardsData {
	/** inspections matching the filters, with or without standard-level ratings */
	matching: number;
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
       count(*) FILTER (WHERE s.rating = 'Outstanding')::INTEGER AS outstanding,
       count(*) FILTER (WHERE s.rating = 'Good')::INTEGER AS good,
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
       sc.score, sc.provenance, s.code, s.name AS standard,
       -- 3.4 is joint working in 2018 and out-of-court policy in 2021: never one column
       CASE WHEN s.code = '3.4' THEN '3.4 (' || right(sc.framework, 4) || ')' ELSE s.code END AS "column",
       s.rating
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
	const [ranked, cells, cov, [all]] = await Promise.all([
		db.query<Omit<RankedStandard, 'label' | 'domain_name' | 'share_lo' | 'share_hi' | 'enough'>>(RANKED_SQL(scope.sql), scope.params),
		db.query<HeatCell>(CELLS_SQL(scope.sql), scope.params),
		coverage(db, filters, `framework IN ('yos-2018', 'yjs-2021') AND inspection_id IN (SELECT inspection_id FROM standard_ratings)`),
		db.query<{ n: number }>(`WITH ${scope.sql} SELECT count(*)::INTEGER AS n FROM scope`, scope.params)
	]);
	return { matching: all.n, coverage: cov, ranked: rankStandards(ranked), cells };
}

/**
 * Standards in the order the page states them: those rated by enough inspections for a share
 * (rules/evidence.ts) first, highest share first; then the rest, most often rated first, so a
 * "2 of 2" never heads the chart as if it were the clearest finding.
 */
export function rankStandards(
	rows: Omit<RankedStandard, 'label' | 'domain_name' | 'share_lo' | 'share_hi' | 'enough'>[]
): RankedStandard[] {
	return rows
		.map((r) => {
			const i = wilson(r.ri_or_worse, r.rated);
			return {
				...r,
				label: STANDARD_LABEL(r.code, r.meaning),
				domain_name: DOMAIN_NAMES[r.domain],
				share_lo: i?.lo ?? 0,
				share_hi: i?.hi ?? 0,
				enough: enoughInspections(r.rated)
			};
		})
		.sort(
			(a, b) =>
				Number(b.enough) - Number(a.enough) ||
				(a.enough ? b.share - a.share : 0) ||
				b.rated - a.rated ||
				b.ri_or_worse - a.ri_or_worse ||
				a.code.localeCompare(b.code) ||
				a.meaning.localeCompare(b.meaning)
		);
}
