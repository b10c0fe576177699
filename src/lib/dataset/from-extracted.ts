/**
 * One extracted report -> rows of the data model. Used by the data build and by the data
 * room's import, so a report added in the browser becomes exactly the rows the build makes.
 */
import type { Extracted, Inspection, KeyQuestion } from '../schema/extracted';
import { emptyDataset, type Dataset, type RowOf } from '../schema/tables';
import { scoreOf } from '../rules/bands';
import { recompute } from '../rules/check';
import { nameId } from '../ingest/header';

export type Provenance = 'report' | 'reference' | 'imported' | 'synthetic';

export interface SourceFile {
	file: string;
	sha256: string;
}

export interface AreaInfo {
	nation: string;
	region: string;
	localAuthorities: string[];
}

/** Cases a key question's percentage is of, from the samples the report states. */
function casesOf(kq: KeyQuestion, sample: Inspection['sample']): number | null {
	const court = kq.standard.startsWith('2.');
	const ooc = kq.standard.startsWith('3.');
	if (kq.theme === 'joint-working') return null;
	if (kq.theme === 'others-safety') return (court ? sample.courtHarm : ooc ? sample.outOfCourtHarm : undefined) ?? null;
	if (kq.theme === 'child-safety') return (court ? sample.courtSafety : ooc ? sample.outOfCourtSafety : undefined) ?? null;
	return (court ? sample.court : ooc ? sample.outOfCourt : undefined) ?? null;
}

/** A service's id from its name: nameId, the one function for every id made from a name. */
export function authorityIdOf(area: string): string {
	return nameId(area);
}

export function rowsFromExtracted(x: Extracted, source: SourceFile, provenance: Provenance, area?: AreaInfo): Dataset {
	const out = emptyDataset();
	if (x.kind === 'thematic') {
		let ordinal = 0;
		for (const t of x.thematic ?? []) {
			for (const r of t.recommendations) {
				out.thematic_recommendations.push({
					thematic: t.title,
					ordinal: ++ordinal,
					year: t.year,
					addressee: r.addressee,
					text: r.text,
					lines_of_enquiry: r.linesOfEnquiry,
					evidence: r.evidence,
					provenance
				});
			}
		}
		return out;
	}
	const ins = x.inspection!;
	const id = ins.id;
	const authorityId = authorityIdOf(ins.authority);
	// Nation and region are not in a report's text: the caller knows them (reference list,
	// seed regions, or the importing user), else they stay Unknown for the caller to fill.
	out.authorities.push({
		authority_id: authorityId,
		name: ins.authority,
		nation: area?.nation ?? 'Unknown',
		region: area?.region ?? 'Unknown',
		local_authorities: area?.localAuthorities ?? [ins.authority],
		provenance
	});
	const rc = recompute(ins.framework, x.ratings, x.keyQuestions);
	const resettlement = x.ratings.find((r) => r.code === '4.1')?.rating ?? null;
	const row: RowOf<'inspections'> = {
		inspection_id: id,
		authority_id: authorityId,
		service_name: ins.serviceName,
		published: ins.published ?? null,
		published_year: ins.published ? Number(ins.published.slice(0, 4)) : null,
		inspection_year: null,
		date_note: null,
		framework: ins.framework,
		overall_rating: ins.overallRating ?? null,
		score: ins.score ?? null,
		resettlement_rating: resettlement,
		reinspection: false,
		sample_court: ins.sample.court ?? null,
		sample_out_of_court: ins.sample.outOfCourt ?? null,
		sample_resettlement: ins.sample.resettlement ?? null,
		sample_court_harm: ins.sample.courtHarm ?? null,
		sample_court_safety: ins.sample.courtSafety ?? null,
		sample_ooc_harm: ins.sample.outOfCourtHarm ?? null,
		sample_ooc_safety: ins.sample.outOfCourtSafety ?? null,
		lead_inspector: ins.leadInspector ?? null,
		source_file: source.file,
		source_sha256: source.sha256,
		source_url: null,
		source_quote: null,
		notes: null,
		provenance
	};
	out.inspections.push(row);

	for (const r of x.ratings) {
		const recomputed = rc.standards.get(r.code);
		out.standard_ratings.push({
			inspection_id: id,
			code: r.code,
			name: r.name,
			domain: r.domain,
			rating: r.rating,
			score: scoreOf(r.rating),
			counts_towards_overall: r.countsTowardsOverall,
			recomputed_rating: recomputed?.rating ?? null,
			discretion: recomputed?.discretion ?? false,
			provenance
		});
	}
	for (const k of x.keyQuestions) {
		out.key_questions.push({
			inspection_id: id,
			code: k.code,
			standard: k.standard,
			theme: k.theme,
			text: k.text,
			pct: k.pct,
			discretion: k.discretion,
			cases: casesOf(k, ins.sample),
			provenance
		});
	}
	const ordinals = new Map<string, number>();
	for (const p of x.prompts) {
		const n = (ordinals.get(p.keyQuestion) ?? 0) + 1;
		ordinals.set(p.keyQuestion, n);
		out.prompts.push({
			inspection_id: id,
			key_question: p.keyQuestion,
			letter: p.letter,
			ordinal: n,
			text: p.text,
			pct: p.pct,
			provenance
		});
	}
	for (const c of x.context) {
		out.context_metrics.push({
			inspection_id: id,
			metric: c.metric,
			scope: c.scope,
			value: c.value,
			unit: c.unit,
			label: c.label,
			period: c.period ?? null,
			source: c.source ?? null,
			provenance
		});
	}
	for (const c of x.caseload) {
		out.caseload.push({ inspection_id: id, dimension: c.dimension, grp: c.group, category: c.category, pct: c.pct, provenance });
	}
	for (const o of x.offences) out.offences.push({ inspection_id: id, offence: o.offence, pct: o.pct, provenance });
	for (const r of x.recommendations)
		out.recommendations.push({ inspection_id: id, n: r.n, addressee: r.addressee, text: r.text, provenance });
	(x.findings ?? []).forEach((f, k) => {
		out.sqs_findings.push({
			inspection_id: id,
			section: f.section,
			ordinal: k + 1,
			text: f.text,
			proportion: f.proportion ?? null,
			provenance
		});
	});
	x.warnings.forEach((w, k) => {
		out.extraction_warnings.push({ inspection_id: id, ordinal: k + 1, code: w.code, message: w.message, line: w.line ?? null, provenance });
	});
	return out;
}
