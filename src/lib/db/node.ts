/**
 * duckdb-wasm in Node (blocking bindings): for tests and for prerendering charts at build
 * time. Same wasm, same SQL, same Arrow files as the browser. One engine per process.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deriveTables, type LoadIO } from './state';
import type { Engine, Param } from './types';
import { LOCKDOWN } from './types';
import { arrowRows } from './rows';
import { TABLE_NAMES } from '../schema/tables';

const require = createRequire(import.meta.url);

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

let shared: Promise<Engine & { io: LoadIO }> | undefined;

/** The engine with every table of `dataDir` loaded (default: ./data). Memoised. */
export function nodeEngine(dataDir = join(process.cwd(), 'data')): Promise<Engine & { io: LoadIO }> {
	shared ??= openNodeEngine(dataDir);
	return shared;
}

export async function openNodeEngine(dataDir: string, tables: readonly string[] = TABLE_NAMES): Promise<Engine & { io: LoadIO }> {
	const duckdb: Blocking = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const db = await duckdb.createDuckDB(
		{
			mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
			eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	const conn = db.connect();
	for (const t of tables) {
		conn.insertArrowFromIPCStream(new Uint8Array(readFileSync(join(dataDir, `${t}.arrow`))), { name: t, create: true });
	}
	for (const s of LOCKDOWN) conn.query(s);
	const io: LoadIO = {
		run: async (sql) => {
			conn.query(sql);
		},
		insertArrow: async (name, bytes) => conn.insertArrowFromIPCStream(bytes, { name, create: true })
	};
	if (tables.includes('inspections') && tables.includes('authorities')) await deriveTables(io);
	return {
		io,
		async query<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
			if (!params.length) return arrowRows<T>(conn.query(sql));
			const stmt = conn.prepare(sql);
			try {
				return arrowRows<T>(stmt.query(...params));
			} finally {
				stmt.close();
			}
		},
		async close() {
			conn.close();
			db.reset();
			shared = undefined;
		}
	};
}
