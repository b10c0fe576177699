/**
 * The ratings CSV template: one row per inspection and standard (a row with no standard
 * carries the overall rating alone). Every problem names the file, the row (line in the
 * file), the column and the reason; a file with any problem adds nothing.
 */
import { z } from 'zod';
import { CsvError, parseCsv } from '../csv';
import { authorityIdOf, type Provenance } from '../dataset/from-extracted';
import { scoreOf } from '../rules/bands';
import { checkRules } from '../rules/check';
import { STANDARDS, THEME_SUFFIX } from '../rules/framework';
import { RATINGS, type KeyQuestion, type Rating, type StandardRating, type Theme } from '../schema/extracted';
import { emptyDataset, type Dataset } from '../schema/tables';
import { REGIONS, nationOf } from './regions';

export interface Problem {
	file: string;
	row?: number;
	column?: string;
	reason: string;
}

export const TEMPLATE_COLUMNS = [
	{
		name: 'service',
		required: true,
		help: 'Area the service covers, e.g. "Northmoor" (the service id is made from it: northmoor; a name in another script gets a short code)'
	},
	{ name: 'local_authorities', required: false, help: 'Local authorities, separated by ; (default: the service name)' },
	{ name: 'nation', required: true, help: 'England or Wales' },
	{ name: 'region', required: true, help: `One of: ${REGIONS.join(', ')}` },
	{ name: 'published', required: true, help: 'Month the report was published, YYYY-MM' },
	{ name: 'framework', required: true, help: 'yos-2018, yjs-2021 or children-victims-2024' },
	{ name: 'overall_rating', required: true, help: RATINGS.join(', ') },
	{ name: 'standard', required: true, help: 'Standard code (1.1-3.4, 4.1 in 2021), or empty for a row with the overall rating only' },
	{ name: 'rating', required: true, help: 'Rating of the standard (empty when standard is empty)' },
	{
		name: 'desistance_pct',
		required: false,
		help: 'Case-based standards (2.x, 3.1-3.3, 2018 3.4): % of cases sufficient on desistance, 0-100'
	},
	{ name: 'child_safety_pct', required: false, help: '% sufficient on keeping the child safe, 0-100 (2018 3.4: the police key question)' },
	{ name: 'others_safety_pct', required: false, help: '% sufficient on keeping other people safe, 0-100' },
	{ name: 'source', required: false, help: 'Address of the published report or page' }
] as const;

/** A filled-in example: the template the data room offers for download. */
export const TEMPLATE_CSV =
	[
		TEMPLATE_COLUMNS.map((c) => c.name).join(','),
		'Northmoor,Northmoor,England,North West,2024-03,yjs-2021,Good,,,,,,https://www.justiceinspectorates.gov.uk/hmiprobation/',
		'Northmoor,Northmoor,England,North West,2024-03,yjs-2021,Good,2.1,Requires improvement,82,70,58,https://www.justiceinspectorates.gov.uk/hmiprobation/',
		'Northmoor,Northmoor,England,North West,2024-03,yjs-2021,Good,1.1,Good,,,,https://www.justiceinspectorates.gov.uk/hmiprobation/'
	].join('\r\n') + '\r\n';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const pct = z.preprocess(
	blankToUndefined,
	z.coerce.number({ message: 'not a number' }).min(0, 'percentage below 0').max(100, 'percentage above 100').optional()
);

