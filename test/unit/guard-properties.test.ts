/**
 * The console guard against generated statements (fast-check). Hostile: a write statement
 * (DELETE, UPDATE, INSERT, COPY, ATTACH, DROP, CREATE, SET) wrapped in CTEs, EXPLAIN, a second
 * statement after a reading one, with names like a$q$, strings of every kind, comments and
 * odd case and spacing between the words: every one is refused, with a reason. Harmless: reading
 * statements whose strings, quoted names and comments are full of write words, semicolons,
 * quotes and dollar tags: every one is accepted.
 *
 * Native DuckDB parses each generated statement first, so the generators are held to what
 * the engine reads: a hostile statement really is a write (or more than one statement), a
 * harmless one really is one SELECT. A guard that disagrees with DuckDB's lexer fails here.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReadOnly } from '../../src/lib/db/guard';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

type Conn = {
	extractStatements(sql: string): Promise<{ count: number }>;
	prepare(sql: string): Promise<{ statementType: number }>;
	closeSync(): void;
};
let conn: Conn;
beforeAll(async () => {
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const instance = await DuckDBInstance.create(':memory:');
	const c = await instance.connect();
	await c.run('CREATE TABLE inspections (inspection_id VARCHAR, score INTEGER)');
	conn = c as unknown as Conn;
});
afterAll(() => conn?.closeSync());

/** DuckDB's StatementType: SELECT 1, EXPLAIN 4. */
const SELECT = 1;
const EXPLAIN = 4;

/** What DuckDB makes of a statement: how many statements, and the type of a single one. */
async function parsed(sql: string): Promise<{ count: number; type: number | null }> {
	const { count } = await conn.extractStatements(sql);
	if (count !== 1) return { count, type: null };
	return { count, type: (await conn.prepare(sql)).statementType };
}

// ---- pieces -------------------------------------------------------------------------------

/** Text that means something to a careless guard: write words, semicolons, quotes, comment and dollar marks. */
const tricky = fc
	.array(
		fc.constantFrom(
			'a',
			' ',
			'\n',
			';',
			"'",
			'"',
			'$',
			'$q$',
			'$$',
			'--',
			'/*',
			'*/',
			'\\',
			'DELETE FROM inspections',
			'drop table inspections',
			'UPDATE inspections SET score = 0',
			'insert into x values (1)',
			"ATTACH 'x.db'",
			"read_csv('/etc/passwd')",
			'é',
			'\u00a0'
		),
		{ minLength: 0, maxLength: 8 }
	)
	.map((parts) => parts.join(''));

/** A string literal of any of DuckDB's kinds holding `text`. */
const literal = fc.oneof(
	tricky.map((t) => `'${t.replace(/'/g, "''")}'`),
	tricky.map((t) => `E'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`),
	tricky.map((t) => `e'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`),
	fc
		.tuple(fc.constantFrom('', 'q', 'tag', '_x1', 'Q'), tricky)
		.filter(([tag, t]) => !`${t}$`.includes(`$${tag}$`))
		.map(([tag, t]) => `$${tag}$${t}$${tag}$`)
);

/** A name: unquoted with $ inside (a$q$, the form that walked around the old guard), or quoted holding anything. */
const name = fc.oneof(
	fc.tuple(fc.constantFrom('a', 'b', 'q_', 'x1'), fc.constantFrom('$q$', '$$', '$', '$tag$', '$1', '')).map(([s, d]) => `${s}${d}`),
	tricky.filter((t) => t.length > 0).map((t) => `"${t.replace(/"/g, '""')}"`)
);

