/** Services, profiles, neighbours, compare and trends against data/ and by hand. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { services } from '../../src/lib/views/authorities/query';
import { neighboursOf, standardise, type MeasuredService } from '../../src/lib/views/profile/neighbours';
import { buildProfile } from '../../src/lib/views/profile';
import { compare, parseIds } from '../../src/lib/views/compare/query';
import { trends } from '../../src/lib/views/trends/query';
import { serverDocument } from '../../src/lib/charts/server';
import { ROOT } from '../paths';
import { shipped } from '../shipped';

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(`${ROOT}/data`);
});
afterAll(() => db?.close());

describe('neighbours (hand-computed on a small table)', () => {
	// x: 10, 20, 30 -> mean 20, sd 10 -> z -1, 0, 1 ; y: 1, 1, 4 -> mean 2, sd sqrt(3) -> z -1/sqrt3, -1/sqrt3, 2/sqrt3
	const table: MeasuredService[] = [
		{ id: 'a', name: 'A', values: { x: 10, y: 1, z: null } },
		{ id: 'b', name: 'B', values: { x: 20, y: 1, z: 5 } },
		{ id: 'c', name: 'C', values: { x: 30, y: 4, z: 7 } },
		{ id: 'd', name: 'D', values: { x: null, y: null, z: 6 } }
	];
	it('standardises each measure over the services that have it', () => {
		const z = standardise(table, ['x', 'y']);
		expect(z.get('a')!.x).toBeCloseTo(-1, 10);
		expect(z.get('c')!.y).toBeCloseTo(2 / Math.sqrt(3), 10);
		expect(z.get('d')!.x).toBeNull();
	});
	it('distance over shared measures, scaled when fewer are shared; too few shared -> not compared', () => {
		const n = neighboursOf('a', table, ['x', 'y', 'z']);
		// a-b share x, y: (−1−0)² + 0² = 1, scaled by 3/2 -> sqrt(1.5)
		expect(n[0]).toMatchObject({ id: 'b', shared: ['x', 'y'], missing: ['z'] });
		expect(n[0].distance).toBeCloseTo(Math.sqrt(1.5), 10);
		// a-c: (−1−1)² + (−1/√3 − 2/√3)² = 4 + 3 = 7, scaled 3/2 -> sqrt(10.5)
		expect(n[1].distance).toBeCloseTo(Math.sqrt(10.5), 10);
		// d shares only z with nobody else's a: not compared
		expect(n.map((x) => x.id)).not.toContain('d');
	});
});

describe('services and profiles', () => {
	it('lists every service with its latest inspection, respecting filters', async () => {
		const all = await services(db, {});
		expect(all).toHaveLength(shipped.services);
		expect(all.find((s) => s.authority_id === 'thurrock')).toMatchObject({
			latest_rating: 'Good',
			latest_score: 26,
			region: 'East of England'
		});
		const wales = await services(db, { nation: 'Wales' });
		expect(wales.every((s) => s.nation === 'Wales')).toBe(true);
	});

	it('a full-report profile has every section, charts and neighbours', async () => {
		const p = (await buildProfile(db, 'bury-and-rochdale', serverDocument()))!;
		expect(p.data.standards.filter((s) => s.inspection_id === 'bury-and-rochdale-2020-06')).toHaveLength(12);
		expect(p.data.standards.find((s) => s.code === '3.2')).toMatchObject({
			rating: 'Good',
			recomputed_rating: 'Requires improvement',
			discretion: true
		});
		expect(p.data.warnings.map((w) => w.code)).toContain('kq-text-mismatch');
		expect(p.data.recommendations).toHaveLength(6);
		const charts = p.charts['bury-and-rochdale-2020-06'];
		for (const k of ['kq', 'context', 'caseload'] as const) expect(charts[k]).toMatch(/^<svg/);
		expect(p.neighbours.map((n) => n.id).sort()).toEqual(['leeds', 'thurrock']);
	});

	it('the screening profile shows its findings', async () => {
		const p = (await buildProfile(db, 'derbyshire', serverDocument()))!;
		expect(p.data.findings.length).toBeGreaterThan(30);
		expect(p.charts['derbyshire-sqs-2016-03'].findings).toMatch(/^<svg/);
	});

	it('an unknown service is null (a 404 page)', async () => {
		expect(await buildProfile(db, 'nowhere', serverDocument())).toBeNull();
	});
});

describe('compare', () => {
	it('ids in the URL: services or inspections, at most four, junk dropped', () => {
		expect(parseIds('leeds,THURROCK-2022-08,leeds,../etc,a,b,c')).toEqual(['leeds', 'thurrock-2022-08', 'a', 'b']);
	});
	it('resolves a service to its latest inspection and says which ids are unknown', async () => {
		const c = await compare(db, ['leeds', 'thurrock-2022-08', 'nope']);
		expect(c.columns.map((x) => x.inspection_id)).toEqual(['leeds-2019-11', 'thurrock-2022-08']);
		expect(c.unknown).toEqual(['nope']);
		expect(c.keyQuestions.filter((k) => k.inspection_id === 'thurrock-2022-08')).toHaveLength(20);
	});
	it('keeps the 2018 and 2021 meanings of standard 3.4 in separate rows', async () => {
		const c = await compare(db, ['leeds', 'thurrock-2022-08']);
		const rows = c.standards
			.filter((s) => s.code === '3.4')
			.map((s) => [s.inspection_id, s.standard])
			.sort();
		expect(rows).toEqual([
			['leeds-2019-11', '3.4 Joint working (2018 framework)'],
			['thurrock-2022-08', '3.4 Out-of-court disposal policy and provision (2021 framework)']
		]);
		// 11 standards both frameworks share, 3.4 once for each, 4.1 (2021 only)
		expect(new Set(c.standards.map((s) => s.standard)).size).toBe(14);
	});
});

describe('trends', () => {
	it('HMIP annual totals beside the inspections in the data for the same year', async () => {
		const t = await trends(db, {});
		const sum = (src: string, year: string) =>
			t.annual.filter((r) => r.source === src && r.inspection_year === year).reduce((s, r) => s + r.n, 0);
		expect(sum('HMIP annual totals', '2018-19')).toBe(26);
		expect(sum('HMIP annual totals', '2019-20')).toBe(16);
		// the sixteen services the 2019-20 list names, plus five published April 2019 - March 2020
		// whose source gives no inspection year (Dudley, Lambeth, Sheffield, Surrey, Walsall)
		expect(sum('Inspections in this data', '2019-20')).toBe(21);
	});
	it('every year shows its N', async () => {
		const t = await trends(db, {});
		const y2022 = t.byYear.filter((r) => r.year === 2022);
		expect(y2022.reduce((s, r) => s + r.n, 0)).toBe(y2022[0].total);
	});
});
