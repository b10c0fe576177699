/** What each reference file contributed, for the sources section of /about. */
import type { Engine } from '../db/types';

export interface SourceContribution {
	/** inspections whose row comes from each reference file (source_file) */
	inspections: Record<string, number>;
	/** dataset warnings about reference rows, by code */
	warnings: Record<string, number>;
}

export async function sourceContribution(db: Engine): Promise<SourceContribution> {
	const [inspections, warnings] = await Promise.all([
		db.query<{ k: string; n: number }>(
			`SELECT source_file AS k, count(*)::INTEGER AS n FROM inspections WHERE provenance = 'reference' GROUP BY source_file ORDER BY k`
		),
		db.query<{ k: string; n: number }>(
			`SELECT code AS k, count(*)::INTEGER AS n FROM extraction_warnings WHERE provenance = 'reference' GROUP BY code ORDER BY k`
		)
	]);
	return {
		inspections: Object.fromEntries(inspections.map((r) => [r.k, r.n])),
		warnings: Object.fromEntries(warnings.map((r) => [r.k, r.n]))
	};
}
