/**
 * HMIP rating rules for the 2018 and 2021 youth frameworks (Annexe 2 of every report):
 * key-question bands, standard = lowest key-question band, 0-3 scores, 0-36 total and its
 * bands, and the 2021 resettlement limiting judgement.
 */
import type { Rating } from '../schema/extracted';

/** Worst first: the index is the score. */
export const RATING_ORDER: readonly Rating[] = ['Inadequate', 'Requires improvement', 'Good', 'Outstanding'];

/** Band of a key-question percentage: <50 Inadequate, 50-64 RI, 65-79 Good, >=80 Outstanding. */
export function bandOf(pct: number): Rating {
	if (!Number.isFinite(pct)) throw new RangeError(`not a percentage: ${pct}`);
	if (pct >= 80) return 'Outstanding';
	if (pct >= 65) return 'Good';
	if (pct >= 50) return 'Requires improvement';
	return 'Inadequate';
}

export function scoreOf(rating: Rating): 0 | 1 | 2 | 3 {
	return RATING_ORDER.indexOf(rating) as 0 | 1 | 2 | 3;
}

export function ratingOfScore(score: 0 | 1 | 2 | 3): Rating {
	return RATING_ORDER[score];
}

/** A case-based standard takes the band of its lowest key question. */
export function standardFromKeyQuestions(pcts: readonly number[]): Rating | undefined {
	if (pcts.length === 0) return undefined;
	return bandOf(Math.min(...pcts));
}

/** Band of the 0-36 total: 0-6 Inadequate, 7-18 RI, 19-30 Good, 31-36 Outstanding. */
export function overallFromScore(total: number): Rating {
	if (!Number.isInteger(total) || total < 0 || total > 36) throw new RangeError(`score out of 0-36: ${total}`);
	if (total >= 31) return 'Outstanding';
	if (total >= 19) return 'Good';
	if (total >= 7) return 'Requires improvement';
	return 'Inadequate';
}

/** Total of the core standards' scores, or undefined unless exactly twelve are rated. */
export function totalScore(coreRatings: readonly Rating[]): number | undefined {
	if (coreRatings.length !== 12) return undefined;
	return coreRatings.reduce((sum, r) => sum + scoreOf(r), 0);
}

/**
 * Overall rating under the rules: the band of the total, except that (2021 framework) an
 * Inadequate resettlement rating prevents an overall Outstanding.
 */
export function overallRating(total: number, resettlement?: Rating): Rating {
	const band = overallFromScore(total);
	if (band === 'Outstanding' && resettlement === 'Inadequate') return 'Good';
	return band;
}

/** Normalise a rating as printed ("Requires Improvement", "'Good'", "**Outstanding** ☆"). */
export function parseRating(text: string): Rating | undefined {
	// letters only, so that a PDF text layer's "Requires i mprovement" or "Inadeq uate" reads too
	const t = text
		.replace(/[*'‘’"“”☆★.:]/g, ' ')
		.trim()
		.toLowerCase();
	if (t.length > 40) return undefined;
	switch (t.replace(/[^a-z]/g, '')) {
		case 'outstanding':
			return 'Outstanding';
		case 'good':
			return 'Good';
		case 'requiresimprovement':
			return 'Requires improvement';
		case 'inadequate':
			return 'Inadequate';
		default:
			return undefined;
	}
}
