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

const byKey = (key: string, where = 'TRUE') => `
	SELECT ${key} AS key, overall_rating AS rating, count(*)::INTEGER AS n,
	       count(*) FILTER (WHERE provenance = 'report')::INTEGER AS provenance_report
	FROM scope WHERE overall_rating IS NOT NULL AND ${where}
	GROUP BY ALL ORDER BY key, rating`;

export async function overview(db: Engine, filters: Filters): Promise<OverviewData> {
	const scope = scopeCte(filters);
	const run = <T>(sql: string) => db.query<T>(`WITH ${scope.sql} ${sql}`, scope.params);
	const [cov, byYear, byRegion, undated, headlines] = await Promise.all([
		coverage(db, filters),
		run<RatingCount>(byKey('published_year::VARCHAR', 'published_year IS NOT NULL')),
		run<RatingCount>(byKey('region')),
		run<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM scope WHERE published_year IS NULL AND overall_rating IS NOT NULL`),
		headlineFindings(db, filters)
	]);
	return { coverage: cov, undated: undated[0].n, byYear, byRegion, headlines };
}

const pct = (n: number, d: number) => `${Math.round((100 * n) / d)}%`;

export async function headlineFindings(db: Engine, filters: Filters): Promise<Headline[]> {
	const scope = scopeCte(filters);
	// `sql` may continue the WITH list by starting with ", name AS (...)"
	const run = <T>(sql: string) => db.query<T>(`WITH ${scope.sql}${sql.trimStart().startsWith(',') ? '' : ' '}${sql}`, scope.params);
	// issued together: the worker queues them, so there is no idle round trip between them
	const [[overall], [worst], [gap]] = await Promise.all([
		run<{ rated: number; bad: number }>(
			`SELECT count(*)::INTEGER AS rated,
		        count(*) FILTER (WHERE overall_rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS bad
		 FROM scope WHERE overall_rating IS NOT NULL`
		),
		run<{ code: string; meaning: string; rated: number; bad: number }>(
			`SELECT s.code, CASE WHEN s.code = '3.4' THEN sc.framework ELSE 'all' END AS meaning,
		        count(*)::INTEGER AS rated,
		        count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS bad
		 FROM standard_ratings s JOIN scope sc USING (inspection_id)
		 WHERE sc.framework IN ('yos-2018', 'yjs-2021')
		 GROUP BY ALL HAVING count(*) >= 3
		 ORDER BY bad DESC, bad / rated DESC, s.code LIMIT 1`
		),
		run<{ standards: number; lowest_others: number; inspections: number }>(
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
