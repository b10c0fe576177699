/**
 * Example queries for the SQL console, one per view of the dashboard: each reproduces (in
 * plain SQL over the loaded tables) the numbers a view charts, so an analyst can start from
 * them. Counts are cast to INTEGER and ratios to DOUBLE, as every query of the app does.
 * A unit test runs each one through the console's guard and through the engine.
 */

export interface Example {
	id: string;
	/** the view it belongs to */
	view: string;
	title: string;
	sql: string;
}

export const EXAMPLES: readonly Example[] = [
	{
		id: 'overview',
		view: 'Overview',
		title: 'Overall ratings by year of publication',
		sql: `-- Overall ratings by year of publication (inspections with an overall rating)
SELECT published_year,
       overall_rating,
       count(*)::INTEGER AS inspections
FROM inspections
WHERE overall_rating IS NOT NULL
GROUP BY published_year, overall_rating
ORDER BY published_year NULLS LAST, overall_rating`
	},
	{
		id: 'standards',
		view: 'Standards',
		title: 'Standards rated Requires improvement or Inadequate (3.4 per framework)',
		sql: `-- How often each standard was rated Requires improvement or Inadequate.
-- 3.4 means "Joint working" in 2018 and "Out-of-court disposal policy" in 2021: kept apart.
SELECT s.code,
       CASE WHEN s.code = '3.4' THEN i.framework ELSE 'all frameworks' END AS framework,
       min(s.name) AS name,
       count(*)::INTEGER AS rated,
       count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS ri_or_worse,
       round(100 * count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate')) / count(*), 1)::DOUBLE AS pct_ri_or_worse
FROM standard_ratings s
JOIN inspections i USING (inspection_id)
WHERE i.framework IN ('yos-2018', 'yjs-2021')
GROUP BY 1, 2
ORDER BY ri_or_worse DESC, s.code`
	},
	{
		id: 'risk-of-harm',
		view: 'Risk of harm',
		title: 'Keeping other people safe minus desistance, per inspection and standard',
		sql: `-- Gap between "keeping other people safe" and desistance key questions (percentage points)
SELECT inspection_id,
       standard,
       max(pct) FILTER (WHERE theme = 'others-safety') AS others_safety_pct,
       max(pct) FILTER (WHERE theme = 'desistance') AS desistance_pct,
       (max(pct) FILTER (WHERE theme = 'others-safety') - max(pct) FILTER (WHERE theme = 'desistance'))::DOUBLE AS gap_points
FROM key_questions
GROUP BY inspection_id, standard
HAVING others_safety_pct IS NOT NULL AND desistance_pct IS NOT NULL
ORDER BY gap_points, inspection_id, standard`
	},
	{
		id: 'disproportionality',
		view: 'Disproportionality',
		title: 'Ethnicity: share of the caseload vs share of the youth population',
		sql: `-- Ethnic composition of each service's caseload against its area's youth population
SELECT inspection_id,
       category,
       max(pct) FILTER (WHERE grp = 'yot') AS caseload_pct,
       max(pct) FILTER (WHERE grp = 'youth-population') AS youth_population_pct,
       round(max(pct) FILTER (WHERE grp = 'yot') / nullif(max(pct) FILTER (WHERE grp = 'youth-population'), 0), 2)::DOUBLE AS ratio
FROM caseload
WHERE dimension = 'ethnicity'
GROUP BY inspection_id, category
ORDER BY inspection_id, category`
	},
	{
		id: 'services',
		view: 'Services',
		title: 'Latest inspection of each service',
		sql: `-- The most recent inspection of each service (undated reference rows last)
SELECT a.name AS service,
       a.region,
       i.inspection_id,
       coalesce(i.published, i.published_year::VARCHAR, i.inspection_year) AS published,
       i.framework,
       i.overall_rating,
       i.score
FROM inspections i
JOIN authorities a USING (authority_id)
QUALIFY row_number() OVER (
  PARTITION BY i.authority_id
  ORDER BY i.published_year DESC NULLS LAST, i.published DESC NULLS LAST, i.inspection_id DESC
) = 1
ORDER BY a.name`
	},
	{
		id: 'recommendations',
		view: 'Recommendations',
		title: 'Recommendations by addressee',
		sql: `-- Who the inspection reports' recommendations are addressed to
SELECT addressee,
       count(*)::INTEGER AS recommendations,
       count(DISTINCT inspection_id)::INTEGER AS inspections
FROM recommendations
GROUP BY addressee
ORDER BY recommendations DESC, addressee`
	},
	{
		id: 'data-model',
		view: 'Data model',
		title: 'Every table and column, with its type',
		sql: `-- The loaded tables and their columns (see the data dictionary above for meanings and units)
SELECT table_name,
       column_name,
       data_type,
       ordinal_position::INTEGER AS position
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position`
	}
];
