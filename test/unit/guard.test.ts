/**
 * The SQL console's two lines of defence.
 * 1. The guard (src/lib/db/guard.ts): one reading statement, nothing that writes, attaches,
 *    installs, loads, sets, or reads files or URLs; every refusal says why.
 * 2. The engine: console statements run prepared (one statement only) inside a transaction
 *    that is always rolled back, with file and URL access disabled and configuration locked
 *    (LOCKDOWN). Whatever slips past the guard still cannot change or read what it should not.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnly } from '../../src/lib/db/guard';
import { openNodeEngine } from '../../src/lib/db/node';
import { LOCKDOWN, type Engine } from '../../src/lib/db/types';
import { ROOT } from '../paths';
import { shipped } from '../shipped';

const READS = [
	'SELECT 1',
	'select * from inspections',
	'WITH r AS (SELECT overall_rating FROM inspections) SELECT overall_rating, count(*) FROM r GROUP BY 1',
	"SELECT 'drop table x'",
	"SELECT 'DELETE FROM inspections; INSERT INTO x' AS words",
	'SELECT 1 -- DROP TABLE inspections',
	'SELECT /* ATTACH and COPY and INSTALL */ 1',
	"SELECT * FROM inspections WHERE framework IN ('yos-2018', 'yjs-2021')",
	"SELECT coalesce(overall_rating, 'not rated') AS rating FROM inspections",
	"SELECT $$it's$$ AS a",
	"SELECT E'it\\'s; DROP' AS a",
	"SELECT 'it''s; DROP TABLE x' AS a",
	'FROM inspections LIMIT 3',
	'DESCRIBE inspections',
	'SUMMARIZE key_questions',
	'EXPLAIN SELECT * FROM inspections',
	'SELECT * FROM information_schema.columns',
	'SELECT 1;',
	'  SELECT settled_at FROM (SELECT 1 AS settled_at)  ',
	'SELECT * FROM inspections i JOIN authorities a USING (authority_id)',
	// write words inside strings and quoted names are text; addresses in strings are values
	'SELECT "update", "delete" FROM (SELECT 1 AS "update", 2 AS "delete")',
	"SELECT count(*) FROM inspections WHERE source_url LIKE 'https://www.justiceinspectorates.gov.uk/%'",
	"SELECT coalesce(overall_rating, 'n/a') AS rating, 'a.csv' AS file FROM inspections",
	'SELECT * REPLACE (lower(overall_rating) AS overall_rating) FROM inspections',
	"SELECT replace(authority_id, '-', ' ') FROM inspections",
	'SELECT 1 AS a$q$, 2 AS b$q$',
	"SELECT $tag$ it's $q$ ; DROP $tag$ AS a",
	'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t',
	'EXPLAIN ANALYZE SELECT 1',
	'(SELECT 1) UNION (SELECT 2)',
	'SELECT 1 /* a /* nested ; */ comment */',
	'SHOW TABLES'
];

