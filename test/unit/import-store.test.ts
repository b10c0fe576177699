/**
 * Stored imports, checked one by one as they are read (issue 17 item 1): a good record always
 * loads, a damaged one is listed with what can be read of it (file name, date) and never hides
 * the others, a record of the first version is migrated, one from a newer version is kept and
 * not loaded. fast-check damages records at random: no good record and none of the shipped data
 * is ever lost, on the pure check and on a real engine.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import { loadState, type ImportRows } from '../../src/lib/db/state';
import {
	checkRecord,
	checkStored,
	exportName,
	rawJson,
	RECORD_VERSION,
	type ImportRecord,
	type StoredEntry
} from '../../src/lib/import/record';
import { importRatingsCsv } from '../../src/lib/import/ratings-csv';
import { importReport } from '../../src/lib/import/report';
import { rowSchema, TABLE_NAMES, type TableName } from '../../src/lib/schema/tables';
import { REPORTS, ROOT } from '../paths';
import { shippedRows } from '../shipped';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const HEADER = 'service,nation,region,published,framework,overall_rating,standard,rating,desistance_pct,child_safety_pct,others_safety_pct';

/** A record as "Add all ready" stores it: a ratings CSV of one invented service. */
function csvRecord(k: number, over: Partial<ImportRecord> = {}): ImportRecord {
	const name = `Fuzzshire ${k}`;
	const text = [
		HEADER,
		`${name},England,London,2024-0${(k % 9) + 1},yjs-2021,Good,,,,,`,
		`${name},England,London,2024-0${(k % 9) + 1},yjs-2021,Good,2.1,Requires improvement,82,70,58`
	].join('\n');
	const r = importRatingsCsv(`fuzz-${k}.csv`, text);
	if (r.problems.length) throw new Error(JSON.stringify(r.problems));
	return {
		version: RECORD_VERSION,
		id: `mcz1-abc-${String(k).padStart(4, '0')}`,
		name: `fuzz-${k}.csv`,
		kind: 'ratings-csv',
		createdAt: `2026-12-0${(k % 9) + 1}T10:00:00.000Z`,
		source: text,
		rows: r.rows,
		replaces: [],
		summary: `1 inspection (${r.inspections[0]})`,
		...over
	};
}

/** A report of a new service, with a region chosen: many tables, many rows. */
function reportRecord(): ImportRecord {
	const text = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8').replace(/Bury and Rochdale/g, 'Northmoor');
	const r = importReport('northmoor.txt', text, 'ab'.repeat(32), {
		nation: 'England',
		region: 'North West',
		localAuthorities: ['Northmoor']
	});
	if (r.problems.length) throw new Error(JSON.stringify(r.problems));
	return {
		version: RECORD_VERSION,
		id: 'mcz0-rep-0000',
		name: 'northmoor.txt',
		kind: 'report-text',
		createdAt: '2026-11-30T09:30:00.000Z',
		source: text,
		rows: r.rows,
		replaces: [],
		summary: `1 inspection (${r.inspectionId})`
	};
}

const entry = (r: unknown, key?: IDBValidKey): StoredEntry => ({ key: key ?? (r as ImportRecord).id, value: r });
const clone = <T>(v: T): T => structuredClone(v);
const without = (r: object, field: string): Record<string, unknown> => {
	const c: Record<string, unknown> = { ...r };
	delete c[field];
	return c;
};

