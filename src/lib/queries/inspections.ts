/** The list of inspections: who, where, when, under which framework, with what result. */
import type { Engine } from '../db/types';

export interface InspectionRow {
	inspection_id: string;
	service_name: string;
	area: string;
	region: string;
	nation: string;
	published: string | null;
	published_year: number | null;
	inspection_year: string | null;
	framework: string;
	overall_rating: string | null;
	score: number | null;
	provenance: string;
	source_url: string | null;
	source_file: string | null;
}

export const LIST_INSPECTIONS = `
SELECT i.inspection_id, i.service_name, a.name AS area, a.region, a.nation,
       i.published, i.published_year, i.inspection_year, i.framework,
       i.overall_rating, i.score, i.provenance, i.source_url, i.source_file
FROM inspections i JOIN authorities a USING (authority_id)
ORDER BY coalesce(i.published, i.published_year::VARCHAR, left(i.inspection_year, 4)) DESC NULLS LAST,
         a.name, i.inspection_id`;

export function listInspections(db: Engine): Promise<InspectionRow[]> {
	return db.query<InspectionRow>(LIST_INSPECTIONS);
}
