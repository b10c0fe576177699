/**
 * Which service covers each local authority, and that service's latest inspection in view:
 * `authorities.local_authorities` names the authorities a service covers (a joint service
 * such as Bury and Rochdale names two), so one row per service and authority it names. The
 * map (join.ts) puts the rows on the hexes.
 */
import type { Engine } from '../../db/types';
import type { Filters } from '../../filters';
import { coverage, type Coverage } from '../../queries/coverage';
import { scopeCte } from '../../queries/filter-sql';

export interface CoverRow {
	authority_id: string;
	/** the service's name (authorities.name) */
	service: string;
	/** 'imported' when the service is known only from this browser's imports (no prerendered profile) */
	service_provenance: string;
	/** the service's nation */
	nation: string;
	local_authority: string;
	/** the service's inspections in the data, whatever the filters */
	inspections_all: number;
	/** the service's latest inspection in view; null when none matches the filters */
	inspection_id: string | null;
	published: string | null;
	published_year: number | null;
	/** what orders inspections in time: the month, else the year (a year sorts before its months) */
	when_key: string | null;
	framework: string | null;
	overall_rating: string | null;
}

/** The latest first, as /authorities orders a service's inspections. */
const LATEST = `coalesce(published, published_year::VARCHAR, left(inspection_year, 4)) DESC NULLS LAST, inspection_id DESC`;

export const COVER_SQL = (scope: string) => `
WITH ${scope},
ranked AS (
  SELECT authority_id, inspection_id, published, published_year, framework, overall_rating,
         coalesce(published, published_year::VARCHAR, left(inspection_year, 4)) AS when_key,
         row_number() OVER (PARTITION BY authority_id ORDER BY ${LATEST}) AS k
  FROM scope),
named AS (
  SELECT a.authority_id, a.name AS service, a.provenance AS service_provenance, a.nation, unnest(a.local_authorities) AS local_authority
  FROM authorities a)
SELECT n.authority_id, n.service, n.service_provenance, n.nation, n.local_authority,
       (SELECT count(*) FROM inspections i WHERE i.authority_id = n.authority_id)::INTEGER AS inspections_all,
       r.inspection_id, r.published, r.published_year, r.when_key, r.framework, r.overall_rating
FROM named n LEFT JOIN ranked r ON r.authority_id = n.authority_id AND r.k = 1
ORDER BY n.authority_id, n.local_authority`;

/** The inspections the map can draw: each service's latest in view (as `having` over `scope s`). */
export const LATEST_IN_VIEW = `s.inspection_id IN (
  SELECT inspection_id FROM (SELECT inspection_id, row_number() OVER (PARTITION BY authority_id ORDER BY ${LATEST}) AS k FROM scope)
  WHERE k = 1)`;

export interface MapData {
	rows: CoverRow[];
	coverage: Coverage;
}

export async function mapData(db: Engine, filters: Filters): Promise<MapData> {
	const scope = scopeCte(filters);
	const [rows, cov] = await Promise.all([db.query<CoverRow>(COVER_SQL(scope.sql), scope.params), coverage(db, filters, LATEST_IN_VIEW)]);
	return { rows, coverage: cov };
}
