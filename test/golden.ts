/**
 * The comparison with ../shared/golden/expected-core.json, shared by the golden test on the plain
 * report texts (test/unit/golden.test.ts) and the rendering test bed (test/renderings/), so both
 * hold the extraction to the hand-checked values the same way.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Extracted } from '../src/lib/schema/extracted';
import { SHARED } from './paths';

export interface Golden {
	authority: string;
	published: string;
	framework: string;
	overallRating: string;
	score: number;
	ratings: Record<string, string>;
	keyQuestions: { code: string; pct: number; discretion: boolean }[];
	context: Record<string, number>;
	caseload: Record<string, number>;
	recommendations: number;
	prompts_min?: number;
}

export const loadGolden = (): Record<string, Golden> => JSON.parse(readFileSync(`${SHARED}/golden/expected-core.json`, 'utf8'));

/** What was extracted and what was expected, section by section. */
export interface Check {
	got: unknown;
	want: unknown;
}

/**
 * Lettered prompt rows with a percentage that a report text prints ("a) ...<TAB>75%"): the
 * golden file's prompts_min cannot be met by Thurrock's text (its Annexe 2 stops part-way through
 * standard 3.3), so the floor is every printed row. See docs/ARCHITECTURE.md.
 */
export const printedPrompts = (text: string) => text.split('\n').filter((l) => /^[a-z]\)\s.*\t\d{1,3}%/.test(l)).length;

/**
 * The golden sections of one extraction. `plainText` is the report text the golden values were
 * checked against (it sets how many prompts must be read).
 */
export function goldenChecks(got: Extracted, exp: Golden, plainText: string): Record<string, Check> {
	const ins = got.inspection;
	const ctx = Object.fromEntries(got.context.map((c) => [`${c.metric}/${c.scope}`, c.value]));
	const cl = Object.fromEntries(got.caseload.map((c) => [`${c.dimension}/${c.group}/${c.category}`, c.pct]));
	const checks: Record<string, Check> = {
		header: {
			got: {
				authority: ins?.authority,
				published: ins?.published,
				framework: ins?.framework,
				overallRating: ins?.overallRating,
				score: ins?.score
			},
			want: {
				authority: exp.authority,
				published: exp.published,
				framework: exp.framework,
				overallRating: exp.overallRating,
				score: exp.score
			}
		},
		ratings: { got: Object.fromEntries(got.ratings.map((r) => [r.code, r.rating])), want: exp.ratings },
		keyQuestions: { got: got.keyQuestions.map(({ code, pct, discretion }) => ({ code, pct, discretion })), want: exp.keyQuestions },
		context: { got: Object.fromEntries(Object.keys(exp.context).map((k) => [k, ctx[k]])), want: exp.context },
		caseload: { got: Object.fromEntries(Object.keys(exp.caseload).map((k) => [k, cl[k]])), want: exp.caseload },
		recommendations: {
			got: got.recommendations.map((r) => r.n),
			want: Array.from({ length: exp.recommendations }, (_, i) => i + 1)
		}
	};
	if (exp.prompts_min !== undefined) checks.prompts = { got: got.prompts.length, want: printedPrompts(plainText) };
	return checks;
}

/**
 * The sections of an extraction that the rendering of a report must reproduce from its plain
 * text where the golden file is silent: header, every rating, key question, prompt count, context
 * value, caseload share, offence, recommendation, and (2016 screenings) finding.
 */
export function sameAsPlainChecks(got: Extracted, plain: Extracted): Record<string, Check> {
	const view = (x: Extracted) => ({
		kind: x.kind,
		header: x.inspection && {
			authority: x.inspection.authority,
			published: x.inspection.published,
			framework: x.inspection.framework,
			overallRating: x.inspection.overallRating,
			score: x.inspection.score,
			leadInspector: x.inspection.leadInspector,
			sample: x.inspection.sample
		},
		ratings: Object.fromEntries(x.ratings.map((r) => [r.code, r.rating])),
		keyQuestions: Object.fromEntries(x.keyQuestions.map((k) => [k.code, `${k.pct}%${k.discretion ? '*' : ''}`])),
		prompts: x.prompts.length,
		context: Object.fromEntries(x.context.map((c) => [`${c.metric}/${c.scope}`, c.value])),
		caseload: Object.fromEntries(x.caseload.map((c) => [`${c.dimension}/${c.group}/${c.category}`, c.pct])),
		offences: Object.fromEntries(x.offences.map((o) => [o.offence, o.pct])),
		recommendations: x.recommendations.length,
		findings: x.findings?.length ?? 0
	});
	const g = view(got);
	const p = view(plain);
	return Object.fromEntries(Object.keys(p).map((k) => [k, { got: g[k as keyof typeof g], want: p[k as keyof typeof p] }]));
}

/** Leaf values of a JSON-like value by path ("ratings.2.1", "keyQuestions[3].pct"). */
function leaves(v: unknown, path: string, out: Map<string, unknown>) {
	if (Array.isArray(v)) {
		// arrays of coded rows are compared by code, not by position: one missing row is one difference
		const coded = v.every((x) => typeof x === 'object' && x !== null && 'code' in x);
		v.forEach((x, i) => {
			if (!coded) return leaves(x, `${path}[${i}]`, out);
			const { code, ...rest } = x as { code: string };
			out.set(`${path}[${code}]`, rest);
		});
		if (!v.length) out.set(`${path}[]`, '(none)');
	} else if (typeof v === 'object' && v !== null) {
		for (const [k, x] of Object.entries(v)) leaves(x, `${path}.${k}`, out);
	} else out.set(path, v);
}

/** Each difference between what was got and what was wanted, one line each ("ratings.2.1: got Good, want Requires improvement"). */
export function differences(checks: Record<string, Check>): string[] {
	const lines: string[] = [];
	const show = (v: unknown) => (v === undefined ? '(missing)' : typeof v === 'string' ? v : JSON.stringify(v));
	for (const [section, { got, want }] of Object.entries(checks)) {
		if (isDeepStrictEqual(got, want)) continue;
		const g = new Map<string, unknown>();
		const w = new Map<string, unknown>();
		leaves(got, section, g);
		leaves(want, section, w);
		for (const k of new Set([...w.keys(), ...g.keys()])) {
			if (isDeepStrictEqual(g.get(k), w.get(k))) continue;
			if (!w.has(k)) lines.push(`${k}: got ${show(g.get(k))}, not expected`);
			else lines.push(`${k}: got ${show(g.get(k))}, want ${show(w.get(k))}`);
		}
	}
	return lines;
}
