/**
 * The data room: the table browser's SQL (validated names, paging, sorting, filters), every
 * download writer read back by an independent reader (CSV parser, flechette, hyparquet,
 * native DuckDB, fflate), and every example query through the guard and the engine.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from '@uwdata/flechette';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { unzipSync } from 'fflate';
import { parseCsv } from '../../src/lib/csv';
import { checkReadOnly } from '../../src/lib/db/guard';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import {
	bundleFiles,
	plainValue,
	resultCsv,
	tableArrowFile,
	tableCsv,
	tableFileName,
	tableParquet,
	zipAll,
	type BundleInfo
} from '../../src/lib/data-room/exports';
import { EXAMPLES } from '../../src/lib/views/data/examples';
import { allTables, browseTable, filterReach, tableRows, unfilteredNote } from '../../src/lib/views/data/query';
import { TABLE_NAMES, TABLES, type Row, type TableName } from '../../src/lib/schema/tables';
import { ROOT } from '../paths';
import { shipped } from '../shipped';

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(`${ROOT}/data`);
});
afterAll(() => db?.close());

const ascii = (b: Uint8Array, from: number, to: number) => new TextDecoder().decode(b.subarray(from, to));

/** CSV text back to typed rows, for comparison with the rows written. */
function fromCsv(table: TableName, text: string): Row[] {
	const { header, rows } = parseCsv(text);
	return rows.map(({ cells }) =>
		Object.fromEntries(
			header.map((h, i) => {
				const col = TABLES[table].columns.find((c) => c.name === h)!;
				const v = cells[i];
				if (v === '') return [h, col.type === 'VARCHAR' ? (col.nullable ? null : '') : col.type === 'VARCHAR[]' ? [] : null];
				if (col.type === 'INTEGER' || col.type === 'DOUBLE') return [h, Number(v)];
				if (col.type === 'BOOLEAN') return [h, v === 'true'];
				if (col.type === 'VARCHAR[]') return [h, JSON.parse(v)];
				return [h, v];
			})
		)
	);
}