describe('a stored record, checked on its own', () => {
	const good = csvRecord(1);

	it('a good record loads exactly as stored', () => {
		const c = checkRecord(good.id, clone(good));
		expect(c).toEqual({ ok: true, record: good });
	});

	it('a record of the first version (no version field) is migrated: tables and nullable columns the model gained are filled in', () => {
		const v1: Record<string, unknown> = without(clone(good), 'version');
		const rows = v1.rows as Record<string, unknown>;
		delete rows.annual_aggregates;
		delete rows.thematic_recommendations;
		const ins = (rows.inspections as Record<string, unknown>[])[0];
		delete ins.date_note;
		delete ins.lead_inspector;
		const c = checkRecord(good.id, v1);
		expect(c).toEqual({ ok: true, record: good });
		// the stored value itself is left as it was
		expect(v1.version).toBeUndefined();
		expect('annual_aggregates' in rows).toBe(false);
	});

	it('a version-1 record that lacks a column the model requires is kept, listed with what is missing', () => {
		const v1: Record<string, unknown> = without(clone(good), 'version');
		delete ((v1.rows as Record<string, Record<string, unknown>[]>).inspections[0] as Record<string, unknown>).service_name;
		const c = checkRecord(good.id, v1);
		expect(c.ok).toBe(false);
		if (c.ok) return;
		expect(c.damaged.problems).toEqual(['rows.inspections[0].service_name: missing']);
		expect(c.damaged.name).toBe('fuzz-1.csv');
		expect(c.damaged.needs).toMatch(/export it .* import the file again/);
	});

	const damages: [string, (r: ImportRecord) => unknown, RegExp][] = [
		['rows: null', (r) => ({ ...r, rows: null }), /^rows: expected an object, found null$/],
		['no createdAt', (r) => without(r, 'createdAt'), /^createdAt: missing$/],
		['a date that is not one', (r) => ({ ...r, createdAt: 'yesterday' }), /^createdAt: not a date and time/],
		[
			'rows of the wrong type',
			(r) => ({ ...r, rows: { ...r.rows, inspections: 'none' } }),
			/^rows\.inspections: expected a list, found the text "none"$/
		],
		['an unknown table', (r) => ({ ...r, rows: { ...r.rows, secrets: [] } }), /^rows: unknown table "secrets"$/],
		[
			'a row failing its table',
			(r) => ({ ...r, rows: { ...r.rows, inspections: [{ ...r.rows.inspections[0], published: 202403 }] } }),
			/^rows\.inspections\[0\]\.published: expected text, found the number 202403$/
		],
		[
			'an unknown column',
			(r) => ({ ...r, rows: { ...r.rows, standard_ratings: [{ ...r.rows.standard_ratings[0], colour: 'red' }] } }),
			/^rows\.standard_ratings\[0\]: unknown column "colour"$/
		],
		[
			'a number too large for an INTEGER column',
			(r) => ({ ...r, rows: { ...r.rows, inspections: [{ ...r.rows.inspections[0], published_year: 2 ** 40 }] } }),
			/^rows\.inspections\[0\]\.published_year: the number 1099511627776 is out of range$/
		],
		[
			'an unknown kind',
			(r) => ({ ...r, kind: 'spreadsheet' }),
			/^kind: the text "spreadsheet", expected "report-text" or "report-pdf" or "ratings-csv"$/
		],
		['replaces not a list', (r) => ({ ...r, replaces: 'leeds-2019-11' }), /^replaces: expected a list/],
		['a version that is not a number', (r) => ({ ...r, version: '2' }), /^version: expected a whole number from 1, found the text "2"$/],
		['an id that is not its key', (r) => ({ ...r, id: 'another' }), /^id: "another" is not the key it is stored under/]
	];
	for (const [what, damage, problem] of damages) {
		it(`damaged (${what}): listed with its name, its date where it has one, the problem naming the field; the good one beside it loads`, () => {
			const bad = csvRecord(2);
			const { good: loaded, damaged } = checkStored([entry(clone(good)), entry(damage(clone(bad)), bad.id)]);
			expect(loaded).toEqual([good]);
			expect(damaged).toHaveLength(1);
			const d = damaged[0];
			expect(d.key).toBe(bad.id);
			expect(d.name).toBe('fuzz-2.csv');
			expect(d.createdAt).toBe(what === 'no createdAt' || what === 'a date that is not one' ? null : bad.createdAt);
			expect(d.problems[0]).toMatch(problem);
			expect(JSON.parse(rawJson(d.raw))).toEqual(JSON.parse(JSON.stringify(damage(clone(bad)))));
		});
	}

	it('a record from a newer version of the dashboard is kept and not loaded, and says what it needs', () => {
		const c = checkRecord(good.id, { ...clone(good), version: RECORD_VERSION + 1 });
		expect(c.ok).toBe(false);
		if (c.ok) return;
		expect(c.damaged.problems).toEqual([expect.stringMatching(/^version: 3, stored by a newer version of this dashboard/)]);
		expect(c.damaged.needs).toMatch(/open the newest version of the dashboard/);
		expect(c.damaged.name).toBe('fuzz-1.csv');
	});

	it('what is not a record at all: listed by its key, never thrown', () => {
		const { good: loaded, damaged } = checkStored([
			entry(null, 'k-null'),
			entry('text', 'k-text'),
			entry([1, 2], 'k-list'),
			entry(42, 7),
			entry({}, 'k-empty'),
			entry(clone(good))
		]);
		expect(loaded).toEqual([good]);
		expect(damaged.map((d) => [d.label, d.name, d.problems[0]])).toEqual([
			['k-null', null, 'the record is not an object: found null'],
			['k-text', null, 'the record is not an object: found the text "text"'],
			['k-list', null, 'the record is not an object: found a list of 2'],
			['7', null, 'the record is not an object: found the number 42'],
			['k-empty', null, 'id: missing']
		]);
	});

	it('a record with many bad rows lists the first five problems and counts the rest', () => {
		const r = clone(good);
		const bad = {
			...r,
			rows: { ...r.rows, standard_ratings: Array.from({ length: 12 }, () => ({ ...r.rows.standard_ratings[0], score: 'three' })) }
		};
		const c = checkRecord(r.id, bad);
		expect(c.ok).toBe(false);
		if (c.ok) return;
		expect(c.damaged.problems).toHaveLength(5);
		expect(c.damaged.more).toBe(7);
	});

	it('good records come out oldest first; a batch keeps its list order', () => {
		const a = csvRecord(3, { id: 'b-0001', createdAt: '2026-12-05T10:00:00.000Z' });
		const b = csvRecord(4, { id: 'b-0000', createdAt: '2026-12-05T10:00:00.000Z' });
		const c = csvRecord(5, { id: 'a-0000', createdAt: '2026-12-01T10:00:00.000Z' });
		expect(checkStored([entry(a), entry(b), entry(c)]).good.map((r) => r.id)).toEqual(['a-0000', 'b-0000', 'b-0001']);
	});

	it('the export is the record as stored, whatever it holds', () => {
		const cyclic: Record<string, unknown> = { name: 'loop.csv' };
		cyclic.self = cyclic;
		const odd = {
			name: 'odd.csv',
			n: 10n,
			when: new Date('2026-01-02T03:04:05Z'),
			map: new Map([['a', 1]]),
			set: new Set(['x']),
			bytes: new Uint8Array([1, 2, 3]),
			nan: NaN
		};
		expect(JSON.parse(rawJson(cyclic))).toEqual({ name: 'loop.csv', self: '[repeated]' });
		expect(JSON.parse(rawJson(odd))).toEqual({
			name: 'odd.csv',
			n: '10',
			when: '2026-01-02T03:04:05.000Z',
			map: { Map: [['a', 1]] },
			set: { Set: ['x'] },
			bytes: { bytes: [1, 2, 3] },
			nan: 'NaN'
		});
		expect(rawJson(undefined)).toBe('null');
		expect(exportName({ name: 'reports/../broken file.csv', label: 'k' })).toBe('damaged-import-reports-..-broken-file.csv.json');
		expect(exportName({ name: null, label: '' })).toBe('damaged-import-import.json');
	});
});

