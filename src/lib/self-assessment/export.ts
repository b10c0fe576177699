/**
 * The self-assessment out and back in: a CSV worksheet (one row per line of enquiry,
 * formula-safe through toCsv) that imports back to the same assessment, and a Markdown report
 * grouped by thematic inspection. Import is all or nothing: every problem is listed with its
 * line in the file, and a file with any problem changes nothing.
 */
import { z } from 'zod';
import { CsvError, parseCsv, toCsv } from '../csv';
import {
	Status,
	STATUS_LABELS,
	STATUSES,
	assessableLines,
	describeProgress,
	entryOf,
	groupByThematic,
	lineKey,
	normalise,
	progress,
	textItems,
	type Assessment,
	type ThematicRecommendation
} from './model';

export const CSV_COLUMNS = ['recommendation', 'line', 'thematic', 'year', 'addressee', 'line_of_enquiry', 'status', 'notes'] as const;
/** Columns an imported file must have; the others are there for the reader. */
export const REQUIRED_COLUMNS = ['recommendation', 'line', 'status', 'notes'] as const;

export function assessmentCsv(recs: readonly ThematicRecommendation[], a: Assessment): string {
	return toCsv(
		CSV_COLUMNS,
		assessableLines(recs).map((l) => {
			const e = entryOf(a, l.key);
			return {
				recommendation: l.recommendation,
				line: l.line,
				thematic: l.thematic,
				year: l.year,
				addressee: l.addressee,
				line_of_enquiry: l.text,
				status: e.status,
				notes: e.notes
			};
		})
	);
}

export interface MarkdownOptions {
	/** "2025-01-31": the date printed in the report */
	date: string;
}

export function assessmentMarkdown(recs: readonly ThematicRecommendation[], a: Assessment, { date }: MarkdownOptions): string {
	const out: string[] = [];
	const all = assessableLines(recs);
	out.push('# Thematic self-assessment', '');
	out.push(
		`Exported ${date} from the Youth Justice Inspection Dashboard. Recommendations of HM Inspectorate of Probation thematic inspections, with their lines of enquiry.`,
		''
	);
	out.push(`Overall: ${describeProgress(progress(all, a))}.`, '');
	out.push('| Thematic inspection | Year | Lines | Met | Partly met | Not met | Not assessed |', '|---|---|---|---|---|---|---|');
	const groups = groupByThematic(recs);
	for (const g of groups) {
		const p = progress(assessableLines(g.recommendations), a);
		out.push(`| ${cell(g.thematic)} | ${g.year} | ${p.total} | ${p.met} | ${p.partly} | ${p.notMet} | ${p.unassessed} |`);
	}
	out.push('');
	for (const g of groups) {
		out.push(`## ${g.thematic} (${g.year})`, '');
		out.push(`Progress: ${describeProgress(progress(assessableLines(g.recommendations), a))}.`, '');
		for (const r of g.recommendations) {
			out.push(`### Recommendation ${r.ordinal}`, '', `For: ${r.addressee}`, '');
			for (const item of textItems(r.text)) out.push(`- ${item}`);
			out.push('');
			if (!r.lines_of_enquiry.length) {
				out.push('No lines of enquiry were published for this recommendation.', '');
				continue;
			}
			r.lines_of_enquiry.forEach((text, i) => {
				const e = entryOf(a, lineKey(r.ordinal, i + 1));
				out.push(`#### ${lineKey(r.ordinal, i + 1)} ${text}`, '', `Status: **${STATUS_LABELS[e.status]}**`, '');
				if (e.notes.trim()) out.push('Notes:', '', ...e.notes.split(/\r?\n/).map((l) => `> ${l}`), '');
			});
			if (r.evidence.length) {
				out.push('How do we know (evidence that would show it):', '');
				for (const ev of r.evidence) out.push(`- ${ev}`);
				out.push('');
			}
		}
	}
	return out.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export interface ImportProblem {
	/** 1-based line in the file */
	line: number;
	message: string;
}

export type ImportResult = { ok: true; entries: Assessment; rows: number } | { ok: false; problems: ImportProblem[] };

const ALLOWED = STATUSES.map((s) => (s ? `"${s}"` : 'empty')).join(', ');
const whole = (what: string) =>
	z
		.string()
		.trim()
		.regex(/^\d+$/, { error: (iss) => `${what} "${String(iss.input)}" is not a whole number` })
		.transform(Number);

const ImportRow = z.object({
	recommendation: whole('recommendation'),
	line: whole('line'),
	status: z
		.string()
		.transform((v) => v.trim().toLowerCase())
		.pipe(Status),
	notes: z.string()
});

/** Read an exported worksheet back. Every problem is reported; any problem means no entries. */
export function parseAssessmentCsv(text: string, recs: readonly ThematicRecommendation[]): ImportResult {
	let table;
	try {
		table = parseCsv(text);
	} catch (e) {
		if (e instanceof CsvError) return { ok: false, problems: [{ line: e.line, message: `the file is not valid CSV: ${e.message}` }] };
		throw e;
	}
	const missing = REQUIRED_COLUMNS.filter((c) => !table.header.includes(c));
	if (missing.length) {
		return {
			ok: false,
			problems: [
				{
					line: 1,
					message: `the header has no ${missing.map((c) => `"${c}"`).join(', ')} column${missing.length === 1 ? '' : 's'} (expected: ${CSV_COLUMNS.join(', ')})`
				}
			]
		};
	}
	if (!table.rows.length) return { ok: false, problems: [{ line: 1, message: 'the file has a header but no rows' }] };

	const linesOf = new Map(recs.map((r) => [r.ordinal, r.lines_of_enquiry.length]));
	const problems: ImportProblem[] = [];
	const seen = new Map<string, number>();
	const entries: Assessment = {};
	for (const { line, cells } of table.rows) {
		if (cells.length !== table.header.length) {
			problems.push({
				line,
				message: `the row has ${cells.length} cell${cells.length === 1 ? '' : 's'}, the header has ${table.header.length}`
			});
			continue;
		}
		const record = Object.fromEntries(table.header.map((h, i) => [h, cells[i]]));
		const parsed = ImportRow.safeParse(record);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) {
				const message =
					issue.path[0] === 'status' ? `status "${record.status}" is not one of the allowed values (${ALLOWED})` : issue.message;
				problems.push({ line, message });
			}
			continue;
		}
		const { recommendation: n, line: m, status, notes } = parsed.data;
		const key = lineKey(n, m);
		const count = linesOf.get(n);
		if (count === undefined) {
			problems.push({
				line,
				message: `there is no recommendation ${n} in the thematic recommendations (they are numbered 1 to ${Math.max(0, ...linesOf.keys())})`
			});
			continue;
		}
		if (m < 1 || m > count) {
			problems.push({
				line,
				message: count
					? `recommendation ${n} has ${count} line${count === 1 ? '' : 's'} of enquiry, so there is no line ${key}`
					: `recommendation ${n} has no lines of enquiry to assess, so there is no line ${key}`
			});
			continue;
		}
		const first = seen.get(key);
		if (first !== undefined) {
			problems.push({ line, message: `line ${key} appears twice (first on line ${first})` });
			continue;
		}
		seen.set(key, line);
		entries[key] = { status, notes };
	}
	if (problems.length) return { ok: false, problems };
	return { ok: true, entries: normalise(entries), rows: table.rows.length };
}
