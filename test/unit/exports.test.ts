/**
 * Exports that stand alone (issue 13, item 4): the standalone SVG says what, for which filters,
 * how many, from what (with addresses) and when; any text survives it and the CSV; the CSV is
 * rounded as the page shows it, shares as percentages with the unit in the header.
 */
import { describe, expect, it } from 'vitest';
import { chartCsv, chartCsvTable, chartReadme, standaloneSvg, wrap, xmlMarkup, type CsvColumn } from '../../src/lib/charts/export';
import { serverDocument } from '../../src/lib/charts/server';
import { parseCsv } from '../../src/lib/csv';
import { nodeEngine } from '../../src/lib/db/node';
import { coverage, sourceLine, type Coverage } from '../../src/lib/queries/coverage';
import { heatmapChart } from '../../src/lib/views/standards/chart';
import { standards, type HeatCell } from '../../src/lib/views/standards/query';

/** Characters XML 1.0 does not allow at all. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Well-formed as far as entities and characters go: the two things an HTML serialiser gets wrong for XML. */
function xmlProblems(file: string): string[] {
	const problems: string[] = [];
	for (const m of file.matchAll(/&([^;\s]*);?/g))
		if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(m[1]) || !m[0].endsWith(';')) problems.push(`entity ${m[0]}`);
	if (NOT_XML.test(file)) problems.push('a character XML does not allow');
	return problems;
}

function parseSvg(file: string): Document {
	return new (serverDocument().defaultView as unknown as { DOMParser: typeof DOMParser }).DOMParser().parseFromString(
		file.replace(/^<\?xml[^>]*>\n/, ''),
		'image/svg+xml'
	);
}

const COVERAGE: Coverage = {
	inspections: 9,
	services: 7,
	report: 1,
	reference: 8,
	imported: 0,
	synthetic: 0,
	reports: 'Bury and Rochdale 2020-06',
	addresses: ['https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/bolton-yjs/'],
	addressCount: 1,
	importedFiles: []
};

/** The names an imported file can carry: every kind of text that has broken an export somewhere. */
const HOSTILE = [
	'Bell\u0007and\u0001Null\u0000Tab\tService',
	'No\u00A0break\u00A0space',
	'\u200FRTL mark \u05E9\u05DC\u05D5\u05DD',
	'Emoji 🦉👩🏽‍⚖️ service',
	'Less < than & ampersand > "quoted" \'single\'',
	'L' + 'ong name '.repeat(56).trim(),
	// 500 characters with no space to break at: emoji, a right-to-left script, controls, < and &
	Array.from('🦉👩🏽‍⚖️שלום\u0007<&>\u00A0\u200F'.repeat(60)).join('').slice(0, 500)
];

