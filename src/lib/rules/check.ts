/**
 * Recompute what the rules give and compare with what the report published. Every
 * difference is a warning; nothing published is changed.
 */
import type { Framework, KeyQuestion, Rating, StandardRating, Warning } from '../schema/extracted';
import { bandOf, overallRating, standardFromKeyQuestions, totalScore } from './bands';
import { standardDef } from './framework';

export interface Recomputed {
	/** 0-36 from the twelve core standards as published, when all twelve are rated */
	score?: number;
	/** overall rating the rules give for that score (and the resettlement limit) */
	overall?: Rating;
	/** per standard: the band of its lowest key question */
	standards: Map<string, { rating: Rating; discretion: boolean }>;
}

export function recompute(framework: Framework, ratings: StandardRating[], keyQuestions: KeyQuestion[]): Recomputed {
	const standards = new Map<string, { rating: Rating; discretion: boolean }>();
	const byStandard = new Map<string, KeyQuestion[]>();
	for (const kq of keyQuestions) byStandard.set(kq.standard, [...(byStandard.get(kq.standard) ?? []), kq]);
	for (const [code, kqs] of byStandard) {
		if (!standardDef(framework, code)?.caseBased) continue;
		const rating = standardFromKeyQuestions(kqs.map((k) => k.pct));
		if (rating) standards.set(code, { rating, discretion: kqs.some((k) => k.discretion) });
	}
	const core = ratings.filter((r) => r.countsTowardsOverall).map((r) => r.rating);
	const score = totalScore(core);
	const resettlement = ratings.find((r) => r.code === '4.1')?.rating;
	return { score, overall: score === undefined ? undefined : overallRating(score, resettlement), standards };
}

export function checkRules(
	framework: Framework,
	ratings: StandardRating[],
	keyQuestions: KeyQuestion[],
	published: { overall?: Rating; score?: number; scoreLine?: number; overallLine?: number }
): { recomputed: Recomputed; warnings: Warning[] } {
	const warnings: Warning[] = [];
	const recomputed = recompute(framework, ratings, keyQuestions);
	for (const r of ratings) {
		const rc = recomputed.standards.get(r.code);
		if (!rc) continue;
		if (rc.rating !== r.rating && !rc.discretion) {
			const lowest = Math.min(...keyQuestions.filter((k) => k.standard === r.code).map((k) => k.pct));
			warnings.push({
				code: 'standard-rule-difference',
				message: `Standard ${r.code} ${r.name} is published as '${r.rating}', but its lowest key question (${lowest}%) is in the '${bandOf(lowest)}' band and no professional discretion is marked.`
			});
		}
		if (rc.rating === r.rating && rc.discretion) {
			warnings.push({
				code: 'discretion-without-effect',
				message: `Standard ${r.code} ${r.name} has a key question marked for professional discretion, but its published rating '${r.rating}' is the band the rules give anyway.`
			});
		}
	}
	const coreCount = ratings.filter((r) => r.countsTowardsOverall).length;
	if ((framework === 'yos-2018' || framework === 'yjs-2021') && coreCount !== 12) {
		warnings.push({
			code: 'score-incomplete',
			message: `Only ${coreCount} of the 12 core standards were found, so the score cannot be recomputed.`
		});
	}
	if (published.score !== undefined && recomputed.score !== undefined && published.score !== recomputed.score) {
		warnings.push({
			code: 'score-difference',
			message: `The report publishes a score of ${published.score}/36, but its twelve standard ratings add up to ${recomputed.score}/36.`,
			line: published.scoreLine
		});
	}
	if (published.overall && recomputed.overall && published.overall !== recomputed.overall) {
		warnings.push({
			code: 'overall-rule-difference',
			message: `The overall rating is published as '${published.overall}', but a score of ${recomputed.score}/36 gives '${recomputed.overall}' under the rules.`,
			line: published.overallLine
		});
	}
	return { recomputed, warnings };
}
