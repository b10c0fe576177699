/**
 * Disproportionality: relative rate index (RRI) = share of the service's caseload in a group
 * / share of the area's 10-17 population in that group. A 95% interval (Katz log method for
 * a ratio of two proportions) needs counts: the caseload total and the youth population.
 * Small numbers are suppressed (SUPPRESS_BELOW). Groups are the reports' own: "black and
 * minority ethnic" is their pooled category, labelled as such, never pooled further here.
 */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';

/** Fewer children than this in the caseload group: no index, no interval. */
export const SUPPRESS_BELOW = 5;

export const CATEGORY_LABELS: Record<string, string> = {
	white: 'White',
	bame: 'Black and minority ethnic (pooled, as the reports group them)',
	unknown: 'Ethnicity not known',
	male: 'Male',
	female: 'Female',
	'10-14': 'Aged 10-14',
	'15-17': 'Aged 15-17'
};

export interface RawShare {
	inspection_id: string;
	service: string;
	published: string | null;
	provenance: string;
	dimension: string;
	category: string;
	yot_pct: number;
	pop_pct: number | null;
	/** how the population share was obtained */
	pop_source: 'report table' | 'derived from population counts' | null;
	national_pct: number | null;
	caseload_total: number | null;
	youth_population: number | null;
	unknown_pct: number | null;
}

export interface RriRow extends RawShare {
	label: string;
	rri: number | null;
	ci_low: number | null;
	ci_high: number | null;
	yot_n: number | null;
	status: 'ok' | 'no-interval' | 'suppressed' | 'no-population';
	note: string;
}

export interface DisproportionalityData {
	coverage: Coverage;
	rows: RriRow[];
}

export const SHARES_SQL = (scope: string) => `
WITH ${scope},
ctx AS (
  SELECT inspection_id,
         max(value) FILTER (WHERE metric = 'caseload-total' AND scope = 'local') AS caseload_total,
         max(value) FILTER (WHERE metric = 'population-youth' AND scope = 'local') AS youth_population,
         max(value) FILTER (WHERE metric = 'population-youth-bame' AND scope = 'local') AS youth_bame
  FROM context_metrics GROUP BY ALL),
pop AS (
  SELECT inspection_id, category, pct FROM caseload WHERE grp = 'youth-population' AND dimension = 'ethnicity'),
derived AS (
  SELECT inspection_id, 'bame' AS category, 100.0 * youth_bame / youth_population AS pct FROM ctx
  WHERE youth_bame IS NOT NULL AND youth_population > 0
  UNION ALL
  SELECT inspection_id, 'white', 100.0 - 100.0 * youth_bame / youth_population FROM ctx
  WHERE youth_bame IS NOT NULL AND youth_population > 0)
SELECT c.inspection_id, sc.area AS service, sc.published, sc.provenance, c.dimension, c.category,
       c.pct::DOUBLE AS yot_pct,
       coalesce(p.pct, d.pct)::DOUBLE AS pop_pct,
       CASE WHEN p.pct IS NOT NULL THEN 'report table' WHEN d.pct IS NOT NULL THEN 'derived from population counts' END AS pop_source,
       n.pct::DOUBLE AS national_pct,
       x.caseload_total::DOUBLE AS caseload_total,
       x.youth_population::DOUBLE AS youth_population,
       u.pct::DOUBLE AS unknown_pct
FROM caseload c
JOIN scope sc USING (inspection_id)
LEFT JOIN pop p ON p.inspection_id = c.inspection_id AND p.category = c.category AND c.dimension = 'ethnicity'
LEFT JOIN derived d ON d.inspection_id = c.inspection_id AND d.category = c.category AND c.dimension = 'ethnicity'
LEFT JOIN caseload n ON n.inspection_id = c.inspection_id AND n.grp = 'national' AND n.dimension = c.dimension AND n.category = c.category
LEFT JOIN ctx x ON x.inspection_id = c.inspection_id
LEFT JOIN caseload u ON u.inspection_id = c.inspection_id AND u.grp = 'yot' AND u.dimension = 'ethnicity' AND u.category = 'unknown'
WHERE c.grp = 'yot'
ORDER BY sc.area, sc.published, c.dimension, c.category`;

