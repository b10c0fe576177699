import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildRisk } from '$lib/views/risk-of-harm';

export async function load() {
	return { view: await buildRisk(await nodeEngine(), {}, serverDocument()) };
}
