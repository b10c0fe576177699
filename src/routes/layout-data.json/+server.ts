/**
 * The layout's data (+layout.server.ts) as a file, for the one page that is not prerendered:
 * 404.html, adapter-static's fallback, which renders in the browser (see +layout.ts).
 */
import { json } from '@sveltejs/kit';
import { load as layoutData } from '../+layout.server';

export const prerender = true;

export async function GET() {
	return json(await layoutData());
}
