/**
 * Every view's SQL in Node duckdb-wasm against data/, with expected values worked out by
 * hand from the report texts (Annexe 2 tables, contextual facts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { countMatching } from '../../src/lib/queries/options';
import { overview } from '../../src/lib/views/overview/query';
import { HEATMAP_LIMIT, recentCells, standards, type HeatCell } from '../../src/lib/views/standards/query';
import { GAP_CHART_LIMIT, riskOfHarm, widestGaps } from '../../src/lib/views/risk-of-harm/query';
import {
	disproportionality,
	findingTitle,
	RRI_CHART_LIMIT,
	relativeRate,
	type RawShare,
	type RriRow
} from '../../src/lib/views/disproportionality/query';
import { mostRecent } from '../../src/lib/views/recent';
import { buildOverview } from '../../src/lib/views/overview';
import { buildStandards } from '../../src/lib/views/standards';
import { buildRisk } from '../../src/lib/views/risk-of-harm';
import { buildDisproportionality } from '../../src/lib/views/disproportionality';
import { serverDocument } from '../../src/lib/charts/server';
import { ROOT } from '../paths';
import { shipped } from '../shipped';

let db: Engine;
beforeAll(async () => {
	db = await openNodeEngine(`${ROOT}/data`);
});
afterAll(() => db?.close());

describe('overview', () => {
	it('counts services and inspections in view, by source', async () => {
		const o = await overview(db, {});
		expect(o.coverage).toMatchObject({
			inspections: shipped.inspections,
			services: shipped.services,
			report: shipped.fromSource('report'),
			reference: shipped.fromSource('reference')
		});
		expect(o.coverage.report).toBe(4);
		expect(o.byYear.reduce((s, r) => s + r.n, 0) + o.undated).toBe(shipped.rated); // the 2016 screening has no overall rating
		// year and region come from one query (GROUPING SETS): each counts every rated inspection once
		expect(o.byRegion.reduce((s, r) => s + r.n, 0)).toBe(shipped.rated);
		expect(o.undated).toBeGreaterThan(0);
		expect(o.byYear.every((r) => /^\d{4}$/.test(r.key))).toBe(true);
	});

	it('filters by region: the North West has Bury and Rochdale (Good, 2020) among its inspections', async () => {
		const o = await overview(db, { region: 'North West' });
		expect(o.coverage.inspections).toBe(shipped.inRegion('North West'));
		expect(o.byRegion.every((r) => r.key === 'North West')).toBe(true);
		expect(o.byYear.find((r) => r.key === '2020' && r.rating === 'Good')?.provenance_report).toBe(1);
		expect(await countMatching(db, { region: 'North West' })).toBe(shipped.inRegion('North West'));
	});

	it('headline findings are sentences computed from the data', async () => {
		const o = await overview(db, {});
		expect(o.headlines).toHaveLength(3);
		expect(o.headlines[1].text).toMatch(
			new RegExp(`^\\d+ of ${shipped.rated} inspections in view \\(\\d+%\\) were rated Requires improvement or Inadequate overall\\.$`)
		);
		// three full reports, 7 case-based standards each with all three themes, except Thurrock 2.4 (no 2.4.3)
		expect(o.headlines[2].text).toMatch(/of 20 case-based standards in the 3 full reports/);
	});

	it('a filter that leaves nothing gives empty series and no findings', async () => {
		const o = await overview(db, { region: 'Wales', framework: 'sqs-2016' });
		expect(o.coverage.inspections).toBe(0);
		expect(o.byYear).toEqual([]);
		expect(o.headlines).toEqual([]);
	});
});

describe('standards', () => {
	it('the grid holds every standard of the full reports as published', async () => {
		const s = await standards(db, {});
		const leeds = Object.fromEntries(s.cells.filter((c) => c.inspection_id === 'leeds-2019-11').map((c) => [c.code, c.rating]));
		expect(leeds).toMatchObject({ '1.1': 'Requires improvement', '3.1': 'Inadequate', '3.2': 'Inadequate', '3.4': 'Outstanding' });
		expect(Object.keys(leeds)).toHaveLength(12);
	});

	it('3.4 is counted apart for the 2018 and 2021 frameworks', async () => {
		const s = await standards(db, {});
		const rows34 = s.ranked.filter((r) => r.code === '3.4');
		expect(rows34.map((r) => r.meaning).sort()).toEqual(['yjs-2021', 'yos-2018']);
		expect(rows34.find((r) => r.meaning === 'yjs-2021')?.label).toMatch(/Out-of-court disposal policy and provision/);
	});

	it('counts agree with the grid, and 3.2 among the full reports is 2 of 3 (Leeds I, Thurrock RI, Bury and Rochdale G)', async () => {
		const s = await standards(db, {});
		for (const r of s.ranked) {
			const cells = s.cells.filter((c) => c.code === r.code && (r.code !== '3.4' || c.framework === r.meaning));
			expect(cells).toHaveLength(r.rated);
			expect(cells.filter((c) => c.rating === 'Requires improvement' || c.rating === 'Inadequate')).toHaveLength(r.ri_or_worse);
		}
		const fromReports = s.cells.filter((c) => c.provenance === 'report' && c.code === '3.2');
		expect(fromReports.map((c) => `${c.service}:${c.rating}`).sort()).toEqual([
			'Bury and Rochdale:Good',
			'Leeds:Inadequate',
			'Thurrock:Requires improvement'
		]);
	});

	it('the heatmap draws every inspection up to the limit, and only then the most recent', async () => {
		const s = await standards(db, {});
		const all = recentCells(s.cells);
		expect(all.cells).toBe(s.cells);
		expect(all.shown).toBe(all.total);
		expect(all.total).toBe(new Set(s.cells.map((c) => c.inspection_id)).size);
		const v = await buildStandards(db, {}, serverDocument());
		expect(v.heatmap).toEqual({ shown: all.total, total: all.total });
		expect(all.total).toBeLessThanOrEqual(HEATMAP_LIMIT);

		// 3 inspections, 2 cells each, the limit 2: the 2 most recent stay, in their order
		const cell = (id: string, service: string, published: string | null, code: string): HeatCell => ({
			inspection_id: id,
			service,
			published,
			framework: 'yjs-2021',
			overall_rating: 'Good',
			score: null,
			provenance: 'reference',
			code,
			rating: 'Good'
		});
		const cells = ['a', 'b', 'c'].flatMap((id, i) =>
			['1.1', '2.1'].map((code) => cell(id, `Service ${id}`, [null, '2023-05', '2021-01'][i], code))
		);
		const two = recentCells(cells, 2);
		expect(two).toMatchObject({ shown: 2, total: 3 });
		expect(two.cells.map((c) => c.inspection_id)).toEqual(['b', 'b', 'c', 'c']);
		// a month ties: the service name decides
		const tie = recentCells(
			[cell('x', 'Zeta', '2022-01', '1.1'), cell('y', 'Alpha', '2022-01', '1.1'), cell('z', 'Mid', '2020-01', '1.1')],
			1
		);
		expect(tie.cells.map((c) => c.inspection_id)).toEqual(['y']);
	});

	it('children-and-victims inspections are left out of standard-level views', async () => {
		const s = await standards(db, { framework: 'children-victims-2024' });
		expect(s.ranked).toEqual([]);
		expect(s.cells).toEqual([]);
	});
});

describe('risk of harm', () => {
	it('gaps from the Annexe 2 key questions', async () => {
		const r = await riskOfHarm(db, {});
		const get = (id: string, std: string) => r.rows.find((x) => x.inspection_id === id && x.standard === std)!;
		// Leeds 3.2: 68% desistance, 44% child, 30% others
		expect(get('leeds-2019-11', '3.2')).toMatchObject({
			desistance: 68,
			child_safety: 44,
			others_safety: 30,
			gap_desistance: -38,
			gap_child: -14,
			disposal: 'Out-of-court'
		});
		// Bury and Rochdale 2.1: 88 / 88 / 60, with 20 cases where harm factors applied
		expect(get('bury-and-rochdale-2020-06', '2.1')).toMatchObject({ gap_desistance: -28, others_cases: 20 });
		// Thurrock omits 2.4.3: no figure, no gap, never invented
		expect(get('thurrock-2022-08', '2.4')).toMatchObject({ desistance: 100, child_safety: 88, others_safety: null, gap_desistance: null });
		expect(r.coverage).toMatchObject({ inspections: 3, report: 3 });
	});

	it('ranks the widest gaps first, with the key-question wording', async () => {
		const w = widestGaps((await riskOfHarm(db, {})).rows, 3);
		expect(w.map((x) => `${x.service} ${x.standard} ${x.gap_desistance}`)).toEqual(['Leeds 3.2 -38', 'Thurrock 3.2 -33', 'Leeds 3.1 -29']);
		expect(w[0].others_text).toMatch(/keeping other people safe/);
	});

	it('a region without full reports is empty, not an error', async () => {
		const r = await riskOfHarm(db, { region: 'London' });
		expect(r.rows).toEqual([]);
	});

	it('the gap chart draws every inspection up to its limit (all three here), and the most recent past it', async () => {
		const v = await buildRisk(db, {}, serverDocument());
		expect(v.gap).toEqual({ shown: 3, total: 3 });
		expect(GAP_CHART_LIMIT).toBeGreaterThanOrEqual(3);
		for (const service of ['Leeds', 'Thurrock', 'Bury and Rochdale']) expect(v.charts.gap).toContain(`${service} · `);
		// limit 1: only the most recently published (Thurrock, 2022-08) is drawn, every standard of it
		const one = mostRecent(v.data.rows, 1);
		expect(one).toMatchObject({ shown: 1, total: 3 });
		expect(new Set(one.rows.map((r) => r.service))).toEqual(new Set(['Thurrock']));
		expect(one.rows.length).toBe(v.data.rows.filter((r) => r.service === 'Thurrock').length);
	});
});

describe('disproportionality', () => {
	it('Bury and Rochdale: 18% of the caseload vs 22% of the youth population, interval from 83 children and 40,629', async () => {
		const d = await disproportionality(db, {});
		const row = d.rows.find((r) => r.inspection_id === 'bury-and-rochdale-2020-06' && r.category === 'bame')!;
		expect(row.rri).toBeCloseTo(18 / 22, 10);
		// by hand: a = round(0.18 * 83) = 15, b = round(0.22 * 40629) = 8938
		const se = Math.sqrt(1 / 15 - 1 / 83 + 1 / 8938 - 1 / 40629);
		expect(row.ci_low).toBeCloseTo((18 / 22) * Math.exp(-1.959964 * se), 6);
		expect(row.ci_high).toBeCloseTo((18 / 22) * Math.exp(1.959964 * se), 6);
		expect(row.unknown_pct).toBe(15);
		expect(row.status).toBe('ok');
	});

	it('Leeds: population share derived from 13,180 of 67,405; no caseload total, so no interval, said plainly', async () => {
		const d = await disproportionality(db, {});
		const row = d.rows.find((r) => r.inspection_id === 'leeds-2019-11' && r.category === 'bame')!;
		expect(row.pop_pct).toBeCloseTo((100 * 13180) / 67405, 8);
		expect(row.pop_source).toBe('derived from population counts');
		expect(row.status).toBe('no-interval');
		expect(row.note).toMatch(/no caseload total/);
	});

	it('age and gender: no population breakdown, no index', async () => {
		const d = await disproportionality(db, {});
		const gender = d.rows.filter((r) => r.dimension === 'gender');
		expect(gender.length).toBeGreaterThan(0);
		for (const r of gender) expect(r).toMatchObject({ rri: null, status: 'no-population' });
	});

	it('suppresses groups of fewer than 5 children', () => {
		const raw: RawShare = {
			inspection_id: 'x',
			service: 'X',
			published: '2020-01',
			provenance: 'report',
			dimension: 'ethnicity',
			category: 'bame',
			yot_pct: 10,
			pop_pct: 5,
			pop_source: 'report table',
			national_pct: null,
			caseload_total: 30,
			youth_population: 10000,
			unknown_pct: 0
		};
		expect(relativeRate(raw)).toMatchObject({ status: 'suppressed', rri: null, yot_n: 3 });
		expect(relativeRate({ ...raw, caseload_total: 60 })).toMatchObject({ status: 'ok', yot_n: 6 });
	});

	it('the chart draws the inspections with an index up to its limit', async () => {
		const v = await buildDisproportionality(db, {}, serverDocument());
		const indexed = new Set(v.data.rows.filter((r) => r.rri !== null).map((r) => r.inspection_id)).size;
		expect(v.rri).toEqual({ shown: indexed, total: indexed });
		expect(indexed).toBeLessThanOrEqual(RRI_CHART_LIMIT);
	});

	it('the title names up to three over-represented groups by service, and past that counts them per group', () => {
		const row = (id: string, category: string, label: string, ci_low: number | null): RriRow =>
			({ inspection_id: id, service: `Service ${id}`, category, label, rri: ci_low === null ? null : 1.5, ci_low }) as RriRow;
		expect(findingTitle([])).toBe('Relative rate index by ethnic group');
		expect(findingTitle([row('a', 'bame', 'BAME', 0.8)])).toBe('No group is clearly over-represented once uncertainty is allowed for');
		expect(findingTitle([row('a', 'bame', 'BAME', 1.2), row('b', 'bame', 'BAME', 0.9)])).toBe(
			'Service a: black and minority ethnic children over-represented'
		);
		const many = [
			...['a', 'b', 'c'].map((id) => row(id, 'bame', 'BAME', 1.2)),
			row('d', 'bame', 'BAME', 0.9),
			row('a', 'mixed', 'Mixed', 1.1),
			row('b', 'mixed', 'Mixed', null)
		];
		expect(findingTitle(many)).toBe(
			'Black and minority ethnic children over-represented in 3 of 4 inspections with an index; mixed children over-represented in 1 of 1 inspections with an index'
		);
	});
});

describe('charts render at build time from the same rows', () => {
	it.each([
		['overview', () => buildOverview(db, {}, serverDocument()), ['year', 'region']],
		['standards', () => buildStandards(db, {}, serverDocument()), ['ranked', 'heatmap']],
		['risk', () => buildRisk(db, {}, serverDocument()), ['gap', 'ranking']],
		['disproportionality', () => buildDisproportionality(db, {}, serverDocument()), ['rri']]
	] as const)('%s', async (_, build, keys) => {
		const v = await build();
		for (const k of keys) {
			const svg = (v.charts as Record<string, string>)[k];
			expect(svg).toMatch(/^<svg[^>]*class="plot/);
			expect(svg).toContain('<title>');
		}
	});

	it('axis labels sit below the tick labels, not on them (13px text)', async () => {
		// the x-axis label's group is offset from the axis: the tick labels take about 22 px under
		// it (9 px of tick and padding, 13px text), and the label's own text rises about 10 px
		const offset = (svg: string, label: string) => {
			const m = svg.match(
				new RegExp(`<g transform="translate\\([-\\d.]+,([-\\d.]+)\\)"[^>]*><text[^>]*>${label.replace(/[()%]/g, '\\$&')}`)
			);
			return m ? Number(m[1]) : null;
		};
		const overview = await buildOverview(db, {}, serverDocument());
		const risk = await buildRisk(db, {}, serverDocument());
		const dispro = await buildDisproportionality(db, {}, serverDocument());
		const standards = await buildStandards(db, {}, serverDocument());
		for (const [svg, label] of [
			[overview.charts.year, 'Year published'],
			[risk.charts.gap, 'Cases judged sufficient (%) →'],
			[risk.charts.ranking, 'Keeping other people safe minus desistance'],
			[dispro.charts.rri, 'Relative rate index'],
			[standards.charts.ranked, 'Rated Requires improvement or Inadequate']
		] as const) {
			expect(offset(svg, label), label).toBeGreaterThanOrEqual(35);
		}
	});

	it('no chart is drawn when the filters leave no rows', async () => {
		const v = await buildRisk(db, { region: 'London' }, serverDocument());
		expect(v.charts.gap).toBe('');
	});
});
