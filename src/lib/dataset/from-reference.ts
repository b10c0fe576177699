/**
 * Reference facts (../shared/reference) -> rows of the data model, provenance 'reference'.
 * Every row is validated; a bad row is an error naming the file, line and field.
 */
import { z } from 'zod';
import { parseCsv } from '../csv';
import { nameId } from '../ingest/header';
import { scoreOf } from '../rules/bands';
import { STANDARDS } from '../rules/framework';
import { Framework, Rating, RATINGS } from '../schema/extracted';
import { emptyDataset, nullsOf, type Dataset, type RowOf } from '../schema/tables';

export interface SourceProblem {
	file: string;
	line?: number;
	field?: string;
	message: string;
}

export class ReferenceError extends Error {
	constructor(readonly problems: SourceProblem[]) {
		super(problems.map(formatProblem).join('\n'));
	}
}

export function formatProblem(p: SourceProblem): string {
	return `${p.file}${p.line ? `, line ${p.line}` : ''}${p.field ? `, column ${p.field}` : ''}: ${p.message}`;
}

export const optional = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === '' ? undefined : v), t.optional());
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const ratingWord = z.enum(RATINGS, { message: `expected one of ${RATINGS.join(', ')}` });

const StandardPairs = z.string().transform((s, ctx) => {
	const out: { code: string; rating: Rating }[] = [];
	for (const pair of s
		.split(';')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const m = /^([1-3]\.[1-4])=(.+)$/.exec(pair);
		const rating = m ? ratingWord.safeParse(m[2].trim()) : undefined;
		if (!m || !rating?.success) {
			ctx.addIssue({ code: 'custom', message: `"${pair}" is not code=rating with a code 1.1-3.4 and one of the four ratings` });
			return z.NEVER;
		}
		out.push({ code: m[1], rating: rating.data });
	}
	return out;
});

export const PublishedInspection = z
	.object({
		service_name: z.string().min(1),
		authorities: z.string().min(1),
		nation: z.enum(['England', 'Wales']),
		region: z.string().min(1),
		published: optional(month),
		published_year: optional(z.coerce.number().int().min(2000).max(2100)),
		date_note: optional(z.string()),
		programme: Framework,
		overall_rating: ratingWord,
		score: optional(z.coerce.number().int().min(0).max(36)),
		resettlement_rating: optional(ratingWord),
		standard_ratings: optional(StandardPairs),
		reinspection: z.enum(['true', 'false']).transform((v) => v === 'true'),
		source_url: z.string().url(),
		evidence_quote: z.string().min(1),
		notes: optional(z.string())
	})
	.superRefine((r, ctx) => {
		if (r.published && r.published_year && Number(r.published.slice(0, 4)) !== r.published_year) {
			ctx.addIssue({
				code: 'custom',
				path: ['published_year'],
				message: `year ${r.published_year} does not match published ${r.published}`
			});
		}
		if (r.nation === 'Wales' && r.region !== 'Wales') {
			ctx.addIssue({ code: 'custom', path: ['region'], message: 'a Welsh service has region Wales' });
		}
	});
export type PublishedInspection = z.infer<typeof PublishedInspection>;

export const PublishedOverallRating = z.object({
	service: z.string().min(1),
	nation: z.enum(['England', 'Wales']),
	region: z.string().min(1),
	inspection_year: z.string().regex(/^\d{4}-\d{2}$/, 'expected an inspection year such as 2019-20'),
	overall_rating: ratingWord,
	source_url: z.string().url()
});

export const AnnualAggregate = z.object({
	inspection_year: z.string().regex(/^\d{4}-\d{2}$/, 'expected an inspection year such as 2018-19'),
	inspections: z.coerce.number().int().nonnegative(),
	outstanding: z.coerce.number().int().nonnegative(),
	good: z.coerce.number().int().nonnegative(),
	requires_improvement: z.coerce.number().int().nonnegative(),
	inadequate: z.coerce.number().int().nonnegative(),
	cases_inspected: optional(z.coerce.number().int().nonnegative()),
	source_url: z.string().url()
});

/** Parse and validate a CSV file against a row schema; every problem names file, line and column. */
export function readCsvRows<T extends z.ZodType>(
	file: string,
	text: string,
	schema: T
): { rows: { line: number; value: z.infer<T> }[]; problems: SourceProblem[] } {
	const problems: SourceProblem[] = [];
	let table;
	try {
		table = parseCsv(text);
	} catch (e) {
		return { rows: [], problems: [{ file, line: (e as { line?: number }).line, message: (e as Error).message }] };
	}
	const shape = schema as unknown as { shape?: Record<string, unknown>; _def?: { schema?: { shape?: Record<string, unknown> } } };
	const expected = Object.keys(shape.shape ?? shape._def?.schema?.shape ?? {});
	for (const col of expected) {
		if (!table.header.includes(col)) problems.push({ file, line: 1, field: col, message: 'missing column' });
	}
	if (problems.length) return { rows: [], problems };
	const rows: { line: number; value: z.infer<T> }[] = [];
	for (const r of table.rows) {
		if (r.cells.length !== table.header.length) {
			problems.push({ file, line: r.line, message: `has ${r.cells.length} fields, the header has ${table.header.length}` });
			continue;
		}
		const obj = Object.fromEntries(table.header.map((h, k) => [h, r.cells[k].trim()]));
		const parsed = schema.safeParse(obj);
		if (parsed.success) rows.push({ line: r.line, value: parsed.data });
		else
			for (const issue of parsed.error.issues)
				problems.push({ file, line: r.line, field: issue.path.join('.') || undefined, message: issue.message });
	}
	return { rows, problems };
}

