import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildMap } from '$lib/views/map';
import { buildOverview } from '$lib/views/overview';

export async function load() {
	const db = await nodeEngine();
	return { view: await buildOverview(db, {}, serverDocument()), map: await buildMap(db, {}, serverDocument()) };
}
