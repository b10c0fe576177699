/**
 * Thematic self-assessment on the real thematic recommendations (data/): lines N.M, progress,
 * the CSV worksheet round trip (export then import is the identity), every import problem
 * named with its line, the Markdown report, and storage that survives bad saved data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/lib/csv';
import { openNodeEngine } from '../../src/lib/db/node';
import {
	CSV_COLUMNS,
	assessmentCsv,
	assessmentMarkdown,
	parseAssessmentCsv,
	type ImportResult
} from '../../src/lib/self-assessment/export';
import {
	assessableLines,
	describeProgress,
	groupByThematic,
	normalise,
	progress,
	textItems,
	withEntry,
	type Assessment,
	type ThematicRecommendation
} from '../../src/lib/self-assessment/model';
import { STORAGE_KEY, SelfAssessmentStore, UNREADABLE_KEY, readStored, writeStored } from '../../src/lib/self-assessment/storage.svelte';
import { thematicRecommendations } from '../../src/lib/views/recommendations/query';
import { ROOT } from '../paths';

let recs: ThematicRecommendation[];
beforeAll(async () => {
	const db = await openNodeEngine(`${ROOT}/data`, ['thematic_recommendations']);
	recs = await thematicRecommendations(db);
	await db.close();
});

/** A worksheet as a user might have filled it in: the export with some cells changed. */
function worksheet(edit: (row: Record<string, string>) => void = () => {}, a: Assessment = {}): string {
	const lines = assessableLines(recs);
	const rows = lines.map((l) => {
		const row: Record<string, string> = {
			recommendation: String(l.recommendation),
			line: String(l.line),
			thematic: l.thematic,
			year: String(l.year),
			addressee: l.addressee,
			line_of_enquiry: l.text,
			status: a[l.key]?.status ?? '',
			notes: a[l.key]?.notes ?? ''
		};
		edit(row);
		return row;
	});
	return toCsv(CSV_COLUMNS, rows);
}

const problems = (r: ImportResult) => (r.ok ? [] : r.problems);

describe('model', () => {
	it('lines of enquiry are numbered N.M: N the recommendation, M its line (1-based)', () => {
		const lines = assessableLines(recs);
		expect(lines[0]).toMatchObject({ key: '1.1', recommendation: 1, line: 1, year: 2010 });
		expect(lines.filter((l) => l.recommendation === 1)).toHaveLength(5);
		expect(lines.some((l) => l.recommendation === 5)).toBe(false); // no lines of enquiry published
		expect(lines).toHaveLength(recs.reduce((s, r) => s + r.lines_of_enquiry.length, 0));
	});

	it('groups by thematic inspection in document order', () => {
		const groups = groupByThematic(recs);
		expect(groups).toHaveLength(13);
		expect(groups[0]).toMatchObject({
			thematic: 'Message in a Bottle: A Joint Inspection of Youth Alcohol Misuse and Offending',
			year: 2010
		});
		expect(groups[0].recommendations.map((r) => r.ordinal)).toEqual([1, 2]);
		expect(groups.at(-1)?.thematic).toBe('Girls in the Criminal Justice System');
	});

	it('recommendation text items are its lines', () => {
		expect(textItems(recs[2].text)).toHaveLength(4);
		expect(textItems('a\r\n\n b \n')).toEqual(['a', 'b']);
	});

	it('progress counts each status; untouched lines are not assessed', () => {
		let a: Assessment = {};
		a = withEntry(a, '1.1', { status: 'met' });
		a = withEntry(a, '1.2', { status: 'partly met' });
		a = withEntry(a, '1.3', { status: 'not met', notes: 'no audit yet' });
		a = withEntry(a, '1.4', { notes: 'to discuss' });
		const lines = assessableLines(recs.filter((r) => r.ordinal === 1));
		expect(progress(lines, a)).toEqual({ total: 5, met: 1, partly: 1, notMet: 1, unassessed: 2 });
		expect(describeProgress(progress(lines, a))).toBe('3 of 5 lines assessed: 1 met, 1 partly met, 1 not met, 2 not assessed');
		// clearing a line removes its entry
		expect(withEntry(withEntry({}, '1.1', { status: 'met' }), '1.1', { status: '' })).toEqual({});
	});
});