/** RRI, its interval and the suppression rule, for one group. */
export function relativeRate(r: RawShare): RriRow {
	const label = CATEGORY_LABELS[r.category] ?? r.category;
	const base = { ...r, label, rri: null, ci_low: null, ci_high: null, yot_n: null };
	if (r.category === 'unknown') {
		return { ...base, status: 'no-population', note: 'Shown because it limits the comparison: these children are in no group.' };
	}
	if (r.pop_pct === null || r.pop_pct <= 0) {
		const what = r.dimension === 'ethnicity' ? 'by ethnicity' : `by ${r.dimension}`;
		return {
			...base,
			status: 'no-population',
			note: `The report gives no youth-population breakdown ${what}, so no index can be computed.`
		};
	}
	const rri = r.yot_pct / r.pop_pct;
	if (r.caseload_total === null || r.youth_population === null) {
		return {
			...base,
			rri,
			status: 'no-interval',
			note: `No interval: the report gives no ${r.caseload_total === null ? 'caseload total' : 'youth population'} to derive counts from.`
		};
	}
	const a = Math.round((r.yot_pct / 100) * r.caseload_total);
	const n1 = r.caseload_total;
	const b = Math.round((r.pop_pct / 100) * r.youth_population);
	const n2 = r.youth_population;
	if (a < SUPPRESS_BELOW) {
		return { ...base, yot_n: a, status: 'suppressed', note: `Suppressed: fewer than ${SUPPRESS_BELOW} children in the caseload group.` };
	}
	const se = Math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2);
	const z = 1.959964;
	return {
		...base,
		rri,
		yot_n: a,
		ci_low: Math.exp(Math.log(rri) - z * se),
		ci_high: Math.exp(Math.log(rri) + z * se),
		status: 'ok',
		note: `About ${a} of ${n1} children in the caseload; population share ${r.pop_source}.`
	};
}

/**
 * How many inspections the chart draws (a line per group with an index): at 100x the whole
 * country has three hundred, a chart 18,000 px tall. The table and the CSV keep every row;
 * the page draws them all on request.
 */
export const RRI_CHART_LIMIT = 20;

export async function disproportionality(db: Engine, filters: Filters): Promise<DisproportionalityData> {
	const scope = scopeCte(filters);
	const [raw, cov] = await Promise.all([
		db.query<RawShare>(SHARES_SQL(scope.sql), scope.params),
		coverage(db, filters, `inspection_id IN (SELECT inspection_id FROM caseload)`)
	]);
	return { coverage: cov, rows: raw.map(relativeRate) };
}

const groupName = (r: RriRow) => (r.category === 'bame' ? 'black and minority ethnic' : r.label.toLowerCase());

/**
 * The chart's active title: the groups over-represented once uncertainty is allowed for (the
 * interval's lower end above 1). Up to three, service by service; past that, per group, in
 * how many of the inspections with an index for that group.
 */
export function findingTitle(rows: RriRow[]): string {
	const withIndex = rows.filter((r) => r.rri !== null);
	const over = withIndex.filter((r) => r.ci_low !== null && r.ci_low > 1);
	if (!over.length)
		return withIndex.length
			? 'No group is clearly over-represented once uncertainty is allowed for'
			: 'Relative rate index by ethnic group';
	if (over.length <= 3) return over.map((r) => `${r.service}: ${groupName(r)} children over-represented`).join('; ');
	const groups = new Map<string, { over: Set<string>; of: Set<string> }>();
	for (const r of withIndex) {
		const g = groups.get(groupName(r)) ?? { over: new Set<string>(), of: new Set<string>() };
		g.of.add(r.inspection_id);
		if (r.ci_low !== null && r.ci_low > 1) g.over.add(r.inspection_id);
		groups.set(groupName(r), g);
	}
	const text = [...groups]
		.filter(([, g]) => g.over.size)
		.sort(([a, x], [b, y]) => y.over.size - x.over.size || a.localeCompare(b))
		.map(([name, g]) => `${name} children over-represented in ${g.over.size} of ${g.of.size} inspections with an index`)
		.join('; ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
