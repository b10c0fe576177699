/**
 * Report text -> Extracted (DESIGN.md "Extraction contract"). Pure: no file system, so the
 * CLI, the data build and the browser's import all run the same code.
 */
import { Extracted, type Inspection, type Warning } from '../schema/extracted';
import { checkRules } from '../rules/check';
import { extractCaseload, extractOffences } from './caseload';
import { extractContext } from './context';
import { detect } from './detect';
import { htmlToText, looksLikeHtmlDocument } from './html';
import {
	findAuthority,
	findLeadInspector,
	findOverallRating,
	findPublished,
	findPublishedScore,
	findSample,
	findServiceName,
	nameId
} from './header';
import { extractKeyQuestions } from './key-questions';
import { extractCvRatings, reconcileRatings } from './ratings';
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

/** The inspection's id: the area's id (nameId: a slug, or a hash for a name in another script) and publication month ("-undated" while the month is unknown). */
export function inspectionId(authority: string, framework: Inspection['framework'], published: string | undefined): string {
	return `${nameId(authority)}${framework === 'sqs-2016' ? '-sqs' : ''}-${published ?? 'undated'}`;
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

/**
 * What one report can be. The longest report text in the shared set is 120 KB and 2,630
 * characters on its longest line; a whole saved web page is a few hundred KB of HTML. The limits (text at 8x the longest report)
 * sit an order of magnitude above that, and keep every step of the extraction (each linear in
 * its input) within a second or two on a slow laptop: past them the input is refused at once,
 * saying which limit, rather than an import that seems to hang.
 */
export const INPUT_LIMITS = { inputChars: 8_000_000, textChars: 1_000_000, lines: 50_000 } as const;

const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

function tooBig(input: string, raw: string | null): string | null {
	if (raw === null)
		return `it is ${mb(input.length)} of text, more than the ${mb(INPUT_LIMITS.inputChars)} read for one document (an inspection report's text is under 0.5 MB): it is not one report`;
	if (raw.length > INPUT_LIMITS.textChars)
		return `its text is ${mb(raw.length)}, more than the ${mb(INPUT_LIMITS.textChars)} read for one report (an inspection report's text is under 0.5 MB): it is not one report`;
	let lines = 1;
	for (let i = raw.indexOf('\n'); i >= 0 && lines <= INPUT_LIMITS.lines; i = raw.indexOf('\n', i + 1)) lines++;
	if (lines > INPUT_LIMITS.lines)
		return `it has more than ${INPUT_LIMITS.lines.toLocaleString('en-GB')} lines (an inspection report has a few thousand): it is not one report`;
	return null;
}

export function extract(input: string): ExtractResult {
	if (input.length > INPUT_LIMITS.inputChars) return { ok: false, reason: tooBig(input, null)! };
	// a whole web page (an HMIP web copy saved from the browser) is read through its text
	const raw = looksLikeHtmlDocument(input) ? htmlToText(input) : input;
	const big = tooBig(input, raw);
	if (big) return { ok: false, reason: big };
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

	const area = findAuthority(rows);
	if (!area)
		return { ok: false, reason: 'the area inspected is not named ("An inspection of youth offending services in ..." was not found)' };
	const cv = found.framework === 'children-victims-2024';
	// HMIP's web copies print "Published:" without a date: the month is then unknown, never guessed
	const published = findPublished(rows, { strict: cv });
	if (!published && !cv) return { ok: false, reason: 'no publication month was found in the front matter' };
	if (!published)
		warnings.push({
			code: 'published-missing',
			message: 'The text gives no publication month (HMIP web copies print none): give it before the inspection is added.'
		});
	let framework = found.framework;
	if (!framework) {
		// No ratings table to tell the 2018 standards from the 2021 ones: the month decides.
		// Reports up to October 2021 used the 2018 standards (HMIP's ratings pages of Hull, Kent
		// and Kirklees list 3.4 Joint working), later ones the 2021 standards.
		framework = published && published.published <= '2021-10' ? 'yos-2018' : 'yjs-2021';
		warnings.push({
			code: 'framework-inferred',
			message: `No standards table was read, so the framework (${framework}) is inferred from the publication month${published ? ` (${published.published})` : ' (unknown)'}.`
		});
	}
	if (found.noRatingsTable)
		warnings.push({
			code: 'partial-report',
			message:
				'partial report: no ratings table. The text is a youth inspection report but holds no table of standard ratings (it stops early, or the table could not be read); only what it states is kept.'
		});
	const notes = new Footnotes(rows);
	const inspection: Inspection = {
		id: inspectionId(area.authority, framework, published?.published),
		authority: area.authority,
		serviceName: findServiceName(rows, area.authority),
		...(published ? { published: published.published } : {}),
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

	if (cv) {
		const overall = findOverallRating(rows);
		if (overall) inspection.overallRating = overall.rating;
		else warnings.push({ code: 'overall-missing', message: 'No overall rating was found.' });
		const ratings = extractCvRatings(rows, warnings);
		if (!ratings.length)
			warnings.push({
				code: 'partial-report',
				message:
					'partial report: no ratings table. None of the areas this programme rates (assessing, planning, implementation and delivery, work with victims) was found with a rating; only what the text states is kept.'
			});
		return validated({
			kind: 'inspection',
			inspection,
			...empty,
			ratings,
			context: extractContext(rows, area.authority, notes, warnings),
			caseload: extractCaseload(rows, warnings),
			recommendations: extractRecommendations(rows, warnings),
			warnings
		});
	}

	const overall = findOverallRating(rows);
	if (overall) inspection.overallRating = overall.rating;
	else warnings.push({ code: 'overall-missing', message: 'No overall rating was found.' });
	inspection.sample = findSample(rows, warnings);
	const ratings = found.noRatingsTable ? [] : reconcileRatings(framework, rows, warnings);
	const { keyQuestions, prompts } = extractKeyQuestions(framework, rows, notes, warnings);
	const publishedScore = findPublishedScore(rows);
	// with no ratings table there is nothing for the rules to check
	if (!found.noRatingsTable) {
		const rules = checkRules(framework, ratings, keyQuestions, {
			overall: overall?.rating,
			overallLine: overall?.line,
			score: publishedScore?.score,
			scoreLine: publishedScore?.line
		});
		warnings.push(...rules.warnings);
		if (rules.recomputed.score !== undefined) inspection.score = rules.recomputed.score;
	}

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
