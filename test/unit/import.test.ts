/**
 * Imports: the ratings CSV on a corpus of bad files, reports renamed to new services, and
 * applying/removing imports on a real engine without losing the shipped data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import { applyImport, loadState } from '../../src/lib/db/state';
import { kindOf } from '../../src/lib/import/kind';
import { importRatingsCsv, TEMPLATE_CSV } from '../../src/lib/import/ratings-csv';
import { importReport } from '../../src/lib/import/report';
import { TABLE_NAMES } from '../../src/lib/schema/tables';
import { checkDataset } from '../../src/lib/dataset/assemble';
import { REPORTS, ROOT } from '../paths';

const HEADER =
	'service,local_authorities,nation,region,published,framework,overall_rating,standard,rating,desistance_pct,child_safety_pct,others_safety_pct,source';
const row = (over: Partial<Record<string, string>> = {}) => {
	const base: Record<string, string> = {
		service: 'Northmoor',
		local_authorities: 'Northmoor',
		nation: 'England',
		region: 'North West',
		published: '2024-03',
		framework: 'yjs-2021',
		overall_rating: 'Good',
		standard: '2.1',
		rating: 'Requires improvement',
		desistance_pct: '82',
		child_safety_pct: '70',
		others_safety_pct: '58',
		source: 'https://example.org/report'
	};
	const r = { ...base, ...over };
	return HEADER.split(',')
		.map((c) => r[c])
		.join(',');
};
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const problems = (text: string) =>
	importRatingsCsv('ratings.csv', text).problems.map((p) => `${p.row ?? ''}|${p.column ?? ''}|${p.reason}`);

describe('ratings CSV: good files', () => {
	it('the template itself imports', () => {
		const r = importRatingsCsv('template.csv', TEMPLATE_CSV);
		expect(r.problems).toEqual([]);
		expect(r.rows.inspections).toHaveLength(1);
		expect(r.rows.standard_ratings.map((s) => s.code).sort()).toEqual(['1.1', '2.1']);
		expect(checkDataset(r.rows)).toEqual(expect.arrayContaining([]));
	});

	it('percentages become key questions and the rules recompute the band', () => {
		const r = importRatingsCsv('ratings.csv', csv(row()));
		expect(r.rows.key_questions.map((k) => `${k.code}:${k.theme}:${k.pct}`)).toEqual([
			'2.1.1:desistance:82',
			'2.1.2:child-safety:70',
			'2.1.3:others-safety:58'
		]);
		expect(r.rows.standard_ratings[0]).toMatchObject({
			rating: 'Requires improvement',
			recomputed_rating: 'Requires improvement',
			provenance: 'imported'
		});
		expect(r.rows.inspections[0]).toMatchObject({
			inspection_id: 'northmoor-2024-03',
			provenance: 'imported',
			source_url: 'https://example.org/report'
		});
	});

	it('a UTF-8 BOM, semicolons, CRLF and quoted fields with commas and newlines', () => {
		const text =
			'\uFEFF' +
			csv(
				row({ service: 'Northmoor' }),
				row({
					standard: '1.1',
					rating: 'Good',
					desistance_pct: '',
					child_safety_pct: '',
					others_safety_pct: '',
					local_authorities: 'Northmoor'
				})
			)
				.replace(/,/g, ';')
				.replace(/\n/g, '\r\n')
				.replace('https://example.org/report', '"https://example.org/report"');
		const r = importRatingsCsv('semi.csv', text);
		expect(r.problems).toEqual([]);
		expect(r.rows.standard_ratings).toHaveLength(2);
		const quoted = importRatingsCsv('q.csv', csv(row({ source: '"Report, part 1\nand 2"' })));
		expect(quoted.problems).toEqual([]);
		expect(quoted.rows.inspections[0].notes).toBe('Report, part 1\nand 2');
	});

	it('a <script> payload is kept as text, never code', () => {
		const r = importRatingsCsv('x.csv', csv(row({ service: 'Evil <script>alert(1)</script>', local_authorities: '' })));
		expect(r.problems).toEqual([]);
		expect(r.rows.inspections[0].service_name).toBe('Evil <script>alert(1)</script>');
		expect(r.rows.inspections[0].inspection_id).toBe('evil-script-alert-1-script-2024-03');
	});
});

describe('ratings CSV: bad files, every problem named', () => {
	it.each([
		['empty', '', ['|', 'no header row']],
		['header only', HEADER + '\n', ['no rows']],
		['binary', '\u0000\u0001\u0002PK', ['missing column']],
		['wrong columns', 'name,score\nx,1\n', ['1|service|missing column', '1|name|unknown column']]
	])('%s', (_, text, expected) => {
		const got = problems(text).join('\n');
		for (const e of expected) expect(got).toContain(e);
	});

	it('wrong types and values, with row and column', () => {
		const got = problems(
			csv(
				row({ rating: 'Excellent' }),
				row({ standard: '2.2', desistance_pct: '120' }),
				row({ standard: '2.3', published: '2024-13' }),
				row({ standard: '9.9' }),
				row({ standard: '2.4', region: '' }),
				row({ standard: '1.1', rating: 'Good', desistance_pct: '50', child_safety_pct: '', others_safety_pct: '' }),
				row({ standard: '3.1', nation: 'Wales' })
			)
		);
		expect(got).toEqual(
			expect.arrayContaining([
				'2|rating|rating not one of Outstanding, Good, Requires improvement, Inadequate',
				'3|desistance_pct|percentage above 100',
				'4|published|date not YYYY-MM',
				'5|standard|unknown standard code "9.9" for yjs-2021',
				expect.stringMatching(/^6\|region\|the service has no region/),
				'7|desistance_pct|standard 1.1 is not rated from case percentages',
				'8|nation|North West is in England'
			])
		);
	});

	it('duplicate rows and inspections that disagree with themselves', () => {
		const got = problems(csv(row(), row(), row({ standard: '2.2', overall_rating: 'Inadequate' })));
		expect(got).toEqual(
			expect.arrayContaining([
				'3||duplicate of row 2 (same service, month and standard)',
				expect.stringMatching(/^4\|overall_rating\|differs from row 2/)
			])
		);
	});

	it('a file with any problem adds nothing', () => {
		const r = importRatingsCsv('x.csv', csv(row(), row({ rating: 'Bad' })));
		expect(r.problems).toHaveLength(1);
		for (const t of TABLE_NAMES) expect(r.rows[t]).toEqual([]);
	});
});

describe('file kinds', () => {
	const b = (s: string) => new TextEncoder().encode(s);
	it('tells reports, PDFs and CSVs apart, and refuses the rest with one message', () => {
		expect(kindOf('x.txt', b('HM Inspectorate'))).toEqual({ kind: 'report-text' });
		expect(kindOf('x.pdf', b('%PDF-1.7'))).toEqual({ kind: 'report-pdf' });
		expect(kindOf('r.csv', b('a,b'))).toEqual({ kind: 'ratings-csv' });
		expect(kindOf('photo.png', new Uint8Array([137, 80, 78, 71, 0]))).toMatchObject({
			kind: null,
			reason: expect.stringMatching(/^a binary file/)
		});
		expect(kindOf('notes.docx', b('PK'))).toMatchObject({ kind: null, reason: expect.stringMatching(/not an inspection report/) });
	});

	it('a reason is one clause without the file name: the problem that carries it names the file, once (issue 17)', () => {
		for (const [name, head] of [
			['junk.txt', new Uint8Array([80, 75, 3, 4, 0, 0])],
			['fake.pdf', b('hello')],
			['notes.docx', b('PK')]
		] as const) {
			const k = kindOf(name, head);
			expect(k.kind).toBeNull();
			if (k.kind === null) expect(k.reason).not.toContain(name);
		}
		// UTF-16 text is half NUL bytes; its byte order mark says it is text
		expect(kindOf('notes.txt', new Uint8Array([0xff, 0xfe, 72, 0, 77, 0]))).toEqual({ kind: 'report-text' });
		expect(kindOf('ratings.csv', new Uint8Array([0xfe, 0xff, 0, 72, 0, 77]))).toEqual({ kind: 'ratings-csv' });
	});
});

describe('a report renamed to a new service', () => {
	const text = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8').replace(/Bury and Rochdale/g, 'Northmoor');
	it('needs a region, then gives rows marked imported', () => {
		expect(importReport('n.txt', text, 'x', undefined).problems[0]).toMatchObject({ column: 'region' });
		const r = importReport('n.txt', text, 'x', { nation: 'England', region: 'North West', localAuthorities: ['Northmoor'] });
		expect(r.problems).toEqual([]);
		expect(r.inspectionId).toBe('northmoor-2020-06');
		expect(r.rows.authorities[0]).toMatchObject({ authority_id: 'northmoor', region: 'North West', provenance: 'imported' });
		expect(r.rows.key_questions.every((k) => k.provenance === 'imported')).toBe(true);
		expect(checkDataset(r.rows).filter((p) => !/no inspection|no area/.test(p.message))).toEqual([]);
	});
	it('an unrelated file is one clear problem', () => {
		expect(importReport('notes.txt', 'Shopping list: eggs', 'x', undefined).problems).toEqual([
			{ file: 'notes.txt', reason: expect.stringMatching(/^not a recognisable HMIP youth inspection report/) }
		]);
	});
});

describe('applying imports to the engine', () => {
	let db: Awaited<ReturnType<typeof openNodeEngine>>;
	const base = new Map(TABLE_NAMES.map((t) => [t, new Uint8Array(readFileSync(`${ROOT}/data/${t}.arrow`))]));
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`);
	});
	afterAll(() => db?.close());
	const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

	it('adds rows, replaces a shipped inspection, and going back restores the shipped data', async () => {
		const before = await count(`SELECT count(*)::INTEGER AS n FROM inspections`);
		const csvRows = importRatingsCsv(
			'r.csv',
			csv(
				row(),
				row({
					service: 'Leeds',
					local_authorities: 'Leeds',
					region: 'Yorkshire and The Humber',
					published: '2019-11',
					framework: 'yos-2018',
					overall_rating: 'Inadequate'
				})
			)
		).rows;
		await loadState(db.io, base, [{ id: 'a', rows: csvRows, replaces: ['leeds-2019-11'] }]);
		expect(await count(`SELECT count(*)::INTEGER AS n FROM inspections`)).toBe(before + 1);
		expect(await count(`SELECT count(*)::INTEGER AS n FROM inspections WHERE provenance = 'imported'`)).toBe(2);
		expect(await count(`SELECT count(*)::INTEGER AS n FROM key_questions WHERE inspection_id = 'leeds-2019-11'`)).toBe(3);
		expect((await db.query<{ r: string }>(`SELECT overall_rating AS r FROM inspections WHERE inspection_id = 'leeds-2019-11'`))[0].r).toBe(
			'Inadequate'
		);
		await loadState(db.io, base, []);
		expect(await count(`SELECT count(*)::INTEGER AS n FROM inspections`)).toBe(before);
		expect(await count(`SELECT count(*)::INTEGER AS n FROM key_questions WHERE inspection_id = 'leeds-2019-11'`)).toBe(23);
	});

	it('a new area comes with it; a known area keeps its shipped row', async () => {
		const rows = importRatingsCsv(
			'r.csv',
			csv(row(), row({ service: 'Leeds', region: 'Yorkshire and The Humber', published: '2024-01' }))
		).rows;
		await loadState(db.io, base, []);
		await applyImport(db.io, { id: 'b', rows, replaces: [] });
		const areas = await db.query<{ authority_id: string; provenance: string }>(
			`SELECT authority_id, provenance FROM authorities WHERE authority_id IN ('northmoor', 'leeds') ORDER BY 1`
		);
		expect(areas).toEqual([
			{ authority_id: 'leeds', provenance: 'reference' },
			{ authority_id: 'northmoor', provenance: 'imported' }
		]);
		await loadState(db.io, base, []);
	});
});
