import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildServices } from '$lib/views/authorities';
import { buildMap } from '$lib/views/map';

export async function load() {
	const db = await nodeEngine();
	return { view: await buildServices(db, {}), map: await buildMap(db, {}, serverDocument()) };
}