describe('browseTable', () => {
	it('pages through a table in key order with the total', async () => {
		const p0 = await browseTable(db, 'key_questions', { page: 0, pageSize: 25 });
		const all = await tableRows(db, 'key_questions');
		expect(p0.total).toBe(all.length);
		expect(p0.rows).toHaveLength(25);
		expect(p0.columns.map((c) => c.name)).toEqual(TABLES.key_questions.columns.map((c) => c.name));
		const p1 = await browseTable(db, 'key_questions', { page: 1, pageSize: 25 });
		expect(p1.rows[0]).toEqual(all[25]);
		expect(typeof p0.rows[0].pct).toBe('number');
		expect(typeof p0.rows[0].discretion).toBe('boolean');
	});

	it('sorts by a column of the table, descending, nulls last; the last page is clamped', async () => {
		const p = await browseTable(db, 'key_questions', { page: 0, pageSize: 50, sort: 'pct', descending: true });
		const pcts = p.rows.map((r) => r.pct as number);
		expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
		const far = await browseTable(db, 'key_questions', { page: 9999, pageSize: 50, sort: 'pct' });
		expect(far.page).toBe(Math.ceil(far.total / 50) - 1);
		expect(far.rows.length).toBeGreaterThan(0);
		const ins = await browseTable(db, 'inspections', { page: 0, pageSize: 200, sort: 'score', descending: true });
		const scores = ins.rows.map((r) => r.score);
		const firstNull = scores.indexOf(null);
		expect(firstNull).toBeGreaterThan(0);
		expect(scores.slice(firstNull).every((s) => s === null)).toBe(true);
	});

	it('refuses a table or a sort column that is not in the data model', async () => {
		await expect(browseTable(db, 'inspections; DROP TABLE inspections', { page: 0, pageSize: 10 })).rejects.toThrow(/not a table/);
		await expect(browseTable(db, 'inspections', { page: 0, pageSize: 10, sort: 'score; DROP TABLE x' })).rejects.toThrow(/not a column/);
		await expect(browseTable(db, 'inspections', { page: 0, pageSize: 10, sort: '"score"' })).rejects.toThrow(/not a column/);
		await expect(tableRows(db, 'information_schema.tables')).rejects.toThrow(/not a table/);
	});

	it('restricts to the inspections in view; authorities to those with one; thematic tables say the filters do not apply', async () => {
		const nw = { region: 'North West' };
		const ins = await browseTable(db, 'inspections', { page: 0, pageSize: 100, filtered: true, filters: nw });
		expect(ins.total).toBe(shipped.inRegion('North West'));
		expect(ins.filtered).toBe(true);
		const kq = await tableRows(db, 'key_questions', { filtered: true, filters: nw });
		expect(new Set(kq.map((r) => r.inspection_id))).toEqual(new Set(['bury-and-rochdale-2020-06']));
		const auth = await tableRows(db, 'authorities', { filtered: true, filters: nw });
		expect(auth.length).toBeGreaterThan(0);
		expect(auth.every((r) => r.region === 'North West')).toBe(true);
		expect(Array.isArray(auth[0].local_authorities)).toBe(true);
		// filters off: everything
		expect((await browseTable(db, 'inspections', { page: 0, pageSize: 10, filters: nw })).total).toBe(shipped.inspections);
		for (const t of ['thematic_recommendations', 'annual_aggregates'] as const) {
			expect(filterReach(t)).toBe('none');
			const p = await browseTable(db, t, { page: 0, pageSize: 10, filtered: true, filters: nw });
			expect(p.filtered).toBe(false);
			expect(p.note).toBe(unfilteredNote(t));
			expect(p.total).toBe((await tableRows(db, t)).length);
		}
	});

	it('list columns come back as arrays of strings', async () => {
		const rows = await tableRows(db, 'thematic_recommendations');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => Array.isArray(r.lines_of_enquiry) && Array.isArray(r.evidence))).toBe(true);
		expect(rows.some((r) => (r.lines_of_enquiry as string[]).length > 0)).toBe(true);
	});
});

