import { describe, expect, it } from 'vitest';
import { bandOf, overallFromScore, overallRating, parseRating, standardFromKeyQuestions, totalScore } from '../../src/lib/rules/bands';
import { checkRules } from '../../src/lib/rules/check';
import type { KeyQuestion, StandardRating } from '../../src/lib/schema/extracted';

describe('key-question bands', () => {
	it.each([
		[0, 'Inadequate'],
		[49, 'Inadequate'],
		[49.9, 'Inadequate'],
		[50, 'Requires improvement'],
		[64, 'Requires improvement'],
		[65, 'Good'],
		[79, 'Good'],
		[80, 'Outstanding'],
		[100, 'Outstanding']
	])('%s%% is %s', (pct, band) => expect(bandOf(pct)).toBe(band));

	it('a standard takes the band of its lowest key question', () => {
		expect(standardFromKeyQuestions([88, 88, 60])).toBe('Requires improvement');
		expect(standardFromKeyQuestions([82, 100])).toBe('Outstanding');
		expect(standardFromKeyQuestions([])).toBeUndefined();
	});
});

describe('score bands', () => {
	it.each([
		[0, 'Inadequate'],
		[6, 'Inadequate'],
		[7, 'Requires improvement'],
		[18, 'Requires improvement'],
		[19, 'Good'],
		[30, 'Good'],
		[31, 'Outstanding'],
		[36, 'Outstanding']
	])('%s/36 is %s', (score, band) => expect(overallFromScore(score)).toBe(band));

	it('rejects totals outside 0-36', () => {
		expect(() => overallFromScore(37)).toThrow(RangeError);
		expect(() => overallFromScore(-1)).toThrow(RangeError);
	});

	it('scores twelve standards 0-3 each', () => {
		expect(totalScore(Array(12).fill('Outstanding'))).toBe(36);
		expect(totalScore(Array(12).fill('Inadequate'))).toBe(0);
		expect(totalScore([...Array(11).fill('Good'), 'Requires improvement'])).toBe(23);
		expect(totalScore(Array(11).fill('Good'))).toBeUndefined();
	});

	it('an Inadequate resettlement rating prevents an overall Outstanding (2021)', () => {
		expect(overallRating(33, 'Inadequate')).toBe('Good');
		expect(overallRating(33, 'Good')).toBe('Outstanding');
		expect(overallRating(25, 'Inadequate')).toBe('Good');
	});
});

describe('rating words as printed', () => {
	it.each([
		['Requires Improvement', 'Requires improvement'],
		["'Good'", 'Good'],
		['**Outstanding**', 'Outstanding'],
		['Outstanding ☆', 'Outstanding'],
		['inadequate.', 'Inadequate'],
		['Excellent', undefined]
	])('%s', (text, rating) => expect(parseRating(text)).toBe(rating));
});

describe('consistency checks', () => {
	const core = (ratings: Record<string, StandardRating['rating']>): StandardRating[] =>
		Object.entries(ratings).map(([code, rating]) => ({
			code,
			name: code,
			domain: Number(code[0]) as 1 | 2 | 3,
			rating,
			countsTowardsOverall: true
		}));
	const twelve = Object.fromEntries(
		['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4'].map((c) => [c, 'Good' as const])
	);
	const kq = (code: string, pct: number, discretion = false): KeyQuestion => ({
		code,
		standard: code.slice(0, 3),
		theme: 'desistance',
		text: 'q',
		pct,
		discretion
	});

	it('warns when a published standard rating is not the band of its lowest key question', () => {
		const { warnings } = checkRules('yos-2018', core(twelve), [kq('2.1.1', 88), kq('2.1.3', 60)], {});
		expect(warnings.map((w) => w.code)).toContain('standard-rule-difference');
	});

	it('does not warn when discretion explains the difference', () => {
		const { warnings } = checkRules('yos-2018', core(twelve), [kq('2.1.1', 88), kq('2.1.3', 60, true)], {});
		expect(warnings.map((w) => w.code)).not.toContain('standard-rule-difference');
	});

	it('warns when the published score or overall rating differs from the recomputed one', () => {
		const { warnings, recomputed } = checkRules('yos-2018', core(twelve), [], { score: 25, overall: 'Outstanding' });
		expect(recomputed.score).toBe(24);
		expect(warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['score-difference', 'overall-rule-difference']));
	});

	it('cannot score fewer than twelve core standards', () => {
		const { recomputed, warnings } = checkRules('yos-2018', core({ '1.1': 'Good' }), [], {});
		expect(recomputed.score).toBeUndefined();
		expect(warnings.map((w) => w.code)).toContain('score-incomplete');
	});
});
