/**
 * A static file server for the built site (tests, benchmark): what any static host does.
 * node scripts/serve.ts [dir=build] [port=4173]  — also usable as serveStatic() from code.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/** A file that can be read (not a folder, not a name with a NUL byte in it). */
function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/** A request whose handling throws is answered 500 (or cut off if the answer had begun): the server keeps serving. */
const guarded =
	(handle: RequestListener): RequestListener =>
	(req, res) => {
		try {
			handle(req, res);
		} catch {
			if (res.headersSent) res.destroy();
			else res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error');
		}
	};

export function serveStatic(dir: string, port = 0, options: ServeOptions = {}): Promise<{ server: Server; url: string }> {
	const root = resolve(dir);
	const handle: RequestListener = (req, res) => {
		let path: string;
		try {
			path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		} catch {
			// a malformed percent-escape (`/%E0%A4%A`): the client's mistake, never the server's end
			res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad request: malformed percent-escape in the path');
			return;
		}
		let file = normalize(join(root, path));
		// whole path segments: `/..%2fbuild-secret/` must not pass as inside `build`
		if (file !== root && !file.startsWith(root + sep)) {
			res.writeHead(403).end();
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!isFile(file) && isFile(`${file}.html`)) file = `${file}.html`;
		if (!isFile(file)) {
			const notFound = join(root, '404.html');
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...options.headers });
			if (existsSync(notFound))
				createReadStream(notFound)
					.on('error', () => res.destroy())
					.pipe(res);
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
		else
			createReadStream(file)
				// a file that cannot be read after all (a folder named x.html, gone, no permission): end the answer, keep serving
				.on('error', () => res.destroy())
				.pipe(res);
	};
	const server = createServer(guarded(handle));
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
