/**
 * The WHERE clause every view applies: the global filters as SQL over `inspections_wide i`
 * (each inspection with its service's area, region and nation, db/state.ts), with parameters
 * (never string interpolation of user values).
 */
import { WIDE_TABLE, type Param } from '../db/types';
import type { Filters } from '../filters';

export interface Clause {
	sql: string;
	params: Param[];
}

/**
 * Every filter, set or not, as one fixed SQL text: `(? IS NULL OR column = ?)` per filter with
 * the value (or NULL) bound twice. One text per query means each query is prepared once and
 * reused for every combination of filters; a text that changed with the filters set would be
 * parsed and planned again on each new combination, in the worker, while the reader waits.
 */
const CONDITIONS: Record<keyof Filters, { sql: string; type: 'VARCHAR' | 'INTEGER' }> = {
	region: { sql: 'i.region = ?', type: 'VARCHAR' },
	nation: { sql: 'i.nation = ?', type: 'VARCHAR' },
	framework: { sql: 'i.framework = ?', type: 'VARCHAR' },
	yearFrom: { sql: 'i.published_year >= ?', type: 'INTEGER' },
	yearTo: { sql: 'i.published_year <= ?', type: 'INTEGER' },
	rating: { sql: 'i.overall_rating = ?', type: 'VARCHAR' },
	source: { sql: 'i.provenance = ?', type: 'VARCHAR' }
};
const KEYS = Object.keys(CONDITIONS) as (keyof Filters)[];

const CLAUSE_SQL = KEYS.map((k) => `(?::${CONDITIONS[k].type} IS NULL OR ${CONDITIONS[k].sql})`).join(' AND ');

export function filterClause(f: Filters): Clause {
	const params: Param[] = [];
	for (const k of KEYS) {
		const v = f[k] ?? null;
		params.push(v, v);
	}
	return { sql: CLAUSE_SQL, params };
}

/** A CTE naming the inspections in view: `WITH scope AS (...)`. */
export function scopeCte(f: Filters): Clause {
	const c = filterClause(f);
	return {
		sql: `scope AS (SELECT * FROM ${WIDE_TABLE} i WHERE ${c.sql})`,
		params: c.params
	};
}
