/**
 * Risk of harm: per inspection and case-based standard, the share of cases where work to
 * keep other people safe was sufficient, against desistance work and work to keep the child
 * safe (key-question percentages; only inspections with report text have them).
 */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';
import { caseGap } from '../../rules/evidence';

export interface GapRow {
	inspection_id: string;
	service: string;
	published: string | null;
	provenance: string;
	standard: string;
	activity: string;
	disposal: 'Court' | 'Out-of-court';
	desistance: number | null;
	child_safety: number | null;
	others_safety: number | null;
	/** others-safety minus desistance, percentage points (negative: safety work lags) */
	gap_desistance: number | null;
	/** others-safety minus child safety, percentage points */
	gap_child: number | null;
	desistance_text: string | null;
	child_text: string | null;
	others_text: string | null;
	others_cases: number | null;
	/** cases behind the desistance figure */
	desistance_cases: number | null;
	/** is the gap vs desistance a finding? (rules/evidence.ts caseGap) */
	evidence: 'finding' | 'within-noise' | 'too-few-cases' | null;
}

export interface RiskData {
	coverage: Coverage;
	rows: GapRow[];
}

export const GAP_SQL = (scope: string) => `
WITH ${scope},
per AS (
  SELECT k.inspection_id, k.standard,
         max(k.pct) FILTER (WHERE theme = 'desistance') AS desistance,
         max(k.pct) FILTER (WHERE theme = 'child-safety') AS child_safety,
         max(k.pct) FILTER (WHERE theme = 'others-safety') AS others_safety,
         max(k.text) FILTER (WHERE theme = 'desistance') AS desistance_text,
         max(k.text) FILTER (WHERE theme = 'child-safety') AS child_text,
         max(k.text) FILTER (WHERE theme = 'others-safety') AS others_text,
         max(k.cases) FILTER (WHERE theme = 'others-safety') AS others_cases,
         max(k.cases) FILTER (WHERE theme = 'desistance') AS desistance_cases
  FROM key_questions k
  WHERE k.theme IN ('desistance', 'child-safety', 'others-safety')
  GROUP BY ALL)
SELECT p.inspection_id, sc.area AS service, sc.published, sc.provenance, p.standard,
       CASE split_part(p.standard, '.', 2)
         WHEN '1' THEN 'Assessment' WHEN '2' THEN 'Planning'
         WHEN '3' THEN 'Implementation and delivery' ELSE 'Reviewing' END AS activity,
       CASE WHEN p.standard LIKE '2.%' THEN 'Court' ELSE 'Out-of-court' END AS disposal,
       p.desistance::DOUBLE AS desistance, p.child_safety::DOUBLE AS child_safety,
       p.others_safety::DOUBLE AS others_safety,
       (p.others_safety - p.desistance)::DOUBLE AS gap_desistance,
       (p.others_safety - p.child_safety)::DOUBLE AS gap_child,
       p.desistance_text, p.child_text, p.others_text, p.others_cases::INTEGER AS others_cases,
       p.desistance_cases::INTEGER AS desistance_cases
FROM per p JOIN scope sc USING (inspection_id)
ORDER BY sc.area, sc.published, p.standard`;

/**
 * How many inspections the gap chart draws (up to eight standards each, a line apiece): at
 * 100x one region has thirty and the whole country three hundred, a chart 50,000 px tall.
 * The ranking, the table and the CSV keep every row; the page draws them all on request.
 */
export const GAP_CHART_LIMIT = 10;

export async function riskOfHarm(db: Engine, filters: Filters): Promise<RiskData> {
	const scope = scopeCte(filters);
	const [rows, cov] = await Promise.all([
		db.query<Omit<GapRow, 'evidence'>>(GAP_SQL(scope.sql), scope.params),
		coverage(db, filters, `inspection_id IN (SELECT inspection_id FROM key_questions)`)
	]);
	return { coverage: cov, rows: rows.map(withEvidence) };
}

/** Whether the gap between other people's safety and desistance is a finding or within the noise. */
export function withEvidence(r: Omit<GapRow, 'evidence'>): GapRow {
	if (r.others_safety === null || r.desistance === null) return { ...r, evidence: null };
	return {
		...r,
		evidence: caseGap({ pct: r.others_safety, cases: r.others_cases }, { pct: r.desistance, cases: r.desistance_cases }).status
	};
}

/**
 * What the page may say of the gaps in view: how many standards have both figures, in how
 * many safety work scored lower, and how many of those gaps clear the evidence rule.
 */
export function gapSummary(rows: GapRow[]): { standards: number; lagging: number; findings: number; inspections: number } {
	const both = rows.filter((r) => r.gap_desistance !== null);
	const lagging = both.filter((r) => (r.gap_desistance as number) < 0);
	return {
		standards: both.length,
		lagging: lagging.length,
		findings: lagging.filter((r) => r.evidence === 'finding').length,
		inspections: new Set(both.map((r) => r.inspection_id)).size
	};
}

/** Widest gaps first: where safety work lags desistance work most. */
export function widestGaps(rows: GapRow[], limit = 10): GapRow[] {
	return rows
		.filter((r) => r.gap_desistance !== null)
		.sort((a, b) => (a.gap_desistance as number) - (b.gap_desistance as number) || a.service.localeCompare(b.service))
		.slice(0, limit);
}
