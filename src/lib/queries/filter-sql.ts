/**
 * The WHERE clause every view applies: the global filters as SQL over `inspections i` joined
 * with `authorities a`, with parameters (never string interpolation of user values).
 */
import type { Param } from '../db/types';
import type { Filters } from '../filters';

export interface Clause {
	sql: string;
	params: Param[];
}

export function filterClause(f: Filters): Clause {
	const where: string[] = [];
	const params: Param[] = [];
	if (f.region) {
		where.push('a.region = ?');
		params.push(f.region);
	}
	if (f.nation) {
		where.push('a.nation = ?');
		params.push(f.nation);
	}
	if (f.framework) {
		where.push('i.framework = ?');
		params.push(f.framework);
	}
	if (f.yearFrom !== undefined) {
		where.push('i.published_year >= ?');
		params.push(f.yearFrom);
	}
	if (f.yearTo !== undefined) {
		where.push('i.published_year <= ?');
		params.push(f.yearTo);
	}
	if (f.rating) {
		where.push('i.overall_rating = ?');
		params.push(f.rating);
	}
	if (f.source) {
		where.push('i.provenance = ?');
		params.push(f.source);
	}
	return { sql: where.length ? where.join(' AND ') : 'TRUE', params };
}

/** A CTE naming the inspections in view: `WITH scope AS (...)`. */
export function scopeCte(f: Filters): Clause {
	const c = filterClause(f);
	return {
		sql: `scope AS (SELECT i.*, a.name AS area, a.region, a.nation FROM inspections i JOIN authorities a USING (authority_id) WHERE ${c.sql})`,
		params: c.params
	};
}
