/**
 * Report text -> Extracted (DESIGN.md "Extraction contract"). Pure: no file system, so the
 * CLI, the data build and the browser's import all run the same code.
 */
import { Extracted, type Inspection, type Warning } from '../schema/extracted';
import { checkRules } from '../rules/check';
import { extractCaseload, extractOffences } from './caseload';
import { extractContext } from './context';
import { detect } from './detect';
import {
	findAuthority,
	findLeadInspector,
	findOverallRating,
	findPublished,
	findPublishedScore,
	findSample,
	findServiceName,
	slug
} from './header';
import { extractKeyQuestions } from './key-questions';
import { reconcileRatings } from './ratings';
import { extractRecommendations } from './recommendations';
import { casesExamined, extractFindings, extractSqsContext } from './sqs';
import { Footnotes, toRows } from './text';
import { extractThematic } from './thematic';

export type ExtractResult = { ok: true; value: Extracted } | { ok: false; reason: string };

/**
 * Warning codes that mean the extraction is incomplete: the text is a youth inspection report
 * but something its own structure says is there (a ratings table, a standard, a coded row)
 * was not read, or the text stops before it. Such an extraction is "partial", never "ok".
 */
export const INCOMPLETE_CODES = ['partial-report', 'standard-missing', 'ratings-unread', 'row-unread'] as const;

export type ExtractStatus = 'complete' | 'partial';

/** What is missing, as warnings; none means the extraction is complete. */
export function incompleteness(x: Extracted): Warning[] {
	return x.warnings.filter((w) => (INCOMPLETE_CODES as readonly string[]).includes(w.code));
}

export function statusOf(x: Extracted): ExtractStatus {
	return incompleteness(x).length ? 'partial' : 'complete';
}

/** The inspection's id: area slug and publication month ("-undated" while the month is unknown). */
export function inspectionId(authority: string, framework: Inspection['framework'], published: string | undefined): string {
	return `${slug(authority)}${framework === 'sqs-2016' ? '-sqs' : ''}-${published ?? 'undated'}`;
}

/**
 * The same extraction with the publication month the user supplied (HMIP's web copies give
 * none): the id follows the month and the "published-missing" warning goes.
 */
export function withPublished(x: Extracted, published: string): Extracted {
	if (!x.inspection) return x;
	const inspection = { ...x.inspection, published, id: inspectionId(x.inspection.authority, x.inspection.framework, published) };
	const parsed = Extracted.parse({ ...x, inspection, warnings: x.warnings.filter((w) => w.code !== 'published-missing') });
	return parsed;
}

export function extract(raw: string): ExtractResult {
	const rows = toRows(raw);
	const found = detect(raw, rows);
	if (!found.ok) return found;
	const warnings: Warning[] = [];
	const empty = { ratings: [], keyQuestions: [], prompts: [], context: [], caseload: [], offences: [], recommendations: [] };

	if (found.kind === 'thematic') {
		const thematic = extractThematic(raw, warnings);
		if (!thematic.length)
			return { ok: false, reason: 'it looks like a thematic recommendations document but no recommendations were found' };
		return validated({ kind: 'thematic', ...empty, thematic, warnings });
	}

	const framework = found.framework;
	const area = findAuthority(rows);
	if (!area)
		return { ok: false, reason: 'the area inspected is not named ("An inspection of youth offending services in ..." was not found)' };
	const published = findPublished(rows);
	if (!published) return { ok: false, reason: 'no publication month was found in the front matter' };
	const notes = new Footnotes(rows);
	const inspection: Inspection = {
		id: inspectionId(area.authority, framework, published.published),
		authority: area.authority,
		serviceName: findServiceName(rows, area.authority),
		published: published.published,
		framework,
		sample: {}
	};
	const lead = findLeadInspector(rows);
	if (lead) inspection.leadInspector = lead;

	if (framework === 'sqs-2016') {
		const findings = extractFindings(rows, warnings);
		// SQS looked at recently sentenced (court) cases only
		const cases = casesExamined(rows);
		if (cases !== undefined) inspection.sample = { court: cases };
		return validated({
			kind: 'inspection',
			inspection,
			...empty,
			context: extractSqsContext(rows, notes),
			recommendations: [],
			findings,
			warnings
		});
	}

	const overall = findOverallRating(rows);
	if (overall) inspection.overallRating = overall.rating;
	else warnings.push({ code: 'overall-missing', message: 'No overall rating was found.' });
	inspection.sample = findSample(rows, warnings);
	const ratings = reconcileRatings(framework, rows, warnings);
	const { keyQuestions, prompts } = extractKeyQuestions(framework, rows, notes, warnings);
	const publishedScore = findPublishedScore(rows);
	const rules = checkRules(framework, ratings, keyQuestions, {
		overall: overall?.rating,
		overallLine: overall?.line,
		score: publishedScore?.score,
		scoreLine: publishedScore?.line
	});
	warnings.push(...rules.warnings);
	if (rules.recomputed.score !== undefined) inspection.score = rules.recomputed.score;

	return validated({
		kind: 'inspection',
		inspection,
		ratings,
		keyQuestions,
		prompts,
		context: extractContext(rows, area.authority, notes, warnings),
		caseload: extractCaseload(rows, warnings),
		offences: extractOffences(rows),
		recommendations: extractRecommendations(rows, warnings),
		warnings
	});
}

function validated(value: unknown): ExtractResult {
	const parsed = Extracted.safeParse(value);
	if (parsed.success) return { ok: true, value: parsed.data };
	const issue = parsed.error.issues[0];
	// A report we half understood must not pass as a clean extraction.
	throw new Error(`extraction produced an invalid result at ${issue.path.join('.')}: ${issue.message}`);
}
