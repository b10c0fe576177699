/**
 * Trends across every source: overall ratings by year (shares and counts, N per year shown),
 * HMIP's published annual totals beside the inspections in the data for the same years, and
 * the share of standards rated Requires improvement or worse year by year.
 */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';

export interface YearRating {
	year: number;
	rating: string;
	n: number;
	total: number;
	share: number;
	report: number;
	reference: number;
}

export interface AnnualRow {
	inspection_year: string;
	source: string;
	rating: string;
	n: number;
}

export interface StandardYear {
	year: number;
	/** the standards rated: 2018 and 2021 frameworks are kept apart (3.4 differs; 4.1 is new) */
	framework: string;
	rated: number;
	ri_or_worse: number;
	share: number;
	inspections: number;
}

export interface TrendsData {
	coverage: Coverage;
	byYear: YearRating[];
	annual: AnnualRow[];
	standardsByYear: StandardYear[];
}

/**
 * HMIP inspection years run April to March. A source's own inspection year wins (a report can
 * be published months after fieldwork); otherwise it is taken from the publication month.
 */
export const INSPECTION_YEAR_SQL = `CASE WHEN inspection_year IS NOT NULL OR published IS NULL THEN inspection_year
  WHEN CAST(right(published, 2) AS INTEGER) >= 4 THEN left(published, 4) || '-' || right(CAST(CAST(left(published, 4) AS INTEGER) + 1 AS VARCHAR), 2)
  ELSE CAST(CAST(left(published, 4) AS INTEGER) - 1 AS VARCHAR) || '-' || right(left(published, 4), 2) END`;

export async function trends(db: Engine, filters: Filters): Promise<TrendsData> {
	const scope = scopeCte(filters);
	const run = <T>(sql: string) =>
		db.query<T>(`WITH ${scope.sql}${sql.trimStart().startsWith(',') ? '' : ' '}${sql.trimStart()}`, scope.params);
	const [byYear, annual, standardsByYear, cov] = await Promise.all([
		run<YearRating>(`
			SELECT published_year AS year, overall_rating AS rating, count(*)::INTEGER AS n,
			       (sum(count(*)) OVER (PARTITION BY published_year))::INTEGER AS total,
			       (count(*) / sum(count(*)) OVER (PARTITION BY published_year))::DOUBLE AS share,
			       count(*) FILTER (WHERE provenance = 'report')::INTEGER AS report,
			       count(*) FILTER (WHERE provenance = 'reference')::INTEGER AS reference
			FROM scope WHERE published_year IS NOT NULL AND overall_rating IS NOT NULL
			GROUP BY published_year, overall_rating ORDER BY year, rating`),
		run<AnnualRow>(`
			, ours AS (SELECT ${INSPECTION_YEAR_SQL} AS inspection_year, overall_rating FROM scope WHERE overall_rating IS NOT NULL AND framework = 'yos-2018')
			SELECT g.inspection_year, 'HMIP annual totals' AS source, r.rating,
			       CASE r.rating WHEN 'Outstanding' THEN g.outstanding WHEN 'Good' THEN g.good
			                     WHEN 'Requires improvement' THEN g.requires_improvement ELSE g.inadequate END::INTEGER AS n
			FROM annual_aggregates g, (VALUES ('Outstanding'), ('Good'), ('Requires improvement'), ('Inadequate')) r(rating)
			UNION ALL
			SELECT g.inspection_year, 'Inspections in this data', r.rating,
			       (SELECT count(*) FROM ours o WHERE o.inspection_year = g.inspection_year AND o.overall_rating = r.rating)::INTEGER
			FROM annual_aggregates g, (VALUES ('Outstanding'), ('Good'), ('Requires improvement'), ('Inadequate')) r(rating)
			ORDER BY 1, 2, 3`),
		run<StandardYear>(`
			SELECT sc.published_year AS year, sc.framework, count(*)::INTEGER AS rated,
			       count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS ri_or_worse,
			       (count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate')) / count(*))::DOUBLE AS share,
			       count(DISTINCT s.inspection_id)::INTEGER AS inspections
			FROM standard_ratings s JOIN scope sc USING (inspection_id)
			WHERE sc.published_year IS NOT NULL AND sc.framework IN ('yos-2018', 'yjs-2021')
			GROUP BY sc.published_year, sc.framework ORDER BY year, framework`),
		coverage(db, filters)
	]);
	return { coverage: cov, byYear, annual, standardsByYear };
}
