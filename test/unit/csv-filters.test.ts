import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from '../../src/lib/csv';
import { describeFilters, filtersKey, filtersSlug, filtersToSearch, oneChangeAway, parseFilters } from '../../src/lib/filters';
import { RATINGS } from '../../src/lib/schema/extracted';
import { filterClause } from '../../src/lib/queries/filter-sql';
import { standaloneSvg } from '../../src/lib/charts/export';
import { serverDocument } from '../../src/lib/charts/server';

describe('CSV out', () => {
	it.each([
		'=1+1',
		'+44',
		'-A1',
		'-2+3',
		'@SUM(A1)',
		'\tx',
		'\rx',
		' =4',
		'\u00A0=4',
		'\u3000+1',
		'＝5',
		'＋5',
		'－A1',
		'＠x',
		'﹦1',
		'−A1'
	])('guards %j against formula injection', (v) => {
		expect(csvCell(v).replace(/^"|"$/g, '')).toMatch(/^'/);
	});
	it.each(['-5', '-2', '-0.25', '-.5', '-1e3'])('writes the plain negative number %j as it is, a number to a spreadsheet', (v) => {
		expect(csvCell(v)).toBe(v);
	});
	it('quotes commas, quotes and newlines (RFC 4180) and leaves numbers alone', () => {
		expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
		expect(csvCell(-2)).toBe('-2');
		expect(csvCell(null)).toBe('');
		expect(csvCell(['x', 'y, z'])).toBe('"[""x"",""y, z""]"');
	});
	it('export then import gives back the same values', () => {
		const rows = [
			{ a: '=cmd|calc', b: 'line\nbreak, "quoted"', c: '-5' },
			{ a: 'plain', b: "'=already guarded", c: '@x' },
			{ a: ' =4', b: '＝5', c: "'-5" },
			{ a: '\u00A0=1', b: "''＋2", c: ' -5' }
		];
		const back = parseCsv(toCsv(['a', 'b', 'c'], rows));
		expect(back.header).toEqual(['a', 'b', 'c']);
		expect(back.rows.map((r) => r.cells)).toEqual(rows.map((r) => [r.a, r.b, r.c]));
	});
	it('export then import gives back any text at all', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 2, maxLength: 2 }), { maxLength: 6 }),
				(cells) => {
					// a record of one empty cell is a blank line, which a reader skips: give each a second cell
					const rows = cells.map(([a, b]) => ({ a, b }));
					const back = parseCsv(toCsv(['a', 'b'], rows));
					expect(back.rows.map((r) => r.cells)).toEqual(cells);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('CSV in', () => {
	it('handles a BOM, semicolons and Windows line endings', () => {
		const t = parseCsv('\uFEFFa;b\r\n1;"x;y"\r\n2;z\r\n');
		expect(t.header).toEqual(['a', 'b']);
		expect(t.rows).toEqual([
			{ line: 2, cells: ['1', 'x;y'] },
			{ line: 3, cells: ['2', 'z'] }
		]);
	});
	it('reports an unclosed quote with its line', () => {
		expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(/line 2/);
	});
});

describe('filters in the URL', () => {
	it('round-trip, keeping other parameters', () => {
		const f = { region: 'North West', yearFrom: 2019, rating: 'Good' as const };
		const s = filtersToSearch(f, new URLSearchParams('ids=a,b'));
		expect(s).toBe('?ids=a%2Cb&region=North+West&year-from=2019&rating=Good');
		expect(parseFilters(new URLSearchParams(s))).toEqual(f);
	});
	it('drop what is not a valid value', () => {
		expect(parseFilters(new URLSearchParams('rating=Excellent&year-from=abc&nation=Scotland&framework=yos-2018'))).toEqual({
			framework: 'yos-2018'
		});
	});
	it('become parameters, never SQL text', () => {
		const c = filterClause({ region: "x' OR 1=1 --", yearTo: 2020 });
		expect(c.sql).not.toContain('OR 1=1');
		expect(c.params).toEqual(["x' OR 1=1 --", "x' OR 1=1 --", null, null, null, null, null, null, 2020, 2020, null, null, null, null]);
	});
	it('are one SQL text whatever is set, so each query is prepared once', () => {
		const a = filterClause({});
		const b = filterClause({ region: 'London', framework: 'yjs-2021', yearFrom: 2019, rating: 'Good', source: 'report' });
		expect(a.sql).toBe(b.sql);
		expect(a.params).toHaveLength(b.params.length);
		expect(a.params.every((p) => p === null)).toBe(true);
	});
	it('describe themselves in words and for file names', () => {
		expect(describeFilters({ region: 'North West', yearFrom: 2021 })).toBe('North West, 2021 onwards');
		expect(filtersSlug({ region: 'North West', yearFrom: 2021 })).toBe('north-west-2021-onwards');
		expect(describeFilters({ yearTo: 2020, rating: 'Good' })).toBe('up to 2020, rated Good');
		expect(describeFilters({ nation: 'Wales', yearFrom: 2019, yearTo: 2022 })).toBe('Wales, 2019-2022');
		expect(describeFilters({ yearFrom: 2021, yearTo: 2021, source: 'reference' })).toBe('2021, from published pages');
		expect(describeFilters({ framework: 'yjs-2021' })).toBe('2021 standards (12 + resettlement)');
		expect(filtersSlug({ region: 'London' })).toBe('london');
		expect(describeFilters({})).toBe('all inspections');
		expect(filtersSlug({})).toBe('all-inspections');
	});
});

describe('work done in advance: the combinations one change away', () => {
	const choices = {
		regions: ['London', 'North West'],
		nations: ['England', 'Wales'],
		frameworks: ['yjs-2021', 'yos-2018'],
		years: [2019, 2020]
	};

	it('one key per combination, whatever the order of the keys', () => {
		expect(filtersKey({ region: 'London', rating: 'Good' })).toBe(filtersKey({ rating: 'Good', region: 'London' }));
		expect(filtersKey({ region: 'London' })).not.toBe(filtersKey({ nation: 'England' }));
		expect(filtersKey({})).toBe(filtersKey({ region: undefined }));
	});

	it('each other value of each control, the region first, and back to all', () => {
		const from = { region: 'London', yearFrom: 2020 };
		const next = oneChangeAway(from, choices);
		const keys = next.map(filtersKey);
		expect(new Set(keys).size).toBe(next.length);
		expect(keys).not.toContain(filtersKey(from));
		// every result differs from the start in exactly one filter
		for (const n of next) {
			const changed = (Object.keys({ ...n, ...from }) as (keyof typeof n)[]).filter((k) => n[k] !== from[k as keyof typeof from]);
			expect(changed).toHaveLength(1);
		}
		expect(next.slice(0, 2)).toEqual([{ yearFrom: 2020 }, { region: 'North West', yearFrom: 2020 }]);
		expect(next.filter((n) => n.rating)).toHaveLength(RATINGS.length);
		// year-to before year-from is left out; year-from back to any year is in
		expect(next.filter((n) => n.yearTo !== undefined).map((n) => n.yearTo)).toEqual([2020]);
		expect(next).toContainEqual({ region: 'London' });
		// every region, nation, framework, rating, source, year bound: from nothing set
		expect(oneChangeAway({}, choices)).toHaveLength(2 + 2 + 2 + RATINGS.length + 4 + 2 + 2);
	});
});

describe('standalone SVG download', () => {
	it('is one well-formed SVG with title, source and the chart inside', () => {
		const chart =
			'<svg class="plot-x" width="300" height="100" viewBox="0 0 300 100"><rect width="10" height="10"/><text>a &lt; b</text></svg>';
		const file = standaloneSvg(chart, {
			title: 'Title <b>',
			subtitle: 'Sub',
			source: 'Source: X & Y',
			legend: [{ label: 'Good', colour: '#28A197', mark: 'G' }]
		});
		expect(file.startsWith('<?xml')).toBe(true);
		const doc = new (serverDocument().defaultView as unknown as { DOMParser: typeof DOMParser }).DOMParser().parseFromString(
			file.replace(/^<\?xml[^>]*>\n/, ''),
			'image/svg+xml'
		);
		const root = doc.documentElement;
		expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
		expect(file).toContain('Title &lt;b&gt;');
		expect(file).toContain('Source: X &amp; Y');
		expect(file).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" x="0" y="\d+" class="plot-x"/);
	});
});
