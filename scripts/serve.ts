/**
 * A static file server for the built site (tests, benchmark): what any static host does.
 * node scripts/serve.ts [dir=build] [port=4173]  — also usable as serveStatic() from code.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.wasm': 'application/wasm',
	'.arrow': 'application/vnd.apache.arrow.stream',
	'.csv': 'text/csv; charset=utf-8',
	'.parquet': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.map': 'application/json'
};

export interface ServeOptions {
	/** extra response headers, e.g. CORS for a data host */
	headers?: Record<string, string>;
	/** rewrite an HTML page before sending it (the benchmark's baseline) */
	html?: (html: string, url: URL) => string;
}

export function serveStatic(dir: string, port = 0, options: ServeOptions = {}): Promise<{ server: Server; url: string }> {
	const root = resolve(dir);
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		let file = normalize(join(root, path));
		if (!file.startsWith(root)) {
			res.writeHead(403).end();
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
		if (!existsSync(file)) {
			const notFound = join(root, '404.html');
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...options.headers });
			if (existsSync(notFound)) createReadStream(notFound).pipe(res);
			else res.end('Not found');
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': 'no-cache',
			...options.headers
		});
		if (req.method === 'HEAD') res.end();
		else if (options.html && extname(file) === '.html')
			res.end(options.html(readFileSync(file, 'utf8'), new URL(req.url ?? '/', 'http://x')));
		else createReadStream(file).pipe(res);
	});
	return new Promise((ok) => {
		server.listen(port, '127.0.0.1', () => {
			const addr = server.address();
			ok({ server, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}` });
		});
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const [dir = 'build', port = '4173'] = process.argv.slice(2);
	serveStatic(dir, Number(port)).then(({ url }) => console.log(`serving ${dir} at ${url}`));
}
