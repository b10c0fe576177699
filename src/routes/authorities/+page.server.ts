import { nodeEngine } from '$lib/db/node';
import { buildServices } from '$lib/views/authorities';

export async function load() {
	return { view: await buildServices(await nodeEngine(), {}) };
}