const REFUSED: [string, RegExp][] = [
	['DROP TABLE inspections', /read-only|Only reading statements/],
	['DELETE FROM inspections', /refused/],
	["INSERT INTO inspections (inspection_id) VALUES ('x')", /refused/],
	['UPDATE inspections SET score = 0', /refused/],
	['CREATE TABLE x AS SELECT 1', /refused/],
	["ATTACH 'x.db'", /refused/],
	["ATTACH 'x.db' AS other", /refused/],
	["COPY inspections TO 'x.csv'", /refused/],
	['INSTALL httpfs', /refused/],
	['LOAD httpfs', /refused/],
	['SET enable_external_access=true', /refused/],
	['SET lock_configuration = false', /refused/],
	['RESET lock_configuration', /refused/],
	['PRAGMA table_info(inspections)', /refused/],
	['PRAGMA enable_profiling', /refused/],
	["SELECT * FROM read_csv('/etc/passwd')", /file|refused/],
	["SELECT * FROM read_csv_auto ('/etc/passwd')", /file|refused/],
	["SELECT * FROM read_parquet('https://example.com/x.parquet')", /file|refused/],
	["SELECT * FROM read_text('/etc/hosts')", /file|refused/],
	["SELECT * FROM glob('*')", /file|refused/],
	["SELECT * FROM 'https://example.com/x.parquet'", /file or URL/],
	["SELECT * FROM '/etc/passwd'", /file or URL/],
	["SELECT * FROM inspections JOIN 'x.csv' USING (inspection_id)", /file or URL/],
	["SELECT * FROM query('DROP TABLE inspections')", /refused/],
	["SELECT * FROM query_table('inspections')", /refused/],
	['SELECT 1; DROP TABLE x', /One statement at a time/],
	['SELECT 1; SELECT 2', /One statement at a time/],
	['BEGIN', /refused/],
	['BEGIN TRANSACTION', /refused/],
	['COMMIT', /refused/],
	['ROLLBACK', /refused/],
	['EXPLAIN ANALYZE DELETE FROM x', /refused/],
	['WITH x AS (SELECT 1) DELETE FROM inspections', /refused/],
	['DETACH db', /refused/],
	['CALL checkpoint()', /refused/],
	['CHECKPOINT', /refused/],
	["EXPORT DATABASE 'out'", /refused/],
	["IMPORT DATABASE 'in'", /refused/],
	['ALTER TABLE inspections RENAME TO x', /refused/],
	['TRUNCATE inspections', /refused/],
	['USE other', /refused/],
	['PREPARE p AS SELECT 1', /refused/],
	['VACUUM', /refused/],
	['', /Type a query/],
	['   ', /Type a query/],
	['-- only a comment', /refused/],
	// found in an earlier guard and fixed there: keep them refused
	[`SELECT * FROM "read_csv"('/etc/passwd')`, /file|refused/],
	[`SELECT * FROM "/etc/hosts.csv"`, /file or URL/],
	["SELECT $$'$$ AS a; DROP TABLE inspections; SELECT $$'$$", /One statement|refused/],
	["SELECT E'\\'' AS a; DROP TABLE inspections; --'", /One statement|refused/],
	['SELECT * FROM force_checkpoint()', /refused/],
	// issue 16.2: names with $ inside are words, not dollar quotes
	['WITH a$q$ AS (SELECT 1) DELETE FROM inspections WHERE 0 = (SELECT 0 AS b$q$) RETURNING inspection_id', /after WITH is a DELETE/],
	['WITH a$q$ AS (SELECT 1) UPDATE inspections SET score = 0 WHERE 0 = (SELECT 0 AS b$q$)', /after WITH is a UPDATE/],
	["WITH a$q$ AS (SELECT 1) INSERT INTO inspections (inspection_id) SELECT 'x' AS b$q$", /after WITH is a INSERT/],
	['WITH x AS (DELETE FROM inspections RETURNING *) SELECT * FROM x', /body of x is a DELETE/],
	['EXPLAIN ANALYZE UPDATE inspections SET score = 0', /EXPLAIN explains is a UPDATE/],
	['DESCRIBE DELETE FROM inspections', /DESCRIBE is given is a DELETE/],
	['SELECT 1 AS update', /UPDATE \(line 1, column 13\) is refused.*"update"/],
	["SELECT 'never closed", /quoted string that is never closed \(opened at line 1, column 8\)/],
	['SELECT $q$ never closed', /dollar-quoted string \(\$q\$\) that is never closed/],
	['SELECT 1 /* /* */', /comment that is never closed/],
	['SELECT "never closed', /quoted name that is never closed/],
	["SELECT E'\\' ; DROP TABLE inspections", /never closed/],
	['SELECT 1;\n\nDELETE FROM x', /One statement at a time: this is 2 statements \(the first ends with the semicolon at line 1, column 9\)/],
	[';', /only a semicolon/],
	["SELECT * FROM inspections, 'x.csv'", /file or URL/],
	["DESCRIBE '/etc/passwd'", /file or URL/],
	["SELECT * FROM inspections i, read_csv('x')", /read_csv/],
	['COMMENT ON TABLE inspections IS $$x$$', /refused/],
	["REPLACE INTO inspections VALUES ('x')", /refused/]
];

