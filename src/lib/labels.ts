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
