/**
 * Reports (depth) + reference facts (breadth) -> one dataset. An inspection that is both in a
 * report and in the reference list is one inspection: the report's rows are kept, the
 * reference row adds its source address and quote, and any disagreement is a warning.
 */
import { standardsFor } from '../rules/framework';
import { Framework } from '../schema/extracted';
import { emptyDataset, keyOf, rowSchema, TABLE_NAMES, TABLES, type Dataset, type Row, type RowOf, type TableName } from '../schema/tables';
import type { SourceProblem } from './from-reference';

export function concatDatasets(parts: Dataset[]): Dataset {
	const out = emptyDataset();
	for (const p of parts) for (const t of TABLE_NAMES) (out[t] as Row[]).push(...(p[t] as Row[]));
	return out;
}

function sameInspection(report: RowOf<'inspections'>, ref: RowOf<'inspections'>): boolean {
	if (report.authority_id !== ref.authority_id) return false;
	if (ref.published) return ref.published === report.published;
	return ref.published_year !== null && ref.published_year === report.published_year && ref.framework === report.framework;
}

export function mergeReportsWithReference(
	reports: Dataset,
	reference: Dataset,
	seedRegions: Map<string, { nation: string; region: string }>
): Dataset {
	const out = concatDatasets([reports, reference]);
	const warn = (inspectionId: string, code: string, message: string) => {
		out.extraction_warnings.push({
			inspection_id: inspectionId,
			ordinal: out.extraction_warnings.filter((w) => w.inspection_id === inspectionId).length + 1,
			code,
			message,
			line: null,
			provenance: 'reference'
		});
	};

	// Areas: one row per authority_id; a report's area takes nation and region from the
	// reference list, else from the seed regions in ../shared/reference/README.md.
	const areas = new Map<string, RowOf<'authorities'>>();
	for (const a of reference.authorities) areas.set(a.authority_id as string, a);
	for (const a of reports.authorities) {
		const id = a.authority_id as string;
		if (areas.has(id)) continue;
		const seed = seedRegions.get(id);
		areas.set(id, { ...a, nation: seed?.nation ?? a.nation, region: seed?.region ?? a.region });
	}
	out.authorities = [...areas.values()].sort((a, b) => String(a.authority_id).localeCompare(String(b.authority_id)));

	// One inspection, two sources.
	const dropped = new Set<string>();
	for (const ins of reports.inspections) {
		const ref = reference.inspections.find((r) => !dropped.has(r.inspection_id as string) && sameInspection(ins, r));
		if (!ref) continue;
		dropped.add(ref.inspection_id as string);
		ins.source_url = ref.source_url;
		ins.source_quote = ref.source_quote;
		ins.notes = ref.notes;
		ins.inspection_year = ref.inspection_year;
		ins.reinspection = ref.reinspection;
		if (ref.overall_rating !== ins.overall_rating) {
			warn(
				ins.inspection_id as string,
				'reference-disagrees',
				`The reference list gives the overall rating as '${ref.overall_rating}'; the report says '${ins.overall_rating}'.`
			);
		}
		// the report's score is recomputed from its standards; a stated one (reference page or scrape) is checked against it
		if (ref.score !== null && ins.score !== null && ref.score !== ins.score) {
			warn(
				ins.inspection_id as string,
				'reference-disagrees',
				`The reference rows give the score as ${ref.score}/36 (notes say where from); the report's standards give ${ins.score}/36.`
			);
		}
		for (const stated of reference.standard_ratings.filter((r) => r.inspection_id === ref.inspection_id)) {
			const own = reports.standard_ratings.find((r) => r.inspection_id === ins.inspection_id && r.code === stated.code);
			if (own && own.rating !== stated.rating) {
				warn(
					ins.inspection_id as string,
					'reference-disagrees',
					`The reference list gives standard ${stated.code} as '${stated.rating}'; the report says '${own.rating}'.`
				);
			}
		}
		for (const w of out.extraction_warnings) if (w.inspection_id === ref.inspection_id) w.inspection_id = ins.inspection_id;
	}
	out.inspections = out.inspections.filter((r) => !(r.provenance === 'reference' && dropped.has(r.inspection_id as string)));
	out.standard_ratings = out.standard_ratings.filter((r) => !(r.provenance === 'reference' && dropped.has(r.inspection_id as string)));
	// renumber warnings per inspection after moving reference warnings onto reports
	const seen = new Map<string, number>();
	for (const w of out.extraction_warnings) {
		const n = (seen.get(w.inspection_id as string) ?? 0) + 1;
		seen.set(w.inspection_id as string, n);
		w.ordinal = n;
	}
	return out;
}