export function areaName(localAuthorities: string[]): string {
	if (localAuthorities.length <= 1) return localAuthorities[0] ?? '';
	return `${localAuthorities.slice(0, -1).join(', ')} and ${localAuthorities[localAuthorities.length - 1]}`;
}

export interface ReferenceInput {
	publishedInspections: { file: string; text: string };
	overallRatings: { file: string; text: string };
	annualAggregates: { file: string; text: string };
}

/**
 * The reference tables. Rows of published-overall-ratings.csv that are already in
 * published-inspections.csv (same area, 2018 framework, 2019-2020) only add their
 * inspection year; the others become inspections of their own.
 */
export function rowsFromReference(input: ReferenceInput): Dataset {
	const out = emptyDataset();
	const problems: SourceProblem[] = [];
	const pi = readCsvRows(input.publishedInspections.file, input.publishedInspections.text, PublishedInspection);
	const po = readCsvRows(input.overallRatings.file, input.overallRatings.text, PublishedOverallRating);
	const aa = readCsvRows(input.annualAggregates.file, input.annualAggregates.text, AnnualAggregate);
	problems.push(...pi.problems, ...po.problems, ...aa.problems);
	if (problems.length) throw new ReferenceError(problems);

	const authorities = new Map<string, RowOf<'authorities'>>();
	const ids = new Set<string>();
	for (const { value: r } of pi.rows) {
		const las = r.authorities
			.split(';')
			.map((s) => s.trim())
			.filter(Boolean);
		const name = areaName(las);
		const authorityId = nameId(name);
		if (!authorities.has(authorityId)) {
			authorities.set(authorityId, {
				authority_id: authorityId,
				name,
				nation: r.nation,
				region: r.region,
				local_authorities: las,
				provenance: 'reference'
			});
		}
		let id = `${authorityId}-${r.published ?? r.published_year ?? 'undated'}`;
		for (let k = 2; ids.has(id); k++) id = `${authorityId}-${r.published ?? r.published_year ?? 'undated'}-${k}`;
		ids.add(id);
		out.inspections.push({
			inspection_id: id,
			authority_id: authorityId,
			service_name: r.service_name,
			published: r.published ?? null,
			published_year: r.published_year ?? (r.published ? Number(r.published.slice(0, 4)) : null),
			inspection_year: null,
			date_note: r.date_note ?? null,
			framework: r.programme,
			overall_rating: r.overall_rating,
			score: r.score ?? null,
			resettlement_rating: r.resettlement_rating ?? null,
			reinspection: r.reinspection,
			sample_court: null,
			sample_out_of_court: null,
			sample_resettlement: null,
			sample_court_harm: null,
			sample_court_safety: null,
			sample_ooc_harm: null,
			sample_ooc_safety: null,
			lead_inspector: null,
			source_file: input.publishedInspections.file,
			source_sha256: null,
			source_url: r.source_url,
			source_quote: r.evidence_quote,
			notes: r.notes ?? null,
			provenance: 'reference'
		});
		const defs = r.programme === 'yjs-2021' ? STANDARDS['yjs-2021'] : STANDARDS['yos-2018'];
		const stated = [...(r.standard_ratings ?? [])];
		if (r.resettlement_rating && r.programme === 'yjs-2021') stated.push({ code: '4.1', rating: r.resettlement_rating });
		for (const { code, rating } of stated) {
			const def = defs.find((x) => x.code === code)!;
			out.standard_ratings.push({
				inspection_id: id,
				code,
				name: def.name,
				domain: def.domain,
				rating,
				score: scoreOf(rating),
				counts_towards_overall: def.core,
				recomputed_rating: null,
				discretion: false,
				provenance: 'reference'
			});
		}
	}

	for (const { line, value: r } of po.rows) {
		const authorityId = nameId(r.service);
		const match = out.inspections.find(
			(x) =>
				x.authority_id === authorityId &&
				x.framework === 'yos-2018' &&
				(x.published_year === null || [2019, 2020].includes(x.published_year as number))
		);
		if (match) {
			if (match.overall_rating !== r.overall_rating) {
				out.extraction_warnings.push({
					inspection_id: match.inspection_id,
					ordinal: out.extraction_warnings.filter((w) => w.inspection_id === match.inspection_id).length + 1,
					code: 'reference-disagrees',
					message: `${input.overallRatings.file} line ${line} rates ${r.service} (${r.inspection_year}) '${r.overall_rating}', ${input.publishedInspections.file} '${match.overall_rating}'.`,
					line,
					provenance: 'reference'
				});
			}
			match.inspection_year = r.inspection_year;
			continue;
		}
		if (!authorities.has(authorityId)) {
			authorities.set(authorityId, {
				authority_id: authorityId,
				name: r.service,
				nation: r.nation,
				region: r.region,
				local_authorities: [r.service],
				provenance: 'reference'
			});
		}
		out.inspections.push({
			...nullsOf('inspections'),
			inspection_id: `${authorityId}-${r.inspection_year}`,
			authority_id: authorityId,
			service_name: r.service,
			inspection_year: r.inspection_year,
			framework: 'yos-2018',
			overall_rating: r.overall_rating,
			reinspection: false,
			source_file: input.overallRatings.file,
			source_url: r.source_url,
			provenance: 'reference'
		});
	}

	for (const { value: r } of aa.rows) {
		out.annual_aggregates.push({ ...r, cases_inspected: r.cases_inspected ?? null, provenance: 'reference' });
	}
	out.authorities = [...authorities.values()];
	return out;
}