describe('CSV worksheet', () => {
	const tricky: Assessment = {
		'1.1': { status: 'met', notes: 'Board minutes, March' },
		'1.2': { status: 'partly met', notes: 'Two lines\nand "quotes", commas; semicolons' },
		'2.10': { status: 'not met', notes: '=HYPERLINK("http://example.org")' },
		'3.1': { status: '', notes: '  spaces kept  ' },
		'33.14': { status: 'met', notes: '-5% and @mention, +1' }
	};

	it('has the documented columns, one row per line of enquiry, formula-safe', () => {
		const csv = assessmentCsv(recs, tricky);
		const [header, ...rows] = csv.split('\r\n').filter(Boolean);
		expect(header).toBe('recommendation,line,thematic,year,addressee,line_of_enquiry,status,notes');
		expect(csv).toContain(`"'=HYPERLINK(""http://example.org"")"`);
		expect(rows.length).toBeGreaterThanOrEqual(assessableLines(recs).length); // notes with newlines span lines
	});

	it('export then import is the identity', () => {
		const back = parseAssessmentCsv(assessmentCsv(recs, tricky), recs);
		expect(back.ok).toBe(true);
		if (back.ok) {
			expect(back.entries).toEqual(normalise(tricky));
			expect(back.rows).toBe(assessableLines(recs).length);
		}
		const empty = parseAssessmentCsv(assessmentCsv(recs, {}), recs);
		expect(empty).toMatchObject({ ok: true, entries: {} });
	});

	it('reads a BOM and ; separators (a spreadsheet in a European locale saved it)', () => {
		// ; as the separator, every cell quoted
		const lines = assessableLines(recs).map((l) => [
			l.recommendation,
			l.line,
			l.thematic,
			l.year,
			l.addressee,
			l.text,
			tricky[l.key]?.status ?? '',
			tricky[l.key]?.notes ?? ''
		]);
		const q = (v: unknown) => `"${String(v).replace(/"/g, '""')}"`;
		const text = '\uFEFF' + [CSV_COLUMNS.join(';'), ...lines.map((cells) => cells.map(q).join(';'))].join('\r\n');
		const r = parseAssessmentCsv(text, recs);
		expect(problems(r)).toEqual([]);
		// the formula guard is only added by our writer, so this hand-made file carries the raw value
		if (r.ok) expect(r.entries).toEqual(normalise(tricky));
	});

	it('accepts status in any case and with spaces, and a file with only the required columns', () => {
		const r = parseAssessmentCsv('recommendation,line,status,notes\r\n1,1, Partly Met ,x\r\n', recs);
		expect(r).toEqual({ ok: true, entries: { '1.1': { status: 'partly met', notes: 'x' } }, rows: 1 });
	});

	it('an invalid status is named with its line, and nothing is imported', () => {
		const text = worksheet((row) => {
			if (row.recommendation === '1' && row.line === '2') row.status = 'done';
			if (row.recommendation === '1' && row.line === '1') row.status = 'met';
		});
		const r = parseAssessmentCsv(text, recs);
		expect(r.ok).toBe(false);
		expect(problems(r)).toEqual([
			{ line: 3, message: 'status "done" is not one of the allowed values (empty, "met", "partly met", "not met")' }
		]);
	});

	it('unknown N.M: no such recommendation, a recommendation without lines, a line past the end', () => {
		const text = ['recommendation,line,status,notes', '99,1,met,', '5,1,met,', '1,6,met,', '1,0,met,', 'one,1,met,'].join('\n');
		expect(problems(parseAssessmentCsv(text, recs))).toEqual([
			{ line: 2, message: 'there is no recommendation 99 in the thematic recommendations (they are numbered 1 to 35)' },
			{ line: 3, message: 'recommendation 5 has no lines of enquiry to assess, so there is no line 5.1' },
			{ line: 4, message: 'recommendation 1 has 5 lines of enquiry, so there is no line 1.6' },
			{ line: 5, message: 'recommendation 1 has 5 lines of enquiry, so there is no line 1.0' },
			{ line: 6, message: 'recommendation "one" is not a whole number' }
		]);
	});

	it('lists every problem with its line in the file, counting lines inside quoted notes', () => {
		const text = ['recommendation,line,status,notes', '1,1,met,"two', 'lines"', '1,2,maybe,', '1,1,not met,', '1,3,met'].join('\r\n');
		expect(problems(parseAssessmentCsv(text, recs))).toEqual([
			{ line: 4, message: 'status "maybe" is not one of the allowed values (empty, "met", "partly met", "not met")' },
			{ line: 5, message: 'line 1.1 appears twice (first on line 2)' },
			{ line: 6, message: 'the row has 3 cells, the header has 4' }
		]);
	});

	it('refuses a file that is not a worksheet', () => {
		expect(problems(parseAssessmentCsv('a,b\n1,2\n', recs))).toEqual([
			{
				line: 1,
				message:
					'the header has no "recommendation", "line", "status", "notes" columns (expected: recommendation, line, thematic, year, addressee, line_of_enquiry, status, notes)'
			}
		]);
		expect(problems(parseAssessmentCsv('recommendation,line,status,notes\n', recs))).toEqual([
			{ line: 1, message: 'the file has a header but no rows' }
		]);
		expect(problems(parseAssessmentCsv('recommendation,line,status,notes\n1,1,met,"open', recs))[0].message).toMatch(
			/not valid CSV: a quoted field that starts on line 2 is never closed/
		);
		expect(problems(parseAssessmentCsv('', recs))[0]).toMatchObject({ line: 1 });
	});
});

