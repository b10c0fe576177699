/**
 * Two to four services side by side. An id may name a service (authority_id: its latest
 * inspection, preferring one with report text) or one inspection (inspection_id).
 */
import type { Engine } from '../../db/types';
import { standardRowLabel } from '../../rules/framework';

export const MAX_COMPARE = 4;

export interface Column {
	id: string;
	inspection_id: string;
	authority_id: string;
	name: string;
	region: string;
	published: string | null;
	published_year: number | null;
	framework: string;
	overall_rating: string | null;
	score: number | null;
	provenance: string;
}

export interface CompareData {
	columns: Column[];
	unknown: string[];
	/** `standard`: the row label, the framework's meaning named where a code has two (3.4) */
	standards: { inspection_id: string; code: string; framework: string; standard: string; rating: string }[];
	keyQuestions: { inspection_id: string; code: string; theme: string; text: string; pct: number }[];
	context: { inspection_id: string; metric: string; value: number; unit: string }[];
	caseload: { inspection_id: string; dimension: string; grp: string; category: string; pct: number }[];
}

export function parseIds(raw: string | null): string[] {
	if (!raw) return [];
	return [
		...new Set(
			raw
				.split(',')
				.map((s) => s.trim().toLowerCase())
				.filter((s) => /^[a-z0-9-]{1,120}$/.test(s))
		)
	].slice(0, MAX_COMPARE);
}

export const RESOLVE_SQL = `
WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS id, generate_subscripts(?::VARCHAR[], 1) AS pos),
candidates AS (
  SELECT w.id, w.pos, i.*, a.name, a.region,
         row_number() OVER (PARTITION BY w.id ORDER BY (i.inspection_id = w.id) DESC, (i.provenance <> 'reference') DESC,
                            coalesce(i.published, i.published_year::VARCHAR) DESC NULLS LAST) AS k
  FROM wanted w JOIN inspections i ON i.inspection_id = w.id OR i.authority_id = w.id
  JOIN authorities a USING (authority_id))
SELECT id, inspection_id, authority_id, name, region, published, published_year, framework, overall_rating, score, provenance
FROM candidates WHERE k = 1 ORDER BY pos`;

export async function compare(db: Engine, ids: string[]): Promise<CompareData> {
	const list = JSON.stringify(ids);
	const columns = ids.length ? await db.query<Column>(RESOLVE_SQL.replaceAll('?::VARCHAR[]', `CAST(? AS VARCHAR[])`), [list, list]) : [];
	const found = new Set(columns.map((c) => c.id));
	const insp = JSON.stringify(columns.map((c) => c.inspection_id));
	const where = `WHERE inspection_id IN (SELECT unnest(CAST(? AS VARCHAR[])))`;
	const [standards, keyQuestions, context, caseload] = await Promise.all([
		db
			.query<Omit<CompareData['standards'][number], 'standard'>>(
				`SELECT s.inspection_id, s.code, i.framework, s.rating FROM standard_ratings s JOIN inspections i USING (inspection_id) ${where.replace('inspection_id', 's.inspection_id')} ORDER BY s.code, i.framework`,
				[insp]
			)
			.then((rows) => rows.map((r) => ({ ...r, standard: standardRowLabel(r.code, r.framework) }))),
		db.query<CompareData['keyQuestions'][number]>(
			`SELECT inspection_id, code, theme, text, pct FROM key_questions ${where} ORDER BY code`,
			[insp]
		),
		db.query<CompareData['context'][number]>(
			`SELECT inspection_id, metric, value, unit FROM context_metrics ${where} AND scope = 'local' ORDER BY metric`,
			[insp]
		),
		db.query<CompareData['caseload'][number]>(
			`SELECT inspection_id, dimension, grp, category, pct FROM caseload ${where} AND grp = 'yot' ORDER BY dimension, category`,
			[insp]
		)
	]);
	return { columns, unknown: ids.filter((i) => !found.has(i)), standards, keyQuestions, context, caseload };
}

/** The default comparison (no ids in the URL): the services whose full reports are in the data. */
export async function defaultIds(db: Engine): Promise<string[]> {
	const rows = await db.query<{ id: string }>(
		`SELECT DISTINCT i.authority_id AS id FROM inspections i JOIN key_questions k USING (inspection_id) ORDER BY id LIMIT ${MAX_COMPARE}`
	);
	return rows.map((r) => r.id);
}
