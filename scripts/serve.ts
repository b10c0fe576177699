/**
 * A static file server for the built site (tests, benchmark): what any static host does.
 * node scripts/serve.ts [dir=build] [port=4173]  — also usable as serveStatic() from code.
 *
 * Like Netlify and Cloudflare Pages it reads the site's `_headers` file (written by the build:
 * the security headers, src/lib/security/headers.js) and never serves it, and it sends a
 * file's precompressed copy (`x.br`, `x.gz`, written by the build) when the request's
 * Accept-Encoding allows, with Content-Encoding and `Vary: Accept-Encoding`.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { headersFor, parseHeadersFile } from '../src/lib/security/headers.js';

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
	/** apply the site's `_headers` (true): false serves as a host that ignores the file would */
	hostHeaders?: boolean;
	/** rewrite an HTML page before sending it (the benchmark's baseline) */
	html?: (html: string, url: URL) => string;
}

/** Precompressed copies, best first: the build writes both next to each text file. */
const ENCODINGS: [encoding: string, suffix: string][] = [
	['br', '.br'],
	['gzip', '.gz']
];

/**
 * Whether an Accept-Encoding header allows `encoding`: named, or `*`, with a q-value above 0
 * (`br;q=0` refuses it; an explicit name wins over `*`). No header: only the plain file.
 */
export function accepts(header: string | undefined, encoding: string): boolean {
	if (!header) return false;
	let star: number | null = null;
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const q = qParam ? Number(qParam.slice(2)) : 1;
		const weight = Number.isFinite(q) ? q : 0;
		if (name.trim() === encoding) return weight > 0;
		if (name.trim() === '*') star = weight;
	}
	return star !== null && star > 0;
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
	// the host's headers: read once, as a host reads them on deploy
	const rulesFile = join(root, '_headers');
	const rules = options.hostHeaders !== false && existsSync(rulesFile) ? parseHeadersFile(readFileSync(rulesFile, 'utf8')) : [];
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
		const hostHeaders = { ...headersFor(rules, path), ...options.headers };
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!isFile(file) && isFile(`${file}.html`)) file = `${file}.html`;
		// the host's configuration is not a page
		if (!isFile(file) || file === rulesFile) {
			const notFound = join(root, '404.html');
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...hostHeaders });
			if (existsSync(notFound))
				createReadStream(notFound)
					.on('error', () => res.destroy())
					.pipe(res);
			else res.end('Not found');
			return;
		}
		const rewrite = options.html && extname(file) === '.html';
		// a precompressed copy the client accepts (not when the page is rewritten on the way)
		const variants = ENCODINGS.filter(([, suffix]) => isFile(file + suffix));
		const chosen = rewrite ? undefined : variants.find(([encoding]) => accepts(req.headers['accept-encoding'], encoding));
		const sent = chosen ? file + chosen[1] : file;
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': 'no-cache',
			...(chosen ? { 'content-encoding': chosen[0] } : {}),
			// the answer depends on Accept-Encoding wherever a compressed copy exists: caches must know
			...(variants.length ? { vary: 'Accept-Encoding' } : {}),
			...(rewrite ? {} : { 'content-length': String(statSync(sent).size) }),
			...hostHeaders
		});
		if (req.method === 'HEAD') res.end();
		else if (rewrite) res.end(options.html!(readFileSync(file, 'utf8'), new URL(req.url ?? '/', 'http://x')));
		else
			createReadStream(sent)
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
