/**
 * data/ as the app loads it: every Arrow file into duckdb-wasm in Node, row counts against
 * the manifest, and the analytical SQL the app runs checked against the CSV copies.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../src/lib/csv';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { listInspections } from '../../src/lib/queries/inspections';
import { standardsRiOrWorse } from '../../src/lib/queries/standards';
import { rowSchema, TABLE_NAMES, TABLES, type RowOf } from '../../src/lib/schema/tables';
import { buildDataset } from '../../scripts/lib/build-dataset';
import { ROOT } from '../paths';

const DATA = `${ROOT}/data`;
const manifest = JSON.parse(readFileSync(`${DATA}/manifest.json`, 'utf8'));
const csv = (t: string) => parseCsv(readFileSync(`${DATA}/${t}.csv`, 'utf8'));

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(DATA);
});
afterAll(() => db?.close());

describe('data/ loads into duckdb-wasm', () => {
	it.each(TABLE_NAMES)('%s: row count matches the manifest and the CSV copy', async (t) => {
		const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${t}`);
		expect(n).toBe(manifest.tables[t].rows);
		expect(csv(t).rows).toHaveLength(n);
	});

	it('column types are those of the data model', async () => {
		const cols = await db.query<{ table_name: string; column_name: string; data_type: string }>(
			`SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY table_name, ordinal_position`
		);
		for (const t of TABLE_NAMES) {
			expect(cols.filter((c) => c.table_name === t).map((c) => `${c.column_name} ${c.data_type}`)).toEqual(
				TABLES[t].columns.map((c) => `${c.name} ${c.type}`)
			);
		}
	});

	it('number of inspections rating each standard Requires improvement or worse', async () => {
		// Independently from the CSV copy: count by hand, then compare with the app's SQL.
		const ins = new Map(csv('inspections').rows.map((r) => [r.cells[0], r.cells]));
		const fwCol = TABLES.inspections.columns.findIndex((c) => c.name === 'framework');
		const expected = new Map<string, { rated: number; bad: number }>();
		for (const r of csv('standard_ratings').rows) {
			const [inspectionId, code, , , rating] = r.cells;
			const fw = ins.get(inspectionId)![fwCol];
			if (fw !== 'yos-2018' && fw !== 'yjs-2021') continue;
			const key = `${code}/${code === '3.4' ? fw : 'all'}`;
			const e = expected.get(key) ?? { rated: 0, bad: 0 };
			e.rated++;
			if (rating === 'Requires improvement' || rating === 'Inadequate') e.bad++;
			expected.set(key, e);
		}
		const got = await standardsRiOrWorse(db);
		expect(got.length).toBe(expected.size);
		for (const row of got) {
			const e = expected.get(`${row.code}/${row.meaning}`)!;
			expect({ code: row.code, rated: row.rated, bad: row.ri_or_worse }).toEqual({ code: row.code, rated: e.rated, bad: e.bad });
			expect(row.share).toBeCloseTo(e.bad / e.rated, 10);
		}
		// the three full reports alone rate 2.1 RI or worse twice (Leeds, Bury and Rochdale)
		const reportOnly = await db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM standard_ratings JOIN inspections USING (inspection_id)
			 WHERE code = '2.1' AND inspections.provenance = 'report' AND rating IN ('Requires improvement', 'Inadequate')`
		);
		expect(reportOnly[0].n).toBe(2);
	});

	it('one inspection per report, merged with its reference row', async () => {
		const rows = await listInspections(db);
		const bury = rows.filter((r) => r.area === 'Bury and Rochdale');
		expect(bury).toHaveLength(1);
		expect(bury[0]).toMatchObject({ provenance: 'report', region: 'North West', score: 23, inspection_year: '2019-20' });
		expect(bury[0].source_url).toMatch(/^https:/);
		expect(rows.find((r) => r.area === 'Derbyshire' && r.provenance === 'report')).toMatchObject({
			region: 'East Midlands',
			framework: 'sqs-2016'
		});
		expect(rows.length).toBe(manifest.tables.inspections.rows);
	});

	it('never returns BigInt: an uncast count is refused with a message', async () => {
		await expect(db.query('SELECT count(*) FROM inspections')).rejects.toThrow(/cast it in SQL/);
	});

	it('cannot read files or load extensions', async () => {
		await expect(db.query(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toThrow();
		await expect(db.query(`SET enable_external_access = true`)).rejects.toThrow();
	});
});

describe('npm run data:build', () => {
	it('is deterministic and data/ is current with ../shared', async () => {
		const a = (await buildDataset()).data;
		const b = (await buildDataset()).data;
		expect(a).toEqual(b);
		for (const t of TABLE_NAMES) {
			const fresh = toCsv(
				TABLES[t].columns.map((c) => c.name),
				a[t]
			);
			expect(fresh, `data/${t}.csv is stale: run npm run data:build`).toBe(readFileSync(`${DATA}/${t}.csv`, 'utf8'));
		}
	});

	it('the manifest records sources with checksums', () => {
		expect(manifest.sources.map((s: { file: string }) => s.file)).toEqual(
			expect.arrayContaining(['reports/leeds-2019-11.txt', 'reference/published-inspections.csv'])
		);
		for (const s of manifest.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('rows are typed from the table definitions', () => {
	it('a row built with every column type-checks; a misspelt or missing column does not compile', () => {
		const ok: RowOf<'offences'> = { inspection_id: 'x-2020-01', offence: 'Robbery', pct: 12, provenance: 'report' };
		// @ts-expect-error "offense" is not a column of offences (npm run check fails if this compiles)
		const misspelt: RowOf<'offences'> = { inspection_id: 'x-2020-01', offense: 'Robbery', pct: 12, provenance: 'report' };
		// @ts-expect-error pct is missing
		const missing: RowOf<'offences'> = { inspection_id: 'x-2020-01', offence: 'Robbery', provenance: 'report' };
		expect([ok, misspelt, missing].map((r) => rowSchema('offences').safeParse(r).success)).toEqual([true, false, false]);
	});
});
