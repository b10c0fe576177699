/**
 * The data-to-insight scrape (../shared/reference/scraped-overall-ratings.csv) added to the
 * reference rows: matching, what a match adds, disagreements as warnings, new inspections
 * with their sources and regions, and messages that name file, line and column.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeReportsWithReference, seedRegionsFrom } from '../../src/lib/dataset/assemble';
import { formatProblem, ReferenceError, rowsFromReference, type SourceProblem } from '../../src/lib/dataset/from-reference';
import { addScrapedInspections, SCRAPE_FILE } from '../../src/lib/dataset/from-scrape';
import { readRegionLookup } from '../../src/lib/dataset/places';
import { openNodeEngine } from '../../src/lib/db/node';
import type { Engine } from '../../src/lib/db/types';
import { slug } from '../../src/lib/ingest/header';
import { emptyDataset, nullsOf, type Dataset, type RowOf } from '../../src/lib/schema/tables';
import { profile } from '../../src/lib/views/profile/query';
import { buildDataset, REGION_LOOKUP } from '../../scripts/lib/build-dataset';
import { REFERENCE, ROOT, SHARED } from '../paths';

const read = (path: string) => readFileSync(path, 'utf8');
const real = {
	publishedInspections: { file: 'reference/published-inspections.csv', text: read(`${REFERENCE}/published-inspections.csv`) },
	overallRatings: { file: 'reference/published-overall-ratings.csv', text: read(`${REFERENCE}/published-overall-ratings.csv`) },
	annualAggregates: { file: 'reference/annual-aggregates.csv', text: read(`${REFERENCE}/annual-aggregates.csv`) }
};
const scrapeText = read(`${REFERENCE}/scraped-overall-ratings.csv`);
const regionsText = read(`${ROOT}/${REGION_LOOKUP}`);
const seedRegions = seedRegionsFrom(read(`${REFERENCE}/README.md`), slug);
const HEADER = 'area,published,programme,code,name,value,report_url,via,check';
const VIA = 'https://github.com/data-to-insight/hmi-probation-youth-justice-scrape';

function add(options: { scrape?: string; regions?: string; reference?: Dataset } = {}) {
	return addScrapedInspections(options.reference ?? rowsFromReference(real), {
		scrape: { file: SCRAPE_FILE, text: options.scrape ?? scrapeText },
		regions: { file: REGION_LOOKUP, text: options.regions ?? regionsText },
		seedRegions
	});
}

function problemsOf(run: () => unknown): SourceProblem[] {
	try {
		run();
	} catch (e) {
		if (e instanceof ReferenceError) return e.problems;
		throw e;
	}
	return [];
}

/** 1-based line of the scrape's row for an area and code. */
const lineOf = (area: string, code: string) =>
	scrapeText.split('\n').findIndex((l) => l.startsWith(`${area},`) && l.includes(`,${code},`)) + 1;

const byId = (data: Dataset, id: string) => data.inspections.find((i) => i.inspection_id === id);
const warningsOf = (data: Dataset, id: string) => data.extraction_warnings.filter((w) => w.inspection_id === id);

