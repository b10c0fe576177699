/**
 * What the standards figures may say, from the rows in view and the evidence rules
 * (rules/evidence.ts). No Plot here: pages and the overview import it before any chart code.
 */
import { MIN_INSPECTIONS, inspectionsText, intervalText, percent, ratingsInWords, wilson } from '../../rules/evidence';
import type { Coverage } from '../../queries/coverage';
import type { RankedStandard } from './query';

const ratingCounts = (r: RankedStandard) => ({
	Outstanding: r.outstanding,
	Good: r.good,
	'Requires improvement': r.ri_or_worse - r.inadequate,
	Inadequate: r.inadequate
});

/** The standard the page leads with: the highest share among those with enough evidence. */
export function leadingStandard(ranked: RankedStandard[]): RankedStandard | undefined {
	return ranked[0];
}

/** Title of the ranked chart. */
export function rankedTitle(ranked: RankedStandard[]): string {
	const top = leadingStandard(ranked);
	if (!top) return 'No standard-level ratings in view';
	if (top.enough) {
		return `${top.code} ${top.label}: the highest share rated Requires improvement or worse, ${top.ri_or_worse} of ${top.rated} inspections (${percent(top.share)}%, 95% interval ${intervalText(wilson(top.ri_or_worse, top.rated))})`;
	}
	return `${inspectionsText(top.rated)} in view rated standard ${top.code} ${top.label}: ${ratingsInWords(ratingCounts(top))}`;
}

/** One sentence for the overview's headlines, the same finding as the standards page's title. */
export function standardHeadline(ranked: RankedStandard[]): string | undefined {
	const top = leadingStandard(ranked);
	if (!top) return undefined;
	if (top.enough) {
		return `Standard ${top.code} ${top.label} had the highest share rated Requires improvement or worse: ${top.ri_or_worse} of the ${top.rated} inspections in view that rated it (${percent(top.share)}%, 95% interval ${intervalText(wilson(top.ri_or_worse, top.rated))}), among standards rated by at least ${MIN_INSPECTIONS} inspections.`;
	}
	return `No standard was rated by ${MIN_INSPECTIONS} or more inspections in view, too few to compare shares; the most often rated, ${top.code} ${top.label}, was rated by ${inspectionsText(top.rated)}: ${ratingsInWords(ratingCounts(top))}.`;
}

/** Below the ranked chart: which standards are too thin for a share. */
export function rankedNote(ranked: RankedStandard[]): string {
	const thin = ranked.filter((r) => !r.enough).length;
	if (!thin) return '';
	return `${thin} standard${thin === 1 ? ' was' : 's were'} rated by fewer than ${MIN_INSPECTIONS} inspections: ${thin === 1 ? 'its bar is' : 'their bars are'} drawn lighter and after the others, with counts, not ranked by share.`;
}

/** "9 inspections match the filters; 2 of them have standard-level ratings (...)". */
export function standardsCoverageText(matching: number, cov: Coverage): string {
	if (!matching) return 'No inspections match the filters.';
	const without = matching - cov.inspections;
	return `${inspectionsText(matching)} match the filters; ${cov.inspections} of them ${cov.inspections === 1 ? 'has' : 'have'} standard-level ratings${
		without
			? ` (the other ${without} come from published pages that give only the overall rating, or from the 2024 programme, whose standards differ)`
			: ''
	}.`;
}