describe('the console guard', () => {
	it.each(READS)('lets a reading statement run: %s', (sql) => {
		const r = checkReadOnly(sql);
		expect(r).toEqual({ ok: true, sql: sql.trim() });
	});

	it.each(REFUSED)('refuses with a message: %s', (sql, message) => {
		const r = checkReadOnly(sql);
		expect(r.ok, sql).toBe(false);
		if (!r.ok) {
			expect(r.reason).toMatch(message);
			expect(r.reason.length).toBeGreaterThan(10);
		}
	});

	it('is not fooled by case, line breaks or comments between words', () => {
		for (const sql of [
			'drop table inspections',
			'SELECT 1;\nDROP\nTABLE x',
			"SELECT * FROM READ_CSV('x')",
			'SELECT 1 /* ; */; /* x */ DELETE FROM x',
			"select * from read_csv/**/('x')"
		]) {
			expect(checkReadOnly(sql).ok, sql).toBe(false);
		}
	});
});

/**
 * Inputs that once got past the guard (dollar tags with digits, DuckDB's nested block
 * comments): the guard refuses them now, and the engine stops them too (see below).
 */
const GUARD_GAPS: [string, string][] = [
	['a dollar-quote tag with a digit ($a1$) hides a second statement', "SELECT $a1$'$a1$ AS a; DROP TABLE inspections; SELECT $a1$'$a1$"],
	['a nested block comment hides a second statement', "SELECT 1 /* /* */ ' */ ; DROP TABLE inspections; SELECT ''"],
	['a nested block comment hides a file reader', "SELECT 1 /* /* */ ' */ AS x FROM read_csv('/etc/passwd') --'"]
];

/** What the guard of an earlier version let through; the engine stops these too. */
const FIXED_GAPS: [string, string][] = [
	['quoted function name hides a file reader', `SELECT * FROM "read_csv"('/etc/passwd')`],
	['double-quoted file path is a replacement scan', `SELECT * FROM "/etc/hosts.csv"`],
	['dollar-quoted string hides a second statement', "SELECT $$'$$ AS a; DROP TABLE inspections; SELECT $$'$$"],
	['E-string backslash escape hides a second statement', "SELECT E'\\'' AS a; DROP TABLE inspections; --'"],
	['checkpoint as a table function', 'SELECT * FROM force_checkpoint()']
];

describe('gaps found in the guard, now closed (the engine stops each one as well)', () => {
	it.each([...GUARD_GAPS, ...FIXED_GAPS])('%s: %s', (_why, sql) => {
		expect(checkReadOnly(sql).ok).toBe(false);
	});

	it('a quoted identifier spelled like a write word is a name, and runs', () => {
		expect(checkReadOnly('SELECT "update" FROM (SELECT 1 AS "update")').ok).toBe(true);
	});
});