/** Random damage to one record: what a bug, a crash mid-write or another program could leave. */
type Damage = (r: Record<string, unknown>) => unknown;
const FIELDS = ['version', 'id', 'name', 'kind', 'createdAt', 'source', 'rows', 'replaces', 'summary'];
const damage: fc.Arbitrary<{ what: string; apply: Damage; certain: boolean }> = fc.oneof(
	fc.constant({ what: 'rows: null', apply: (r: Record<string, unknown>) => ({ ...r, rows: null }), certain: true }),
	fc.constantFrom(...FIELDS.filter((f) => f !== 'version')).map((f) => ({
		what: `no ${f}`,
		apply: (r: Record<string, unknown>) => {
			const c = { ...r };
			delete c[f];
			return c;
		},
		certain: true
	})),
	fc.record({ f: fc.constantFrom(...FIELDS), v: fc.anything() }).map(({ f, v }) => ({
		what: `${f} = ${rawJson(v).slice(0, 60)}`,
		apply: (r: Record<string, unknown>) => ({ ...r, [f]: v }),
		certain: false
	})),
	fc.record({ t: fc.string({ minLength: 1, maxLength: 12 }), v: fc.anything() }).map(({ t, v }) => ({
		what: `rows[${t}] = ${rawJson(v).slice(0, 60)}`,
		apply: (r: Record<string, unknown>) => ({ ...r, rows: { ...(r.rows as object), [t]: v } }),
		certain: false
	})),
	fc
		.record({ t: fc.constantFrom(...TABLE_NAMES), k: fc.nat(), col: fc.string({ maxLength: 20 }), pick: fc.nat(), v: fc.anything() })
		.map(({ t, k, col, pick, v }) => ({
			what: `a row of ${t}: ${col || '(a column)'} = ${rawJson(v).slice(0, 60)}`,
			apply: (r: Record<string, unknown>) => {
				const rows = r.rows as Record<TableName, Record<string, unknown>[]>;
				const list = rows[t];
				if (!list.length) return { ...r, rows: { ...rows, [t]: [v] } };
				const row = { ...list[k % list.length] };
				const cols = Object.keys(row);
				row[col || cols[pick % cols.length]] = v;
				return { ...r, rows: { ...rows, [t]: list.map((x, i) => (i === k % list.length ? row : x)) } };
			},
			certain: false
		})),
	fc.anything().map((v) => ({ what: `replaced by ${rawJson(v).slice(0, 60)}`, apply: () => v, certain: false })),
	fc
		.integer({ min: RECORD_VERSION + 1, max: 1000 })
		.map((v) => ({ what: `version ${v}`, apply: (r: Record<string, unknown>) => ({ ...r, version: v }), certain: true }))
);

