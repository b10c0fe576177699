/**
 * duckdb-wasm in the browser: a Web Worker, the wasm and worker files served from this site
 * (vite ?url assets, never a CDN), the Arrow files of data/ loaded as tables. Started after
 * first paint; one memoised promise, so concurrent callers share one initialisation.
 */
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { TABLE_NAMES } from '../schema/tables';
import { arrowRows } from './rows';
import { dbStatus } from './status.svelte';
import { LOCKDOWN, type Engine, type Param } from './types';

const ARROW_URLS = import.meta.glob('../../../data/*.arrow', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

function arrowUrl(table: string): string {
	const hit = Object.entries(ARROW_URLS).find(([path]) => path.endsWith(`/${table}.arrow`));
	if (!hit) throw new Error(`data/${table}.arrow is not part of this build`);
	return hit[1];
}

let engine: Promise<Engine> | undefined;

/** The engine, starting it if needed. Rejects (and sets data-db="error") if it cannot start. */
export function browserEngine(): Promise<Engine> {
	engine ??= start().catch((e: unknown) => {
		const message = e instanceof Error ? e.message : String(e);
		dbStatus.fail(message);
		throw e;
	});
	return engine;
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
			timer = setTimeout(() => fail(`the DuckDB engine (WebAssembly) did not download: nothing received for ${STALL_MS / 1000} s`), STALL_MS);
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

async function start(): Promise<Engine> {
	dbStatus.begin();
	const duckdb = await import('@duckdb/duckdb-wasm');
	const bundle = await duckdb.selectBundle({
		mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
		eh: { mainModule: ehWasm, mainWorker: ehWorker }
	});
	const worker = new Worker(bundle.mainWorker!);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	dbStatus.phase('engine');
	await withWatchdog(worker, (kick) =>
		db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
			kick();
			dbStatus.progress(p.bytesLoaded, p.bytesTotal);
		})
	);
	const conn = await db.connect();
	dbStatus.phase('data');
	const files = await Promise.all(TABLE_NAMES.map(async (t) => [t, await fetchBytes(arrowUrl(t), (n) => dbStatus.dataBytes(n))] as const));
	for (const [name, bytes] of files) await conn.insertArrowFromIPCStream(bytes, { name, create: true });
	for (const s of LOCKDOWN) await conn.query(s);
	const api: Engine = {
		async query<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
			if (!params.length) return arrowRows<T>(await conn.query(sql));
			const stmt = await conn.prepare(sql);
			try {
				return arrowRows<T>(await stmt.query(...params));
			} finally {
				await stmt.close();
			}
		},
		async close() {
			await conn.close();
			await db.terminate();
			engine = undefined;
		}
	};
	dbStatus.ready();
	return api;
}
