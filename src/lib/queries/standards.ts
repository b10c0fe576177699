/** Standards by how often they are rated Requires improvement or Inadequate. */
import type { Engine } from '../db/types';

export interface StandardCountRow {
	code: string;
	/** the 2018 and 2021 frameworks define 3.4 differently, so it is counted per framework */
	meaning: string;
	name: string;
	rated: number;
	ri_or_worse: number;
	share: number;
}

export const STANDARDS_RI_OR_WORSE = `
SELECT s.code,
       CASE WHEN s.code = '3.4' THEN i.framework ELSE 'all' END AS meaning,
       mode(s.name) AS name,
       count(*)::INTEGER AS rated,
       count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate'))::INTEGER AS ri_or_worse,
       (count(*) FILTER (WHERE s.rating IN ('Requires improvement', 'Inadequate')) / count(*))::DOUBLE AS share
FROM standard_ratings s JOIN inspections i USING (inspection_id)
WHERE i.framework IN ('yos-2018', 'yjs-2021')
GROUP BY ALL
ORDER BY ri_or_worse DESC, s.code, meaning`;

export function standardsRiOrWorse(db: Engine): Promise<StandardCountRow[]> {
	return db.query<StandardCountRow>(STANDARDS_RI_OR_WORSE);
}
