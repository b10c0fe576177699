/** Words for codes, in one place. */
export const FRAMEWORK_NAMES: Record<string, string> = {
	'sqs-2016': 'Short Quality Screening (2016)',
	'yos-2018': '2018 standards (12)',
	'yjs-2021': '2021 standards (12 + resettlement)',
	'children-victims-2024': 'Children and victims (2024)'
};

export const PROVENANCE_NAMES: Record<string, string> = {
	report: 'report text',
	reference: 'published reference page',
	imported: 'imported',
	synthetic: 'synthetic'
};

/** Where a reference row comes from, by its source_file: in a sentence ("From ...") and as link text. */
export const REFERENCE_SOURCES: Record<string, { from: string; link: string }> = {
	'reference/published-inspections.csv': {
		from: 'a published page (HMIP press release, news story or council page)',
		link: 'published page'
	},
	'reference/published-overall-ratings.csv': { from: 'a published list of the 2019-20 ratings', link: 'published page' },
	'reference/scraped-overall-ratings.csv': {
		from: "the HMIP report, as read by data-to-insight's scrape",
		link: "HMIP report page (figures from data-to-insight's scrape)"
	}
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2020-06" -> "June 2020"; a year alone stays a year. */
export function formatMonth(published: string | null | undefined, year?: number | null): string {
	if (published && /^\d{4}-\d{2}$/.test(published)) return `${MONTHS[Number(published.slice(5)) - 1]} ${published.slice(0, 4)}`;
	return year ? String(year) : 'date not known';
}

/** Plain words for each kind of extraction warning (the message gives the particulars). */
export const WARNING_EXPLANATIONS: Record<string, string> = {
	'standard-name-conflict': 'The report calls one standard by two different names. The rating is the same; the framework name is used.',
	'kq-text-mismatch':
		"A key question's wording in a chapter table was copied from another standard. The figures are unaffected; the annexe wording is shown.",
	'kq-missing': 'A key question appears in the report without a percentage. It is left out rather than guessed.',
	'duplicate-prompt-letter': 'Two prompts under one key question carry the same letter. Both are kept, in the order printed.',
	'rating-conflict': 'Two places in the report give different ratings for the same standard.',
	'standard-rule-difference':
		'The published rating is not the band of the lowest key question, and the report marks no professional discretion.',
	'discretion-without-effect': 'Professional discretion is marked, but the published rating is what the rules give anyway.',
	'score-difference': 'The score the report prints is not the sum of its standard ratings.',
	'overall-rule-difference': 'The overall rating is not the band the score falls in.',
	'reference-disagrees': 'A published page gives a different rating or score from the report.',
	'scrape-disagrees':
		"The data-to-insight scrape of the HMIP report gives a different value from the reference list of published inspections; the reference list's value is kept.",
	'kq-pct-conflict': 'Two tables in the report give different percentages for one key question; the annexe figure is used.',
	'context-conflict': 'The report gives two different values for one contextual figure; the first is used.',
	'sample-mismatch': 'The report gives two different sizes for one case sample.',
	'recommendation-count': 'The number of recommendations the report announces differs from the number it lists.',
	'thematic-title-inferred': 'Some recommendations appear before any thematic heading; the title is inferred from the list of reports.'
};