describe('the scrape, matched to the reference list', () => {
	const before = rowsFromReference(real);
	const { data, matches } = add();

	it('places every scraped inspection by one rule: 58 same month, 3 a month apart, 7 by year or programme, 15 new', () => {
		const count = (rule: string) => matches.filter((m) => m.rule === rule).length;
		expect({
			'same-month': count('same-month'),
			'month-apart': count('month-apart'),
			'year-or-programme': count('year-or-programme'),
			new: count('new')
		}).toEqual({ 'same-month': 58, 'month-apart': 3, 'year-or-programme': 7, new: 15 });
		// each reference inspection is matched at most once, and the new ones are added to the list
		expect(new Set(matches.map((m) => m.inspectionId)).size).toBe(83);
		expect(data.inspections).toHaveLength(before.inspections.length + 15);
	});

	it('the 15 new inspections appear with their report page as the source, their ratings, and a region', () => {
		const fresh = data.inspections.filter((i) => i.source_file === SCRAPE_FILE);
		expect(fresh.map((i) => i.service_name).sort()).toEqual(
			[
				'Barnet',
				'Bath and North East Somerset',
				'Bexley',
				'Blackburn with Darwen',
				'Bracknell Forest',
				'Buckinghamshire',
				'Derbyshire',
				'Kensington and Chelsea',
				'North Lincolnshire',
				'Redbridge',
				'St Helens',
				'Stockport',
				'Staffordshire',
				'Wiltshire',
				'Wokingham'
			].sort()
		);
		const regionOf = new Map(data.authorities.map((a) => [a.authority_id, a]));
		for (const i of fresh) {
			expect(i.provenance).toBe('reference');
			expect(i.source_url).toMatch(/^https:\/\/www\.justiceinspectorates\.gov\.uk\/hmiprobation\/inspections\/[\w-]+\/$/);
			expect(i.notes).toContain('data-to-insight');
			expect(i.notes).toContain(VIA);
			expect(i.overall_rating).not.toBeNull();
			expect(i.score).not.toBeNull();
			expect(regionOf.get(i.authority_id)?.region).toMatch(/\S/);
		}
		expect(byId(data, 'kensington-and-chelsea-2021-03')).toMatchObject({
			published: '2021-03',
			published_year: 2021,
			framework: 'yos-2018',
			overall_rating: 'Good',
			score: 29,
			source_url: 'https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/rbkc-yos/'
		});
		expect(regionOf.get('kensington-and-chelsea')).toMatchObject({ nation: 'England', region: 'London' });
		// where the region comes from is on the record
		expect(byId(data, 'kensington-and-chelsea-2021-03')!.notes).toMatch(new RegExp(`Region: London from ${REGION_LOOKUP} line \\d+\\.$`));
		expect(regionOf.get('st-helens')).toMatchObject({ region: 'North West', local_authorities: ['St Helens'] });
		// Derbyshire is a report service: README.md places it, not the project's lookup
		expect(regionOf.get('derbyshire')).toMatchObject({ region: 'East Midlands' });
		expect(byId(data, 'derbyshire-2022-09')!.notes).toContain('Region: East Midlands from the regions of the report services.');
		expect(byId(data, 'derbyshire-2022-09')).toMatchObject({ overall_rating: 'Good', score: 24, framework: 'yjs-2021' });
	});

	it('an undated row gains its month and the id that month gives; its own date note is kept', () => {
		const old = byId(before, 'salford-undated')!;
		expect(old.published).toBeNull();
		expect(byId(data, 'salford-undated')).toBeUndefined();
		const salford = byId(data, 'salford-2024-05')!;
		expect(salford).toMatchObject({ published: '2024-05', published_year: 2024, overall_rating: 'Good', score: 22 });
		expect(salford.date_note).toContain(`${SCRAPE_FILE} lines ${lineOf('Salford YJS', 'overall')} and ${lineOf('Salford YJS', 'score')}`);
		expect(salford.date_note).toContain(String(old.date_note));
		expect(salford.notes).toContain('publication date 2024-05-09');
		// a row with a year but no month: the year must agree, and the month is added
		expect(byId(data, 'enfield-2024-02')).toMatchObject({ published: '2024-02', published_year: 2024 });
		// the standards a page stated follow the inspection to its new id
		expect(before.standard_ratings.some((s) => s.inspection_id === 'county-durham-undated')).toBe(true);
		expect(data.standard_ratings.some((s) => s.inspection_id === 'county-durham-undated')).toBe(false);
		expect(data.standard_ratings.some((s) => s.inspection_id === 'county-durham-2022-11')).toBe(true);
	});

	it('a score is added where the list has none, and a score it already states is kept when they agree', () => {
		expect(byId(before, 'kingston-upon-hull-2021-09')!.score).toBeNull();
		const hull = byId(data, 'kingston-upon-hull-2021-09')!;
		expect(hull.score).toBe(29);
		expect(hull.notes).toContain(`score 29/36`);
		expect(hull.notes).toContain('https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/hull-yos/');
		expect(byId(data, 'reading-2024-12')!.score).toBe(5);
		expect(warningsOf(data, 'reading-2024-12')).toEqual([]);
	});

	it('West Sussex 2022: the scrape says Requires improvement, the list says Good; Good is kept and the difference is a warning', () => {
		const ws = byId(data, 'west-sussex-2022-06')!;
		expect(ws.overall_rating).toBe('Good');
		expect(ws.score).toBe(26);
		const line = lineOf('West Sussex YJS', 'overall');
		expect(line).toBeGreaterThan(1);
		expect(warningsOf(data, 'west-sussex-2022-06')).toEqual([
			{
				inspection_id: 'west-sussex-2022-06',
				ordinal: 1,
				code: 'scrape-disagrees',
				message: `${SCRAPE_FILE}, line ${line}, gives the overall rating 'Requires improvement'; reference/published-inspections.csv gives 'Good', which is kept. Its own score, 26/36, is in the Good band.`,
				line,
				provenance: 'reference'
			}
		]);
	});

	it('a month apart: the list keeps its month and the scrape date is a warning', () => {
		expect(byId(data, 'vale-of-glamorgan-2022-09')!.published).toBe('2022-09');
		const [w] = warningsOf(data, 'vale-of-glamorgan-2022-09');
		expect(w).toMatchObject({ code: 'scrape-disagrees', line: lineOf('Vale of Glamorgan YOS', 'overall') });
		expect(w.message).toContain('gives the publication date 2022-08-16; reference/published-inspections.csv gives 2022-09, which is kept');
		// the three a month apart, and West Sussex, are the only disagreements
		expect(
			data.extraction_warnings
				.filter((x) => x.code === 'scrape-disagrees')
				.map((x) => x.inspection_id)
				.sort()
		).toEqual(['cambridgeshire-2023-11', 'flintshire-2024-08', 'vale-of-glamorgan-2022-09', 'west-sussex-2022-06']);
	});

	it('adds nothing to the reference dataset it was given', () => {
		const fresh = rowsFromReference(real);
		add({ reference: fresh });
		expect(fresh).toEqual(before);
	});
});

