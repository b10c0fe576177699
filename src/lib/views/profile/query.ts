/** One service: every inspection, and the depth the full reports give. */
import type { Engine } from '../../db/types';
import type { MeasuredService } from './neighbours';

export interface ProfileInspection {
	inspection_id: string;
	service_name: string;
	published: string | null;
	published_year: number | null;
	inspection_year: string | null;
	date_note: string | null;
	framework: string;
	overall_rating: string | null;
	score: number | null;
	resettlement_rating: string | null;
	reinspection: boolean;
	sample_court: number | null;
	sample_out_of_court: number | null;
	sample_resettlement: number | null;
	lead_inspector: string | null;
	source_file: string | null;
	source_url: string | null;
	source_quote: string | null;
	notes: string | null;
	provenance: string;
}

export interface StandardRow {
	inspection_id: string;
	code: string;
	name: string;
	domain: number;
	rating: string;
	counts_towards_overall: boolean;
	recomputed_rating: string | null;
	discretion: boolean;
	provenance: string;
}

export interface KqRow {
	inspection_id: string;
	code: string;
	standard: string;
	theme: string;
	text: string;
	pct: number;
	discretion: boolean;
	cases: number | null;
}

export interface PromptRow {
	inspection_id: string;
	key_question: string;
	letter: string;
	ordinal: number;
	text: string;
	pct: number;
}

export interface ContextRow {
	inspection_id: string;
	metric: string;
	scope: string;
	value: number;
	unit: string;
	label: string;
	period: string | null;
	source: string | null;
}

export interface CaseloadRow {
	inspection_id: string;
	dimension: string;
	grp: string;
	category: string;
	pct: number;
}

export interface WarningRow {
	inspection_id: string;
	ordinal: number;
	code: string;
	message: string;
	line: number | null;
	provenance: string;
}

export interface Authority {
	authority_id: string;
	name: string;
	nation: string;
	region: string;
	local_authorities: string[];
}

export interface ProfileData {
	authority: Authority;
	inspections: ProfileInspection[];
	standards: StandardRow[];
	keyQuestions: KqRow[];
	prompts: PromptRow[];
	context: ContextRow[];
	caseload: CaseloadRow[];
	offences: { inspection_id: string; offence: string; pct: number }[];
	recommendations: { inspection_id: string; n: number; addressee: string; text: string }[];
	findings: { inspection_id: string; section: string; ordinal: number; text: string; proportion: number | null }[];
	warnings: WarningRow[];
}

const ORDER = `ORDER BY coalesce(i.published, i.published_year::VARCHAR, left(i.inspection_year, 4)) DESC NULLS LAST, i.inspection_id`;