const CsvRow = z.object({
	service: z.preprocess(blankToUndefined, z.string({ message: 'missing' }).min(1).max(120)),
	local_authorities: z.preprocess(blankToUndefined, z.string().max(400).optional()),
	nation: z.preprocess(blankToUndefined, z.enum(['England', 'Wales'], { message: 'must be England or Wales' })),
	region: z.preprocess(blankToUndefined, z.enum(REGIONS, { message: `the service has no region, or not one of: ${REGIONS.join(', ')}` })),
	published: z.preprocess(blankToUndefined, z.string({ message: 'missing' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'date not YYYY-MM')),
	framework: z.preprocess(
		blankToUndefined,
		z.enum(['yos-2018', 'yjs-2021', 'children-victims-2024'], { message: 'must be yos-2018, yjs-2021 or children-victims-2024' })
	),
	overall_rating: z.preprocess(blankToUndefined, z.enum(RATINGS, { message: `rating not one of ${RATINGS.join(', ')}` })),
	standard: z.preprocess(blankToUndefined, z.string().optional()),
	rating: z.preprocess(blankToUndefined, z.enum(RATINGS, { message: `rating not one of ${RATINGS.join(', ')}` }).optional()),
	desistance_pct: pct,
	child_safety_pct: pct,
	others_safety_pct: pct,
	source: z.preprocess(blankToUndefined, z.string().max(2000).optional())
});
type CsvRow = z.infer<typeof CsvRow>;

export interface CsvImport {
	rows: Dataset;
	problems: Problem[];
	/** inspections in the file, for the preview */
	inspections: string[];
}

export function importRatingsCsv(file: string, text: string, provenance: Provenance = 'imported'): CsvImport {
	const problems: Problem[] = [];
	const fail = (p: Omit<Problem, 'file'>) => problems.push({ file, ...p });
	let table;
	try {
		table = parseCsv(text);
	} catch (e) {
		fail({ row: e instanceof CsvError ? e.line : undefined, reason: (e as Error).message });
		return { rows: emptyDataset(), problems, inspections: [] };
	}
	const header = table.header.map((h) => h.toLowerCase());
	for (const c of TEMPLATE_COLUMNS) if (c.required && !header.includes(c.name)) fail({ row: 1, column: c.name, reason: 'missing column' });
	for (const h of header)
		if (h && !TEMPLATE_COLUMNS.some((c) => c.name === h)) fail({ row: 1, column: h, reason: 'unknown column (see the template)' });
	if (problems.length) return { rows: emptyDataset(), problems, inspections: [] };
	if (!table.rows.length) {
		fail({ reason: 'the file has a header but no rows' });
		return { rows: emptyDataset(), problems, inspections: [] };
	}

	const good: { line: number; row: CsvRow }[] = [];
	for (const r of table.rows) {
		if (r.cells.length !== header.length) {
			fail({ row: r.line, reason: `has ${r.cells.length} fields, the header has ${header.length}` });
			continue;
		}
		const obj = Object.fromEntries(header.map((h, k) => [h, r.cells[k]]));
		const parsed = CsvRow.safeParse(obj);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) fail({ row: r.line, column: String(issue.path[0] ?? ''), reason: issue.message });
			continue;
		}
		const row = parsed.data;
		if (nationOf(row.region) !== row.nation) fail({ row: r.line, column: 'nation', reason: `${row.region} is in ${nationOf(row.region)}` });
		if (row.standard) {
			const def = row.framework === 'children-victims-2024' ? undefined : STANDARDS[row.framework].find((s) => s.code === row.standard);
			if (!def) {
				fail({
					row: r.line,
					column: 'standard',
					reason:
						row.framework === 'children-victims-2024'
							? 'children-and-victims inspections have no standard codes: leave it empty'
							: `unknown standard code "${row.standard}" for ${row.framework}`
				});
				continue;
			}
			if (!row.rating) fail({ row: r.line, column: 'rating', reason: 'missing: a standard needs its rating' });
			const hasPct = row.desistance_pct !== undefined || row.child_safety_pct !== undefined || row.others_safety_pct !== undefined;
			if (hasPct && !def.caseBased)
				fail({ row: r.line, column: 'desistance_pct', reason: `standard ${def.code} is not rated from case percentages` });
		} else {
			if (row.rating) fail({ row: r.line, column: 'standard', reason: 'missing: a rating needs its standard' });
			if (row.desistance_pct !== undefined || row.child_safety_pct !== undefined || row.others_safety_pct !== undefined) {
				fail({ row: r.line, column: 'standard', reason: 'percentages belong to a standard' });
			}
		}
		good.push({ line: r.line, row });
	}

	// duplicates and per-inspection consistency
	const seen = new Map<string, number>();
	const byInspection = new Map<string, { line: number; row: CsvRow }[]>();
	for (const g of good) {
		const id = `${authorityIdOf(g.row.service)}-${g.row.published}`;
		const key = `${id}/${g.row.standard ?? ''}`;
		if (seen.has(key)) fail({ row: g.line, reason: `duplicate of row ${seen.get(key)} (same service, month and standard)` });
		else seen.set(key, g.line);
		byInspection.set(id, [...(byInspection.get(id) ?? []), g]);
	}
	for (const [, rows] of byInspection) {
		const first = rows[0];
		for (const g of rows.slice(1)) {
			for (const col of ['nation', 'region', 'framework', 'overall_rating', 'local_authorities', 'source'] as const) {
				if ((g.row[col] ?? '') !== (first.row[col] ?? '')) {
					fail({
						row: g.line,
						column: col,
						reason: `differs from row ${first.line} for the same inspection ("${g.row[col] ?? ''}" vs "${first.row[col] ?? ''}")`
					});
				}
			}
		}
	}
	if (problems.length) return { rows: emptyDataset(), problems, inspections: [...byInspection.keys()] };
	return { rows: toRows(file, byInspection, provenance), problems, inspections: [...byInspection.keys()] };
}