/** Whitespace or a comment (line, block, nested block) full of tricky text. */
const gap = fc.oneof(
	{ weight: 3, arbitrary: fc.constantFrom(' ', '\n', '\t ', '\r\n') },
	{ weight: 1, arbitrary: tricky.filter((t) => !/[\n\r]/.test(t)).map((t) => ` --${t}\n`) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(tricky, tricky)
			.filter(([a, b]) => !/\/\*|\*\//.test(a + ' ' + b) && !a.endsWith('/') && !b.endsWith('/'))
			.map(([a, b]) => ` /* ${a} /* ${b} */ ${a} */ `)
	}
);

/** Random case for a keyword. */
const kw = (word: string) =>
	fc
		.array(fc.boolean(), { minLength: word.length, maxLength: word.length })
		.map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** Join pieces (plain strings or arbitraries) with a random gap between each pair. */
function sentence(...pieces: (string | fc.Arbitrary<string>)[]): fc.Arbitrary<string> {
	const arbs = pieces.map((p) => (typeof p === 'string' ? fc.constant(p) : p));
	return fc
		.tuple(fc.tuple(...arbs), fc.array(gap, { minLength: pieces.length, maxLength: pieces.length }))
		.map(([parts, gaps]) => parts.map((p, i) => (i ? gaps[i] + p : p)).join(''));
}

/** A reading subquery: (SELECT <literal> AS <name>) and the like. */
const scalar = fc.oneof(
	literal.map((l) => `length(${l})`),
	fc.integer({ min: 0, max: 99 }).map(String),
	fc.tuple(literal, name).map(([l, n]) => `(SELECT length(${l}) AS ${n})`)
);

const select = fc.oneof(sentence(kw('SELECT'), scalar, kw('AS'), name), sentence(kw('FROM'), 'inspections', kw('SELECT'), 'inspection_id'));

// ---- hostile: writes --------------------------------------------------------------------

/** Writes DuckDB accepts after WITH … AS (…). */
const cteWrite = fc.oneof(
	sentence(kw('DELETE'), kw('FROM'), 'inspections', kw('WHERE'), 'score', '=', scalar, kw('RETURNING'), 'inspection_id'),
	sentence(kw('UPDATE'), 'inspections', kw('SET'), 'score', '=', scalar),
	sentence(kw('INSERT'), kw('INTO'), 'inspections', '(inspection_id)', kw('VALUES'), '(', literal, ')'),
	sentence(kw('INSERT'), kw('INTO'), 'inspections', kw('SELECT'), '*', kw('FROM'), 'inspections')
);

const write = fc.oneof(
	cteWrite,
	sentence(kw('COPY'), 'inspections', kw('TO'), literal),
	sentence(kw('ATTACH'), literal, kw('AS'), name),
	sentence(kw('DROP'), kw('TABLE'), 'inspections'),
	sentence(kw('CREATE'), kw('TABLE'), name, kw('AS'), select),
	sentence(kw('SET'), 'threads', '=', '1')
);

const hostile = fc.oneof(
	// the form of the issue: WITH … AS (SELECT …) DELETE …
	fc.tuple(name, select, cteWrite, gap).map(([n, s, w, g]) => `WITH ${n} AS (${s})${g}${w}`),
	fc
		.tuple(name, select, select, cteWrite)
		.map(([n, s, t, w]) => `with ${n} as (${s}), ${n.startsWith('"') ? n.slice(0, -1) + '2"' : n + '2'} as (${t}) ${w}`),
	fc.tuple(select, gap, write).map(([s, g, w]) => `${s};${g}${w}`),
	fc.tuple(gap, write).map(([g, w]) => `${g}${w}`),
	fc.tuple(kw('EXPLAIN'), kw('ANALYZE'), cteWrite).map(([e, a, w]) => `${e} ${a} ${w}`)
);

// ---- harmless: reads --------------------------------------------------------------------

const read = fc.oneof(
	sentence(
		kw('SELECT'),
		scalar,
		kw('AS'),
		name,
		',',
		literal,
		kw('AS'),
		'x',
		kw('FROM'),
		'inspections',
		kw('WHERE'),
		'inspection_id',
		'<>',
		literal
	),
	fc.tuple(name, literal, gap).map(([n, l, g]) => `WITH ${n} AS (SELECT ${l} AS v)${g}SELECT * FROM ${n}`),
	sentence(kw('FROM'), 'inspections', kw('SELECT'), literal, kw('AS'), name),
	sentence(kw('VALUES'), '(', literal, ',', scalar, ')'),
	sentence(kw('EXPLAIN'), kw('SELECT'), literal),
	sentence(kw('SELECT'), 'inspection_id', kw('AS'), name, kw('FROM'), 'inspections', ',', '(SELECT 1 AS one)', 'AS', name),
	sentence(kw('DESCRIBE'), kw('SELECT'), scalar, kw('AS'), name)
);

describe('the guard against generated statements', () => {
	it('the statement of the issue is refused: a$q$ names are not dollar quotes', () => {
		const r = checkReadOnly('WITH a$q$ AS (SELECT 1) DELETE FROM inspections WHERE 0 = (SELECT 0 AS b$q$) RETURNING inspection_id');
		expect(r).toEqual({
			ok: false,
			reason: expect.stringMatching(/read-only: the statement after WITH is a DELETE \(line 1, column 25\)/)
		});
	});

	it('refuses every write, however it is wrapped, quoted or commented', async () => {
		await fc.assert(
			fc.asyncProperty(hostile, async (sql) => {
				const duck = await parsed(sql);
				// the generator makes what DuckDB reads as a write, or as more than one statement
				expect(duck.count > 1 || (duck.type !== SELECT && duck.type !== null), sql).toBe(true);
				const r = checkReadOnly(sql);
				expect(r.ok, sql).toBe(false);
				if (!r.ok) expect(r.reason).toMatch(/refused|One statement at a time/);
			}),
			{ numRuns: RUNS }
		);
	});

	it('accepts every reading statement, whatever its strings, names and comments hold', async () => {
		await fc.assert(
			fc.asyncProperty(read, async (sql) => {
				const duck = await parsed(sql);
				expect(duck.count, sql).toBe(1);
				expect([SELECT, EXPLAIN], sql).toContain(duck.type);
				expect(checkReadOnly(sql), sql).toEqual({ ok: true, sql: sql.trim() });
			}),
			{ numRuns: RUNS }
		);
	});
});
