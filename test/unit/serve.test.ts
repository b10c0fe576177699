/**
 * scripts/serve.ts, the static server of the tests, the benchmark and users who copy it: real
 * HTTP requests against a temporary site folder with a sibling folder whose name starts with
 * the site's ("build" and "build-secret"). A malformed percent-escape is a 400, never a crash;
 * nothing outside the site folder is served, however the path is spelt. Precompressed copies
 * are sent when Accept-Encoding allows (issue 15.3), and the `_headers` file the build writes
 * is applied as a static host applies it, and never served (issue 16.6).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/lib/precompress.js';
import { accepts, serveStatic } from '../../scripts/serve';
import { cspHeader, headersFile } from '../../src/lib/security/headers.js';

const SCRIPT = `export const answer = ${'42 + '.repeat(200)}0;\n`;

let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
	mkdirSync(join(dir, 'build', 'data'), { recursive: true });
	mkdirSync(join(dir, 'build-secret'));
	// a folder whose name ends in .html: reading it as a file fails after the existence check
	mkdirSync(join(dir, 'build', 'folder.html'));
	writeFileSync(join(dir, 'build', 'index.html'), '<p>home</p>');
	writeFileSync(join(dir, 'build', 'data', 'manifest.json'), '{}');
	writeFileSync(join(dir, 'build', 'caf\u00e9.txt'), 'coffee');
	writeFileSync(join(dir, 'build-secret', 'key.txt'), 'SECRET');
	writeFileSync(join(dir, 'secret.txt'), 'SECRET');
	// what the build writes: a script with its .br and .gz copies, and the host's _headers
	mkdirSync(join(dir, 'build', '_app'));
	writeFileSync(join(dir, 'build', '_app', 'app.js'), SCRIPT);
	writeFileSync(join(dir, 'build', '_app', 'app.js.br'), brotliCompressSync(SCRIPT));
	writeFileSync(join(dir, 'build', '_app', 'app.js.gz'), gzipSync(SCRIPT));
	writeFileSync(join(dir, 'build', '_headers'), headersFile(['http://127.0.0.1:4181']));
	const s = await serveStatic(join(dir, 'build'));
	server = s.server;
	port = Number(new URL(s.url).port);
});

afterAll(async () => {
	await new Promise<void>((ok) => server?.close(() => ok()));
	rmSync(dir, { recursive: true, force: true });
});

/** One request with the path sent exactly as given (no client-side normalising). */
function get(path: string, method = 'GET'): Promise<{ status: number; body: string }> {
	return new Promise((ok, fail) => {
		const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (c: string) => (body += c));
			res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
			res.on('error', fail);
		});
		req.on('error', fail);
		// a server that died (or never answers) fails the test instead of hanging it
		req.setTimeout(3000, () => req.destroy(new Error(`no answer to ${method} ${path}`)));
		req.end();
	});
}

/** One request with headers; the body as bytes, undecoded. */
function fetchRaw(
	path: string,
	headers: Record<string, string> = {},
	method = 'GET'
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
	return new Promise((ok, fail) => {
		const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', fail);
		});
		req.on('error', fail);
		req.setTimeout(3000, () => req.destroy(new Error(`no answer to ${method} ${path}`)));
		req.end();
	});
}

