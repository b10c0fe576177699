/**
 * Many files at once in the data room: the batch model (statuses, what "Add all ready"
 * takes), reading a file once and working from its text after (issue 17: a PDF's bytes are
 * handed to pdf.js only as a copy), and files taken from a dropped folder.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeEngine } from '../../src/lib/db/node';
import { Extracted, type Inspection, type Warning } from '../../src/lib/schema/extracted';
import { withPublished } from '../../src/lib/ingest/index';
import {
	announce,
	planAdd,
	progressOf,
	problemText,
	viewBatch,
	withMonth,
	type Assessed,
	type BatchRow,
	type Conflict,
	type CsvFile,
	type ReportFile
} from '../../src/lib/import/batch';
import { droppedFiles, type EntryLike } from '../../src/lib/import/drop';
import { assess, countsOf, readImportFile, recheck } from '../../src/lib/import/prepare';
import { importRatingsCsv } from '../../src/lib/import/ratings-csv';
import { REPORTS, ROOT } from '../paths';

/** An extraction made by hand: the model must not lean on what today's extractor happens to do. */
function extraction(
	authority: string,
	published: string | undefined,
	opts: { warnings?: Warning[]; framework?: Inspection['framework'] } = {}
): Extracted {
	const slug = authority.toLowerCase().replace(/[^a-z0-9]+/g, '-');
	return Extracted.parse({
		kind: 'inspection',
		inspection: {
			id: `${slug}-${published ?? 'undated'}`,
			authority,
			serviceName: `${authority} Youth Justice Service`,
			...(published ? { published } : {}),
			framework: opts.framework ?? 'yjs-2021',
			overallRating: 'Good',
			sample: {}
		},
		ratings: [
			{ code: '1.1', name: 'Governance and leadership', domain: 1, rating: 'Good', countsTowardsOverall: true },
			{ code: '1.2', name: 'Staff', domain: 1, rating: 'Requires improvement', countsTowardsOverall: true }
		],
		keyQuestions: [],
		prompts: [],
		context: [],
		caseload: [],
		offences: [],
		recommendations: [{ n: 1, addressee: 'The YJS management board', text: 'Improve staffing.' }],
		warnings: opts.warnings ?? []
	});
}

const UNDATED: Warning = { code: 'published-missing', message: 'The text gives no publication month.' };
const PARTIAL: Warning = { code: 'partial-report', message: 'partial report: no ratings table' };
const KNOWN = { nation: 'England', region: 'North West', localAuthorities: ['Bury', 'Rochdale'] };

function report(x: Extracted, over: Partial<ReportFile> = {}): ReportFile {
	return {
		type: 'report',
		kind: 'report-text',
		source: `text of ${x.inspection!.authority}`,
		sha256: 'ab'.repeat(32),
		read: x,
		extracted: x,
		area: null,
		conflicts: [],
		counts: [{ table: 'inspections', rows: 1 }],
		...over
	};
}

let seq = 0;
function row(file: Assessed | undefined, over: Partial<BatchRow> = {}): BatchRow {
	const key = `r${++seq}`;
	return { key, name: `${key}.txt`, size: 100, stage: file ? 'done' : 'waiting', file, choices: {}, includePartial: false, ...over };
}