/** A store: good records, some of them damaged at random. */
const store = fc
	.record({
		n: fc.integer({ min: 1, max: 6 }),
		withReport: fc.boolean(),
		damaged: fc.array(fc.record({ at: fc.nat(), damage }), { maxLength: 6 }),
		v1: fc.array(fc.nat(), { maxLength: 3 })
	})
	.map(({ n, withReport, damaged, v1 }) => {
		const records: ImportRecord[] = Array.from({ length: n }, (_, k) => csvRecord(k));
		if (withReport) records.push(REPORT);
		const damageOf = new Map<number, (typeof damaged)[number]['damage']>();
		for (const d of damaged) damageOf.set(d.at % records.length, d.damage);
		const oldVersion = new Set(v1.map((k) => k % records.length));
		const entries: StoredEntry[] = records.map((r, k) => {
			let value: unknown = clone(r);
			if (oldVersion.has(k)) value = without(value as ImportRecord, 'version');
			const d = damageOf.get(k);
			if (d) value = d.apply(value as Record<string, unknown>);
			return { key: r.id, value };
		});
		return { records, entries, damageOf };
	});

let REPORT: ImportRecord;
beforeAll(() => {
	REPORT = reportRecord();
});

describe('random damage never loses a good record (fast-check)', () => {
	it('on the check: every untouched record loads as stored, every record is listed once, nothing throws', () => {
		fc.assert(
			fc.property(store, ({ records, entries, damageOf }) => {
				const { good, damaged } = checkStored(entries);
				// every record is accounted for, once
				expect(good.length + damaged.length).toBe(entries.length);
				expect(new Set([...good.map((r) => r.id), ...damaged.map((d) => d.key)])).toEqual(new Set(records.map((r) => r.id)));
				records.forEach((r, k) => {
					const d = damageOf.get(k);
					const listed = damaged.find((x) => x.key === r.id);
					if (!d) expect(good.find((g) => g.id === r.id)).toEqual(r);
					if (d?.certain) expect(listed, d.what).toBeDefined();
					if (listed) {
						// what can be read of it is shown: its name, unless that is what was damaged
						const raw = entries[k].value as Record<string, unknown> | null;
						if (raw && typeof raw === 'object' && typeof raw.name === 'string' && raw.name.trim())
							expect(listed.name).toBe(raw.name.trim().slice(0, 200));
						expect(listed.problems.length, d?.what).toBeGreaterThan(0);
						for (const p of listed.problems) expect(p).toMatch(/^[\w.[\]]+: |^the record /);
						expect(() => JSON.parse(rawJson(listed.raw))).not.toThrow();
					}
				});
				// whatever loads is of the data model, table by table and row by row
				for (const r of good) {
					expect(r.version).toBe(RECORD_VERSION);
					for (const t of TABLE_NAMES) for (const row of r.rows[t]) expect(rowSchema(t).safeParse(row).success).toBe(true);
				}
			}),
			{ numRuns: RUNS * 2 }
		);
	});
});

