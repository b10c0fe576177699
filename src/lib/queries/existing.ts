/** What the data already holds, for the import preview (conflicts, known areas). */
import type { Engine } from '../db/types';

export async function existingInspections(db: Engine, ids: string[]): Promise<{ inspection_id: string; provenance: string }[]> {
	if (!ids.length) return [];
	return db.query(`SELECT inspection_id, provenance FROM inspections WHERE inspection_id IN (SELECT unnest(CAST(? AS VARCHAR[])))`, [
		JSON.stringify(ids)
	]);
}

export async function knownArea(
	db: Engine,
	authorityId: string
): Promise<{ nation: string; region: string; local_authorities: string[] } | null> {
	const [row] = await db.query<{ nation: string; region: string; local_authorities: string[] }>(
		`SELECT nation, region, local_authorities FROM authorities WHERE authority_id = ?`,
		[authorityId]
	);
	return row ?? null;
}