describe('the batch model: one status per file', () => {
	it('ready, needs region, needs month, conflict, partial, refused, waiting', () => {
		const rows = [
			row(report(extraction('Northmoor', '2024-03'), { area: KNOWN })),
			row(report(extraction('Southfen', '2024-04'))),
			row(report(extraction('Westholm', undefined, { warnings: [UNDATED], framework: 'children-victims-2024' }))),
			row(report(extraction('Leeds', '2019-11'), { area: KNOWN, conflicts: [{ inspection_id: 'leeds-2019-11', provenance: 'report' }] }), {
				choices: { 'leeds-2019-11': 'skip' }
			}),
			row(report(extraction('Eastly', '2023-01', { warnings: [PARTIAL] }), { area: KNOWN })),
			row({ type: 'refused', kind: null, problems: [{ file: 'junk.bin', reason: 'a binary file' }] }),
			row(undefined),
			row(undefined, { stage: 'reading' })
		];
		const v = viewBatch(rows, {});
		expect(v.map((x) => x.status)).toEqual([
			'ready',
			'needs-region',
			'needs-month',
			'conflict',
			'partial',
			'refused',
			'waiting',
			'reading'
		]);
		expect(v.map((x) => x.takes)).toEqual([true, false, false, false, false, false, false, false]);
		expect(v[1].newService).toEqual({ authorityId: 'southfen', authority: 'Southfen', region: undefined });
		expect(v[2]).toMatchObject({ monthMissing: true, month: '', programme: 'Children and victims (2024)', overall: 'Good' });
		expect(v[3].outcome).toBe('skipped: the data keeps what it has');
		expect(v[4]).toMatchObject({ missing: ['partial report: no ratings table'], outcome: 'not added unless ticked' });
		expect(v[0]).toMatchObject({
			area: 'Northmoor',
			month: 'March 2024',
			programme: '2021 standards (12 + resettlement)',
			region: 'North West'
		});
		expect(announce(v)).toBe(
			'Read 6 files: 1 ready, 1 partial, 1 conflict, 1 needs a month, 1 needs a region, 1 refused, 1 being read, 1 waiting.'
		);
		expect(progressOf(rows).words).toBe('6 of 8 files read');
	});

	it('the announcement a screen reader hears when 30 files are read', () => {
		const rows = [
			...Array.from({ length: 26 }, (_, k) => row(report(extraction(`Area ${k}`, '2024-01'), { area: KNOWN }))),
			row(report(extraction('Partial', '2024-01', { warnings: [PARTIAL] }), { area: KNOWN })),
			...Array.from({ length: 3 }, () => row({ type: 'refused', kind: null, problems: [{ file: 'x', reason: 'not a report' }] }))
		];
		expect(announce(viewBatch(rows, {}))).toBe('Read 30 files: 26 ready, 1 partial, 3 refused.');
	});

	it('a region chosen once places every file of that new service', () => {
		const rows = [row(report(extraction('Southfen', '2024-04'))), row(report(extraction('Southfen', '2021-02')))];
		expect(viewBatch(rows, {}).map((v) => v.status)).toEqual(['needs-region', 'needs-region']);
		const v = viewBatch(rows, { southfen: 'Wales' });
		expect(v.map((x) => [x.status, x.region])).toEqual([
			['ready', 'Wales'],
			['ready', 'Wales']
		]);
		const { records } = planAdd(rows, { southfen: 'Wales' }, new Date('2025-01-02T03:04:05Z'), 'stamp');
		expect(records.map((r) => r.rows.authorities[0])).toEqual([
			expect.objectContaining({ authority_id: 'southfen', region: 'Wales', nation: 'Wales', provenance: 'imported' }),
			expect.objectContaining({ authority_id: 'southfen', region: 'Wales' })
		]);
	});

	it('a month fixed inline re-dates the extraction; conflicts are checked again for the new id', () => {
		const undated = report(extraction('Westholm', undefined, { warnings: [UNDATED] }), { area: KNOWN });
		const r = row(undated);
		expect(viewBatch([r], {})[0].status).toBe('needs-month');
		expect(planAdd([r], {}, new Date()).records).toEqual([]);

		const dated = withMonth(undated, '2024-06');
		expect(dated.extracted.inspection).toMatchObject({ id: 'westholm-2024-06', published: '2024-06' });
		expect(dated.extracted.warnings.map((w) => w.code)).not.toContain('published-missing');
		expect(dated.read).toBe(undated.read); // what was read is kept: the month can be changed again
		const ready = { ...r, file: dated };
		expect(viewBatch([ready], {})[0]).toMatchObject({ status: 'ready', month: 'June 2024', monthGiven: '2024-06', monthMissing: true });
		const { records } = planAdd([ready], {}, new Date('2025-01-02T00:00:00Z'), 's');
		expect(records[0].rows.inspections[0]).toMatchObject({ inspection_id: 'westholm-2024-06', published: '2024-06', published_year: 2024 });
		expect(records[0].rows.extraction_warnings.map((w) => w.code)).not.toContain('published-missing');

		// the data holds that month already: the recheck finds it and the file is a conflict
		const conflicting = { ...ready, file: { ...dated, conflicts: [{ inspection_id: 'westholm-2024-06', provenance: 'reference' }] } };
		expect(viewBatch([conflicting], {})[0].status).toBe('conflict');
		// clearing the month goes back to what was read
		expect(withMonth(dated, '').extracted).toBe(undated.read);
	});

	it('a conflict: skip adds nothing, replace adds it and names what it replaces', () => {
		const conflicts: Conflict[] = [{ inspection_id: 'leeds-2019-11', provenance: 'report' }];
		const f = report(extraction('Leeds', '2019-11'), { area: KNOWN, conflicts });
		const skip = row(f, { choices: { 'leeds-2019-11': 'skip' } });
		const replace = row(f, { choices: { 'leeds-2019-11': 'replace' } });
		expect(viewBatch([skip], {})[0].takes).toBe(false);
		const v = viewBatch([replace], {})[0];
		expect(v).toMatchObject({ status: 'conflict', takes: true, outcome: 'will be added, replacing leeds-2019-11' });
		const { records } = planAdd([replace], {}, new Date(), 's');
		expect(records[0]).toMatchObject({ replaces: ['leeds-2019-11'], summary: '1 inspection (leeds-2019-11), replacing leeds-2019-11' });
	});

	it('a partial file is added only when ticked', () => {
		const f = report(extraction('Eastly', '2023-01', { warnings: [PARTIAL] }), { area: KNOWN });
		const unticked = row(f);
		const ticked = row(f, { key: 'other', name: 'eastly-copy.txt', includePartial: true });
		expect(planAdd([unticked], {}, new Date()).records).toEqual([]);
		const v = viewBatch([ticked], {})[0];
		expect(v).toMatchObject({ status: 'partial', takes: true, outcome: 'will be added' });
		expect(planAdd([ticked], {}, new Date()).keys).toEqual(['other']);
	});

	it('two files with one inspection: the second is refused, naming the first, until the first leaves the list', () => {
		const x = extraction('Northmoor', '2024-03');
		const a = row(report(x, { area: KNOWN }), { name: 'northmoor.txt' });
		const b = row(report(x, { area: KNOWN }), { name: 'northmoor copy.txt' });
		const v = viewBatch([a, b], {});
		expect(v.map((r) => r.status)).toEqual(['ready', 'refused']);
		expect(problemText(v[1].problems[0])).toBe(
			'northmoor copy.txt: the same inspection (northmoor-2024-03) as northmoor.txt, above in this list: only one copy is added; remove northmoor.txt from the list to add this file instead'
		);
		expect(planAdd([a, b], {}, new Date()).keys).toEqual([a.key]);
		expect(viewBatch([b], {})[0].status).toBe('ready');
	});

	it('"Add all ready" takes exactly the ready files: one record each, in list order, never a refused one', () => {
		const rows = [
			row(report(extraction('Alpha', '2024-01'), { area: KNOWN })),
			row({ type: 'refused', kind: 'report-text', problems: [{ file: 'notes.txt', reason: 'not a report' }] }),
			row(report(extraction('Beta', '2024-02'))),
			row(report(extraction('Gamma', undefined, { warnings: [UNDATED] }), { area: KNOWN })),
			row(report(extraction('Delta', '2024-03'), { area: KNOWN }))
		];
		const { records, keys } = planAdd(rows, { beta: 'London' }, new Date('2025-05-06T07:08:09Z'), 'k');
		expect(keys).toEqual([rows[0].key, rows[2].key, rows[4].key]);
		expect(records.map((r) => r.id)).toEqual(['k-0000', 'k-0001', 'k-0002']);
		expect(records.map((r) => r.rows.inspections.map((i) => i.inspection_id))).toEqual([
			['alpha-2024-01'],
			['beta-2024-02'],
			['delta-2024-03']
		]);
		for (const r of records) {
			expect(r.createdAt).toBe('2025-05-06T07:08:09.000Z');
			expect(r.rows.inspections[0]).toMatchObject({ provenance: 'imported', source_file: r.name });
			expect(r.source).toMatch(/^text of /);
		}
	});

	it('a ratings CSV is one row: its services listed, a conflicting inspection skipped while the rest is added', () => {
		const header = 'service,nation,region,published,framework,overall_rating,standard,rating';
		const text = [
			header,
			'Northmoor,England,North West,2024-03,yjs-2021,Good,,',
			'Leeds,England,Yorkshire and The Humber,2019-11,yos-2018,Inadequate,,'
		].join('\n');
		const r = importRatingsCsv('ratings.csv', text);
		expect(r.problems).toEqual([]);
		const f: CsvFile = {
			type: 'csv',
			kind: 'ratings-csv',
			source: text,
			sha256: 'x',
			rows: r.rows,
			warnings: [],
			conflicts: [{ inspection_id: 'leeds-2019-11', provenance: 'report' }],
			counts: countsOf(r.rows)
		};
		const csvRow = row(f, { name: 'ratings.csv' });
		const v = viewBatch([csvRow], {})[0];
		expect(v).toMatchObject({ status: 'conflict', area: 'Northmoor, Leeds', month: 'March 2024, November 2019', takes: true });
		const { records } = planAdd([csvRow], {}, new Date(), 's');
		expect(records[0].rows.inspections.map((i) => i.inspection_id)).toEqual(['northmoor-2024-03']);
		expect(records[0].rows.authorities.map((a) => a.authority_id)).toEqual(['northmoor']);
	});
});