describe('writers', () => {
	let data: Record<TableName, Row[]>;
	beforeAll(async () => {
		data = await allTables(db);
	});

	it.each(TABLE_NAMES)('%s: CSV round-trips through parseCsv', (t) => {
		const text = tableCsv(t, data[t]);
		const back = fromCsv(t, text);
		expect(parseCsv(text).header).toEqual(TABLES[t].columns.map((c) => c.name));
		expect(back).toHaveLength(data[t].length);
		// VARCHAR cells: empty string and null both come back as '' or null; compare the rest exactly
		const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === '' ? null : v])));
		expect(norm(back)).toEqual(norm(data[t]));
	});

	it('CSV guards formulas and keeps the value on reading', () => {
		const rows: Row[] = [
			{ inspection_id: 'x', n: 1, addressee: '=HYPERLINK("http://evil")', text: '+1, "quoted"\nline', provenance: 'imported' }
		];
		const text = tableCsv('recommendations', rows);
		expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(fromCsv('recommendations', text)).toEqual(rows);
	});

	it.each(TABLE_NAMES)('%s: Arrow IPC file (Feather v2) reads back with flechette', (t) => {
		const bytes = tableArrowFile(t, data[t]);
		expect(ascii(bytes, 0, 6)).toBe('ARROW1');
		expect(ascii(bytes, bytes.length - 6, bytes.length)).toBe('ARROW1');
		const table = tableFromIPC(bytes);
		expect(table.numRows).toBe(data[t].length);
		expect(table.schema.fields.map((f) => f.name)).toEqual(TABLES[t].columns.map((c) => c.name));
		const back = table
			.toArray()
			.map((r) =>
				Object.fromEntries(
					Object.entries(r).map(([k, v]) => [k, Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<unknown>) : v])
				)
			);
		expect(back).toEqual(data[t]);
	});

	it('Arrow file keeps the model types (int32, float64, bool, list<utf8>)', () => {
		const ins = tableFromIPC(tableArrowFile('inspections', data.inspections));
		const field = (n: string) => ins.schema.fields.find((f) => f.name === n)!.type;
		expect(field('score')).toMatchObject({ typeId: 2, bitWidth: 32, signed: true });
		expect(field('reinspection').typeId).toBe(6);
		const kq = tableFromIPC(tableArrowFile('key_questions', data.key_questions));
		expect(kq.schema.fields.find((f) => f.name === 'pct')!.type).toMatchObject({ typeId: 3, precision: 2 });
		const th = tableFromIPC(tableArrowFile('thematic_recommendations', data.thematic_recommendations));
		expect(th.schema.fields.find((f) => f.name === 'evidence')!.type.typeId).toBe(12);
	});

	it.each(TABLE_NAMES)('%s: Parquet reads back with hyparquet', async (t) => {
		const bytes = tableParquet(t, data[t]);
		expect(ascii(bytes, 0, 4)).toBe('PAR1');
		expect(ascii(bytes, bytes.length - 4, bytes.length)).toBe('PAR1');
		const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
		const meta = parquetMetadata(file);
		expect(Number(meta.num_rows)).toBe(data[t].length);
		if (!data[t].length) return;
		const back = await parquetReadObjects({ file });
		const norm = (rows: Record<string, unknown>[]) =>
			rows.map((r) =>
				Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v === undefined ? null : v]))
			);
		expect(norm(back)).toEqual(norm(data[t]));
	});

	it('Parquet keeps the model types: INT32, DOUBLE, BOOLEAN, UTF8 and LIST of UTF8', () => {
		const bytes = tableParquet('thematic_recommendations', data.thematic_recommendations);
		const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
		const el = (n: string) => meta.schema.find((s) => s.name === n)!;
		expect(el('ordinal').type).toBe('INT32');
		expect(el('text')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
		expect(el('evidence').converted_type).toBe('LIST');
		const kq = tableParquet('key_questions', data.key_questions);
		const kmeta = parquetMetadata(kq.buffer.slice(kq.byteOffset, kq.byteOffset + kq.byteLength) as ArrayBuffer);
		expect(kmeta.schema.find((s) => s.name === 'pct')!.type).toBe('DOUBLE');
		expect(kmeta.schema.find((s) => s.name === 'discretion')!.type).toBe('BOOLEAN');
	});

	it('native DuckDB reads the Parquet with the same types and values (lists as VARCHAR[])', async () => {
		const { DuckDBInstance } = await import('@duckdb/node-api');
		const { mkdtempSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const dir = mkdtempSync(`${tmpdir()}/yj-parquet-`);
		const path = `${dir}/thematic.parquet`;
		writeFileSync(path, tableParquet('thematic_recommendations', data.thematic_recommendations));
		const ins = await DuckDBInstance.create(':memory:');
		const conn = await ins.connect();
		const types = await (
			await conn.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${path}'))`)
		).getRowObjectsJson();
		expect(Object.fromEntries(types.map((r) => [r.column_name, r.column_type]))).toMatchObject({
			ordinal: 'INTEGER',
			year: 'INTEGER',
			text: 'VARCHAR',
			evidence: 'VARCHAR[]'
		});
		const rows = await (
			await conn.runAndReadAll(`SELECT ordinal, evidence FROM read_parquet('${path}') ORDER BY thematic, ordinal`)
		).getRowObjectsJson();
		expect(rows.map((r) => r.evidence)).toEqual(data.thematic_recommendations.map((r) => r.evidence));
		conn.closeSync();
	});

	it('zips every table in the chosen format with README.md and manifest.json', () => {
		const info: BundleInfo = { format: 'parquet', coverage: 'all inspections', filtered: false, created: '2025-01-01T00:00:00Z' };
		const zip = zipAll(bundleFiles(data, info));
		const files = unzipSync(zip);
		expect(Object.keys(files).sort()).toEqual([...TABLE_NAMES.map((t) => `${t}.parquet`), 'README.md', 'manifest.json'].sort());
		const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
		expect(manifest.tables.find((x: { table: string }) => x.table === 'inspections')).toEqual({
			table: 'inspections',
			file: 'inspections.parquet',
			rows: shipped.inspections
		});
		const readme = new TextDecoder().decode(files['README.md']);
		for (const t of TABLE_NAMES) expect(readme).toContain(`## ${t}`);
		expect(readme).toContain('| pct | DOUBLE | Cases judged sufficient | % |');
		expect(ascii(files['inspections.parquet'], 0, 4)).toBe('PAR1');
		const csvZip = unzipSync(zipAll(bundleFiles(data, { ...info, format: 'csv' })));
		expect(parseCsv(new TextDecoder().decode(csvZip['inspections.csv'])).rows).toHaveLength(shipped.inspections);
		expect(() =>
			zipAll([
				{ name: 'a', bytes: new Uint8Array() },
				{ name: 'a', bytes: new Uint8Array() }
			])
		).toThrow(/two files/);
	});

	it('file names say the table and the filters', () => {
		expect(tableFileName('key_questions', 'parquet')).toBe('key_questions.parquet');
		expect(tableFileName('key_questions', 'parquet', 'north-west')).toBe('key_questions-north-west.parquet');
		expect(tableFileName('inspections', 'arrow')).toBe('inspections.arrow');
	});

	it('console results: BigInt, lists, duplicate column names and formulas in CSV', () => {
		expect(plainValue(12345678901234567890n)).toBe('12345678901234567890');
		expect(plainValue(['a', 'b'])).toBe('["a","b"]');
		expect(plainValue(null)).toBeNull();
		const text = resultCsv(['n', 'n', 'x'], [[1, 2n, '=1+1']]);
		expect(parseCsv(text).header).toEqual(['n', 'n', 'x']);
		expect(parseCsv(text).rows[0].cells).toEqual(['1', '2', '=1+1']);
		expect(text).toContain("'=1+1");
	});
});