describe('Markdown report', () => {
	it('is grouped by thematic inspection with its progress, statuses and notes', () => {
		const a: Assessment = { '1.1': { status: 'met', notes: 'Board minutes\nAudit 2024' }, '1.2': { status: 'not met', notes: '' } };
		const md = assessmentMarkdown(recs, a, { date: '2025-01-31' });
		expect(md).toMatch(/^# Thematic self-assessment\n\nExported 2025-01-31/);
		expect(md).toContain('Overall: 2 of ');
		expect(md).toContain('| Message in a Bottle: A Joint Inspection of Youth Alcohol Misuse and Offending | 2010 | 15 | 1 | 0 | 1 | 13 |');
		expect(md).toContain('## Message in a Bottle: A Joint Inspection of Youth Alcohol Misuse and Offending (2010)');
		expect(md).toContain('Progress: 2 of 15 lines assessed: 1 met, 0 partly met, 1 not met, 13 not assessed.');
		expect(md).toMatch(/#### 1\.1 .+\n\nStatus: \*\*Met\*\*\n\nNotes:\n\n> Board minutes\n> Audit 2024\n/);
		expect(md).toContain('Status: **Not assessed**');
		expect(md).toContain('No lines of enquiry were published for this recommendation.');
		expect((md.match(/^## /gm) ?? []).length).toBe(13);
	});
});

describe('storage', () => {
	class Memory {
		data = new Map<string, string>();
		getItem(k: string) {
			return this.data.get(k) ?? null;
		}
		setItem(k: string, v: string) {
			this.data.set(k, v);
		}
	}

	it('saves under a versioned key and reads back the same assessment', () => {
		const m = new Memory();
		const a: Assessment = { '1.1': { status: 'met', notes: 'x' }, '2.3': { status: '', notes: 'note' } };
		writeStored(m, a);
		expect(JSON.parse(m.getItem(STORAGE_KEY)!)).toMatchObject({ version: 1, entries: a });
		expect(readStored(m)).toEqual({ entries: a, problem: '', unreadable: false });
		expect(readStored(new Memory())).toEqual({ entries: {}, problem: '', unreadable: false });
	});

	it('corrupt data gives a message, never an exception', () => {
		for (const raw of ['{not json', '[1,2]', '{"version":2,"entries":{}}', 'null']) {
			const m = new Memory();
			m.setItem(STORAGE_KEY, raw);
			const r = readStored(m);
			expect(r.entries).toEqual({});
			expect(r.problem).toMatch(/could not be read|not in a form/);
			expect(r.unreadable).toBe(true);
		}
	});

	it('keeps the readable entries and says how many were left out', () => {
		const m = new Memory();
		m.setItem(
			STORAGE_KEY,
			JSON.stringify({
				version: 1,
				entries: { '1.1': { status: 'met', notes: '' }, '1.2': { status: 'great', notes: '' }, bogus: { status: 'met', notes: '' } }
			})
		);
		expect(readStored(m)).toEqual({
			entries: { '1.1': { status: 'met', notes: '' } },
			problem: expect.stringMatching(/^2 saved lines were not readable/),
			unreadable: false
		});
	});

	it('storage that throws is reported', () => {
		const broken = {
			getItem(): string | null {
				throw new Error('SecurityError');
			},
			setItem() {
				throw new Error('SecurityError');
			}
		};
		expect(readStored(broken).problem).toMatch(/does not allow/);
		const store = new SelfAssessmentStore(() => broken);
		store.load();
		store.set('1.1', { status: 'met' });
		expect(store.entries).toEqual({ '1.1': { status: 'met', notes: '' } });
		expect(store.saveProblem).toMatch(/could not be saved/);
	});

	it('the store saves every change, and keeps unreadable data aside before overwriting it', () => {
		const m = new Memory();
		m.setItem(STORAGE_KEY, '{oops');
		const store = new SelfAssessmentStore(() => m);
		store.load();
		expect(store.loadProblem).toMatch(/could not be read/);
		store.set('1.1', { status: 'met' });
		store.set('1.1', { notes: 'seen it' });
		expect(m.getItem(UNREADABLE_KEY)).toBe('{oops');
		expect(readStored(m).entries).toEqual({ '1.1': { status: 'met', notes: 'seen it' } });
		store.replace({ '2.1': { status: 'not met', notes: '' } });
		const again = new SelfAssessmentStore(() => m);
		again.load();
		expect(again.entries).toEqual({ '2.1': { status: 'not met', notes: '' } });
		expect(again.loadProblem).toBe('');
	});
});
