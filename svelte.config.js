import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const staticSite = adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true });

/**
 * 404.html, adapter-static's fallback, is rendered in the browser: without JavaScript it would
 * be blank. Its title and a <noscript> page (the address is not here, a form to the list of
 * services, the way home) are written into it after the build. Absolute addresses, as the
 * fallback's own: it is served at any depth.
 */
const NOT_FOUND_NOSCRIPT = `<noscript><main style="max-width:44rem;margin:0 auto;padding:1rem;font-family:system-ui,sans-serif;line-height:1.45;color:#0b0c0c">
<h1>Page not found</h1>
<p>There is no page at this address on the Youth Justice Inspection Dashboard. The address may be mistyped, or the page may have moved.</p>
<form action="/authorities/" method="get" role="search"><label for="nf-q" style="display:block;font-weight:600">Find a youth justice service by its name or area</label>
<input id="nf-q" name="q" type="text" style="font:inherit;padding:0.3rem;border:2px solid #0b0c0c;max-width:100%"> <button type="submit" style="font:inherit;padding:0.3rem 0.7rem">Find</button></form>
<p>Or go to <a href="/">the overview</a> or <a href="/authorities/">the list of every service</a>.</p>
</main></noscript>`;

/** @type {import('@sveltejs/kit').Adapter} */
const site = {
	name: staticSite.name,
	async adapt(builder) {
		await staticSite.adapt(builder);
		const file = join('build', '404.html');
		const html = readFileSync(file, 'utf8');
		if (!html.includes('<body')) throw new Error(`${file}: no <body> to write the page-not-found text into`);
		writeFileSync(
			file,
			html
				.replace('</head>', '<title>Page not found · Youth Justice Inspection Dashboard</title></head>')
				.replace(/<body[^>]*>/, (body) => `${body}${NOT_FOUND_NOSCRIPT}`)
		);
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered; the build is a folder any static host can serve. 404.html is the
		// one page rendered in the browser: static hosts (and scripts/serve.ts) answer any unknown
		// address with it, status 404, and it shows src/routes/+error.svelte (search, the way home).
		// the noscript page goes into 404.html before its compressed copies are made
		adapter: withHeadersAndCompression(site),
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