describe('the engine', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`, ['inspections', 'authorities']);
	});
	afterAll(() => db?.close());

	const count = async () => (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM inspections'))[0].n;

	it('a write inside the rolled-back transaction leaves the data as it was', async () => {
		expect(await count()).toBe(shipped.inspections);
		await db.query('BEGIN TRANSACTION');
		try {
			// the DELETE runs; query() then refuses its BigInt "Count" result, which is beside the point here
			await db.query('DELETE FROM inspections').catch((e: unknown) => expect(String(e)).toMatch(/BigInt/));
			expect(await count()).toBe(0);
			await db.query('DROP TABLE authorities');
		} finally {
			await db.query('ROLLBACK');
		}
		expect(await count()).toBe(shipped.inspections);
		expect((await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM authorities'))[0].n).toBeGreaterThan(100);
	});

	it('file and URL access, extensions and configuration are locked', async () => {
		await expect(db.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/disabled|Permission/i);
		await expect(db.query(`SELECT * FROM "read_csv"('/etc/passwd')`)).rejects.toThrow(/disabled|Permission/i);
		await expect(db.query('SET enable_external_access = true')).rejects.toThrow(/lock|configuration/i);
		await expect(db.query('SET lock_configuration = false')).rejects.toThrow(/lock|configuration/i);
		await expect(db.query("ATTACH '/tmp/yj-guard-test.db' AS x")).rejects.toThrow();
		await expect(db.query("COPY inspections TO '/tmp/yj-guard-test.csv'")).rejects.toThrow(/disabled|Permission/i);
		// INSTALL only records the wish (duckdb-wasm has no extension repository here); loading is what is refused
		await expect(db.query('LOAD httpfs')).rejects.toThrow(/disabled/i);
	});
});

/**
 * consoleQuery in browser.ts, step by step, on the Node bindings of the same wasm: BEGIN, a
 * prepared statement, ROLLBACK. openNodeEngine's query() runs unprepared SQL, which accepts
 * several statements; the console prepares, which does not, so this opens its own connection.
 */
describe('the console path (prepared, in a rolled-back transaction)', () => {
	type Conn = {
		query(sql: string): { toArray(): { toJSON(): Record<string, unknown> }[] };
		prepare(sql: string): { query(): unknown; close(): void };
		close(): void;
	};
	let conn: Conn;
	let reset: () => void;
	beforeAll(async () => {
		const require = createRequire(import.meta.url);
		const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
		const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
		const bundles = {
			mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
			eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') }
		};
		const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
		await db.instantiate();
		conn = db.connect();
		(conn as unknown as { insertArrowFromIPCStream(b: Uint8Array, o: object): void }).insertArrowFromIPCStream(
			new Uint8Array(readFileSync(`${ROOT}/data/inspections.arrow`)),
			{ name: 'inspections', create: true }
		);
		for (const s of LOCKDOWN) conn.query(s);
		reset = () => {
			conn.close();
			db.reset();
		};
	});
	afterAll(() => reset?.());

	const count = () => Number(conn.query('SELECT count(*)::INTEGER AS n FROM inspections').toArray()[0].toJSON().n);

	/** What consoleQuery does with a statement the guard let through. */
	function consoleRun(sql: string): string {
		conn.query('BEGIN TRANSACTION');
		try {
			const stmt = conn.prepare(sql);
			try {
				stmt.query();
				return 'ran';
			} finally {
				stmt.close();
			}
		} catch (e) {
			return e instanceof Error ? e.message : String(e);
		} finally {
			// as in browser.ts: a failed ROLLBACK (no transaction left) is ignored
			try {
				conn.query('ROLLBACK');
			} catch {
				/* nothing to roll back */
			}
		}
	}

	it.each([...GUARD_GAPS, ...FIXED_GAPS])('%s: stopped by the engine, nothing changed', (_why, sql) => {
		const out = consoleRun(sql);
		expect(out).not.toBe('ran');
		expect(out).toMatch(/disabled by configuration|Cannot prepare multiple statements|does not exist|Cannot FORCE CHECKPOINT/);
		expect(count()).toBe(shipped.inspections);
	});

	it('even a statement the guard would refuse changes nothing once rolled back', () => {
		expect(consoleRun('DELETE FROM inspections')).toBe('ran');
		expect(count()).toBe(shipped.inspections);
		expect(consoleRun('SELECT 1; COMMIT')).toMatch(/Cannot prepare multiple statements/);
		// a lone COMMIT ends the console's own empty transaction: there is nothing in it to keep
		consoleRun('COMMIT');
		expect(count()).toBe(shipped.inspections);
		expect(consoleRun('DROP TABLE inspections')).toBe('ran');
		expect(count()).toBe(shipped.inspections);
	});
});
