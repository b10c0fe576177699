/**
 * The extraction contract (DESIGN.md, "Extraction contract"): what one report becomes.
 * The CLI validates its output with these schemas and the data room validates imports with
 * the same ones, so the app and the extractor cannot drift apart.
 */
import { z } from 'zod';

// zod's fast path probes `new Function`, which the site's Content-Security-Policy refuses
// (and reports as a violation): validate without it.
z.config({ jitless: true });

export const RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;
export const Rating = z.enum(RATINGS);
export type Rating = z.infer<typeof Rating>;

export const FRAMEWORKS = ['sqs-2016', 'yos-2018', 'yjs-2021', 'children-victims-2024'] as const;
export const Framework = z.enum(FRAMEWORKS);
export type Framework = z.infer<typeof Framework>;

export const THEMES = ['desistance', 'child-safety', 'others-safety', 'joint-working'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const UNITS = ['per-100k', 'percent', 'count', 'gbp', 'days', 'fte'] as const;
export const Unit = z.enum(UNITS);

export const SCOPES = ['local', 'region', 'national'] as const;
export const Scope = z.enum(SCOPES);

const pct = z.number().min(0).max(100);
const count = z.number().int().nonnegative();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const Sample = z
	.object({
		court: count.optional(),
		outOfCourt: count.optional(),
		resettlement: count.optional(),
		courtHarm: count.optional(),
		courtSafety: count.optional(),
		outOfCourtHarm: count.optional(),
		outOfCourtSafety: count.optional()
	})
	.strict();

export const Inspection = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug'),
		authority: z.string().min(1),
		serviceName: z.string().min(1),
		/** absent when the text gives no publication month (HMIP's web copies): a warning says so */
		published: month.optional(),
		framework: Framework,
		overallRating: Rating.optional(),
		score: z.number().int().min(0).max(36).optional(),
		leadInspector: z.string().optional(),
		sample: Sample
	})
	.strict();

export const StandardRating = z
	.object({
		// 1.1-4.1 for the 2018 and 2021 standards; C1-C3 and V1 for the areas the 2024
		// children-and-victims programme rates (rules/framework.ts), never mixed with them
		code: z.string().regex(/^([1-4]\.[1-4]|[CV][1-9])$/, 'expected a standard code such as 2.1 (or C1, V1 from 2024)'),
		name: z.string().min(1),
		domain: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
		rating: Rating,
		countsTowardsOverall: z.boolean()
	})
	.strict();

export const KeyQuestion = z
	.object({
		code: z.string().regex(/^[1-4]\.[1-4]\.[1-9]$/, 'expected a key question code such as 2.1.3'),
		standard: z.string().regex(/^[1-4]\.[1-4]$/),
		theme: Theme,
		text: z.string().min(1),
		pct,
		discretion: z.boolean()
	})
	.strict();

export const Prompt = z
	.object({
		keyQuestion: z.string().regex(/^[1-4]\.[1-4]\.[1-9]$/),
		letter: z.string().regex(/^[a-z]$/),
		text: z.string().min(1),
		pct
	})
	.strict();

export const ContextMetric = z
	.object({
		metric: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
		scope: Scope,
		value: z.number().finite(),
		unit: Unit,
		label: z.string().min(1),
		period: z.string().optional(),
		source: z.string().optional()
	})
	.strict();

export const CASELOAD_DIMENSIONS = ['age', 'ethnicity', 'gender'] as const;
export const CASELOAD_GROUPS = ['yot', 'youth-population', 'national'] as const;
export const Caseload = z
	.object({
		dimension: z.enum(CASELOAD_DIMENSIONS),
		group: z.enum(CASELOAD_GROUPS),
		category: z.string().min(1),
		pct
	})
	.strict();

export const Offence = z.object({ offence: z.string().min(1), pct }).strict();

export const Recommendation = z.object({ n: z.number().int().positive(), addressee: z.string().min(1), text: z.string().min(1) }).strict();

export const Finding = z
	.object({
		section: z.string().min(1),
		text: z.string().min(1),
		proportion: z.number().min(0).max(1).optional()
	})
	.strict();

export const ThematicRecommendation = z
	.object({
		addressee: z.string().min(1),
		text: z.string().min(1),
		linesOfEnquiry: z.array(z.string().min(1)),
		evidence: z.array(z.string().min(1))
	})
	.strict();

export const Thematic = z
	.object({
		title: z.string().min(1),
		year: z.number().int().min(1990).max(2100),
		recommendations: z.array(ThematicRecommendation)
	})
	.strict();

export const Warning = z
	.object({ code: z.string().min(1), message: z.string().min(1), line: z.number().int().positive().optional() })
	.strict();

export const Extracted = z
	.object({
		kind: z.enum(['inspection', 'thematic']),
		inspection: Inspection.optional(),
		ratings: z.array(StandardRating),
		keyQuestions: z.array(KeyQuestion),
		prompts: z.array(Prompt),
		context: z.array(ContextMetric),
		caseload: z.array(Caseload),
		offences: z.array(Offence),
		recommendations: z.array(Recommendation),
		findings: z.array(Finding).optional(),
		thematic: z.array(Thematic).optional(),
		warnings: z.array(Warning)
	})
	.strict()
	.superRefine((value, ctx) => {
		if (value.kind === 'inspection' && !value.inspection) {
			ctx.addIssue({ code: 'custom', message: 'an inspection needs its header', path: ['inspection'] });
		}
		if (value.kind === 'thematic' && !value.thematic) {
			ctx.addIssue({ code: 'custom', message: 'a thematic document needs its recommendations', path: ['thematic'] });
		}
	});

export type Extracted = z.infer<typeof Extracted>;
export type Inspection = z.infer<typeof Inspection>;
export type StandardRating = z.infer<typeof StandardRating>;
export type KeyQuestion = z.infer<typeof KeyQuestion>;
export type Prompt = z.infer<typeof Prompt>;
export type ContextMetric = z.infer<typeof ContextMetric>;
export type Caseload = z.infer<typeof Caseload>;
export type Offence = z.infer<typeof Offence>;
export type Recommendation = z.infer<typeof Recommendation>;
export type Finding = z.infer<typeof Finding>;
export type Thematic = z.infer<typeof Thematic>;
export type ThematicRecommendation = z.infer<typeof ThematicRecommendation>;
export type Warning = z.infer<typeof Warning>;
export type Sample = z.infer<typeof Sample>;
