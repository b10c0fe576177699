import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildCompare } from '$lib/views/compare';
import { defaultIds } from '$lib/views/compare/query';

export async function load() {
	const db = await nodeEngine();
	const ids = await defaultIds(db);
	const services = await db.query<{ id: string; name: string }>(`SELECT authority_id AS id, name FROM authorities ORDER BY name`);
	return { ids, services, view: await buildCompare(db, ids, serverDocument()) };
}