describe('on a real engine: the shipped data and every good import load, whatever else is stored', () => {
	let db: Awaited<ReturnType<typeof openNodeEngine>>;
	const base = new Map(TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(`${ROOT}/data/${t}.arrow`))]));
	const shippedIds = shippedRows('inspections').map((r) => r.inspection_id);
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`);
	});
	afterAll(async () => {
		await loadState(db.io, base, []);
		await db?.close();
	});
	const ids = async () => new Set((await db.query<{ id: string }>('SELECT inspection_id AS id FROM inspections')).map((r) => r.id));
	const rowsOf = (r: ImportRecord): ImportRows => ({ id: r.id, rows: r.rows, replaces: r.replaces });

	it('an import the engine refuses is left out; the shipped data and the imports before and after it load', async () => {
		const [a, b, c] = [csvRecord(11), csvRecord(12), csvRecord(13)];
		const refused = b.rows.inspections[0].inspection_id as string;
		// the engine fails while b is half applied (its old rows deleted, nothing inserted yet)
		const io = {
			...db.io,
			insertArrow: async (name: string, bytes: Uint8Array) => {
				if (name === 'import_inspections' && new TextDecoder().decode(bytes).includes(refused)) throw new Error('out of memory');
				return db.io.insertArrow(name, bytes);
			}
		};
		const failed = await loadState(io, base, [a, b, c].map(rowsOf));
		expect(failed).toEqual([{ id: b.id, message: 'out of memory' }]);
		const loaded = await ids();
		for (const id of shippedIds) expect(loaded.has(id)).toBe(true);
		expect(loaded.has(a.rows.inspections[0].inspection_id as string)).toBe(true);
		expect(loaded.has(refused)).toBe(false);
		expect(loaded.has(c.rows.inspections[0].inspection_id as string)).toBe(true);
		expect(loaded.size).toBe(shippedIds.length + 2);
		// nothing of the refused import is left half in
		expect((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM authorities WHERE name = 'Fuzzshire 12'`))[0].n).toBe(0);
	});

	it('property: after random damage, what loads is the shipped data plus exactly the records that passed', async () => {
		await fc.assert(
			fc.asyncProperty(store, async ({ entries }) => {
				const { good } = checkStored(entries);
				const failed = await loadState(db.io, base, good.map(rowsOf));
				expect(failed).toEqual([]);
				const loaded = await ids();
				const replaced = new Set(good.flatMap((r) => r.replaces));
				for (const id of shippedIds) if (!replaced.has(id)) expect(loaded.has(id), id).toBe(true);
				for (const r of good) for (const i of r.rows.inspections) expect(loaded.has(String(i.inspection_id))).toBe(true);
			}),
			{ numRuns: Math.max(10, Math.floor(RUNS / 10)) }
		);
	});
});
