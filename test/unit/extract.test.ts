/** The extractor beyond the golden values: warnings, layouts, bad input. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/lib/ingest/index';
import { REPORTS } from '../paths';

const read = (f: string) => readFileSync(`${REPORTS}/${f}`, 'utf8');
const ok = (text: string) => {
	const r = extract(text);
	if (!r.ok) throw new Error(r.reason);
	return r.value;
};
const codes = (text: string) => ok(text).warnings.map((w) => w.code);

describe('inconsistencies in the reports become warnings, never silent fixes', () => {
	it('a standard with two names (Reviewing / Joint working)', () => {
		const v = ok(read('leeds-2019-11.txt'));
		const w = v.warnings.find((x) => x.code === 'standard-name-conflict');
		expect(w?.message).toMatch(/3\.4.*Reviewing.*Joint working/);
		expect(v.ratings.find((r) => r.code === '3.4')?.rating).toBe('Outstanding');
	});

	it('key-question text copied from another standard', () => {
		const v = ok(read('bury-and-rochdale-2020-06.txt'));
		const w = v.warnings.filter((x) => x.code === 'kq-text-mismatch');
		expect(w.map((x) => x.message.match(/Key question (\S+)/)?.[1])).toEqual(['2.3.1', '2.3.2', '2.3.3']);
		// the annexe's own wording is kept for the key question
		expect(v.keyQuestions.find((k) => k.code === '2.3.1')?.text).toMatch(/implementation and delivery/);
	});

	it('two prompts lettered d, both kept', () => {
		const v = ok(read('thurrock-2022-08.txt'));
		expect(codes(read('thurrock-2022-08.txt'))).toContain('duplicate-prompt-letter');
		expect(v.prompts.filter((p) => p.keyQuestion === '2.4.1' && p.letter === 'd')).toHaveLength(2);
	});

	it('a key question in the annexe but missing from the body table is not invented', () => {
		const v = ok(read('thurrock-2022-08.txt'));
		expect(v.keyQuestions.find((k) => k.code === '2.4.3')).toBeUndefined();
		expect(v.warnings.find((w) => w.code === 'kq-missing')?.message).toMatch(/2\.4\.3/);
		expect(v.prompts.filter((p) => p.keyQuestion === '2.4.3').map((p) => p.pct)).toEqual([75, 88, 75]);
	});

	it('2021: 4.1 resettlement rated but not counted; 3.4 is out-of-court policy and provision', () => {
		const v = ok(read('thurrock-2022-08.txt'));
		expect(v.ratings.find((r) => r.code === '4.1')).toMatchObject({ rating: 'Outstanding', countsTowardsOverall: false, domain: 4 });
		expect(v.ratings.find((r) => r.code === '3.4')?.name).toBe('Out-of-court disposal policy and provision');
		expect(v.keyQuestions.filter((k) => k.standard === '3.4')).toHaveLength(0);
	});

	it('a published rating that differs from the rules is kept and reported', () => {
		const text = read('leeds-2019-11.txt').replace(
			'3.3.3. Does service delivery effectively support the safety of other people?\t55%',
			'3.3.3. Does service delivery effectively support the safety of other people?\t45%'
		);
		const v = ok(text);
		expect(v.ratings.find((r) => r.code === '3.3')?.rating).toBe('Requires improvement');
		expect(v.warnings.find((w) => w.code === 'standard-rule-difference')?.message).toMatch(/3\.3.*45%.*Inadequate/);
	});
});

describe('header and samples', () => {
	it('Bury and Rochdale', () => {
		expect(ok(read('bury-and-rochdale-2020-06.txt')).inspection).toMatchObject({
			id: 'bury-and-rochdale-2020-06',
			serviceName: 'Bury and Rochdale Youth Justice Service',
			leadInspector: 'Mike Ryan',
			sample: { court: 25, outOfCourt: 17, courtHarm: 20, courtSafety: 20, outOfCourtHarm: 10, outOfCourtSafety: 13 }
		});
	});
	it('Thurrock: counts written in words', () => {
		expect(ok(read('thurrock-2022-08.txt')).inspection?.sample).toEqual({ court: 8, outOfCourt: 6, resettlement: 1 });
	});
	it('offence mix and budget with units', () => {
		const v = ok(read('bury-and-rochdale-2020-06.txt'));
		expect(v.offences[0]).toEqual({ offence: 'Violence against the person', pct: 44 });
		expect(v.offences.reduce((s, o) => s + o.pct, 0)).toBe(100);
		expect(v.context.find((c) => c.metric === 'spend-previous-year')).toMatchObject({ value: 1578894, unit: 'gbp', period: '2018/19' });
		expect(v.context.find((c) => c.metric === 'staff-fte')).toMatchObject({ value: 26.7, unit: 'fte' });
		expect(v.context.find((c) => c.metric === 'case-managers-fte')?.value).toBe(14);
	});
	it('recommendations keep their addressee', () => {
		const v = ok(read('leeds-2019-11.txt'));
		expect(v.recommendations[6]).toMatchObject({ n: 7, addressee: 'Youth Justice Management Board' });
	});
});

describe('Short Quality Screening 2016', () => {
	const v = ok(read('derbyshire-sqs-2016-03.txt'));
	const find = (re: RegExp) => v.findings!.find((f) => re.test(f.text));
	it('is recognised as sqs-2016 with nothing rated', () => {
		expect(v.inspection).toMatchObject({
			framework: 'sqs-2016',
			published: '2016-03',
			authority: 'Derbyshire',
			leadInspector: 'Jane Attwood'
		});
		expect(v.ratings).toEqual([]);
	});
	it('turns proportion words into numbers with n = cases examined (34)', () => {
		expect(find(/Over two-thirds were reviewed/)?.proportion).toBe(0.667);
		expect(find(/three-quarters of cases the planning/)?.proportion).toBe(0.75);
		expect(find(/all but three/)?.proportion).toBe(Math.round((31 / 34) * 1000) / 1000);
		expect(find(/In four cases they had not/)?.proportion).toBe(Math.round((4 / 34) * 1000) / 1000);
	});
	it('keeps vague words without a number', () => {
		const most = find(/good enough in most of the cases/);
		expect(most).toBeDefined();
		expect(most!.proportion).toBeUndefined();
		expect(find(/In a small number of cases relevant behaviour/)!.proportion).toBeUndefined();
	});
	it('groups findings under the four sections', () => {
		expect([...new Set(v.findings!.map((f) => f.section))]).toEqual([
			'Reducing reoffending',
			'Protecting the public',
			'Protecting the child or young person',
			'Ensuring that the sentence is served'
		]);
	});
});

describe('thematic recommendations', () => {
	const v = ok(read('thematic-recommendations-2010-2015.txt'));
	it('is kind thematic with titled, dated inspections', () => {
		expect(v.kind).toBe('thematic');
		expect(v.thematic!.length).toBeGreaterThanOrEqual(12);
		for (const t of v.thematic!) expect(t.year).toBeGreaterThanOrEqual(2010);
	});
	it('each recommendation has an addressee, lines of enquiry and evidence', () => {
		const health = v.thematic!.find((t) => /ReActions/.test(t.title))!;
		expect(health.year).toBe(2011);
		const rec = health.recommendations[0];
		expect(rec.addressee).toMatch(/^YOTs, primary care trusts/);
		expect(rec.linesOfEnquiry).toContain('Does health provision for YOT result from sound planning processes?');
		expect(rec.evidence.length).toBeGreaterThan(5);
	});
	it('a heading without a year takes it from the document’s list of reports', () => {
		expect(v.thematic!.find((t) => /Who's Looking Out/.test(t.title))?.year).toBe(2011);
	});
});

describe('layouts the parser must survive', () => {
	const bury = read('bury-and-rochdale-2020-06.txt');
	const golden = ok(bury);
	const strip = (v: ReturnType<typeof ok>) => ({ ...v, warnings: v.warnings.map((w) => w.code) });

	it('Windows line endings and a byte-order mark', () => {
		expect(strip(ok('\uFEFF' + bury.replace(/\n/g, '\r\n')))).toEqual(strip(golden));
	});

	it('Markdown pipe rows instead of tabs', () => {
		const md = bury
			.split('\n')
			.map((l) => (l.includes('\t') ? `| ${l.split('\t').join(' | ')} |` : l))
			.join('\n');
		const v = ok(md);
		expect(v.ratings).toEqual(golden.ratings);
		expect(v.keyQuestions).toEqual(golden.keyQuestions);
		expect(v.caseload).toEqual(golden.caseload);
	});

	it('HTML cells instead of tabs', () => {
		const html = bury
			.split('\n')
			.map((l) =>
				l.includes('\t')
					? l
							.split('\t')
							.map((c) => `<p>${c.replace(/&/g, '&amp;')}</p>`)
							.join('\t')
					: l
			)
			.join('\n');
		const v = ok(html);
		expect(v.ratings).toEqual(golden.ratings);
		expect(v.keyQuestions).toEqual(golden.keyQuestions);
	});

	it('one value per line: the Leeds contextual facts layout', () => {
		const v = ok(read('leeds-2019-11.txt'));
		expect(v.context.find((c) => c.metric === 'fte-rate' && c.scope === 'region')?.value).toBe(244);
	});

	it('another service, other figures, no seed names', () => {
		const other = bury.replace(/Bury and Rochdale/g, 'Northmoor').replace('Overall rating\t\tGood', 'Overall rating\t\tGood');
		const v = ok(other);
		expect(v.inspection).toMatchObject({ authority: 'Northmoor', id: 'northmoor-2020-06', serviceName: 'Northmoor Youth Justice Service' });
		expect(v.context.find((c) => c.metric === 'fte-rate' && c.scope === 'local')?.value).toBe(234);
	});
});

describe('not a report', () => {
	it.each([
		['empty', '', /empty/],
		['whitespace', '  \n\n ', /empty/],
		['binary', '\u0000\u0001PNG\u0000\u0000 binary', /binary/],
		['unrelated text', 'Minutes of the parish council meeting. Item 1: the village hall roof.', /HM Inspectorate of Probation/],
		[
			'an HMIP adult probation report',
			'HM Inspectorate of Probation\nAn inspection of probation services in the North\nOverall rating Good',
			/youth/
		]
	])('%s', (_, text, reason) => {
		const r = extract(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toMatch(reason);
	});
});
