/**
 * Brotli (`x.br`) and gzip (`x.gz`) copies of the built site's text files, WebAssembly and
 * Arrow data, for hosts that send a precompressed copy (scripts/serve.ts, nginx
 * `gzip_static`/`brotli_static`, Apache: docs/DEPLOY.md).
 *
 * Not adapter-static's `precompress: true`: it compresses every file at Brotli's highest
 * quality, and for the two DuckDB WebAssembly files (73 MB) that ran past 16 minutes on the
 * shared build machine (quality 5: 52 s for one, 6.2 MB against gzip's 7.7 MB). Here files up
 * to 1 MB get quality 11 as there; larger ones quality 5. And a file's copies are kept in a
 * cache by the SHA-256 of its bytes, so the WebAssembly and the PDF worker, which change only
 * with their packages, are compressed once, not on every build.
 *
 * Plain JavaScript: svelte.config.js runs it in Node before any TypeScript.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What is compressed: adapter-static's list, and the Arrow tables the app fetches. */
export const COMPRESSED = ['.html', '.js', '.mjs', '.json', '.css', '.svg', '.xml', '.wasm', '.txt', '.md', '.arrow'];

/** Above this size, Brotli quality 5 rather than 11. */
const LARGE = 1_000_000;
/** Files this large are worth a cached copy. */
const CACHED = 200_000;

/** @param {string} dir @returns {string[]} */
function files(dir) {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? files(join(dir, e.name)) : COMPRESSED.includes(extname(e.name)) ? [join(dir, e.name)] : []
	);
}

/**
 * Write `file.br` and `file.gz` beside every file of `dir` that is worth it.
 * @param {string} dir
 * @param {{ cache?: string; concurrency?: number }} [options]
 * @returns {Promise<{ files: number; bytes: number; br: number; gz: number; cached: number }>}
 */
export async function precompress(dir, options = {}) {
	const cache = options.cache ?? 'node_modules/.cache/yj-precompress';
	const list = files(dir);
	const totals = { files: list.length, bytes: 0, br: 0, gz: 0, cached: 0 };
	/** @param {string} file */
	async function one(file) {
		const bytes = readFileSync(file);
		totals.bytes += bytes.length;
		const key = bytes.length >= CACHED ? createHash('sha256').update(bytes).digest('hex') : null;
		const quality = bytes.length > LARGE ? 5 : constants.BROTLI_MAX_QUALITY;
		/** @type {[string, () => Promise<Buffer>][]} */
		const kinds = [
			[
				'.br',
				() =>
					brotli(bytes, {
						params: {
							[constants.BROTLI_PARAM_MODE]:
								extname(file) === '.wasm' || extname(file) === '.arrow' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
							[constants.BROTLI_PARAM_QUALITY]: quality,
							[constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
						}
					})
			],
			['.gz', () => gz(bytes, { level: constants.Z_BEST_COMPRESSION })]
		];
		for (const [suffix, make] of kinds) {
			const cached = key && join(cache, `${key}-q${quality}${suffix}`);
			if (cached && existsSync(cached)) {
				copyFileSync(cached, file + suffix);
				totals.cached++;
			} else {
				const out = await make();
				writeFileSync(file + suffix, out);
				if (cached) {
					mkdirSync(cache, { recursive: true });
					// whole or not at all: another build may read the cache meanwhile
					writeFileSync(`${cached}.tmp`, out);
					renameSync(`${cached}.tmp`, cached);
				}
			}
			totals[suffix === '.br' ? 'br' : 'gz'] += statSync(file + suffix).size;
		}
	}
	// a few at a time: the machine is shared, and zlib works on the thread pool
	const queue = [...list].sort((a, b) => statSync(b).size - statSync(a).size);
	const workers = Array.from({ length: options.concurrency ?? 2 }, async () => {
		for (let file = queue.shift(); file; file = queue.shift()) await one(file);
	});
	await Promise.all(workers);
	return totals;
}
