/**
 * duckdb-wasm in the browser: a Web Worker, the wasm and worker files served from this site
 * (vite ?url assets, never a CDN), the Arrow files of data/ loaded as tables. Started when
 * something needs it (a combination of filters, the console, an import, a page that always
 * does, stored imports) or in idle time on a fast unmetered link (routes/+layout.svelte,
 * views/precomputed.ts); one memoised promise, so concurrent callers share one initialisation.
 */
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { TABLE_NAMES } from '../schema/tables';
import { arrowRows } from './rows';
import { dbStatus } from './status.svelte';
import { checkReadOnly } from './guard';
import { prioritised } from './priority';
import { loadState, type FailedImport, type ImportRows, type LoadIO } from './state';
import { LOCKDOWN, type Engine, type Param } from './types';

const ARROW_URLS = import.meta.glob('../../../data/*.arrow', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

/**
 * Where the data files come from: this site's own data/ by default, or any HTTP(S) folder
 * named by ?data= (object storage, a CDN, a synthetic benchmark dataset). Read once per
 * page load; links carry the parameter.
 */
export function dataBase(): string | null {
	if (typeof location === 'undefined') return null;
	const raw = new URLSearchParams(location.search).get('data');
	if (!raw) return null;
	try {
		const u = new URL(raw, location.href);
		if (u.protocol === 'http:' || u.protocol === 'https:') return u.href.endsWith('/') ? u.href : `${u.href}/`;
	} catch {
		// not an address: ignored, the site's own data is used
	}
	return null;
}

function arrowUrl(table: string): string {
	const external = dataBase();
	if (external) return new URL(`${table}.arrow`, external).href;
	const hit = Object.entries(ARROW_URLS).find(([path]) => path.endsWith(`/${table}.arrow`));
	if (!hit) throw new Error(`data/${table}.arrow is not part of this build`);
	return hit[1];
}

let engine: Promise<Engine> | undefined;
/** The same engine at low priority, for work done in advance (see start()). */
let background: Engine | undefined;
let base = new Map<string, Uint8Array>();
let io: LoadIO | undefined;
let consoleConn: import('@duckdb/duckdb-wasm').AsyncDuckDBConnection | undefined;
/** Prepared statements of the app's queries, by SQL text (dropped when the tables are rebuilt). */
const statements = new Map<string, Promise<import('@duckdb/duckdb-wasm').AsyncPreparedStatement>>();

async function forgetStatements() {
	const all = [...statements.values()];
	statements.clear();
	await Promise.all(all.map((p) => p.then((st) => st.close()).catch(() => {})));
}
/** Set by the data room: where stored imports come from (IndexedDB). */
let storedImports: () => Promise<ImportRows[]> = async () => [];
/** Told which stored imports the engine could not load at start. */
let failedImports: (failed: FailedImport[]) => void = () => {};

export function setImportSource(source: () => Promise<ImportRows[]>, onFailed: (failed: FailedImport[]) => void = () => {}) {
	storedImports = source;
	failedImports = onFailed;
}

/**
 * Replace the loaded state with the shipped tables + `imports`; returns the imports the engine
 * could not load (left out, the rest loaded: state.ts). If the shipped tables fail, the previous
 * imports are loaded again and the error is rethrown, so the page never shows half a change.
 */
export async function setImports(imports: ImportRows[], previous: ImportRows[]): Promise<FailedImport[]> {
	await browserEngine('to load your imports');
	if (!io) throw new Error('the data engine is not ready');
	await forgetStatements();
	try {
		return await loadState(io, base, imports);
	} catch (e) {
		await loadState(io, base, previous);
		throw e;
	} finally {
		dbStatus.dataVersion++;
	}
}

export interface ConsoleResult {
	columns: string[];
	rows: unknown[][];
	/** rows the query returns in all (only the first `limit` are kept); null when more than
	 * `limit` and the statement cannot be counted (SHOW, DESCRIBE, EXPLAIN ...) */
	total: number | null;
	ms: number;
}

/** Statements a row limit can be put around: `SELECT * FROM (<statement>) LIMIT n`. */
const WRAPPABLE = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(\(|select\b|with\b|from\b|values\b|table\b)/i;

/** Let the page paint between batches of a long result: no frame waits on the whole of it. */
const yieldToPage = () => new Promise<void>((ok) => setTimeout(ok, 0));

export class ConsoleRefusal extends Error {}

/** Arrow type ids (apache-arrow's Type enum) the console shows specially. */
const ARROW_DATE = 8;
const ARROW_TIMESTAMP = 10;

function display(v: unknown, typeId?: number): unknown {
	if (v === null || v === undefined) return v;
	if (typeId === ARROW_DATE && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
	if (typeId === ARROW_TIMESTAMP && typeof v === 'number') return new Date(v).toISOString();
	if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
	if (v instanceof Uint8Array) return `<${v.length} bytes>`;
	if (v && typeof v === 'object' && 'toArray' in v && typeof (v as { toArray: unknown }).toArray === 'function')
		return Array.from((v as { toArray(): unknown[] }).toArray(), display);
	if (v instanceof Date) return v.toISOString();
	return v;
}

/**
 * Run a console statement: refused unless it only reads (guard.ts), and run inside a
 * transaction that is always rolled back on a connection of its own, so even a statement
 * the guard missed cannot change the data.
 */
export async function consoleQuery(sql: string, limit = 1000): Promise<ConsoleResult> {
	const check = checkReadOnly(sql);
	if (!check.ok) throw new ConsoleRefusal(check.reason);
	await browserEngine('to run your query');
	const conn = consoleConn!;
	const started = performance.now();
	await conn.query('BEGIN TRANSACTION');
	try {
		// The row limit goes inside the query, so that the engine stops after limit + 1 rows
		// (`SELECT range FROM range(1000000000)` is then instant), and the rows are counted by
		// the engine, not by carrying them all into the page. A statement that cannot be wrapped
		// (SHOW, DESCRIBE, EXPLAIN; or a trailing comment) is read as it is, up to limit + 1 rows.
		const body = check.sql.replace(/;\s*$/, '');
		let statement = check.sql;
		let wrapped = false;
		if (WRAPPABLE.test(body)) {
			const limited = `SELECT * FROM (\n${body}\n) AS console_result LIMIT ${limit + 1}`;
			try {
				await (await conn.prepare(limited)).close();
				statement = limited;
				wrapped = true;
			} catch {
				// not wrappable as written: read it as it is
			}
		}
		// Preparing refuses more than one statement; the statement then runs as a streamed query,
		// which cancelSent() can interrupt between batches.
		if (!wrapped) await (await conn.prepare(check.sql)).close();
		const reader = await conn.send(statement, true);
		let columns: string[] = [];
		let types: number[] = [];
		const rows: unknown[][] = [];
		let more = false;
		for await (const batch of reader) {
			if (!columns.length) {
				columns = batch.schema.fields.map((f) => f.name);
				types = batch.schema.fields.map((f) => Number(f.type.typeId));
			}
			for (let r = 0; r < batch.numRows && !more; r++) {
				if (rows.length < limit) rows.push(columns.map((_, c) => display(batch.getChildAt(c)?.get(r), types[c])));
				else more = true;
			}
			if (more) break;
			await yieldToPage();
		}
		if (more && !wrapped) await conn.cancelSent().catch(() => false);
		let total: number | null = rows.length;
		if (more) {
			total = null;
			if (wrapped) {
				const counted = await conn.query(`SELECT count(*)::DOUBLE AS n FROM (\n${body}\n) AS console_result`);
				total = Number(counted.getChildAt(0)?.get(0));
			}
		}
		return { columns, rows, total, ms: performance.now() - started };
	} finally {
		await conn.query('ROLLBACK').catch(() => {});
	}
}

/** Ask the engine to stop the console's running statement. */
export async function cancelConsole(): Promise<boolean> {
	return consoleConn ? consoleConn.cancelSent() : false;
}

/**
 * The engine, starting it if needed. Rejects (and sets data-db="error") if it cannot start.
 * `why`: what it is started for, in words the filter bar shows while it loads ("to combine
 * filters"); only the first caller's reason is kept.
 */
export function browserEngine(why = ''): Promise<Engine> {
	if (!engine) dbStatus.wantedFor = why;
	engine ??= start().catch((e: unknown) => {
		const message = e instanceof Error ? e.message : String(e);
		dbStatus.fail(message);
		throw e;
	});
	return engine;
}

/** The engine for work nobody waits for: its queries go to the worker only when the reader's do not. */
export async function backgroundEngine(): Promise<Engine> {
	await browserEngine();
	if (!background) throw new Error('the engine was closed');
	return background;
}

async function fetchBytes(url: string, onBytes: (n: number) => void): Promise<Uint8Array> {
	const res = await fetch(url);
	if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
	if (!res.body) {
		const buf = new Uint8Array(await res.arrayBuffer());
		onBytes(buf.length);
		return buf;
	}
	const reader = res.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		size += value.length;
		onBytes(value.length);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** Stalled downloads and worker errors are failures, not an endless wait. */
const STALL_MS = 20_000;

function withWatchdog<T>(worker: Worker, run: (kick: () => void) => Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let timer: ReturnType<typeof setTimeout>;
		const fail = (message: string) => {
			clearTimeout(timer);
			reject(new Error(message));
		};
		const kick = () => {
			clearTimeout(timer);
			timer = setTimeout(
				() => fail(`the DuckDB engine (WebAssembly) did not download: nothing received for ${STALL_MS / 1000} s`),
				STALL_MS
			);
		};
		worker.addEventListener('error', (e) => fail(`the DuckDB worker failed: ${e.message || 'unknown error'}`), { once: true });
		kick();
		run(kick).then(
			(v) => {
				clearTimeout(timer);
				resolve(v);
			},
			(e: unknown) => fail(e instanceof Error ? e.message : String(e))
		);
	});
}

/** duckdb-wasm's test for WebAssembly exception handling (platform.ts, `exceptions()`). */
const EH_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11]);