describe('standalone SVG', () => {
	const chart =
		'<svg class="plot-x" width="600" height="100" viewBox="0 0 600 100" aria-hidden="true"><rect width="10" height="10"/><text>a &lt; b</text></svg>';
	const text = {
		title: '1.2 Staff: 3 of 9 rated Requires improvement',
		subtitle: 'Share of inspections rating each standard',
		filters: 'North West, 2021 onwards',
		coverage: 'Covers 9 inspections of 7 services: 1 from report text, 8 from published reference facts.',
		source: sourceLine(COVERAGE, 'https://example.org/data/inspections.csv'),
		built: '2026-12-02',
		address: 'https://example.org/standards/?region=North+West&year-from=2021',
		legend: [{ label: 'Good', colour: '#28A197', mark: 'G' }]
	};

	it('is an image with a <title> and a <desc>, and says the filters, n, the source address and the build date', () => {
		const file = standaloneSvg(chart, text);
		const root = parseSvg(file).documentElement;
		expect(root.getAttribute('role')).toBe('img');
		expect(root.getAttribute('aria-labelledby')).toBe('export-title export-desc');
		expect(root.querySelector('title')?.textContent).toBe(text.title);
		const desc = root.querySelector('desc')?.textContent ?? '';
		for (const said of ['North West, 2021 onwards', 'Covers 9 inspections of 7 services', 'bolton-yjs', '2026-12-02'])
			expect(desc).toContain(said);
		// and the picture itself says it, for whoever sees only the pixels
		const drawn = [...root.querySelectorAll('text')].map((t) => t.textContent).join(' ');
		expect(drawn).toContain('Filters: North West, 2021 onwards');
		expect(drawn).toContain('Covers 9 inspections of 7 services');
		expect(drawn).toContain('https://www.justiceinspectorates.gov.uk/hmiprobation/inspections/bolton-yjs/');
		expect(drawn).toContain('Data built 2026-12-02');
		expect(xmlProblems(file)).toEqual([]);
	});

	it('keeps every line inside the image, breaking long addresses and names', () => {
		const long = `Source: ${'https://www.example.org/a/very/long/address/'.repeat(6)}`;
		for (const line of wrap(long, 60)) expect(line.length).toBeLessThanOrEqual(60);
		expect(wrap(long, 60).join('')).toBe(long.replace(/\s/g, ''));
		expect(wrap('aaaa bbbb  cc', 9)).toEqual(['aaaa bbbb', 'cc']);
	});

	it('cuts a word longer than a line between characters, never inside an emoji or an accented letter', () => {
		const word = '🦉👩🏽‍⚖️e\u0301ש'.repeat(40);
		for (const width of [8, 13, 60]) {
			const lines = wrap(`${word} tail`, width);
			expect(lines.join('').replace(/ ?tail$/, '')).toBe(word);
			for (const l of lines) {
				expect(l, l).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
				expect(l.startsWith('\u0301') || l.startsWith('\u200D') || l.startsWith('\uFE0F'), l).toBe(false);
				// a line is as long as the width allows, or one cluster that is longer
				expect(l.length <= width || Array.from(new Intl.Segmenter().segment(l)).length === 1, l).toBe(true);
			}
		}
	});

	it('never breaks a line at a no-break space', () => {
		expect(wrap('North\u00A0Yorkshire and\u202FCity of York', 16)).toEqual(['North\u00A0Yorkshire', 'and\u202FCity of York']);
	});

	it.each(HOSTILE)('holds %j as text, in the chart, the title and the footer, as well-formed XML', (name) => {
		// what Chromium's outerHTML gives for such a name inside a Plot chart: & < > escaped, a
		// no-break space as &nbsp;, control characters as they are
		const htmlSerialised = name
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/\u00A0/g, '&nbsp;');
		const markup = `<svg class="plot-x" width="600" height="100" viewBox="0 0 600 100"><g><text>${htmlSerialised}</text><title>${htmlSerialised}</title></g></svg>`;
		const file = standaloneSvg(markup, { ...text, title: `${name}: rated Good`, filters: name, source: `Source: ${name}` });
		expect(xmlProblems(file)).toEqual([]);
		const doc = parseSvg(file);
		// control characters become their visible pictures (U+2400 block); everything else is kept as it was
		// eslint-disable-next-line no-control-regex
		const expected = name.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)));
		const chartText = doc.querySelector('svg svg text')?.textContent ?? '';
		expect(chartText.replace(/\u00A0/g, ' ')).toBe(expected.replace(/\u00A0/g, ' '));
		expect(doc.querySelector('title')?.textContent).toBe(`${expected}: rated Good`);
		// the drawn lines give back the whole name: nothing cut in half, nothing replaced
		expect(file).not.toContain('\uFFFD');
		const drawnTitle = [...doc.querySelectorAll('svg > text[font-size="18"]')].map((t) => t.textContent).join('');
		expect(drawnTitle.replace(/\s/g, '')).toBe(`${expected}: rated Good`.replace(/\s/g, ''));
		// and the image stays as wide as the chart: no footer line longer than the width allows
		for (const t of doc.querySelectorAll('svg > text')) expect((t.textContent ?? '').length).toBeLessThanOrEqual(80);
	});

	it('a Plot chart of hostile names, serialised as the page does it, is well-formed once exported', async () => {
		// the heatmap's own cells, each service renamed to a hostile name
		const real = (await standards(await nodeEngine(), {})).cells.slice(0, 40);
		const cells: HeatCell[] = real.map((c, i) => ({ ...c, service: HOSTILE[i % HOSTILE.length] }));
		const svg = heatmapChart(cells, { document: serverDocument() });
		// the browser's serialiser writes the no-break space as &nbsp; (linkedom's does not): as Chromium does
		const asBrowser = svg.replace(/\u00A0/g, '&nbsp;');
		const file = standaloneSvg(asBrowser, text);
		expect(xmlProblems(file)).toEqual([]);
		expect(parseSvg(file).querySelector('svg svg')?.textContent).toContain('Emoji 🦉');
	});

	it("turns the HTML serialiser's &nbsp; and control characters into XML", () => {
		expect(xmlMarkup('<text>a&nbsp;b\u0007c&amp;d</text>')).toBe('<text>a&#160;b␇c&amp;d</text>');
	});
});

