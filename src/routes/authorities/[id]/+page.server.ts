import { error } from '@sveltejs/kit';
import { serverDocument } from '$lib/charts/server';
import { nodeEngine } from '$lib/db/node';
import { buildProfile } from '$lib/views/profile';

export async function entries() {
	const db = await nodeEngine();
	return (await db.query<{ id: string }>(`SELECT authority_id AS id FROM authorities ORDER BY id`)).map((r) => ({ id: r.id }));
}

export async function load({ params }) {
	const view = await buildProfile(await nodeEngine(), params.id, serverDocument());
	if (!view) error(404, `No service ${params.id} in the data`);
	return { view };
}
