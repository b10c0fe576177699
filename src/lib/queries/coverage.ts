/** What a chart covers: how many inspections, from which sources. Every chart states it. */
import type { Engine } from '../db/types';
import type { Filters } from '../filters';
import { scopeCte } from './filter-sql';

export interface Coverage {
	inspections: number;
	services: number;
	report: number;
	reference: number;
	imported: number;
	synthetic: number;
	/** "Bury and Rochdale 2020-06; Leeds 2019-11" — the reports behind the rows */
	reports: string | null;
}

/** Coverage of the inspections in view that also satisfy `having` (SQL over `scope s`). */
export async function coverage(db: Engine, filters: Filters, having = 'TRUE'): Promise<Coverage> {
	const scope = scopeCte(filters);
	const [row] = await db.query<Coverage>(
		`WITH ${scope.sql}
		 SELECT count(*)::INTEGER AS inspections,
		        count(DISTINCT authority_id)::INTEGER AS services,
		        count(*) FILTER (WHERE provenance = 'report')::INTEGER AS report,
		        count(*) FILTER (WHERE provenance = 'reference')::INTEGER AS reference,
		        count(*) FILTER (WHERE provenance = 'imported')::INTEGER AS imported,
		        count(*) FILTER (WHERE provenance = 'synthetic')::INTEGER AS synthetic,
		        string_agg(area || ' ' || coalesce(published, published_year::VARCHAR, ''), '; ' ORDER BY area)
		          FILTER (WHERE provenance IN ('report', 'imported')) AS reports
		 FROM scope s WHERE ${having}`,
		scope.params
	);
	return row;
}

export function describeCoverage(c: Coverage): string {
	if (!c.inspections) return 'No inspections match the filters.';
	const parts = [
		c.report && `${c.report} from report text`,
		c.reference && `${c.reference} from published reference facts`,
		c.imported && `${c.imported} imported`,
		c.synthetic && `${c.synthetic} synthetic`
	].filter(Boolean);
	return `Covers ${c.inspections} inspection${c.inspections === 1 ? '' : 's'} of ${c.services} service${c.services === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

/** The source line every chart carries. */
export function sourceLine(c: Coverage): string {
	const parts: string[] = [];
	if (c.reports) parts.push(`HM Inspectorate of Probation inspection reports (${c.reports})`);
	if (c.reference) parts.push(`${c.reference} published HMIP and local pages (addresses in data/inspections.csv)`);
	if (c.synthetic) parts.push(`${c.synthetic} synthetic benchmark inspections (not real)`);
	return parts.length ? `Source: ${parts.join('; ')}.` : 'Source: none in view.';
}
