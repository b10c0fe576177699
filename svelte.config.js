import { writeFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { precompress } from './scripts/lib/precompress.js';
import { cspDirectives, dataOriginsFrom, headersFile } from './src/lib/security/headers.js';

/**
 * Extra origins the app may fetch data from (the ?data= setting), given at build time:
 * YJ_DATA_ORIGINS="https://data.example.org http://127.0.0.1:4180". None by default: the
 * built site talks to its own origin only.
 */
const dataOrigins = dataOriginsFrom(process.env.YJ_DATA_ORIGINS);

/**
 * adapter-static, then
 * - `_headers` beside the pages: the same policy as each page's meta tag, as headers
 *   (frame-ancestors and the worker's policy need them), for Netlify and Cloudflare Pages,
 *   and read by scripts/serve.ts;
 * - a Brotli and a gzip copy of each text file, the WebAssembly and the Arrow tables, which
 *   scripts/serve.ts (and nginx, Apache: docs/DEPLOY.md) send when the browser accepts them.
 *   scripts/lib/precompress.js says why not adapter-static's `precompress`.
 * @param {import('@sveltejs/kit').Adapter} inner
 * @returns {import('@sveltejs/kit').Adapter}
 */
function withHeadersAndCompression(inner) {
	return {
		name: `${inner.name} + _headers + precompress`,
		async adapt(builder) {
			await inner.adapt(builder);
			writeFileSync('build/_headers', headersFile(dataOrigins));
			const started = Date.now();
			const t = await precompress('build');
			const mb = (/** @type {number} */ n) => `${(n / 1e6).toFixed(1)} MB`;
			builder.log(
				`Precompressed ${t.files} files (${mb(t.bytes)}): Brotli ${mb(t.br)}, gzip ${mb(t.gz)}; ${t.cached} copies from the cache; ${((Date.now() - started) / 1000).toFixed(1)} s`
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered; the build is a folder any static host can serve. 404.html is the
		// one page rendered in the browser: static hosts (and scripts/serve.ts) answer any unknown
		// address with it, status 404, and it shows src/routes/+error.svelte (search, the way home).
		adapter: withHeadersAndCompression(adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true })),
		prerender: { entries: ['*'] },
		// The stylesheets (21 KB in all, 7 KB at most per file) go into each page's <head>: as
		// files they were render-blocking requests queued behind twenty module preloads, and the
		// first paint of the prerendered chart waited for them.
		inlineStyleThreshold: 10_000,
		// Strict Content-Security-Policy, in a <meta> tag of every prerendered page with hashes of
		// SvelteKit's inline bootstrap script (src/lib/security/headers.js says what and why; the
		// build writes the same policy as headers to build/_headers).
		csp: { mode: 'hash', directives: /** @type {any} */ (cspDirectives(dataOrigins)) }
	}
};

export default config;