describe('source line', () => {
	it('lists up to three addresses, and past that says where every one is', () => {
		expect(sourceLine(COVERAGE)).toMatch(/Address: https:\/\/www\.justiceinspectorates\.gov\.uk\/hmiprobation\/inspections\/bolton-yjs\/$/);
		expect(sourceLine(COVERAGE)).not.toContain('data/inspections.csv');
		const many = { ...COVERAGE, addresses: ['https://a.example/1', 'https://a.example/2'], addressCount: 29 };
		expect(sourceLine(many, 'https://site.example/data/inspections.csv')).toContain(
			'The 29 addresses, one per inspection: https://site.example/data/inspections.csv (column source_url).'
		);
	});

	it('names imported files as imported, never as HMIP reports', () => {
		const imported = {
			...COVERAGE,
			report: 0,
			reference: 0,
			imported: 1,
			reports: null,
			addresses: [],
			addressCount: 0,
			importedFiles: ['mine.csv']
		};
		expect(sourceLine(imported)).toBe('Source: imported in this browser from mine.csv.');
	});

	it('carries the real addresses of the inspections in view', async () => {
		const db = await nodeEngine();
		const c = await coverage(db, { region: 'London' });
		expect(c.addressCount).toBeGreaterThan(3);
		expect(c.addresses.length).toBe(Math.min(c.addressCount, 50));
		for (const a of c.addresses) expect(a).toMatch(/^https?:\/\//);
		const rows = await db.query<{ n: number }>(
			`SELECT count(DISTINCT source_url)::INTEGER AS n FROM inspections_wide WHERE region = 'London'`
		);
		expect(c.addressCount).toBe(rows[0].n);
		expect(c.importedFiles).toEqual([]);
	});
});

interface Row {
	code: string;
	share: number;
	rated: number;
	gap: number | null;
	ratio: number;
	name: string;
}
const COLUMNS: CsvColumn<Row>[] = [
	{ key: 'code', label: 'Standard' },
	{ key: 'share', label: 'Share', format: (s) => `${Math.round((s as number) * 100)}%` },
	{ key: 'rated', label: 'Inspections that rated it' },
	{ key: 'gap', label: 'Gap', format: (g) => (g === null ? '' : `${g} points`) },
	{ key: 'ratio', label: 'Ratio' },
	{ key: 'name', label: 'Name' }
];
const ROWS: Row[] = [
	{ code: '1.2', share: 0.5555555555555556, rated: 9, gap: -33, ratio: 1.23456, name: HOSTILE[0] },
	{ code: '3.4', share: 1, rated: 2, gap: null, ratio: 0.5, name: '=HYPERLINK("x")' },
	{ code: '2.1', share: 0, rated: 5, gap: 12, ratio: 2, name: HOSTILE[5] }
];

describe('chart CSV', () => {
	it('rounds as the page does, writes shares as percentages with the unit in the header, under plain names', () => {
		const csv = parseCsv(chartCsv(COLUMNS, ROWS));
		expect(csv.header).toEqual(['Standard', 'Share (%)', 'Inspections that rated it', 'Gap (points)', 'Ratio', 'Name']);
		expect(csv.rows.map((r) => r.cells.slice(0, 5))).toEqual([
			['1.2', '56', '9', '-33', '1.23'],
			['3.4', '100', '2', '', '0.50'],
			['2.1', '0', '5', '12', '2']
		]);
	});

	it('keeps every name as it is, hostile or not, guarded against formulas', () => {
		const text = chartCsv(COLUMNS, ROWS);
		expect(text).toContain(`"'=HYPERLINK(""x"")"`);
		expect(text).not.toMatch(/'-33/);
		expect(parseCsv(text).rows.map((r) => r.cells[5])).toEqual(ROWS.map((r) => r.name));
		for (const name of HOSTILE) {
			const back = parseCsv(chartCsv([{ key: 'name', label: 'Name' }], [{ name }] as Row[]));
			expect(back.rows[0].cells[0]).toBe(name);
		}
	});

	it('a column of mixed units stays as the page shows it; codes stay text', () => {
		const money = (v: unknown, r: { unit: string }) => (r.unit === 'gbp' ? `£${(v as number).toLocaleString('en-GB')}` : `${v}%`);
		const t = chartCsvTable(
			[{ key: 'v', label: 'Value', format: money }],
			[
				{ v: 1200, unit: 'gbp' },
				{ v: 12, unit: 'percent' }
			]
		);
		expect(t.columns[0]).toEqual({ header: 'Value', unit: '', numeric: false });
		expect(t.cells.map((c) => c[0])).toEqual(['£1,200', '12%']);
		const spend = chartCsvTable(
			[{ key: 'v', label: 'Spend', format: money }],
			[
				{ v: 1200, unit: 'gbp' },
				{ v: 30, unit: 'gbp' }
			]
		);
		expect(spend.columns[0].header).toBe('Spend (£)');
		expect(spend.cells.map((c) => c[0])).toEqual(['1200', '30']);
		const codes = chartCsvTable([{ key: 'code', label: 'Standard' }], [{ code: '1.2' }, { code: '3.10' }]);
		expect(codes.columns[0].numeric).toBe(false);
		expect(codes.cells.map((c) => c[0])).toEqual(['1.2', '3.10']);
	});

	it('a README says the title, filters, n, every source address, the build date and each column', () => {
		const readme = chartReadme(COLUMNS, ROWS, {
			title: '1.2 Staff: 3 of 9',
			subtitle: 'Share of inspections',
			filters: 'London',
			coverage: 'Covers 9 inspections of 7 services.',
			source: sourceLine(
				{ ...COVERAGE, addressCount: 60, addresses: ['https://a.example/1', 'https://a.example/2'] },
				'https://s.example/data/inspections.csv'
			),
			built: '2026-12-02',
			address: 'https://s.example/standards/?region=London',
			file: 'standards-ranked-london.csv',
			addresses: ['https://a.example/1', 'https://a.example/2'],
			addressCount: 60,
			dataset: 'https://s.example/data/inspections.csv',
			downloaded: '2026-12-03T10:00:00.000Z'
		});
		for (const said of [
			'1.2 Staff: 3 of 9',
			'Filters: London',
			'\r\nCovers 9 inspections of 7 services.\r\n',
			'  Standard: text',
			'Data built: 2026-12-02',
			'  https://a.example/1',
			'... and 58 more: every address is in https://s.example/data/inspections.csv (column source_url).',
			'standards-ranked-london.csv: 3 rows',
			'  Share (%): numbers in per cent',
			'  Gap (points): numbers in points',
			'  Name: text'
		])
			expect(readme).toContain(said);
	});
});