describe('small hand-made scrapes', () => {
	const row = (area: string, date: string, code: string, value: string, url = 'https://example.org/a/', programme = 'yjs-2021') =>
		`${area},${date},${programme},${code},${code === 'overall' ? 'Overall rating' : 'Score'},${value},${url},${VIA},`;

	it('a malformed row is an error naming file, line and column', () => {
		const csv = [
			HEADER,
			row('Hull YJS', '2021-09-16', 'overall', 'Excellent', 'https://example.org/1/'),
			row('Kent YJS', '2021-10-05', 'score', '37/36', 'https://example.org/2/'),
			row('Wirral YJS', '2021-02-30', 'overall', 'Good', 'https://example.org/3/'),
			row('Harrow YJS', '2021-12-10', 'overall', 'Good', 'https://example.org/4/', 'yjs-2030'),
			row('Powys YJS', '2022-03-22', 'rating', 'Good', 'https://example.org/5/'),
			row('Bolton YJS', '2022-07-06', 'overall', 'Good', 'not an address')
		].join('\n');
		const problems = problemsOf(() => add({ scrape: csv }));
		expect(problems.map((p) => `${p.file}:${p.line}:${p.field}`)).toEqual([
			`${SCRAPE_FILE}:2:value`,
			`${SCRAPE_FILE}:3:value`,
			`${SCRAPE_FILE}:4:published`,
			`${SCRAPE_FILE}:5:programme`,
			`${SCRAPE_FILE}:6:code`,
			`${SCRAPE_FILE}:7:report_url`
		]);
		expect(formatProblem(problems[0])).toBe(
			`${SCRAPE_FILE}, line 2, column value: an overall rating is one of Outstanding, Good, Requires improvement, Inadequate, not "Excellent"`
		);
		expect(formatProblem(problems[2])).toContain('2021-02-30 is not a date');
	});

	it('a missing column, a row with too many fields, and two overall ratings for one report page are named', () => {
		expect(problemsOf(() => add({ scrape: HEADER.replace(',value,', ',rating,') }))[0]).toMatchObject({
			file: SCRAPE_FILE,
			line: 1,
			field: 'value',
			message: 'missing column'
		});
		const csv = [HEADER, row('Hull YJS', '2021-09-16', 'overall', 'Good'), row('Hull YJS', '2021-09-16', 'overall', 'Good') + ',extra'];
		expect(problemsOf(() => add({ scrape: csv.join('\n') }))).toEqual([
			{ file: SCRAPE_FILE, line: 3, message: 'has 10 fields, the header has 9' }
		]);
		csv[2] = row('Hull YJS', '2021-09-16', 'overall', 'Requires improvement');
		expect(problemsOf(() => add({ scrape: csv.join('\n') }))).toEqual([
			{ file: SCRAPE_FILE, line: 3, field: 'code', message: 'a second overall for the report page of line 2' }
		]);
		csv[2] = row('Hull YJS', '2021-09-17', 'score', '29/36');
		expect(problemsOf(() => add({ scrape: csv.join('\n') }))[0]).toMatchObject({ line: 3, field: 'published' });
	});

	it('an ambiguous match is an error, never a choice', () => {
		const pi = real.publishedInspections.text.split('\n')[0];
		const testshire = (note: string) =>
			`Testshire YJS,Testshire,England,South West,,,${note},yjs-2021,Good,,,,false,https://example.org/p/,"quoted",`;
		const reference = rowsFromReference({
			...real,
			publishedInspections: {
				file: real.publishedInspections.file,
				text: [pi, testshire('no date'), testshire('no date either')].join('\n')
			},
			overallRatings: { ...real.overallRatings, text: real.overallRatings.text.split('\n')[0] }
		});
		const problems = problemsOf(() =>
			add({ reference, scrape: [HEADER, row('Testshire YJS', '2023-05-02', 'overall', 'Good')].join('\n') })
		);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: SCRAPE_FILE, line: 2, field: 'area' });
		expect(problems[0].message).toContain('matches 2 reference inspections (testshire-undated, testshire-undated-2) by year-or-programme');
		// two scraped inspections claiming one reference row are refused too
		const one = rowsFromReference({
			...real,
			publishedInspections: { file: real.publishedInspections.file, text: [pi, testshire('no date')].join('\n') },
			overallRatings: { ...real.overallRatings, text: real.overallRatings.text.split('\n')[0] }
		});
		const twice = [HEADER, row('Testshire YJS', '2023-05-02', 'overall', 'Good', 'https://example.org/1/')];
		twice.push(row('Testshire YJS', '2023-06-02', 'overall', 'Good', 'https://example.org/2/'));
		// the first one dates the row (2023-05); the second is then a month apart from it
		expect(problemsOf(() => add({ reference: one, scrape: twice.join('\n') }))[0].message).toContain(
			'matches testshire-2023-05, which line 2 (Testshire YJS 2023-05-02) matches too'
		);
	});

	it('an area that no input places stops the build, naming file, line and column', () => {
		const csv = [HEADER, row('Nowhereshire', '2023-05-02', 'overall', 'Good')].join('\n');
		const [problem] = problemsOf(() => add({ scrape: csv }));
		expect(problem).toMatchObject({ file: SCRAPE_FILE, line: 2, field: 'area' });
		expect(problem.message).toContain(`no region for "Nowhereshire"`);
		expect(problem.message).toContain(REGION_LOOKUP);
		// a row in the lookup places it
		const regions = `${regionsText.trimEnd()}\nNowhereshire,E06000999,South West,E12000009,test row\n`;
		const { data } = add({ scrape: csv, regions });
		expect(data.authorities.find((a) => a.authority_id === 'nowhereshire')).toMatchObject({ nation: 'England', region: 'South West' });
	});

	it('a new inspection whose score is not in the band of its rating carries a warning', () => {
		const csv = [
			HEADER,
			row('Kensington and Chelsea', '2021-03-09', 'overall', 'Requires improvement', 'https://example.org/k/', 'yos-2018'),
			row('Kensington and Chelsea', '2021-03-09', 'score', '29/36', 'https://example.org/k/', 'yos-2018')
		].join('\n');
		const { data } = add({ scrape: csv });
		expect(warningsOf(data, 'kensington-and-chelsea-2021-03')).toEqual([
			expect.objectContaining({
				code: 'overall-rule-difference',
				line: 3,
				message: `The score 29/36 (${SCRAPE_FILE} line 3) gives Good under the rules; the overall rating is 'Requires improvement'.`
			})
		]);
	});
});

