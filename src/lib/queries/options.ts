/** Choices for the global filter controls, and the count of inspections a filter leaves. */
import { WIDE_TABLE, type Engine } from '../db/types';
import type { Filters } from '../filters';
import { filterClause } from './filter-sql';

export interface FilterOptions {
	regions: string[];
	nations: string[];
	frameworks: string[];
	years: number[];
	total: number;
}

export async function filterOptions(db: Engine): Promise<FilterOptions> {
	const [regions, nations, frameworks, years, total] = await Promise.all([
		db.query<{ v: string }>(`SELECT DISTINCT region AS v FROM authorities WHERE region <> 'Unknown' ORDER BY v`),
		db.query<{ v: string }>(`SELECT DISTINCT nation AS v FROM authorities WHERE nation <> 'Unknown' ORDER BY v`),
		db.query<{ v: string }>(`SELECT DISTINCT framework AS v FROM inspections ORDER BY v`),
		db.query<{ v: number }>(`SELECT DISTINCT published_year AS v FROM inspections WHERE published_year IS NOT NULL ORDER BY v`),
		db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM inspections`)
	]);
	return {
		regions: regions.map((r) => r.v),
		nations: nations.map((r) => r.v),
		frameworks: frameworks.map((r) => r.v),
		years: years.map((r) => r.v),
		total: total[0].n
	};
}

export async function countMatching(db: Engine, filters: Filters): Promise<number> {
	const c = filterClause(filters);
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${WIDE_TABLE} i WHERE ${c.sql}`, c.params);
	return row.n;
}