const THEMES: Theme[] = ['desistance', 'child-safety', 'others-safety'];
const KQ_TEXT: Record<Theme, string> = {
	desistance: "Does the work sufficiently support the child's desistance? (imported)",
	'child-safety': 'Does the work sufficiently keep the child safe? (imported)',
	'others-safety': 'Does the work sufficiently keep other people safe? (imported)',
	'joint-working': 'Joint working with the police (imported)'
};

function toRows(file: string, byInspection: Map<string, { line: number; row: CsvRow }[]>, provenance: Provenance): Dataset {
	const out = emptyDataset();
	for (const [id, rows] of byInspection) {
		const r0 = rows[0].row;
		const framework = r0.framework;
		const authorityId = authorityIdOf(r0.service);
		const las = (r0.local_authorities ?? r0.service)
			.split(';')
			.map((s) => s.trim())
			.filter(Boolean);
		out.authorities.push({
			authority_id: authorityId,
			name: r0.service,
			nation: r0.nation,
			region: r0.region,
			local_authorities: las,
			provenance
		});
		const ratings: StandardRating[] = [];
		const kqs: KeyQuestion[] = [];
		for (const { row } of rows) {
			if (!row.standard || !row.rating || framework === 'children-victims-2024') continue;
			const def = STANDARDS[framework].find((s) => s.code === row.standard)!;
			ratings.push({ code: def.code, name: def.name, domain: def.domain, rating: row.rating as Rating, countsTowardsOverall: def.core });
			const jointWorking = framework === 'yos-2018' && def.code === '3.4';
			const values: [Theme, number | undefined][] = jointWorking
				? [
						['joint-working', row.desistance_pct],
						['joint-working', row.child_safety_pct]
					]
				: THEMES.map((t) => [
						t,
						t === 'desistance' ? row.desistance_pct : t === 'child-safety' ? row.child_safety_pct : row.others_safety_pct
					]);
			values.forEach(([theme, pct], k) => {
				if (pct === undefined) return;
				const q = jointWorking ? k + 1 : THEME_SUFFIX[theme];
				kqs.push({ code: `${def.code}.${q}`, standard: def.code, theme, text: KQ_TEXT[theme], pct, discretion: false });
			});
		}
		const { recomputed, warnings } = checkRules(framework, ratings, kqs, { overall: r0.overall_rating as Rating });
		out.inspections.push({
			inspection_id: id,
			authority_id: authorityId,
			service_name: r0.service,
			published: r0.published,
			published_year: Number(r0.published.slice(0, 4)),
			inspection_year: null,
			date_note: null,
			framework,
			overall_rating: r0.overall_rating,
			score: recomputed.score ?? null,
			resettlement_rating: ratings.find((r) => r.code === '4.1')?.rating ?? null,
			reinspection: false,
			sample_court: null,
			sample_out_of_court: null,
			sample_resettlement: null,
			sample_court_harm: null,
			sample_court_safety: null,
			sample_ooc_harm: null,
			sample_ooc_safety: null,
			lead_inspector: null,
			source_file: file,
			source_sha256: null,
			source_url: r0.source && /^https?:\/\//.test(r0.source) ? r0.source : null,
			source_quote: null,
			notes: r0.source && !/^https?:\/\//.test(r0.source) ? r0.source : null,
			provenance
		});
		for (const r of ratings) {
			const rc = recomputed.standards.get(r.code);
			out.standard_ratings.push({
				inspection_id: id,
				code: r.code,
				name: r.name,
				domain: r.domain,
				rating: r.rating,
				score: scoreOf(r.rating),
				counts_towards_overall: r.countsTowardsOverall,
				recomputed_rating: rc?.rating ?? null,
				discretion: false,
				provenance
			});
		}
		for (const k of kqs) {
			out.key_questions.push({
				inspection_id: id,
				code: k.code,
				standard: k.standard,
				theme: k.theme,
				text: k.text,
				pct: k.pct,
				discretion: false,
				cases: null,
				provenance
			});
		}
		warnings.forEach((w, k) =>
			out.extraction_warnings.push({ inspection_id: id, ordinal: k + 1, code: w.code, message: w.message, line: null, provenance })
		);
	}
	return out;
}