describe('the region lookup (inputs/local-authority-regions.csv)', () => {
	it('rows are checked: ONS code, region, a London code in London', () => {
		const header = regionsText.split('\n')[0];
		const { problems } = readRegionLookup(
			REGION_LOOKUP,
			[
				header,
				'Barnet,E09000003,South East,E12000008,',
				'Wiltshire,E07000054,South West,E12000009,',
				'Bexley,E09000004,Londres,E12000007,'
			].join('\n')
		);
		expect(problems.map((p) => `${p.line}:${p.field}`)).toEqual(['2:region', '3:ons_code', '4:region']);
	});

	it('names upper-tier authorities of the hex maps in ../shared/geo, and every row places an inspection', () => {
		const hex = (f: string) => Object.values(JSON.parse(read(`${SHARED}/geo/${f}`)).hexes) as { n: string; en?: string }[];
		const names = new Set(
			[...hex('england-upper-tier-local-authorities-2020.hexjson'), ...hex('wales-unitary-authorities.hexjson')].map((h) =>
				slug(h.en ?? h.n)
			)
		);
		const { places, problems } = readRegionLookup(REGION_LOOKUP, regionsText);
		expect(problems).toEqual([]);
		for (const key of places.keys()) expect(names, key).toContain(key);
		const { data } = add();
		const placed = new Set(data.authorities.map((a) => a.authority_id));
		for (const key of places.keys()) expect(placed, `${key} is in the lookup but places nothing`).toContain(key);
	});
});

