/** The evidence rules (src/lib/rules/evidence.ts) and the titles built on them. */
import { describe, expect, it } from 'vitest';
import { caseGap, MIN_INSPECTIONS, ratingsInWords, shareText, wilson } from '../../src/lib/rules/evidence';
import { rankStandards } from '../../src/lib/views/standards/query';
import { rankedTitle, standardHeadline, standardsCoverageText } from '../../src/lib/views/standards/titles';
import { ratingsByYearTitle } from '../../src/lib/views/trends/titles';

describe('Wilson 95% interval', () => {
	it('matches published values', () => {
		// 5 of 9: 26.7%-81.1%; 0 of 10: 0-27.8%; 10 of 10: 72.2%-100%
		const a = wilson(5, 9)!;
		expect(a.lo).toBeCloseTo(0.2667, 3);
		expect(a.hi).toBeCloseTo(0.8112, 3);
		expect(wilson(0, 10)!.hi).toBeCloseTo(0.2775, 3);
		expect(wilson(10, 10)!.lo).toBeCloseTo(0.7225, 3);
		expect(wilson(0, 0)).toBeUndefined();
	});
});

describe('counts said plainly below the threshold', () => {
	it('shares only from enough inspections', () => {
		expect(shareText(5, 9)).toBe('5 of 9 (56%, 95% interval 27–81%)');
		expect(shareText(2, 2)).toBe('2 of 2');
		expect(MIN_INSPECTIONS).toBe(5);
	});
	it('ratings in words', () => {
		expect(ratingsInWords({ Outstanding: 2 })).toBe('both Outstanding');
		expect(ratingsInWords({ Good: 3 })).toBe('all three Good');
		expect(ratingsInWords({ Good: 1 })).toBe('Good');
		expect(ratingsInWords({ Outstanding: 1, Good: 1 })).toBe('1 Outstanding and 1 Good');
	});
});

describe('case-based gaps', () => {
	it('too few cases is never a finding', () => {
		expect(caseGap({ pct: 33, cases: 6 }, { pct: 67, cases: 6 }).status).toBe('too-few-cases');
		expect(caseGap({ pct: 33, cases: null }, { pct: 67, cases: 30 }).status).toBe('too-few-cases');
	});
	it('overlapping intervals are within the noise; separate ones a finding', () => {
		expect(caseGap({ pct: 60, cases: 20 }, { pct: 88, cases: 20 }).status).toBe('within-noise');
		expect(caseGap({ pct: 30, cases: 40 }, { pct: 90, cases: 40 })).toEqual({ status: 'finding', points: -60 });
	});
});

const row = (code: string, rated: number, bad: number, extra: Partial<{ outstanding: number; good: number }> = {}) => ({
	code,
	meaning: 'all',
	domain: Number(code[0]),
	rated,
	outstanding: extra.outstanding ?? 0,
	good: extra.good ?? rated - bad - (extra.outstanding ?? 0),
	ri_or_worse: bad,
	inadequate: 0,
	share: bad / rated,
	from_reports: 0
});

describe('the standards title', () => {
	it('2 of 2 never heads the ranking; the title names the highest share that clears the rule, with n and interval', () => {
		const ranked = rankStandards([row('3.4', 2, 2), row('3.2', 9, 5), row('3.1', 12, 6)]);
		expect(ranked.map((r) => r.code)).toEqual(['3.2', '3.1', '3.4']);
		expect(rankedTitle(ranked)).toBe(
			'3.2 Planning (out-of-court): the highest share rated Requires improvement or worse, 5 of 9 inspections (56%, 95% interval 27–81%)'
		);
		expect(standardHeadline(ranked)).toMatch(/^Standard 3\.2 Planning \(out-of-court\) had the highest share .* 5 of the 9 inspections/);
	});
	it('below the threshold the title states the counts', () => {
		const ranked = rankStandards([row('1.2', 2, 0, { outstanding: 2 })]);
		expect(rankedTitle(ranked)).toBe('2 inspections in view rated standard 1.2 Staff: both Outstanding');
		expect(standardHeadline(ranked)).toMatch(/^No standard was rated by 5 or more inspections in view/);
	});
	it('says how many matching inspections it can use, and why the rest are out', () => {
		const cov = {
			inspections: 2,
			services: 2,
			report: 1,
			reference: 1,
			imported: 0,
			synthetic: 0,
			reports: null,
			addresses: [],
			addressCount: 0,
			importedFiles: []
		};
		expect(standardsCoverageText(9, cov)).toMatch(
			/^9 inspections match the filters; 2 of them have standard-level ratings \(the other 7 come from/
		);
	});
});

describe('the trends title', () => {
	const y = (year: number, rating: string, n: number, total: number) => ({
		year,
		rating,
		n,
		total,
		share: n / total,
		report: 0,
		reference: n
	});
	it('never compares a year of one inspection ("100% in 2018")', () => {
		const rows = [
			y(2018, 'Requires improvement', 1, 1),
			y(2019, 'Good', 3, 6),
			y(2019, 'Inadequate', 3, 6),
			y(2023, 'Good', 4, 5),
			y(2023, 'Requires improvement', 1, 5)
		];
		expect(ratingsByYearTitle(rows)).toBe(
			'Rated Requires improvement or worse: 3 of 6 (50%, 95% interval 19–81%) in 2019; 1 of 5 (20%, 95% interval 4–62%) in 2023'
		);
	});
	it('says when no two years can be compared', () => {
		expect(ratingsByYearTitle([y(2018, 'Good', 1, 1)])).toBe(
			'Overall ratings by year: no year has 5 or more inspections in view, too few to compare years'
		);
		expect(ratingsByYearTitle([])).toBe('Overall ratings by year: no dated inspections in view');
	});
});
