/** Every service in the data with its latest inspection, restricted to inspections in view. */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { scopeCte } from '../../queries/filter-sql';

export interface ServiceRow {
	authority_id: string;
	name: string;
	nation: string;
	region: string;
	local_authorities: string[];
	inspections: number;
	latest_id: string;
	latest_published: string | null;
	latest_year: number | null;
	latest_framework: string;
	latest_rating: string | null;
	latest_score: number | null;
	sources: string;
}

export const SERVICES_SQL = (scope: string) => `
WITH ${scope},
ranked AS (
  SELECT *, row_number() OVER (PARTITION BY authority_id
           ORDER BY coalesce(published, published_year::VARCHAR, left(inspection_year, 4)) DESC NULLS LAST, inspection_id DESC) AS k
  FROM scope)
SELECT a.authority_id, a.name, a.nation, a.region, a.local_authorities,
       (SELECT count(*) FROM scope s WHERE s.authority_id = a.authority_id)::INTEGER AS inspections,
       r.inspection_id AS latest_id, r.published AS latest_published, r.published_year AS latest_year,
       r.framework AS latest_framework, r.overall_rating AS latest_rating, r.score AS latest_score,
       (SELECT string_agg(DISTINCT provenance, ', ' ORDER BY provenance) FROM scope s WHERE s.authority_id = a.authority_id) AS sources
FROM authorities a JOIN ranked r ON r.authority_id = a.authority_id AND r.k = 1
ORDER BY a.name`;

export async function services(db: Engine, filters: Filters): Promise<ServiceRow[]> {
	const scope = scopeCte(filters);
	return db.query<ServiceRow>(SERVICES_SQL(scope.sql), scope.params);
}
