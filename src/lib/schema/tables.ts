/**
 * The data model (DESIGN.md "Data model"): every table, its key, and each column's type,
 * meaning and unit. One definition feeds the Arrow types the app loads, the Parquet/CSV
 * copies, the zod row schemas that validate imports, and the data dictionary in data/README.md.
 */
import { z } from 'zod';

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR[]';

export interface Column<N extends string = string, T extends ColumnType = ColumnType, Nul extends boolean = boolean> {
	name: N;
	type: T;
	/** null allowed */
	nullable?: Nul;
	description: string;
	unit?: string;
}

export interface TableDef {
	name: TableName;
	key: readonly string[];
	description: string;
	columns: readonly Column[];
}

export const TABLE_NAMES = [
	'authorities',
	'inspections',
	'standard_ratings',
	'key_questions',
	'prompts',
	'context_metrics',
	'caseload',
	'offences',
	'recommendations',
	'sqs_findings',
	'thematic_recommendations',
	'extraction_warnings',
	'annual_aggregates'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

// Column builders keep each column's name and nullability as types, so that a table's rows are
// typed from its definition (RowOf): a misspelt column fails to compile.
const s = <N extends string, Nul extends boolean = false>(name: N, description: string, nullable?: Nul, unit?: string) =>
	({ name, type: 'VARCHAR', description, nullable: (nullable ?? false) as Nul, unit }) as Column<N, 'VARCHAR', Nul>;
const i = <N extends string, Nul extends boolean = false>(name: N, description: string, nullable?: Nul, unit?: string) =>
	({ name, type: 'INTEGER', description, nullable: (nullable ?? false) as Nul, unit }) as Column<N, 'INTEGER', Nul>;
const d = <N extends string, Nul extends boolean = false>(name: N, description: string, nullable?: Nul, unit?: string) =>
	({ name, type: 'DOUBLE', description, nullable: (nullable ?? false) as Nul, unit }) as Column<N, 'DOUBLE', Nul>;
const b = <N extends string, Nul extends boolean = false>(name: N, description: string, nullable?: Nul) =>
	({ name, type: 'BOOLEAN', description, nullable: (nullable ?? false) as Nul }) as Column<N, 'BOOLEAN', Nul>;
const l = <N extends string>(name: N, description: string) => ({ name, type: 'VARCHAR[]', description }) as Column<N, 'VARCHAR[]', false>;

const inspectionId = s('inspection_id', 'Inspection identifier: area slug and publication month, e.g. leeds-2019-11');
const provenance = s(
	'provenance',
	"Where the row comes from: 'report' (extracted from report text), 'reference' (published facts in ../shared/reference), 'imported' (added in the data room), 'synthetic' (benchmark data)"
);

export const TABLES = {
	authorities: {
		name: 'authorities',
		key: ['authority_id'],
		description: 'Youth justice services, by the local authorities they cover (names change over time; the authorities do not).',
		columns: [
			s('authority_id', 'Slug of the local authority names, e.g. bury-and-rochdale'),
			s('name', 'Area name: the local authorities covered, joined with "and"'),
			s('nation', 'England or Wales'),
			s('region', 'ONS region for England; Wales for Welsh services'),
			l('local_authorities', 'Local authority names the service covers'),
			provenance
		]
	},
	inspections: {
		name: 'inspections',
		key: ['inspection_id'],
		description: 'One row per published inspection: from report text (depth) or from reference facts (breadth).',
		columns: [
			inspectionId,
			s('authority_id', 'Service inspected (authorities.authority_id)'),
			s('service_name', 'Name of the service at the time of the inspection'),
			s('published', 'Publication month YYYY-MM; null when no source gives the month', true),
			i('published_year', 'Publication year; null when unknown', true),
			s('inspection_year', 'HMIP inspection year (April-March), e.g. 2019-20, where a source gives it', true),
			s('date_note', 'Why a date is missing or approximate', true),
			s('framework', 'Inspection framework: sqs-2016, yos-2018, yjs-2021 or children-victims-2024'),
			s('overall_rating', 'Overall rating as published: Outstanding, Good, Requires improvement, Inadequate', true),
			i(
				'score',
				'Total of the 12 core standards, 0-36: recomputed from the ratings for reports (differences from the printed score are in extraction_warnings); as stated for reference rows (by the page, or by the data-to-insight scrape of the report: notes say which)',
				true,
				'points'
			),
			s('resettlement_rating', 'Standard 4.1 (2021 framework), rated separately, not counted in the score', true),
			b('reinspection', 'Follow-up inspection of a service previously rated Inadequate'),
			i('sample_court', 'Court disposal cases inspected', true, 'cases'),
			i('sample_out_of_court', 'Out-of-court disposal cases inspected', true, 'cases'),
			i('sample_resettlement', 'Resettlement cases inspected', true, 'cases'),
			i('sample_court_harm', 'Court cases with factors related to harm to others', true, 'cases'),
			i('sample_court_safety', "Court cases with factors related to the child's safety and wellbeing", true, 'cases'),
			i('sample_ooc_harm', 'Out-of-court cases with factors related to harm to others', true, 'cases'),
			i('sample_ooc_safety', "Out-of-court cases with factors related to the child's safety and wellbeing", true, 'cases'),
			s('lead_inspector', 'Lead inspector named in the report', true),
			s('source_file', 'File the row comes from: report text, or the reference CSV', true),
			s('source_sha256', 'SHA-256 of that file', true),
			s(
				'source_url',
				'Public page the reference facts come from (for inspections from the scrape, the HMIP inspection page it read)',
				true
			),
			s('source_quote', 'Verbatim quote from that page', true),
			s(
				'notes',
				'Notes from the reference file, and what the data-to-insight scrape added (date, score) with its line and the report page',
				true
			),
			provenance
		]
	},
	standard_ratings: {
		name: 'standard_ratings',
		key: ['inspection_id', 'code'],
		description:
			'Ratings of the inspection standards (1.1-3.4, and 4.1 in 2021). Reference rows carry only the standards their source stated.',
		columns: [
			inspectionId,
			s('code', 'Standard code, e.g. 2.1'),
			s('name', 'Standard name as the report prints it'),
			i('domain', '1 organisational delivery, 2 court disposals, 3 out-of-court disposals, 4 resettlement'),
			s('rating', 'Rating as published'),
			i('score', 'Inadequate 0, Requires improvement 1, Good 2, Outstanding 3', false, 'points'),
			b('counts_towards_overall', 'Counted in the 0-36 score (4.1 is not)'),
			s('recomputed_rating', 'Band of the lowest key question (case-based standards with key questions only)', true),
			b('discretion', 'The ratings panel used professional discretion on one of its key questions'),
			provenance
		]
	},
	key_questions: {
		name: 'key_questions',
		key: ['inspection_id', 'code'],
		description: 'Key questions of case-based standards: share of inspected cases judged sufficient.',
		columns: [
			inspectionId,
			s('code', 'Key question code, e.g. 2.1.3'),
			s('standard', 'Standard code, e.g. 2.1'),
			s('theme', 'desistance, child-safety (keeping the child safe), others-safety (keeping other people safe) or joint-working'),
			s('text', 'Key question as worded in the report'),
			d('pct', 'Cases judged sufficient', false, '%'),
			b('discretion', 'Marked for professional discretion by the ratings panel'),
			i('cases', 'Cases the percentage is of, when the report gives it', true, 'cases'),
			provenance
		]
	},
	prompts: {
		name: 'prompts',
		key: ['inspection_id', 'key_question', 'letter', 'ordinal'],
		description: 'Prompts under each key question (2021 reports, Annexe 2).',
		columns: [
			inspectionId,
			s('key_question', 'Key question code'),
			s('letter', 'Prompt letter as printed (may repeat: see extraction_warnings)'),
			i('ordinal', 'Position under its key question, 1-based'),
			s('text', 'Prompt wording'),
			d('pct', 'Cases judged sufficient', false, '%'),
			provenance
		]
	},
	context_metrics: {
		name: 'context_metrics',
		key: ['inspection_id', 'metric', 'scope'],
		description: 'Contextual facts a report gives about the area and the service, with regional and national comparators.',
		columns: [
			inspectionId,
			s('metric', 'Metric name (see the list in src/lib/ingest/metrics.ts)'),
			s('scope', 'local, region or national'),
			d('value', 'Value, in the unit given'),
			s('unit', 'per-100k, percent, count, gbp, days or fte'),
			s('label', 'Label as printed'),
			s('period', 'Period the figure covers', true),
			s('source', 'Source the report cites', true),
			provenance
		]
	},
	caseload: {
		name: 'caseload',
		key: ['inspection_id', 'dimension', 'grp', 'category'],
		description: "Caseload composition of the service, of the area's youth population, and nationally.",
		columns: [
			inspectionId,
			s('dimension', 'age, ethnicity or gender'),
			s('grp', 'yot (the service caseload), youth-population (the area), national'),
			s('category', 'e.g. 10-14, 15-17, white, bame, unknown, male, female'),
			d('pct', 'Share of the group', false, '%'),
			provenance
		]
	},
	offences: {
		name: 'offences',
		key: ['inspection_id', 'offence'],
		description: 'Offence mix of the cases inspected.',
		columns: [inspectionId, s('offence', 'Offence type as printed'), d('pct', 'Share of inspected court cases', false, '%'), provenance]
	},
	recommendations: {
		name: 'recommendations',
		key: ['inspection_id', 'n'],
		description: 'Recommendations of each report.',
		columns: [
			inspectionId,
			i('n', 'Number in the report'),
			s('addressee', 'Who the recommendation is for'),
			s('text', 'Recommendation'),
			provenance
		]
	},
	sqs_findings: {
		name: 'sqs_findings',
		key: ['inspection_id', 'section', 'ordinal'],
		description: 'Short Quality Screening (2016) findings, sentence by sentence, with the proportion of cases where the words give one.',
		columns: [
			inspectionId,
			s('section', 'Section of the SQS report'),
			i('ordinal', 'Position in the report, 1-based'),
			s('text', 'Finding as worded'),
			d('proportion', 'Proportion of cases (0-1); null for words such as "most"', true),
			provenance
		]
	},
	thematic_recommendations: {
		name: 'thematic_recommendations',
		key: ['thematic', 'ordinal'],
		description:
			'Recommendations of HMIP thematic inspections 2010-2015 to youth offending partnerships, with lines of enquiry and evidence for self-assessment.',
		columns: [
			s('thematic', 'Thematic inspection title'),
			i('ordinal', 'Recommendation number across the document, 1-based'),
			i('year', 'Year the thematic report was published'),
			s('addressee', 'Who the recommendation is for'),
			s('text', 'Recommendation (one item per line)'),
			l('lines_of_enquiry', 'Questions a partnership should ask itself'),
			l('evidence', '"How do we know": evidence that would show it'),
			provenance
		]
	},
	extraction_warnings: {
		name: 'extraction_warnings',
		key: ['inspection_id', 'ordinal'],
		description:
			'Inconsistencies found in the sources, differences from the rating rules, and disagreements between two sources of one inspection (the message says which value is kept). Nothing published is changed.',
		columns: [
			inspectionId,
			i('ordinal', 'Position, 1-based'),
			s('code', 'Kind of warning'),
			s('message', 'What was found'),
			i(
				'line',
				'Line of the source: the report text (provenance report or imported), or the reference CSV the message names (provenance reference)',
				true
			),
			provenance
		]
	},
	annual_aggregates: {
		name: 'annual_aggregates',
		key: ['inspection_year'],
		description: 'National totals HMIP published for an inspection year.',
		columns: [
			s('inspection_year', 'HMIP inspection year, e.g. 2018-19'),
			i('inspections', 'Inspections in the year', false, 'inspections'),
			i('outstanding', 'Rated Outstanding', false, 'inspections'),
			i('good', 'Rated Good', false, 'inspections'),
			i('requires_improvement', 'Rated Requires improvement', false, 'inspections'),
			i('inadequate', 'Rated Inadequate', false, 'inspections'),
			i('cases_inspected', 'Cases inspected', true, 'cases'),
			s('source_url', 'Source'),
			provenance
		]
	}
} as const satisfies Record<TableName, TableDef>;

export type Row = Record<string, string | number | boolean | string[] | null>;

type ValueOf<C> =
	C extends Column<string, infer T, infer Nul>
		? | (T extends 'VARCHAR' ? string : T extends 'INTEGER' | 'DOUBLE' ? number : T extends 'BOOLEAN' ? boolean : string[])
			| (Nul extends true ? null : never)
		: never;

/** One row of a table, typed from its column definitions. */
export type RowOf<T extends TableName> = {
	[C in (typeof TABLES)[T]['columns'][number] as C['name']]: ValueOf<C>;
};

export type Dataset = { [T in TableName]: RowOf<T>[] };

/** The nullable columns of a table, each null: a row built from it needs only the rest. */
export type NullsOf<T extends TableName> = {
	[C in (typeof TABLES)[T]['columns'][number] as C extends Column<infer N, ColumnType, true> ? N : never]: null;
};

export function nullsOf<T extends TableName>(table: T): NullsOf<T> {
	const out: Record<string, null> = {};
	for (const c of TABLES[table].columns as readonly Column[]) if (c.nullable) out[c.name] = null;
	return out as NullsOf<T>;
}

export function emptyDataset(): Dataset {
	return Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Dataset;
}

/** zod schema of one row of a table, from its column definitions. */
export function rowSchema(table: TableName) {
	const shape: Record<string, z.ZodType> = {};
	for (const col of TABLES[table].columns) {
		let t: z.ZodType =
			col.type === 'VARCHAR'
				? z.string()
				: col.type === 'INTEGER'
					? // INTEGER is 32 bits in DuckDB and in the Arrow files: a larger number would wrap
						z.number().int().min(-2147483648).max(2147483647)
					: col.type === 'DOUBLE'
						? z.number().finite()
						: col.type === 'BOOLEAN'
							? z.boolean()
							: z.array(z.string());
		if (col.nullable) t = t.nullable();
		shape[col.name] = t;
	}
	return z.object(shape).strict();
}

export function keyOf(table: TableName, row: Row): string {
	return TABLES[table].key.map((k) => String(row[k])).join('\u0000');
}
