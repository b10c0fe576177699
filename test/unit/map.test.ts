/**
 * The map of services: the hex maps kept in the project, how Wales sits beside England, the
 * authority → service → rating join (views/map/join.ts) on hand-made rows and on data/, and
 * the SVG it draws.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDocument } from '../../src/lib/charts/server';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { buildMap } from '../../src/lib/views/map';
import { hexMap } from '../../src/lib/views/map/chart';
import { mapFigure, mapFigures } from '../../src/lib/views/map/figures';
import { HEXES, abbreviation, placeKey, type Hex } from '../../src/lib/views/map/hexes';
import { placeServices } from '../../src/lib/views/map/join';
import type { CoverRow } from '../../src/lib/views/map/query';
import { authoritiesRated } from '../map-expected';
import { ROOT, SHARED } from '../paths';
import { shippedRows } from '../shipped';

const GEO = `${ROOT}/src/lib/views/map/geo`;

describe('the hex maps', () => {
	it.skipIf(!existsSync(`${SHARED}/geo`))('are byte for byte the files of ../shared/geo, with their licence', () => {
		const pairs = [
			['england-upper-tier-local-authorities-2020.hexjson', 'england-upper-tier-local-authorities-2020.json'],
			['wales-unitary-authorities.hexjson', 'wales-unitary-authorities.json'],
			['LICENSE-hexmaps', 'LICENSE-hexmaps']
		];
		for (const [shared, ours] of pairs)
			expect(readFileSync(`${GEO}/${ours}`, 'utf8'), ours).toBe(readFileSync(`${SHARED}/geo/${shared}`, 'utf8'));
	});

	it('hold 151 English and 22 Welsh authorities, one hex each, no two on one place', () => {
		expect(HEXES.filter((h) => h.nation === 'England')).toHaveLength(151);
		expect(HEXES.filter((h) => h.nation === 'Wales')).toHaveLength(22);
		expect(new Set(HEXES.map((h) => `${h.q},${h.r}`)).size).toBe(HEXES.length);
		expect(new Set(HEXES.map((h) => placeKey(h.name))).size).toBe(HEXES.length);
	});

	it('put Wales west of England on every row, no Welsh hex touching an English one', () => {
		const x = (h: Hex) => 2 * h.q + (((h.r % 2) + 2) % 2);
		const england = HEXES.filter((h) => h.nation === 'England');
		for (const w of HEXES.filter((h) => h.nation === 'Wales'))
			for (const e of england) {
				const dy = Math.abs(e.r - w.r);
				const dx = Math.abs(x(e) - x(w));
				expect(dy === 0 ? dx > 2 : dy === 1 ? dx > 1 : true, `${w.name} touches ${e.name}`).toBe(true);
				if (dy === 0) expect(x(e), `${e.name} is west of ${w.name}`).toBeGreaterThan(x(w));
			}
	});

	it('match names as ONS and the services write them, and nothing looser', () => {
		expect(placeKey('Bristol, City of')).toBe(placeKey('Bristol'));
		expect(placeKey('Herefordshire, County of')).toBe(placeKey('Herefordshire'));
		expect(placeKey('St. Helens')).toBe(placeKey('St Helens'));
		expect(placeKey('Isle of Anglesey')).toBe(placeKey('Anglesey'));
		expect(placeKey('Wrexham')).toBe(placeKey('Wrecsam'));
		expect(placeKey('Bristol City')).not.toBe(placeKey('Bristol'));
		expect(placeKey('Hull')).not.toBe(placeKey('Kingston upon Hull, City of'));
	});

	it('abbreviate a name to three letters or the initials of its main words', () => {
		expect(abbreviation('Birmingham')).toBe('Bir');
		expect(abbreviation('Blackburn with Darwen')).toBe('BD');
		expect(abbreviation('Kingston upon Hull, City of')).toBe('KH');
		expect(abbreviation('Stoke-on-Trent')).toBe('ST');
	});
});

const row = (over: Partial<CoverRow> & Pick<CoverRow, 'authority_id' | 'local_authority'>): CoverRow => ({
	service: over.authority_id,
	service_provenance: 'reference',
	nation: 'England',
	inspections_all: 1,
	inspection_id: `${over.authority_id}-x`,
	published: null,
	published_year: null,
	when_key: null,
	framework: 'yjs-2021',
	overall_rating: 'Good',
	...over
});
const hex = (name: string, q = 0, r = 0): Hex => ({ key: name, name, nation: 'England', q, r });
const at = (hexes: ReturnType<typeof placeServices>['hexes'], name: string) => hexes.find((h) => h.name === name)!;

describe('authority → service → rating', () => {
	it('colours each authority a joint service covers, and links both to its profile', () => {
		const rows = ['Bury', 'Rochdale'].map((la) =>
			row({ authority_id: 'bury-and-rochdale', service: 'Bury and Rochdale', local_authority: la, overall_rating: 'Inadequate' })
		);
		const { hexes, unplaced } = placeServices(rows, [hex('Bury'), hex('Rochdale', 1), hex('Oldham', 2)]);
		for (const name of ['Bury', 'Rochdale'])
			expect(at(hexes, name)).toMatchObject({ state: 'rated', rating: 'Inadequate', authority_id: 'bury-and-rochdale' });
		expect(at(hexes, 'Oldham')).toMatchObject({ state: 'not-inspected', authority_id: null, service: null });
		expect(unplaced).toEqual([]);
	});

	it('takes the latest inspection in view among the services that covered an authority over time', () => {
		const rows = [
			row({ authority_id: 'swansea', local_authority: 'Swansea', published: '2019-04', when_key: '2019-04', overall_rating: 'Good' }),
			row({
				authority_id: 'swansea-and-bridgend',
				local_authority: 'Swansea',
				published: '2022-03',
				when_key: '2022-03',
				overall_rating: 'Requires improvement'
			}),
			// a year alone sorts before that year's months; an undated inspection after every dated one
			row({ authority_id: 'old', local_authority: 'Swansea', published_year: 2022, when_key: '2022', overall_rating: 'Inadequate' }),
			row({ authority_id: 'undated', local_authority: 'Swansea', overall_rating: 'Outstanding' })
		];
		const { hexes } = placeServices(rows, [hex('Swansea')]);
		expect(at(hexes, 'Swansea')).toMatchObject({
			authority_id: 'swansea-and-bridgend',
			rating: 'Requires improvement',
			published: '2022-03'
		});
	});

	it('tells an inspection without a rating, none matching the filters and none in the data apart', () => {
		const rows = [
			row({ authority_id: 'derbyshire', local_authority: 'Derbyshire', overall_rating: null, framework: 'sqs-2016', published_year: 2016 }),
			row({ authority_id: 'leeds', local_authority: 'Leeds', inspection_id: null, overall_rating: null }),
			row({ authority_id: 'new', local_authority: 'Rutland', inspection_id: null, overall_rating: null, inspections_all: 0 })
		];
		const { hexes } = placeServices(rows, [hex('Derbyshire'), hex('Leeds', 1), hex('Rutland', 2), hex('Torfaen', 3)]);
		expect(at(hexes, 'Derbyshire')).toMatchObject({ state: 'unrated', published: '2016', authority_id: 'derbyshire' });
		expect(at(hexes, 'Leeds')).toMatchObject({ state: 'no-match', authority_id: 'leeds', rating: null });
		expect(at(hexes, 'Rutland')).toMatchObject({ state: 'not-inspected', authority_id: 'new' });
		expect(at(hexes, 'Torfaen')).toMatchObject({ state: 'not-inspected', authority_id: null });
	});

	it('draws successors on their predecessor’s hex only when one service covers all of it', () => {
		const rows = [
			...['North Northamptonshire', 'West Northamptonshire'].map((la) => row({ authority_id: 'northants', local_authority: la })),
			row({ authority_id: 'cumberland', local_authority: 'Cumberland', overall_rating: 'Good' }),
			row({ authority_id: 'westmorland-and-furness', local_authority: 'Westmorland and Furness', overall_rating: 'Inadequate' })
		];
		const { hexes, unplaced } = placeServices(rows, [hex('Northamptonshire'), hex('Cumbria', 1)]);
		expect(at(hexes, 'Northamptonshire')).toMatchObject({ state: 'rated', authority_id: 'northants' });
		expect(at(hexes, 'Cumbria')).toMatchObject({ state: 'split', rating: null, parts: ['Cumberland', 'Westmorland and Furness'] });
		expect(unplaced.map((u) => [u.local_authority, u.rating])).toEqual([
			['Cumberland', 'Good'],
			['Westmorland and Furness', 'Inadequate']
		]);
	});

	it('lists an authority no hex answers to, with its service, rather than guessing a hex', () => {
		const { hexes, unplaced } = placeServices(
			[row({ authority_id: 'atlantis', local_authority: 'Atlantis', service_provenance: 'imported', overall_rating: 'Good' })],
			[hex('Leeds')]
		);
		expect(at(hexes, 'Leeds').state).toBe('not-inspected');
		expect(unplaced).toEqual([
			expect.objectContaining({
				local_authority: 'Atlantis',
				authority_id: 'atlantis',
				imported: true,
				rating: 'Good',
				reason: expect.any(String)
			})
		]);
	});
});

describe('the map on data/', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`);
	});
	afterAll(() => db?.close());

	it('places every local authority of the data but the two that share Cumbria’s hex', async () => {
		const v = await buildMap(db, {}, serverDocument());
		expect(v.placed.unplaced.map((u) => u.local_authority)).toEqual(['Cumberland', 'Westmorland and Furness']);
		const named = new Set(shippedRows('authorities').flatMap((a) => JSON.parse(a.local_authorities) as string[]));
		const onMap = v.placed.hexes.filter((h) => h.service !== null && h.state !== 'split').length;
		// Northamptonshire's hex stands for two authorities of the data
		expect(onMap + v.placed.unplaced.length).toBe(named.size - 1);
	});

	it('with ?rating=Inadequate&year-from=2021 colours the hexes of exactly the authorities data/ gives, and greys the rest', async () => {
		const v = await buildMap(db, { rating: 'Inadequate', yearFrom: 2021 }, serverDocument());
		const expected = authoritiesRated('Inadequate', 2021);
		expect(expected.length).toBeGreaterThan(0);
		const rated = v.placed.hexes.filter((h) => h.state === 'rated');
		expect(rated.map((h) => placeKey(h.name)).sort()).toEqual(expected.map(placeKey).sort());
		expect(rated.every((h) => h.rating === 'Inadequate')).toBe(true);
		expect(v.placed.hexes.filter((h) => h.state === 'no-match').length).toBeGreaterThan(100);
		const svg = v.charts.map;
		expect(svg.match(/data-rating="Inadequate"/g)).toHaveLength(expected.length);
		expect(svg.match(/data-state="no-match"/g)?.length).toBe(v.placed.hexes.filter((h) => h.state === 'no-match').length);
		expect(mapFigure.title(v, { whole: false })).toMatch(new RegExp(`^${expected.length} of the map's 173 local authorities`));
	});

	it('draws one hex per authority, each with its reading, a link to the profile where a service covers it', async () => {
		const v = await buildMap(db, {}, serverDocument());
		const doc = serverDocument();
		doc.body.innerHTML = hexMap(v.placed.hexes, { document: doc });
		const paths = [...doc.querySelectorAll('path[data-hex]')];
		expect(paths).toHaveLength(173);
		for (const p of paths) expect(p.firstElementChild?.tagName.toLowerCase()).toBe('title');
		const leeds = paths.find((p) => p.getAttribute('data-hex') === 'E08000035')!;
		expect(leeds.closest('a')?.getAttribute('href')).toBe('/authorities/leeds/');
		expect(leeds.closest('a')?.getAttribute('tabindex')).toBe('-1');
		expect(leeds.textContent).toMatch(/^Leeds, Leeds service: (Outstanding|Good|Requires improvement|Inadequate) \(\d{4}/);
		const scilly = paths.find((p) => p.textContent?.startsWith('Isles of Scilly'))!;
		expect(scilly.closest('a')).toBeNull();
		expect(scilly.getAttribute('data-state')).toBe('not-inspected');
		// a page served from a sub-folder: links from its base
		expect(mapFigures('..')[0].svg(v)).toContain('href="../authorities/leeds/"');
	});
});
