/**
 * scripts/serve.ts, the static server of the tests, the benchmark and users who copy it: real
 * HTTP requests against a temporary site folder with a sibling folder whose name starts with
 * the site's ("build" and "build-secret"). A malformed percent-escape is a 400, never a crash;
 * nothing outside the site folder is served, however the path is spelt.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve';

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