describe('a report and its reference row disagreeing on the score', () => {
	it('is a warning; the report keeps its recomputed score', () => {
		const blank = (over: Partial<RowOf<'inspections'>>) => ({ ...nullsOf('inspections'), ...over }) as RowOf<'inspections'>;
		const reports = emptyDataset();
		const reference = emptyDataset();
		const area = {
			authority_id: 'thurrock',
			name: 'Thurrock',
			nation: 'England',
			region: 'East of England',
			local_authorities: ['Thurrock']
		};
		reports.authorities.push({ ...area, provenance: 'report' });
		reference.authorities.push({ ...area, provenance: 'reference' });
		const common = {
			authority_id: 'thurrock',
			published: '2022-08',
			published_year: 2022,
			framework: 'yjs-2021',
			overall_rating: 'Good',
			reinspection: false
		};
		reports.inspections.push(blank({ ...common, inspection_id: 'thurrock-2022-08', score: 26, provenance: 'report' }));
		reference.inspections.push(blank({ ...common, inspection_id: 'thurrock-2022-08-ref', score: 25, provenance: 'reference' }));
		const merged = mergeReportsWithReference(reports, reference, new Map());
		expect(merged.inspections).toHaveLength(1);
		expect(merged.inspections[0].score).toBe(26);
		expect(merged.extraction_warnings).toEqual([
			expect.objectContaining({ inspection_id: 'thurrock-2022-08', code: 'reference-disagrees', provenance: 'reference' })
		]);
		expect(merged.extraction_warnings[0].message).toContain('25/36');
	});
});

describe('the build and the app', () => {
	let db: Engine;
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`);
	});
	afterAll(() => db?.close());

	it('the build lists the scrape and the lookup as sources, with checksums', async () => {
		const { sources, data } = await buildDataset();
		expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining([SCRAPE_FILE, REGION_LOOKUP]));
		expect(data.extraction_warnings.filter((w) => w.code === 'scrape-disagrees')).toHaveLength(4);
		const manifest = JSON.parse(read(`${ROOT}/data/manifest.json`));
		expect(manifest.sources.map((s: { file: string }) => s.file)).toEqual(expect.arrayContaining([SCRAPE_FILE, REGION_LOOKUP]));
	});

	it("the service's profile carries the disagreement, and data/README.md lists it", async () => {
		const p = (await profile(db, 'west-sussex'))!;
		expect(p.inspections.find((i) => i.inspection_id === 'west-sussex-2022-06')).toMatchObject({ overall_rating: 'Good', score: 26 });
		expect(p.warnings).toEqual([expect.objectContaining({ inspection_id: 'west-sussex-2022-06', code: 'scrape-disagrees' })]);
		const readme = read(`${ROOT}/data/README.md`);
		expect(readme).toContain('| west-sussex-2022-06 | scrape-disagrees | reference/scraped-overall-ratings.csv, line');
	});
});
