/**
 * The openings of real published documents (../shared/samples/real-openings): each report
 * reads as expected.json says it states (area, month or none, programme, overall rating or
 * none, lead inspector), never more; each document that is not a youth inspection report is
 * refused with its reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract, statusOf } from '../../src/lib/ingest/index';
import { SHARED } from '../paths';

const DIR = `${SHARED}/samples/real-openings`;
type Expected =
	| { report: false }
	| { report: true; area: string; published: string | null; programme: string; overall: string | null; lead: string | null };
const expected: Record<string, Expected> = JSON.parse(readFileSync(`${DIR}/expected.json`, 'utf8'));
const reports = Object.entries(expected).filter((e): e is [string, Extract<Expected, { report: true }>] => e[1].report);
const others = Object.entries(expected).filter(([, e]) => !e.report);

describe.each(reports)('%s', (file, want) => {
	const r = extract(readFileSync(`${DIR}/${file}`, 'utf8'));
	it('is read as a youth inspection report', () => expect(r.ok, r.ok ? '' : r.reason).toBe(true));
	if (!r.ok) return;
	const ins = r.value.inspection!;
	it('states what the text states, and nothing it does not', () => {
		expect({
			area: ins.authority,
			published: ins.published ?? null,
			programme: ins.framework,
			overall: ins.overallRating ?? null,
			lead: ins.leadInspector ?? null
		}).toEqual({ area: want.area, published: want.published, programme: want.programme, overall: want.overall, lead: want.lead });
	});
	it('is partial, with no invented ratings, and says so', () => {
		expect(statusOf(r.value)).toBe('partial');
		expect(r.value.ratings).toEqual([]);
		expect(r.value.warnings.map((w) => w.message).join('\n')).toMatch(/partial report: no ratings table/);
	});
	it('names the service without a page number, a month or the inspectorate', () => {
		expect(ins.serviceName).not.toMatch(
			/\d|Inspectorate|HMI|January|February|March|April|May|June|July|August|September|October|November|December/
		);
		expect(ins.serviceName.startsWith(want.area)).toBe(true);
	});
	if (want.published === null) {
		it('says the month is missing rather than guessing one', () => {
			expect(r.value.warnings.some((w) => w.code === 'published-missing')).toBe(true);
			expect(ins.id).toMatch(/-undated$/);
		});
	}
});

describe.each(others)('%s is not a youth inspection report', (file) => {
	it('is refused with its reason', () => {
		const r = extract(readFileSync(`${DIR}/${file}`, 'utf8'));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason.length).toBeGreaterThan(20);
	});
});

describe('the 2024 programme', () => {
	it('reads the service name as the foreword gives it', () => {
		const r = extract(readFileSync(`${DIR}/report-cv-darlington.txt`, 'utf8'));
		expect(r.ok && r.value.inspection!.serviceName).toBe("Darlington Young People's Engagement and Justice Service");
	});
	it('reads the areas it rates under its own codes, apart from the 1.1-4.1 standards', () => {
		const text = [
			'An inspection of youth justice work with children and victims in Northmoor',
			'Published: 14 January 2026',
			'This inspection is part of our programme of inspections across youth justice services. We have inspected and rated work with children and victims in Northmoor Youth Justice Service (YJS) across two broad areas.',
			"Overall, Northmoor YJS was rated as 'Good'.",
			'Ratings',
			'Work with children',
			'Assessing\tGood',
			'Planning\tOutstanding',
			'Implementation and delivery\tOutstanding',
			'Work with victims\tRequires improvement'
		].join('\n');
		const r = extract(text);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.inspection).toMatchObject({
			authority: 'Northmoor',
			published: '2026-01',
			framework: 'children-victims-2024',
			overallRating: 'Good'
		});
		expect(r.value.ratings.map((x) => [x.code, x.name, x.rating])).toEqual([
			['C1', 'Assessing', 'Good'],
			['C2', 'Planning', 'Outstanding'],
			['C3', 'Implementation and delivery', 'Outstanding'],
			['V1', 'Work with victims', 'Requires improvement']
		]);
		expect(statusOf(r.value)).toBe('complete');
	});
});

describe('documents that mention an inspection are not reports', () => {
	it.each([
		[
			'a press release',
			"Press release\nLeeds Youth Justice Service rated 'Requires improvement'\nHM Inspectorate of Probation has today published its report on the inspection of youth offending services in Leeds. Inspectors rated the service as 'Requires improvement'."
		],
		[
			'a news story',
			"Council news, 12 November 2019\nInspectors from HM Inspectorate of Probation found that an inspection of youth offending services in Northmoor had been delayed. The youth justice service was rated as 'Good' in 2016."
		]
	])('%s is refused', (_, text) => {
		const r = extract(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.reason).toMatch(/no inspected area is named/);
	});
});
