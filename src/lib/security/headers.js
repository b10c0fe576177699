/**
 * The site's security policy, in one place. svelte.config.js puts the Content-Security-Policy
 * in a <meta> tag of every prerendered page (with the hashes of SvelteKit's inline scripts);
 * the build writes the same policy, as HTTP headers, to `_headers` (the file Netlify and
 * Cloudflare Pages read); scripts/serve.ts serves by that file; docs/DEPLOY.md gives the same
 * headers for nginx and Apache (a unit test holds it to this module).
 *
 * Why headers as well as the meta tag: a meta policy cannot say `frame-ancestors` (any page
 * could frame the site), and it does not reach workers: a worker's policy is the one sent
 * with its script, so without a header the DuckDB worker could fetch from, or import scripts
 * from, anywhere.
 *
 * Plain JavaScript with JSDoc types: svelte.config.js is loaded by Node before any TypeScript.
 */

/**
 * Extra origins the app may fetch data from (the ?data= setting), given at build time as
 * YJ_DATA_ORIGINS="https://data.example.org http://127.0.0.1:4180". None by default: the
 * built site talks to its own origin only.
 * @param {string | undefined} value
 * @returns {string[]}
 */
export function dataOriginsFrom(value) {
	return (value ?? '').split(/\s+/).filter((o) => /^https?:\/\/[^\s/]+$/.test(o));
}

/**
 * The policy in SvelteKit's spelling (keywords without quotes). WebAssembly needs
 * 'wasm-unsafe-eval' (duckdb-wasm); styles need 'unsafe-inline' (Svelte style: directives
 * and Plot's SVG styles).
 * @param {string[]} dataOrigins
 * @returns {Record<string, string[]>}
 */
export function cspDirectives(dataOrigins) {
	return {
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
	};
}

const KEYWORDS = new Set([
	'self',
	'none',
	'unsafe-inline',
	'unsafe-eval',
	'wasm-unsafe-eval',
	'strict-dynamic',
	'unsafe-hashes',
	'report-sample'
]);

/** @param {string} source */
const quoted = (source) => (KEYWORDS.has(source) || /^(sha256|sha384|sha512|nonce)-/.test(source) ? `'${source}'` : source);

/**
 * A policy as the text of a header or a meta tag.
 * @param {Record<string, string[]>} directives
 */
export function cspText(directives) {
	return Object.entries(directives)
		.map(([name, sources]) => [name, ...sources.map(quoted)].join(' '))
		.join('; ');
}

/**
 * The policy as an HTTP header: the meta tag's, plus what only a header can say.
 *
 * Each page's meta tag names the hashes of that page's inline bootstrap script; a header for
 * every page cannot (there are hundreds of pages, and static hosts cap the rules and their
 * length). So the page header's script-src allows inline scripts, and the meta tag, enforced
 * beside it, narrows them to the hashed ones: a browser enforces every policy it is given, so
 * a script runs only if both allow it. Scripts and the worker (`/_app/*`) get no inline at
 * all: there the header is the only policy.
 * @param {string[]} dataOrigins
 * @param {'page' | 'script'} kind
 */
export function cspHeader(dataOrigins, kind) {
	const d = cspDirectives(dataOrigins);
	if (kind === 'page') d['script-src'] = [...d['script-src'], 'unsafe-inline'];
	return cspText({ ...d, 'frame-ancestors': ['none'] });
}

/** Headers every answer carries. */
export const COMMON_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	// nothing here uses a device or a payment; no page may ask for one
	'Permissions-Policy':
		'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()',
	// older browsers that do not know frame-ancestors
	'X-Frame-Options': 'DENY'
};

/**
 * The rules, in `_headers` order: a path pattern (`*` matches anything) and its headers.
 * The app's scripts and the worker live under /_app/.
 * @param {string[]} dataOrigins
 * @returns {{ path: string; headers: Record<string, string> }[]}
 */
export function headerRules(dataOrigins) {
	return [
		{ path: '/*', headers: { ...COMMON_HEADERS, 'Content-Security-Policy': cspHeader(dataOrigins, 'page') } },
		{ path: '/_app/*', headers: { 'Content-Security-Policy': cspHeader(dataOrigins, 'script') } }
	];
}

/**
 * `_headers` for Netlify and Cloudflare Pages. Where two rules set one header for a path,
 * Netlify sends the later rule's value and Cloudflare Pages both, joined by a comma (two
 * policies, both enforced): either way /_app/* is held to the policy without inline scripts.
 * @param {string[]} dataOrigins
 */
export function headersFile(dataOrigins) {
	const lines = [
		'# Security headers (Netlify, Cloudflare Pages). Written by the build from',
		"# src/lib/security/headers.js; the same policy is in each page's <meta> tag."
	];
	for (const rule of headerRules(dataOrigins)) {
		lines.push(rule.path);
		for (const [name, value] of Object.entries(rule.headers)) lines.push(`  ${name}: ${value}`);
	}
	return lines.join('\n') + '\n';
}

/**
 * Read a `_headers` file: its rules in order. Lines starting with `#` are comments; a line
 * not indented is a path; an indented `Name: value` belongs to the path above.
 * @param {string} text
 * @returns {{ path: string; headers: [string, string][] }[]}
 */
export function parseHeadersFile(text) {
	/** @type {{ path: string; headers: [string, string][] }[]} */
	const rules = [];
	for (const line of text.split(/\r?\n/)) {
		if (!line.trim() || line.trimStart().startsWith('#')) continue;
		if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: [] });
		else {
			const at = line.indexOf(':');
			const rule = rules[rules.length - 1];
			if (at > 0 && rule) rule.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
		}
	}
	return rules;
}

/**
 * The headers for one path as Cloudflare Pages gives them: every matching rule applies, and a
 * header set by two rules has both values joined by a comma.
 * @param {{ path: string; headers: [string, string][] }[]} rules
 * @param {string} path
 * @returns {Record<string, string>}
 */
export function headersFor(rules, path) {
	/** @type {Record<string, string>} */
	const out = {};
	for (const rule of rules) {
		const pattern = new RegExp(`^${rule.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
		if (!pattern.test(path)) continue;
		for (const [name, value] of rule.headers) {
			const key = name.toLowerCase();
			out[key] = out[key] ? `${out[key]}, ${value}` : value;
		}
	}
	return out;
}
