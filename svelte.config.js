import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Extra origins the app may fetch data from (the ?data= setting), given at build time:
 * YJ_DATA_ORIGINS="https://data.example.org http://127.0.0.1:4180". None by default: the
 * built site talks to its own origin only.
 */
const dataOrigins = (process.env.YJ_DATA_ORIGINS ?? '').split(/\s+/).filter((o) => /^https?:\/\/[^\s/]+$/.test(o));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered; the build is a folder any static host can serve. 404.html is the
		// one page rendered in the browser: static hosts (and scripts/serve.ts) answer any unknown
		// address with it, status 404, and it shows src/routes/+error.svelte (search, the way home).
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true }),
		prerender: { entries: ['*'] },
		// The stylesheets (21 KB in all, 7 KB at most per file) go into each page's <head>: as
		// files they were render-blocking requests queued behind twenty module preloads, and the
		// first paint of the prerendered chart waited for them.
		inlineStyleThreshold: 10_000,
		// Strict Content-Security-Policy, in a <meta> tag of every prerendered page with hashes of
		// SvelteKit's inline bootstrap script. WebAssembly needs 'wasm-unsafe-eval' (duckdb-wasm);
		// styles need 'unsafe-inline' (Svelte style: directives and Plot's SVG styles).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self', ...dataOrigins],
				'img-src': ['self', 'data:', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
