/** Overview: counts, overall ratings by year and by region, three headline findings. */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';
import { RANKED_SQL, rankStandards, type RankedStandard } from '../standards/query';
import { standardHeadline } from '../standards/titles';
import { shareText } from '../../rules/evidence';

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

interface Findings {
	ranked: RankedStandard[];
	gap: { standards: number; lowest_others: number; inspections: number; reports: string | null } | undefined;
}

/** The standards ranked as /standards ranks them, and the risk-of-harm gap, in view. */
async function headlineQueries(db: Engine, filters: Filters): Promise<Findings> {
	const scope = scopeCte(filters);
	// issued together: the worker queues them, so there is no idle round trip between them
	const [ranked, [gap]] = await Promise.all([
		db.query<Parameters<typeof rankStandards>[0][number]>(RANKED_SQL(scope.sql), scope.params),
		db.query<NonNullable<Findings['gap']>>(
			`WITH ${scope.sql}, per AS (
		   SELECT k.inspection_id, k.standard,
		          max(k.pct) FILTER (WHERE k.theme = 'others-safety') AS others,
		          least(max(k.pct) FILTER (WHERE k.theme = 'desistance'), max(k.pct) FILTER (WHERE k.theme = 'child-safety')) AS rest
		   FROM key_questions k JOIN scope sc USING (inspection_id)
		   GROUP BY ALL)
		 SELECT count(*)::INTEGER AS standards,
		        count(*) FILTER (WHERE others < rest)::INTEGER AS lowest_others,
		        count(DISTINCT inspection_id)::INTEGER AS inspections,
		        (SELECT string_agg(DISTINCT sc.area || ' ' || coalesce(sc.published, ''), '; ') FROM scope sc
		          WHERE sc.inspection_id IN (SELECT inspection_id FROM per WHERE others IS NOT NULL AND rest IS NOT NULL)) AS reports
		 FROM per WHERE others IS NOT NULL AND rest IS NOT NULL`,
			scope.params
		)
	]);
	return { ranked: rankStandards(ranked), gap };
}

/** Three headline findings as sentences: the leading standard, the overall share, the gap. */
export function headlineFindings(overall: { rated: number; bad: number }, { ranked, gap }: Findings): Headline[] {
	const out: Headline[] = [];
	const standard = standardHeadline(ranked);
	if (standard) out.push({ text: standard, href: '/standards' });
	if (overall.rated) {
		out.push({
			text: `${shareText(overall.bad, overall.rated)} inspections in view with an overall rating were rated Requires improvement or Inadequate overall.`,
			href: '/'
		});
	}
	if (gap?.standards) {
		out.push({
			text: `In ${gap.lowest_others} of ${gap.standards} case-based standards in the ${gap.inspections} full report${gap.inspections === 1 ? '' : 's'} in view (${gap.reports}), work to keep other people safe scored lower than both desistance work and work to keep the child safe. Only full reports give these figures.`,
			href: '/risk-of-harm'
		});
	}
	return out;
}