/** Marks on the page's performance timeline (DevTools, the benchmark's profile): where start-up goes. */
const mark = (name: string) => performance.mark(`duckdb:${name}`);

async function start(): Promise<Engine> {
	mark('start');
	dbStatus.begin();
	// the data files, the stored imports and an external dataset's manifest are fetched while
	// the engine's code loads and compiles
	const filesReady = Promise.all(TABLE_NAMES.map(async (t) => [t, await fetchBytes(arrowUrl(t), (n) => dbStatus.dataBytes(n))] as const));
	filesReady.catch(() => {}); // reported where it is awaited
	const storedReady = storedImports().catch((e: unknown) => {
		dbStatus.notice = `Your imported data could not be read from this browser's storage (${e instanceof Error ? e.message : String(e)}); the shipped data is shown.`;
		return [] as ImportRows[];
	});
	const external = dataBase();
	const manifestReady: Promise<{ dataset?: string; scale?: number; built?: string } | null> = external
		? fetch(new URL('manifest.json', external))
				.then((r) => (r.ok ? r.json() : null))
				.catch(() => null)
		: Promise.resolve(null);
	// The bundle, chosen as duckdb-wasm's selectBundle does (EH when the browser validates its
	// exception-handling probe, else MVP; no cross-origin-isolated build here), but before its
	// JavaScript is loaded, so that the worker script downloads alongside it and the wasm
	// download starts as soon as both are in.
	const bundle = WebAssembly.validate(EH_PROBE)
		? { mainModule: ehWasm, mainWorker: ehWorker }
		: { mainModule: mvpWasm, mainWorker: mvpWorker };
	const worker = new Worker(bundle.mainWorker);
	dbStatus.phase('engine');
	const db = await withWatchdog(worker, async (kick) => {
		const duckdb = await import('@duckdb/duckdb-wasm');
		const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
		await db.instantiate(bundle.mainModule, null, (p) => {
			kick();
			dbStatus.progress(p.bytesLoaded, p.bytesTotal);
		});
		return db;
	});
	mark('instantiated');
	// DECIMAL as a number (the console would otherwise show the unscaled integer)
	await db.open({ query: { castDecimalToDouble: true } });
	const conn = await db.connect();
	mark('opened');
	dbStatus.phase('data');
	base = new Map(await filesReady);
	mark('files');
	io = {
		run: async (sql) => {
			await conn.query(sql);
		},
		// a copy: the engine takes the buffer over (it is transferred to the worker)
		insertArrow: (name, bytes) => conn.insertArrowFromIPCStream(bytes.slice(), { name, create: true })
	};
	const stored = await storedReady;
	// stored imports change what the prerendered charts show: the views recompute
	if (stored.length) dbStatus.dataVersion++;
	const failed = await loadState(io, base, stored).catch(async (e: unknown) => {
		dbStatus.notice = `Your imported data could not be loaded (${e instanceof Error ? e.message : String(e)}); the shipped data is shown. Remove the imports in the data room to clear this.`;
		return loadState(io!, base, []);
	});
	if (failed.length) failedImports(failed);
	mark('loaded');
	for (const s of LOCKDOWN) await conn.query(s);
	consoleConn = await db.connect();
	if (external) {
		const manifest = await manifestReady;
		dbStatus.external = {
			base: external,
			synthetic: manifest?.dataset === 'synthetic',
			scale: manifest?.scale ?? null,
			built: typeof manifest?.built === 'string' ? manifest.built.slice(0, 10) : null
		};
		// the prerendered charts are of the shipped data: recompute everything
		dbStatus.dataVersion++;
	}
	const run = async <T>(sql: string, params: readonly Param[]): Promise<T[]> => {
		if (!params.length) return arrowRows<T>(await conn.query(sql));
		// prepared once per SQL text and kept: one round trip to the worker per query after that
		let stmt = statements.get(sql);
		if (!stmt) {
			stmt = conn.prepare(sql);
			statements.set(sql, stmt);
			stmt.catch(() => statements.delete(sql));
		}
		return arrowRows<T>(await (await stmt).query(...params));
	};
	const close = async () => {
		await conn.close();
		await db.terminate();
		engine = undefined;
		background = undefined;
	};
	const lanes = prioritised(run);
	const api: Engine = { query: <T>(sql: string, params: readonly Param[] = []) => lanes.foreground<T>(sql, params), close };
	// the views' idle-time prefetch: see db/priority.ts
	background = { query: <T>(sql: string, params: readonly Param[] = []) => lanes.background<T>(sql, params), close };
	dbStatus.ready();
	mark('ready');
	return api;
}