describe('reading a file once: later steps work from its text (issue 17)', () => {
	let db: Awaited<ReturnType<typeof openNodeEngine>>;
	beforeAll(async () => {
		db = await openNodeEngine(`${ROOT}/data`);
	});
	afterAll(() => db?.close());

	const text = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8').replace(/Bury and Rochdale/g, 'Northmoor');
	const pdf = new TextEncoder().encode('%PDF-1.7\nnot really a pdf, the reader below stands in for pdf.js\n');
	/** like pdf.js: takes over the buffer it is given (it is transferred to its worker) */
	const transferring = async (bytes: Uint8Array, onPage?: (page: number, pages: number) => void) => {
		structuredClone(bytes.buffer, { transfer: [bytes.buffer as ArrayBuffer] });
		expect(bytes.length).toBe(0);
		onPage?.(1, 2);
		onPage?.(2, 2);
		return text;
	};

	it('pdf.js gets a copy: the bytes stay whole, and the text is kept', async () => {
		const pages: string[] = [];
		const read = await readImportFile('northmoor.pdf', pdf, { pdfText: transferring, onPage: (p, n) => pages.push(`${p}/${n}`) });
		expect(pdf.length).toBeGreaterThan(0);
		expect(read).toMatchObject({ kind: 'report-pdf', source: text, problems: [] });
		expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(pages).toEqual(['1/2', '2/2']);
	});

	it('a PDF of a new service: region, then month, then replace or skip, all from what was read', async () => {
		const read = await readImportFile('northmoor.pdf', pdf, { pdfText: transferring });
		const f = await assess(db, read);
		expect(f.type).toBe('report');
		if (f.type !== 'report') return;
		const r = row(f, { name: 'northmoor.pdf' });
		expect(viewBatch([r], {})[0].status).toBe('needs-region');

		// the region: rows built from the extraction of the text, no bytes needed
		const { records } = planAdd([r], { northmoor: 'North West' }, new Date(), 's');
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({ kind: 'report-pdf', name: 'northmoor.pdf', source: text });
		expect(records[0].rows.inspections[0]).toMatchObject({ inspection_id: 'northmoor-2020-06', source_sha256: read.sha256 });
		expect(records[0].rows.key_questions.length).toBeGreaterThan(10);

		// another month, onto one the data holds (Leeds' own), found by the recheck: replace or skip
		const asLeeds = await assess(db, { ...read, source: text.replace(/Northmoor/g, 'Leeds') });
		if (asLeeds.type !== 'report') throw new Error('expected a report');
		const redated = await recheck(db, withMonth(asLeeds, '2019-11'));
		expect(redated).toMatchObject({
			conflicts: [{ inspection_id: 'leeds-2019-11', provenance: 'report' }],
			area: { region: 'Yorkshire and The Humber' }
		});
		const conflict = row(redated, { choices: { 'leeds-2019-11': 'skip' } });
		expect(viewBatch([conflict], {})[0].status).toBe('conflict');
		expect(planAdd([conflict], {}, new Date()).records).toEqual([]);
		const replaced = planAdd([{ ...conflict, choices: { 'leeds-2019-11': 'replace' } }], {}, new Date()).records;
		expect(replaced[0]).toMatchObject({ replaces: ['leeds-2019-11'] });
		expect(replaced[0].rows.inspections[0]).toMatchObject({ inspection_id: 'leeds-2019-11', published: '2019-11' });
	});

	it('what cannot be read is refused with the reason, naming the file once', async () => {
		const r = (name: string, bytes: Uint8Array) => readImportFile(name, bytes).then((x) => x.problems.map(problemText));
		expect(await r('empty.txt', new Uint8Array())).toEqual(['empty.txt: the file is empty']);
		expect(await r('junk.bin', new Uint8Array([1, 0, 2, 0, 255]))).toEqual([
			'junk.bin: a binary file, not an inspection report (.txt, .html or .pdf) or a ratings CSV'
		]);
		expect(await r('fake.pdf', new TextEncoder().encode('hello'))).toEqual(['fake.pdf: the name ends in .pdf but the file is not a PDF']);
		expect(await r('latin1.txt', new Uint8Array([0x48, 0xe9, 0xe9, 0x21]))).toEqual(['latin1.txt: the file is not UTF-8 text']);
		const big = new Uint8Array(20 * 1024 * 1024 + 1);
		expect(await r('huge.txt', big)).toEqual(['huge.txt: the file is larger than 20 MB']);
		const failing = async () => {
			throw new Error('Invalid PDF structure');
		};
		expect((await readImportFile('broken.pdf', pdf, { pdfText: failing })).problems.map(problemText)).toEqual([
			'broken.pdf: the PDF could not be read (Invalid PDF structure)'
		]);
		expect((await readImportFile('scan.pdf', pdf, { pdfText: async () => '\n \n' })).problems.map(problemText)).toEqual([
			'scan.pdf: the PDF has no text to read (a scan?): only PDFs with text can be imported'
		]);
		const notReport = await assess(db, await readImportFile('notes.txt', new TextEncoder().encode('Shopping list: eggs')));
		expect(notReport).toMatchObject({
			type: 'refused',
			problems: [{ file: 'notes.txt', reason: expect.stringMatching(/^not a recognisable HMIP youth inspection report/) }]
		});
	});

	it('withPublished from the contract is what re-dating uses', () => {
		const x = extraction('Westholm', undefined, { warnings: [UNDATED] });
		expect(withMonth(report(x), '2025-02').extracted).toEqual(withPublished(x, '2025-02'));
	});
});