describe('example queries', () => {
	it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s passes the guard and runs', async (_id, e) => {
		const check = checkReadOnly(e.sql);
		expect(check, e.sql).toEqual({ ok: true, sql: e.sql.trim() });
		const rows = await db.query(e.sql);
		expect(rows.length).toBeGreaterThan(0);
	});

	it('cover every view named in the brief', () => {
		expect(EXAMPLES.map((e) => e.id)).toEqual([
			'overview',
			'standards',
			'risk-of-harm',
			'disproportionality',
			'services',
			'recommendations',
			'data-model'
		]);
	});

	it('the standards example keeps 3.4 apart per framework', async () => {
		const rows = await db.query<{ code: string; framework: string }>(EXAMPLES.find((e) => e.id === 'standards')!.sql);
		expect(
			rows
				.filter((r) => r.code === '3.4')
				.map((r) => r.framework)
				.sort()
		).toEqual(['yjs-2021', 'yos-2018']);
		expect(rows.filter((r) => r.code === '2.1').map((r) => r.framework)).toEqual(['all frameworks']);
	});

	it('the services example gives one row per service', async () => {
		const rows = await db.query<{ service: string }>(EXAMPLES.find((e) => e.id === 'services')!.sql);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(DISTINCT authority_id)::INTEGER AS n FROM inspections');
		expect(rows).toHaveLength(n);
	});
});

it('the manifest counts the inspections the CSV copy holds (the e2e tests expect that many)', () => {
	const manifest = JSON.parse(readFileSync(`${ROOT}/data/manifest.json`, 'utf8'));
	expect(manifest.tables.inspections.rows).toBe(shipped.inspections);
});
