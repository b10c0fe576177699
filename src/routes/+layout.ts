/**
 * The layout's data comes from +layout.server.ts, written into every prerendered page. The one
 * page that is not prerendered is 404.html (adapter-static's fallback, which a static host
 * serves for any unknown address): it renders in the browser, where there is no server to ask,
 * so it reads the same data from /layout-data.json, prerendered beside it.
 */
import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, fetch }) => {
	if (data) return data;
	const r = await fetch(`${base}/layout-data.json`);
	if (!r.ok) error(r.status, `The site's settings (layout-data.json) could not be loaded: ${r.status}`);
	return (await r.json()) as NonNullable<typeof data>;
};