describe('precompressed files', () => {
	it('sends the Brotli copy to a browser that accepts it, with Content-Encoding and Vary', async () => {
		const r = await fetchRaw('/_app/app.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
		expect(r.headers['content-encoding']).toBe('br');
		expect(r.headers.vary).toBe('Accept-Encoding');
		expect(r.headers['content-type']).toMatch(/^text\/javascript/);
		expect(Number(r.headers['content-length'])).toBe(r.body.length);
		expect(r.body.length).toBeLessThan(SCRIPT.length / 4);
		expect(brotliDecompressSync(r.body).toString()).toBe(SCRIPT);
	});

	it('sends gzip where Brotli is not accepted', async () => {
		for (const ae of ['gzip', 'br;q=0, gzip', 'gzip;q=0.5, br;q=0', 'GZIP']) {
			const r = await fetchRaw('/_app/app.js', { 'accept-encoding': ae });
			expect(r.headers['content-encoding'], ae).toBe('gzip');
			expect(gunzipSync(r.body).toString(), ae).toBe(SCRIPT);
		}
	});

	it('sends the file as it is when no encoding is accepted, still saying it varies', async () => {
		for (const ae of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate', '*;q=0']) {
			const r = await fetchRaw('/_app/app.js', ae ? { 'accept-encoding': ae } : {});
			expect(r.headers['content-encoding'], ae).toBeUndefined();
			expect(r.headers.vary, ae).toBe('Accept-Encoding');
			expect(r.body.toString(), ae).toBe(SCRIPT);
		}
	});

	it('a file with no compressed copy: no Content-Encoding, no Vary', async () => {
		const r = await fetchRaw('/data/manifest.json', { 'accept-encoding': 'br, gzip' });
		expect(r.headers['content-encoding']).toBeUndefined();
		expect(r.headers.vary).toBeUndefined();
		expect(r.body.toString()).toBe('{}');
	});

	it('HEAD gives the headers of the copy GET would send', async () => {
		const head = await fetchRaw('/_app/app.js', { 'accept-encoding': 'br' }, 'HEAD');
		const get = await fetchRaw('/_app/app.js', { 'accept-encoding': 'br' });
		expect(head.headers['content-encoding']).toBe('br');
		expect(head.headers['content-length']).toBe(get.headers['content-length']);
		expect(head.body.length).toBe(0);
	});

	it('reads Accept-Encoding as HTTP does: names, q-values, *', () => {
		expect(accepts('br', 'br')).toBe(true);
		expect(accepts('gzip, br;q=0.1', 'br')).toBe(true);
		expect(accepts('br;q=0', 'br')).toBe(false);
		expect(accepts('br;q=0.000', 'br')).toBe(false);
		expect(accepts('*', 'br')).toBe(true);
		expect(accepts('br;q=0, *', 'br')).toBe(false);
		expect(accepts('gzip;q=0, *', 'br')).toBe(true);
		expect(accepts('', 'br')).toBe(false);
		expect(accepts(undefined, 'gzip')).toBe(false);
	});
});

describe("the build's precompressed copies (scripts/lib/precompress.js)", () => {
	it("writes .br and .gz beside each text file that give back its bytes, and takes a large file's copies from the cache next time", async () => {
		const site = mkdtempSync(join(tmpdir(), 'precompress-'));
		try {
			mkdirSync(join(site, 'a', 'b'), { recursive: true });
			const big = Buffer.from(Array.from({ length: 30_000 }, (_, i) => `row ${i % 97};`).join('\n'));
			writeFileSync(join(site, 'index.html'), '<p>home</p>'.repeat(50));
			writeFileSync(join(site, 'a', 'b', 'big.js'), big);
			writeFileSync(join(site, 'a', 'photo.png'), 'not text');
			const cache = join(site, '.cache');
			const first = await precompress(site, { cache });
			expect(first.files).toBe(2);
			expect(first.cached).toBe(0);
			for (const f of ['index.html', 'a/b/big.js']) {
				const plain = readFileSync(join(site, f));
				expect(brotliDecompressSync(readFileSync(join(site, `${f}.br`)))).toEqual(plain);
				expect(gunzipSync(readFileSync(join(site, `${f}.gz`)))).toEqual(plain);
			}
			expect(existsSync(join(site, 'a', 'photo.png.br'))).toBe(false);
			const second = await precompress(site, { cache });
			expect(second.cached).toBe(2);
			expect(brotliDecompressSync(readFileSync(join(site, 'a', 'b', 'big.js.br')))).toEqual(big);
		} finally {
			rmSync(site, { recursive: true, force: true });
		}
	});
});

describe('the host headers (_headers)', () => {
	it('every answer carries the policy as headers: frame-ancestors, nosniff, referrer, permissions', async () => {
		for (const path of ['/', '/data/manifest.json', '/nothing-here']) {
			const r = await fetchRaw(path);
			expect(r.headers['content-security-policy'], path).toBe(cspHeader(['http://127.0.0.1:4181'], 'page'));
			expect(r.headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
			expect(r.headers['x-content-type-options'], path).toBe('nosniff');
			expect(r.headers['referrer-policy'], path).toBe('no-referrer');
			expect(r.headers['permissions-policy'], path).toMatch(/camera=\(\)/);
		}
	});

	it("the app's scripts (the worker among them) get the policy without inline scripts as well", async () => {
		const r = await fetchRaw('/_app/app.js');
		const policies = String(r.headers['content-security-policy']).split(', ');
		expect(policies).toEqual([cspHeader(['http://127.0.0.1:4181'], 'page'), cspHeader(['http://127.0.0.1:4181'], 'script')]);
		expect(policies[1]).toContain("script-src 'self' 'wasm-unsafe-eval';");
		expect(policies[1]).toContain("connect-src 'self' http://127.0.0.1:4181;");
	});

	it('never serves the _headers file itself', async () => {
		for (const path of ['/_headers', '/_headers.html', '/./_headers', '/%5fheaders']) {
			const r = await fetchRaw(path);
			expect(r.status, path).toBe(404);
			expect(r.body.toString(), path).not.toContain('Content-Security-Policy');
		}
	});
});

describe('serveStatic', () => {
	it('serves the site: the index, a file, an escaped name, the app query string', async () => {
		expect(await get('/')).toEqual({ status: 200, body: '<p>home</p>' });
		expect((await get('/data/manifest.json')).body).toBe('{}');
		expect((await get('/caf%C3%A9.txt')).body).toBe('coffee');
		expect((await get('/?data=%25')).status).toBe(200);
		expect((await get('/?q=%E0%A4%A')).status).toBe(200);
		expect((await get('/nothing-here')).status).toBe(404);
	});

	it('a malformed percent-escape answers 400, and the server keeps serving', async () => {
		for (const path of ['/%E0%A4%A', '/%', '/%zz', '/data/%C3', '/%ED%A0%80']) {
			expect(await get(path), path).toEqual({ status: 400, body: expect.stringMatching(/bad request/i) });
		}
		expect((await get('/')).status).toBe(200);
	});

	it('never serves a sibling folder whose name starts with the root, or anything above it', async () => {
		for (const path of [
			'/..%2fbuild-secret%2fkey.txt',
			'/..%2Fbuild-secret%2Fkey.txt',
			'/%2e%2e%2fbuild-secret%2fkey.txt',
			'/..%2fsecret.txt',
			'/data/..%2f..%2fsecret.txt',
			'/..%5cbuild-secret%5ckey.txt'
		]) {
			const r = await get(path);
			expect(r.body, path).not.toContain('SECRET');
			expect([403, 404], path).toContain(r.status);
		}
		expect((await get('/')).status).toBe(200);
	});

	it('a request that fails while the file is read is answered, and the server stays up', async () => {
		expect((await get('/folder.html')).status).toBeGreaterThanOrEqual(400);
		expect((await get('/folder')).status).toBeGreaterThanOrEqual(400);
		expect((await get('/%00')).status).toBeGreaterThanOrEqual(400);
		expect((await get('/', 'HEAD')).status).toBe(200);
		expect((await get('/')).body).toBe('<p>home</p>');
	});

	it('a page rewrite that throws fails that request only (500, or the answer cut off), and the server keeps serving', async () => {
		const other = await serveStatic(join(dir, 'build'), 0, {
			html: () => {
				throw new Error('rewrite failed');
			}
		});
		const otherPort = Number(new URL(other.url).port);
		const ask = () =>
			new Promise<number | 'cut off'>((ok) =>
				request({ host: '127.0.0.1', port: otherPort, path: '/' }, (res) => {
					res.resume();
					res.on('end', () => ok(res.statusCode ?? 0));
					res.on('error', () => ok('cut off'));
				})
					.on('error', () => ok('cut off'))
					.end()
			);
		try {
			expect([500, 'cut off']).toContain(await ask());
			expect([500, 'cut off']).toContain(await ask());
			expect((await get('/')).status).toBe(200);
		} finally {
			await new Promise<void>((ok) => other.server.close(() => ok()));
		}
	});
});
