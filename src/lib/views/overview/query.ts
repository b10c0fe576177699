/** Overview: counts, overall ratings by year and by region, three headline findings. */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';
import { STANDARD_LABEL } from '../standards/query';

export interface RatingCount {
	key: string;
	rating: string;
	n: number;
	provenance_report: number;
}

export interface Headline {
	text: string;
	href: string;
}

export interface OverviewData {
	coverage: Coverage;
	undated: number;
	byYear: RatingCount[];
	byRegion: RatingCount[];
	headlines: Headline[];
}

/**
 * Overall ratings by year and by region in one query (GROUPING SETS): the worker runs one
 * query at a time at a fixed cost of several milliseconds each, so one pass over the
 * inspections in view instead of three (year, region, no year) shortens a filter change.
 */
export const RATINGS_SQL = `
	SELECT GROUPING(published_year) = 0 AS by_year,
	       CASE WHEN GROUPING(published_year) = 0 THEN published_year::VARCHAR ELSE region END AS key,
	       overall_rating AS rating, count(*)::INTEGER AS n,
	       count(*) FILTER (WHERE provenance = 'report')::INTEGER AS provenance_report
	FROM scope WHERE overall_rating IS NOT NULL
	GROUP BY GROUPING SETS ((published_year, overall_rating), (region, overall_rating))
	ORDER BY by_year DESC, key, rating`;

const BAD = ['Requires improvement', 'Inadequate'];

export async function overview(db: Engine, filters: Filters): Promise<OverviewData> {
	const scope = scopeCte(filters);
	const [cov, ratings, findings] = await Promise.all([
		coverage(db, filters),
		db.query<RatingCount & { by_year: boolean }>(`WITH ${scope.sql} ${RATINGS_SQL}`, scope.params),
		headlineQueries(db, filters)
	]);
	const strip = ({ key, rating, n, provenance_report }: RatingCount) => ({ key, rating, n, provenance_report });
	const byYear = ratings.filter((r) => r.by_year && r.key !== null).map(strip);
	const byRegion = ratings.filter((r) => !r.by_year).map(strip);
	const undated = ratings.filter((r) => r.by_year && r.key === null).reduce((s, r) => s + r.n, 0);
	// every inspection with an overall rating is in exactly one region group
	const overall = {
		rated: byRegion.reduce((s, r) => s + r.n, 0),
		bad: byRegion.filter((r) => BAD.includes(r.rating)).reduce((s, r) => s + r.n, 0)
	};
	return { coverage: cov, undated, byYear, byRegion, headlines: headlineFindings(overall, findings) };
}

const pct = (n: number, d: number) => `${Math.round((100 * n) / d)}%`;

interface Findings {
	worst: { code: string; meaning: string; rated: number; bad: number } | undefined;
	gap: { standards: number; lowest_others: number; inspections: number } | undefined;
}

/** The standard most often rated Requires improvement or worse, and the risk-of-harm gap, in view. */
async function headlineQueries(db: Engine, filters: Filters): Promise<Findings> {
	const scope = scopeCte(filters);
	// `sql` may continue the WITH list by starting with ", name AS (...)"
	const run = <T>(sql: string) => db.query<T>(`WITH ${scope.sql}${sql.trimStart().startsWith(',') ? '' : ' '}${sql}`, scope.params);
	// issued together: the worker queues them, so there is no idle round trip between them
	const [[worst], [gap]] = await Promise.all([
		run<NonNullable<Findings['worst']>>(
			`SELECT s.code, CASE WHEN s.code = '3.4' THEN sc.framework ELSE 'all' END AS meaning,
		        count(*)::INTEGER AS rated,
		        count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS bad
		 FROM standard_ratings s JOIN scope sc USING (inspection_id)
		 WHERE sc.framework IN ('yos-2018', 'yjs-2021')
		 GROUP BY ALL HAVING count(*) >= 3
		 ORDER BY bad DESC, bad / rated DESC, s.code LIMIT 1`
		),
		run<NonNullable<Findings['gap']>>(
			`, per AS (
		   SELECT k.inspection_id, k.standard,
		          max(k.pct) FILTER (WHERE k.theme = 'others-safety') AS others,
		          least(max(k.pct) FILTER (WHERE k.theme = 'desistance'), max(k.pct) FILTER (WHERE k.theme = 'child-safety')) AS rest
		   FROM key_questions k JOIN scope sc USING (inspection_id)
		   GROUP BY ALL)
		 SELECT count(*)::INTEGER AS standards,
		        count(*) FILTER (WHERE others < rest)::INTEGER AS lowest_others,
		        count(DISTINCT inspection_id)::INTEGER AS inspections
		 FROM per WHERE others IS NOT NULL AND rest IS NOT NULL`
		)
	]);
	return { worst, gap };
}

/** Three headline findings as sentences: the worst standard, the overall share, the gap. */
export function headlineFindings(overall: { rated: number; bad: number }, { worst, gap }: Findings): Headline[] {
	const out: Headline[] = [];
	if (worst) {
		out.push({
			text: `Standard ${worst.code} ${STANDARD_LABEL(worst.code, worst.meaning)} was rated Requires improvement or worse in ${worst.bad} of the ${worst.rated} inspections in view that published a rating for it (${pct(worst.bad, worst.rated)}).`,
			href: '/standards'
		});
	}
	if (overall.rated) {
		out.push({
			text: `${overall.bad} of ${overall.rated} inspections in view (${pct(overall.bad, overall.rated)}) were rated Requires improvement or Inadequate overall.`,
			href: '/'
		});
	}
	if (gap?.standards) {
		out.push({
			text: `In ${gap.lowest_others} of ${gap.standards} case-based standards in the ${gap.inspections} full report${gap.inspections === 1 ? '' : 's'} in view, work to keep other people safe scored lower than both desistance work and work to keep the child safe.`,
			href: '/risk-of-harm'
		});
	}
	return out;
}
