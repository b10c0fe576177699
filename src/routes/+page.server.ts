import { nodeEngine } from '$lib/db/node';
import { listInspections } from '$lib/queries/inspections';

export const prerender = true;

export async function load() {
	const db = await nodeEngine();
	return { inspections: await listInspections(db) };
}