describe('a dropped folder', () => {
	const file = (name: string) => new File([name], name.split('/').pop()!);
	function fileEntry(path: string, fail = false): EntryLike {
		return {
			name: path.split('/').pop()!,
			fullPath: `/${path}`,
			isFile: true,
			isDirectory: false,
			file: (ok, err) => (fail ? err(new Error('NotReadableError')) : ok(file(path)))
		};
	}
	function dirEntry(path: string, children: EntryLike[], page = 100): EntryLike {
		return {
			name: path.split('/').pop()!,
			fullPath: `/${path}`,
			isFile: false,
			isDirectory: true,
			createReader() {
				let at = 0;
				return {
					readEntries(ok) {
						const batch = children.slice(at, at + page);
						at += page;
						setTimeout(() => ok(batch));
					}
				};
			}
		};
	}

	it('every file inside, sub-folders too, a page of entries at a time; hidden files left out', async () => {
		const many = Array.from({ length: 130 }, (_, k) => fileEntry(`reports/r${String(k).padStart(3, '0')}.txt`));
		const tree = dirEntry('reports', [
			dirEntry('reports/2019', [fileEntry('reports/2019/leeds.pdf')]),
			fileEntry('reports/.DS_Store'),
			...many.reverse()
		]);
		const { files, problems } = await droppedFiles([{ entry: tree }, { file: file('loose.csv') }]);
		expect(problems).toEqual([]);
		expect(files).toHaveLength(132);
		expect(files[0].name).toBe('reports/r000.txt');
		expect(files[129].name).toBe('reports/r129.txt');
		expect(files[130].name).toBe('reports/2019/leeds.pdf');
		expect(files[131].name).toBe('loose.csv');
	});

	it('a file that cannot be read and an empty folder are named; the rest still come', async () => {
		const { files, problems } = await droppedFiles([
			{ entry: dirEntry('in', [fileEntry('in/a.txt'), fileEntry('in/b.txt', true)]) },
			{ entry: dirEntry('empty', []) }
		]);
		expect(files.map((f) => f.name)).toEqual(['in/a.txt']);
		expect(problems).toEqual(['in/b.txt: the file could not be read (NotReadableError)', 'empty: the folder is empty']);
	});
});