export async function profile(db: Engine, authorityId: string): Promise<ProfileData | null> {
	const [authority] = await db.query<Authority>(
		`SELECT authority_id, name, nation, region, local_authorities FROM authorities WHERE authority_id = ?`,
		[authorityId]
	);
	if (!authority) return null;
	const of = <T>(table: string, cols: string, order: string) =>
		db.query<T>(`SELECT ${cols} FROM ${table} t JOIN inspections i USING (inspection_id) WHERE i.authority_id = ? ORDER BY ${order}`, [
			authorityId
		]);
	const [inspections, standards, keyQuestions, prompts, context, caseload, offences, recommendations, findings, warnings] =
		await Promise.all([
			db.query<ProfileInspection>(
				`SELECT i.inspection_id, i.service_name, i.published, i.published_year, i.inspection_year, i.date_note, i.framework,
			        i.overall_rating, i.score, i.resettlement_rating, i.reinspection, i.sample_court, i.sample_out_of_court,
			        i.sample_resettlement, i.lead_inspector, i.source_file, i.source_url, i.source_quote, i.notes, i.provenance
			 FROM inspections i WHERE i.authority_id = ? ${ORDER}`,
				[authorityId]
			),
			of<StandardRow>(
				'standard_ratings',
				't.inspection_id, t.code, t.name, t.domain, t.rating, t.counts_towards_overall, t.recomputed_rating, t.discretion, t.provenance',
				't.inspection_id, t.code'
			),
			of<KqRow>(
				'key_questions',
				't.inspection_id, t.code, t.standard, t.theme, t.text, t.pct, t.discretion, t.cases',
				't.inspection_id, t.code'
			),
			of<PromptRow>(
				'prompts',
				't.inspection_id, t.key_question, t.letter, t.ordinal, t.text, t.pct',
				't.inspection_id, t.key_question, t.ordinal'
			),
			of<ContextRow>(
				'context_metrics',
				't.inspection_id, t.metric, t.scope, t.value, t.unit, t.label, t.period, t.source',
				't.inspection_id, t.metric, t.scope'
			),
			of<CaseloadRow>(
				'caseload',
				't.inspection_id, t.dimension, t.grp, t.category, t.pct',
				't.inspection_id, t.dimension, t.category, t.grp'
			),
			of<ProfileData['offences'][number]>('offences', 't.inspection_id, t.offence, t.pct', 't.inspection_id, t.pct DESC, t.offence'),
			of<ProfileData['recommendations'][number]>('recommendations', 't.inspection_id, t.n, t.addressee, t.text', 't.inspection_id, t.n'),
			of<ProfileData['findings'][number]>(
				'sqs_findings',
				't.inspection_id, t.section, t.ordinal, t.text, t.proportion',
				't.inspection_id, t.ordinal'
			),
			of<WarningRow>(
				'extraction_warnings',
				't.inspection_id, t.ordinal, t.code, t.message, t.line, t.provenance',
				't.inspection_id, t.ordinal'
			)
		]);
	return { authority, inspections, standards, keyQuestions, prompts, context, caseload, offences, recommendations, findings, warnings };
}

/** Context measures for the neighbour method: each service's latest inspection that gives them. */
export const MEASURES_SQL = `
WITH m AS (
  SELECT i.authority_id, i.inspection_id, coalesce(i.published, i.published_year::VARCHAR) AS at,
         max(c.value) FILTER (WHERE c.metric = 'population-youth' AND c.scope = 'local') AS youth_population,
         max(c.value) FILTER (WHERE c.metric = 'fte-rate' AND c.scope = 'local') AS fte_rate,
         max(c.value) FILTER (WHERE c.metric = 'reoffending-rate' AND c.scope = 'local') AS reoffending_rate,
         100.0 * max(c.value) FILTER (WHERE c.metric = 'population-youth-bame' AND c.scope = 'local')
               / nullif(max(c.value) FILTER (WHERE c.metric = 'population-youth' AND c.scope = 'local'), 0) AS bame_derived,
         max(c.value) FILTER (WHERE c.metric = 'lac-resident-pct' AND c.scope = 'local') AS lac_pct
  FROM context_metrics c JOIN inspections i USING (inspection_id)
  GROUP BY ALL),
pop AS (SELECT inspection_id, pct FROM caseload WHERE grp = 'youth-population' AND dimension = 'ethnicity' AND category = 'bame'),
latest AS (
  SELECT m.*, p.pct AS bame_table,
         row_number() OVER (PARTITION BY m.authority_id ORDER BY m.at DESC NULLS LAST) AS k
  FROM m LEFT JOIN pop p USING (inspection_id))
SELECT l.authority_id AS id, a.name,
       l.youth_population::DOUBLE AS youth_population, l.fte_rate::DOUBLE AS fte_rate,
       l.reoffending_rate::DOUBLE AS reoffending_rate,
       coalesce(l.bame_table, l.bame_derived)::DOUBLE AS bame_share, l.lac_pct::DOUBLE AS lac_pct
FROM latest l JOIN authorities a USING (authority_id)
WHERE l.k = 1
ORDER BY a.name`;

export async function measuredServices(db: Engine): Promise<MeasuredService[]> {
	const rows = await db.query<Record<string, unknown> & { id: string; name: string }>(MEASURES_SQL);
	return rows.map(({ id, name, ...values }) => ({ id, name, values: values as Record<string, number | null> }));
}
