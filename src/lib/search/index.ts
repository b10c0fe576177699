/**
 * The search index: every service in the data with the names it goes by (`match.ts`). Built
 * with the Node engine when the site is prerendered and served as /search-index.json, so the
 * header's search works before the browser's engine has loaded (and if it never does).
 */
import type { Engine } from '../db/types';
import type { SearchEntry } from './match';
import { WELSH_NAMES } from './welsh-names';

interface Row {
	id: string;
	name: string;
	region: string;
	nation: string;
	local_authorities: string[];
	service_names: string[];
}

export async function searchIndex(db: Engine): Promise<SearchEntry[]> {
	const rows = await db.query<Row>(`
SELECT a.authority_id AS id, a.name, a.region, a.nation, a.local_authorities,
       coalesce(list(DISTINCT i.service_name ORDER BY i.service_name) FILTER (WHERE i.service_name IS NOT NULL), []) AS service_names
FROM authorities a LEFT JOIN inspections i ON i.authority_id = a.authority_id
GROUP BY ALL
ORDER BY a.name`);
	return rows.map((r) => {
		const las = [...r.local_authorities];
		const aliases = [...r.service_names, ...las, ...las.flatMap((la) => WELSH_NAMES[la] ?? [])];
		return {
			id: r.id,
			name: r.name,
			region: r.region,
			nation: r.nation,
			aliases: [...new Set(aliases)].filter((a) => a !== r.name)
		};
	});
}
