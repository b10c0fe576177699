/**
 * One policy, four places (issue 16.6): the meta tag (svelte.config.js), build/_headers, what
 * scripts/serve.ts sends (both from src/lib/security/headers.js) and the nginx and Apache
 * snippets in docs/DEPLOY.md, which must say the same as the module.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../svelte.config.js';
import {
	COMMON_HEADERS,
	cspDirectives,
	cspHeader,
	cspText,
	dataOriginsFrom,
	headerRules,
	headersFile,
	headersFor,
	parseHeadersFile
} from '../../src/lib/security/headers.js';
import { ROOT } from '../paths';

/** A policy's directives: name → sources. */
const directives = (policy: string) =>
	new Map(
		policy.split(';').map((d) => {
			const [name, ...sources] = d.trim().split(/\s+/);
			return [name, sources] as const;
		})
	);

describe('the security policy', () => {
	it('the meta tag is built from the module', () => {
		expect(config.kit?.csp?.directives).toEqual(cspDirectives(dataOriginsFrom(process.env.YJ_DATA_ORIGINS)));
	});

	it('the header is the meta policy plus frame-ancestors; pages add inline scripts, which their meta hashes narrow', () => {
		const meta = directives(cspText(cspDirectives(['https://data.example.org'])));
		const script = directives(cspHeader(['https://data.example.org'], 'script'));
		const page = directives(cspHeader(['https://data.example.org'], 'page'));
		expect(script.get('frame-ancestors')).toEqual(["'none'"]);
		expect(page.get('frame-ancestors')).toEqual(["'none'"]);
		for (const [name, sources] of meta) {
			expect(script.get(name), name).toEqual(sources);
			expect(page.get(name), name).toEqual(name === 'script-src' ? [...sources, "'unsafe-inline'"] : sources);
		}
		expect(script.get('connect-src')).toEqual(["'self'", 'https://data.example.org']);
		expect(script.get('worker-src')).toEqual(["'self'"]);
		expect([...script.keys()].sort()).toEqual([...meta.keys(), 'frame-ancestors'].sort());
	});

	it('only origins are taken from YJ_DATA_ORIGINS', () => {
		expect(dataOriginsFrom(' https://a.example.org  http://127.0.0.1:4181 javascript:x https://b.example.org/path ')).toEqual([
			'https://a.example.org',
			'http://127.0.0.1:4181'
		]);
		expect(dataOriginsFrom(undefined)).toEqual([]);
	});

	it('_headers reads back as its rules, and gives /_app/* the strict policy as well', () => {
		const rules = parseHeadersFile(headersFile([]));
		expect(rules.map((r) => ({ path: r.path, headers: Object.fromEntries(r.headers) }))).toEqual(headerRules([]));
		expect(headersFor(rules, '/standards/')['content-security-policy']).toBe(cspHeader([], 'page'));
		expect(headersFor(rules, '/_app/immutable/assets/duckdb-browser-eh.worker.js')['content-security-policy']).toBe(
			`${cspHeader([], 'page')}, ${cspHeader([], 'script')}`
		);
		expect(headersFor(rules, '/')['x-content-type-options']).toBe('nosniff');
		// a pattern's dots are dots, and a rule for /_app/* is not one for /_apples
		expect(headersFor(rules, '/_apples/x')['content-security-policy']).toBe(cspHeader([], 'page'));
	});

	it('docs/DEPLOY.md gives nginx and Apache the same headers', () => {
		const doc = readFileSync(`${ROOT}/docs/DEPLOY.md`, 'utf8');
		for (const lang of ['nginx', 'apache']) {
			const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc)?.[1] ?? '';
			expect(block, lang).not.toBe('');
			for (const value of [cspHeader([], 'page'), cspHeader([], 'script'), ...Object.values(COMMON_HEADERS)])
				expect(block, `${lang}: ${value}`).toContain(`"${value}"`);
			expect(block, lang).toMatch(/_headers/);
		}
	});
});