/** Every row valid for its table, keys unique, inspections pointing at known areas. */
export function checkDataset(data: Dataset, file = 'dataset'): SourceProblem[] {
	const problems: SourceProblem[] = [];
	for (const t of TABLE_NAMES) {
		const schema = rowSchema(t);
		const keys = new Set<string>();
		data[t].forEach((row, k) => {
			const parsed = schema.safeParse(row);
			if (!parsed.success) {
				for (const issue of parsed.error.issues)
					problems.push({ file: `${file}/${t}`, line: k + 1, field: issue.path.join('.'), message: issue.message });
			}
			const key = keyOf(t, row);
			if (keys.has(key))
				problems.push({
					file: `${file}/${t}`,
					line: k + 1,
					message: `duplicate key (${TABLES[t].key.join(', ')}) = ${key.split('\u0000').join(', ')}`
				});
			keys.add(key);
		});
	}
	const areas = new Set(data.authorities.map((a) => a.authority_id));
	data.inspections.forEach((ins, k) => {
		if (!areas.has(ins.authority_id))
			problems.push({
				file: `${file}/inspections`,
				line: k + 1,
				field: 'authority_id',
				message: `no area ${ins.authority_id} in authorities`
			});
	});
	const unknownRegion = data.authorities.filter((a) => a.region === 'Unknown');
	for (const a of unknownRegion) problems.push({ file: `${file}/authorities`, field: 'region', message: `${a.name} has no region` });
	const ids = new Set(data.inspections.map((i) => i.inspection_id));
	const child: TableName[] = [
		'standard_ratings',
		'key_questions',
		'prompts',
		'context_metrics',
		'caseload',
		'offences',
		'recommendations',
		'sqs_findings',
		'extraction_warnings'
	];
	for (const t of child) {
		(data[t] as { inspection_id: string }[]).forEach((r, k) => {
			if (!ids.has(r.inspection_id))
				problems.push({ file: `${file}/${t}`, line: k + 1, field: 'inspection_id', message: `no inspection ${r.inspection_id}` });
		});
	}
	for (const r of data.standard_ratings) {
		const ins = data.inspections.find((i) => i.inspection_id === r.inspection_id);
		const fw = Framework.safeParse(ins?.framework);
		if (fw.success) {
			if (!standardsFor(fw.data).some((s) => s.code === r.code))
				problems.push({
					file: `${file}/standard_ratings`,
					field: 'code',
					message: `${r.inspection_id}: standard ${r.code} is not in ${fw.data}`
				});
		}
	}
	return problems;
}

/** "Regions of the services in `../reports/`: Bury and Rochdale, North West; Leeds, ..." */
export function seedRegionsFrom(readme: string, slugOf: (s: string) => string): Map<string, { nation: string; region: string }> {
	const out = new Map<string, { nation: string; region: string }>();
	const m = /Regions of the services in [^:]*:\s*([^\n]+(?:\n(?!\n)[^\n]+)*)/.exec(readme);
	if (!m) return out;
	for (const part of m[1]
		.replace(/\n/g, ' ')
		.replace(/\.\s*$/, '')
		.split(';')) {
		const comma = part.indexOf(',');
		if (comma < 0) continue;
		const name = part.slice(0, comma).trim();
		const region = part.slice(comma + 1).trim();
		out.set(slugOf(name), { nation: region === 'Wales' ? 'Wales' : 'England', region });
	}
	return out;
}
