/**
 * npm run data:synthetic -- --scale 100 [--out data-synthetic]
 * A plausible dataset N times larger than data/, for benchmarks: every inspection of the
 * shipped data is cloned N times onto services named "Synthetic service NNNN", with ratings
 * and percentages drawn from the shipped distributions (seeded, so runs repeat) and
 * provenance 'synthetic'. Written apart from data/ (never mixed into it); the app loads it
 * with ?data=<address of the folder> (see docs/PERFORMANCE.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTableCsv } from '../src/lib/dataset/from-csv';
import { toArrowIPC } from '../src/lib/dataset/arrow';
import { bandOf, overallRating, scoreOf, totalScore } from '../src/lib/rules/bands';
import { emptyDataset, TABLE_NAMES, type Dataset, type Row, type RowOf, type TableName } from '../src/lib/schema/tables';
import type { Rating } from '../src/lib/schema/extracted';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const SCALE = Number(opt('scale', '100'));
const OUT = resolve(ROOT, opt('out', 'data-synthetic'));
if (!Number.isInteger(SCALE) || SCALE < 1 || SCALE > 1000) {
	console.error('data:synthetic: --scale must be a whole number from 1 to 1000');
	process.exit(2);
}

/** mulberry32: small, seeded, good enough for test data */
function rng(seed: number) {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = rng(20261125);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

const readTable = (t: TableName): Row[] => parseTableCsv(t, readFileSync(join(ROOT, 'data', `${t}.csv`), 'utf8'));

const real = Object.fromEntries(TABLE_NAMES.map((t) => [t, readTable(t)])) as Dataset;
const ratingsByCode = new Map<string, Rating[]>();
for (const s of real.standard_ratings)
	ratingsByCode.set(String(s.code), [...(ratingsByCode.get(String(s.code)) ?? []), s.rating as Rating]);
const pctsByTheme = new Map<string, number[]>();
for (const k of real.key_questions) pctsByTheme.set(String(k.theme), [...(pctsByTheme.get(String(k.theme)) ?? []), Number(k.pct)]);
const regions = real.authorities.map((a) => ({ region: String(a.region), nation: String(a.nation) }));

const out = emptyDataset();
let serial = 0;
for (let copy = 0; copy < SCALE; copy++) {
	for (const ins of real.inspections) {
		serial++;
		const num = String(serial).padStart(5, '0');
		const authorityId = `synthetic-service-${num}`;
		const id = `${authorityId}-${ins.published ?? ins.published_year ?? 'undated'}`;
		const place = pick(regions);
		out.authorities.push({
			authority_id: authorityId,
			name: `Synthetic service ${num}`,
			nation: place.nation,
			region: place.region,
			local_authorities: [`Synthetic authority ${num}`],
			provenance: 'synthetic'
		});
		const mine = real.standard_ratings.filter((s) => s.inspection_id === ins.inspection_id);
		const kqs = real.key_questions.filter((k) => k.inspection_id === ins.inspection_id);
		// key questions: drawn from the shipped distribution for their theme, then jittered
		const newKqs: RowOf<'key_questions'>[] = kqs.map((k) => ({
			...k,
			inspection_id: id,
			pct: Math.round(clamp(pick(pctsByTheme.get(String(k.theme))!) + (random() - 0.5) * 16, 0, 100)),
			provenance: 'synthetic'
		}));
		// standards: case-based ones take the band of their lowest generated key question,
		// the others are drawn from the shipped ratings of that standard
		const newRatings: RowOf<'standard_ratings'>[] = mine.map((s) => {
			const own = newKqs.filter((k) => k.standard === s.code).map((k) => Number(k.pct));
			const rating: Rating = own.length ? bandOf(Math.min(...own)) : pick(ratingsByCode.get(String(s.code))!);
			return {
				...s,
				inspection_id: id,
				rating,
				score: scoreOf(rating),
				recomputed_rating: own.length ? rating : null,
				discretion: false,
				provenance: 'synthetic'
			};
		});
		const core = newRatings.filter((s) => s.counts_towards_overall).map((s) => s.rating as Rating);
		const score = totalScore(core);
		const resettlement = newRatings.find((s) => s.code === '4.1')?.rating as Rating | undefined;
		const overall =
			score !== undefined
				? overallRating(score, resettlement)
				: ins.overall_rating
					? pick(real.inspections.map((x) => x.overall_rating).filter(Boolean))
					: null;
		out.inspections.push({
			...ins,
			inspection_id: id,
			authority_id: authorityId,
			service_name: `Synthetic service ${num}`,
			overall_rating: overall,
			score: score ?? null,
			resettlement_rating: resettlement ?? null,
			source_file: null,
			source_sha256: null,
			source_url: null,
			source_quote: null,
			notes: 'Synthetic benchmark data: not a real inspection.',
			provenance: 'synthetic'
		});
		out.standard_ratings.push(...newRatings);
		out.key_questions.push(...newKqs);
		for (const t of ['prompts', 'offences', 'recommendations', 'sqs_findings', 'extraction_warnings'] as const) {
			(out[t] as Row[]).push(
				...(real[t] as Row[])
					.filter((r) => r.inspection_id === ins.inspection_id)
					.map((r) => ({ ...r, inspection_id: id, provenance: 'synthetic' }))
			);
		}
		out.context_metrics.push(
			...real.context_metrics
				.filter((r) => r.inspection_id === ins.inspection_id)
				.map((r) => ({
					...r,
					inspection_id: id,
					value:
						r.unit === 'percent'
							? Math.round(clamp(Number(r.value) * (0.8 + random() * 0.4), 0, 100) * 10) / 10
							: Math.round(Number(r.value) * (0.8 + random() * 0.4)),
					provenance: 'synthetic'
				}))
		);
		const cl = real.caseload.filter((r) => r.inspection_id === ins.inspection_id);
		out.caseload.push(
			...cl.map((r) => ({
				...r,
				inspection_id: id,
				pct: Math.round(clamp(Number(r.pct) * (0.85 + random() * 0.3), 0, 100)),
				provenance: 'synthetic'
			}))
		);
	}
}
out.thematic_recommendations = real.thematic_recommendations;
out.annual_aggregates = real.annual_aggregates;

mkdirSync(OUT, { recursive: true });
const tables: Record<string, number> = {};
for (const t of TABLE_NAMES) {
	writeFileSync(join(OUT, `${t}.arrow`), toArrowIPC(t, out[t]));
	tables[t] = out[t].length;
}
writeFileSync(
	join(OUT, 'manifest.json'),
	JSON.stringify({ dataset: 'synthetic', scale: SCALE, seed: 20261125, tables }, null, '\t') + '\n'
);
console.log(
	`data:synthetic: scale ${SCALE} -> ${OUT} (${Object.entries(tables)
		.map(([t, n]) => `${t} ${n}`)
		.join(', ')})`
);
