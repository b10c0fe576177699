/**
 * Issue 17 item 4: one clear message per problem (the file named once), text files in UTF-16
 * (with a byte order mark, either byte order) and UTF-8 with a BOM read as text in the data room
 * and by the CLI, and ids for names in any script: a name Latin letters cannot spell gets a
 * stable hashed id, never the empty id that made every such row a "duplicate".
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../../scripts/lib/read-document';
import { authorityIdOf } from '../../src/lib/dataset/from-extracted';
import { nameId, slug } from '../../src/lib/ingest/header';
import { extract, inspectionId } from '../../src/lib/ingest/index';
import { problemText } from '../../src/lib/import/batch';
import { readImportFile } from '../../src/lib/import/prepare';
import { importRatingsCsv } from '../../src/lib/import/ratings-csv';
import { readReport } from '../../src/lib/import/report';
import { REPORTS } from '../paths';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string, bom = true) => {
	const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
	if (bom) out.set([0xff, 0xfe]);
	for (let k = 0; k < s.length; k++) {
		const c = s.charCodeAt(k);
		out[(bom ? 2 : 0) + 2 * k] = c & 0xff;
		out[(bom ? 2 : 0) + 2 * k + 1] = c >> 8;
	}
	return out;
};
const utf16be = (s: string) => {
	const le = utf16le(s);
	const out = new Uint8Array(le.length);
	for (let k = 0; k < le.length; k += 2) [out[k], out[k + 1]] = [le[k + 1], le[k]];
	return out;
};
const withUtf8Bom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const bury = readFileSync(`${REPORTS}/bury-and-rochdale-2020-06.txt`, 'utf8');
const CSV = [
	'service,nation,region,published,framework,overall_rating,standard,rating',
	'Northmoor,England,North West,2024-03,yjs-2021,Good,,',
	'Northmoor,England,North West,2024-03,yjs-2021,Good,1.1,Good'
].join('\r\n');

describe('one message per problem, the file named once', () => {
	const refused: [string, Uint8Array][] = [
		['junk.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])],
		['scan0001.dat', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])],
		['report.pdf', utf8('not really a PDF')],
		['notes.docx', utf8('PK')],
		['empty.txt', new Uint8Array(0)],
		['latin1.txt', new Uint8Array([0x48, 0xe9, 0xe9, 0xe9, 0x20, 0xff, 0xfe, 0x41])],
		['reports/2019/junk.txt', new Uint8Array([1, 0, 2, 0, 3])]
	];
	for (const [name, bytes] of refused) {
		it(`${name}: one problem, the name said once`, async () => {
			const read = await readImportFile(name, bytes);
			expect(read.problems).toHaveLength(1);
			const line = problemText(read.problems[0]);
			expect(occurrences(line, name), line).toBe(1);
			expect(line.startsWith(`${name}: `)).toBe(true);
		});
	}

	it('the binary-file message itself', async () => {
		const read = await readImportFile('junk.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
		expect(problemText(read.problems[0])).toBe('junk.txt: a binary file, not an inspection report (.txt, .html or .pdf) or a ratings CSV');
	});

	it('a text that is not a report, and a CSV with a bad row: the name once in each line', async () => {
		expect(readReport('notes.txt', 'Shopping list: milk, eggs').ok).toBe(false);
		const notReport = readReport('notes.txt', 'Shopping list: milk, eggs');
		if (notReport.ok) throw new Error('unreachable');
		for (const p of notReport.problems) expect(occurrences(problemText(p), 'notes.txt')).toBe(1);
		const bad = importRatingsCsv('bad.csv', CSV.replace('2024-03,yjs-2021,Good,1.1', '2024-13,yjs-2021,Good,1.1'));
		expect(bad.problems.length).toBeGreaterThan(0);
		for (const p of bad.problems) expect(occurrences(problemText(p), 'bad.csv')).toBe(1);
	});
});

describe('UTF-16 with a BOM and UTF-8 with a BOM are text', () => {
	const encodings: [string, (s: string) => Uint8Array][] = [
		['UTF-16 LE', utf16le],
		['UTF-16 BE', utf16be],
		['UTF-8 with a BOM', withUtf8Bom]
	];
	for (const [label, encode] of encodings) {
		it(`${label}: a report reads and extracts as the UTF-8 file does (data room)`, async () => {
			const read = await readImportFile('bury.txt', encode(bury));
			expect(read.problems).toEqual([]);
			expect(read.kind).toBe('report-text');
			expect(read.source).toBe(bury);
			const x = readReport('bury.txt', read.source);
			expect(x.ok && x.value.inspection?.id).toBe('bury-and-rochdale-2020-06');
		});

		it(`${label}: a ratings CSV reads (data room)`, async () => {
			const read = await readImportFile('ratings.csv', encode(CSV));
			expect(read.problems).toEqual([]);
			expect(read.kind).toBe('ratings-csv');
			const r = importRatingsCsv('ratings.csv', read.source);
			expect(r.problems).toEqual([]);
			expect(r.inspections).toEqual(['northmoor-2024-03']);
		});

		it(`${label}: the CLI reads it as text`, async () => {
			const r = await documentText('bury.txt', encode(bury));
			expect(r.ok && r.format).toBe('text');
			expect(r.ok && r.text).toBe(bury);
			expect(r.ok && extract(r.text).ok).toBe(true);
		});
	}

	it('a UTF-16 web page is read as a web page by the CLI', async () => {
		const html = `<!DOCTYPE html><html><body><p>${bury
			.split('\n')
			.filter((l) => l.trim())
			.slice(0, 5)
			.join('</p><p>')}</p></body></html>`;
		const r = await documentText('page.html', utf16le(html));
		expect(r.ok && r.format).toBe('html');
		expect(r.ok && r.text).toContain('Bury');
	});

	it('UTF-16 without a BOM is still refused as binary (nothing says how to read it)', async () => {
		const read = await readImportFile('bury.txt', utf16le(bury.slice(0, 400), false));
		expect(read.problems.map(problemText)).toEqual([expect.stringMatching(/^bury\.txt: a binary file/)]);
	});

	it('a UTF-8 BOM alone does not make a binary file text', async () => {
		const read = await readImportFile('x.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0x01, 0x02]));
		expect(read.problems.map(problemText)).toEqual([expect.stringMatching(/^x\.txt: a binary file/)]);
	});
});

describe('ids for names in any script', () => {
	const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

	it('Latin names keep today\u2019s slug, accents transliterated', () => {
		for (const [name, id] of [
			['Bury and Rochdale', 'bury-and-rochdale'],
			['Ynys M\u00f4n', 'ynys-mon'],
			['St. Helens', 'st-helens'],
			['Brighton & Hove', 'brighton-and-hove'],
			['Ceredigion', 'ceredigion']
		])
			expect(nameId(name)).toBe(id);
	});

	it('names no Latin letter spells get a stable id, never an empty one', () => {
		for (const name of [
			'\u6771\u4eac',
			'???',
			'\ud83d\ude00',
			'\u041c\u043e\u0441\u043a\u0432\u0430',
			'\u0627\u0644\u0642\u0627\u0647\u0631\u0629'
		]) {
			const id = nameId(name);
			expect(id, name).toMatch(/^id-[0-9a-f]{8}$/);
			expect(nameId(name)).toBe(id);
			expect(nameId(` ${name.normalize('NFD')}  `)).toBe(id);
		}
		expect(new Set(['\u6771\u4eac', '\u5927\u962a', '???', '!!!', '\ud83d\ude00', '\ud83d\ude01'].map(nameId)).size).toBe(6);
	});

	it('a name with letters Latin cannot spell keeps what it can and is told apart by a hash', () => {
		expect(nameId('\u6771\u4eac YOS')).toMatch(/^yos-[0-9a-f]{8}$/);
		expect(nameId('\u6771\u4eac YOS')).not.toBe(nameId('\u5927\u962a YOS'));
		expect(nameId('\u0141\u00f3d\u017a')).not.toBe(nameId('Lodz'));
	});

	it('the extractor, authority ids and the ratings CSV use the one function', () => {
		for (const name of ['\u6771\u4eac', 'Bury and Rochdale', '???', 'Ynys M\u00f4n']) {
			expect(authorityIdOf(name)).toBe(nameId(name));
			expect(inspectionId(name, 'yjs-2021', '2024-03')).toBe(`${nameId(name)}-2024-03`);
			expect(inspectionId(name, 'sqs-2016', '2016-03')).toBe(`${nameId(name)}-sqs-2016-03`);
		}
	});

	it('ratings CSV: services named in any script are never reported as duplicates of each other', () => {
		const header = 'service,nation,region,published,framework,overall_rating,standard,rating';
		const names = ['\u6771\u4eac', '\u5927\u962a', '???', '\ud83d\ude00', '\u041c\u043e\u0441\u043a\u0432\u0430'];
		const text = [header, ...names.map((n) => `${n},England,London,2024-02,yjs-2021,Good,1.1,Good`)].join('\n');
		const r = importRatingsCsv('world.csv', text);
		expect(r.problems).toEqual([]);
		expect(r.inspections).toHaveLength(names.length);
		expect(r.rows.authorities.map((a) => a.name)).toEqual(names);
		for (const id of r.inspections) expect(id).toMatch(ID);
		// a real duplicate is still one
		const dup = importRatingsCsv(
			'dup.csv',
			[
				header,
				`\u6771\u4eac,England,London,2024-02,yjs-2021,Good,1.1,Good`,
				`\u6771\u4eac,England,London,2024-02,yjs-2021,Good,1.1,Good`
			].join('\n')
		);
		expect(dup.problems.map((p) => `${p.row}: ${p.reason}`)).toEqual(['3: duplicate of row 2 (same service, month and standard)']);
	});

	it('property: ids are valid slugs, stable, and two names share one only when Latin letters spell them alike', () => {
		const name = fc.oneof(
			fc.string({ unit: 'grapheme', maxLength: 12 }),
			fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
			fc.constantFrom('\u6771\u4eac', '\u5927\u962a', 'Leeds', 'LEEDS', 'St. Helens', 'St Helens', '???', '\u0141\u00f3d\u017a', 'Lodz')
		);
		fc.assert(
			fc.property(name, name, (a, b) => {
				if (!a.trim()) return;
				const id = nameId(a);
				expect(id).toMatch(ID);
				expect(nameId(a)).toBe(id);
				if (nameId(b) === id && b.trim()) {
					// the same id: the same Latin spelling, and nothing else either name says that slug drops
					expect(slug(a)).toBe(slug(b));
					const spelt = (s: string) => id === slug(s);
					if (spelt(a) !== spelt(b) || !spelt(a))
						expect(a.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')).toBe(
							b.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')
						);
				}
			}),
			{ numRuns: 2000 }
		);
	});
});
