/**
 * Key questions ("% yes" per question) and prompts (a, b, c ... under each question).
 *
 * Reports give key questions in up to two places: a table under each standard's chapter
 * heading (often without codes) and Annexe 2 (with codes "2.1.3", or with prompt-level
 * figures under each question's wording). A question's code comes from its printed code, or
 * else from its standard and theme (x.y.1 desistance, x.y.2 child's safety, x.y.3 other
 * people's safety), so an omitted row never shifts the others.
 */
import type { Framework, KeyQuestion, Prompt, Theme, Warning } from '../schema/extracted';
import { activityOfText, standardDef, THEME_SUFFIX, themeFromCode, themeFromText } from '../rules/framework';
import { parsePct } from './numbers';
import { standardHeading } from './ratings';
import type { Footnotes, Row } from './text';
import { stripFootnotes } from './text';

interface KqSighting {
	code: string;
	text: string;
	pct: number;
	discretion: boolean;
	coded: boolean;
	line: number;
}

interface QuestionLine {
	code: string;
	text: string;
	line: number;
}

const KQ_CODE = /^([1-4])\.\s?([1-4])\.\s?([1-9])\.?\s+(.*)$/;
const QUESTION = /^(does|do|is|are|has|have|was|were|did)\b.*\?\s*$/i;

function discretionOf(marks: number[], star: boolean, notes: Footnotes, line: number): boolean {
	if (star) return true;
	return marks.some((m) => /discretion|professional judgement|professional judgment/i.test(notes.text(m, line) ?? ''));
}

/** Code for an uncoded question under standard `std`, from its wording. */
function codeFor(framework: Framework, std: string, text: string, position: number): { code?: string; theme?: Theme } {
	const theme = themeFromText(text);
	const [d, s] = std.split('.').map(Number);
	if (framework === 'yos-2018' && d === 3 && s === 4) {
		// 3.4.1 is about the YOT's recommendations, 3.4.2 about work with the police
		const t = text.toLowerCase();
		const q = /recommendation/.test(t) ? 1 : /police/.test(t) ? 2 : position;
		return q <= 2 ? { code: `${std}.${q}`, theme: 'joint-working' } : { theme: 'joint-working' };
	}
	if (!theme || theme === 'joint-working') return { theme };
	return { code: `${std}.${THEME_SUFFIX[theme]}`, theme };
}

export interface KqResult {
	keyQuestions: KeyQuestion[];
	prompts: Prompt[];
}

export function extractKeyQuestions(framework: Framework, rows: Row[], notes: Footnotes, warnings: Warning[]): KqResult {
	const sightings: KqSighting[] = [];
	const questionLines: QuestionLine[] = [];
	const prompts: (Prompt & { line: number })[] = [];
	let std: string | undefined;
	let position = 0;
	let question: QuestionLine | undefined;

	for (const row of rows) {
		const cells = row.cells;
		if (!cells.length) continue;
		const first = cells[0];

		const coded = KQ_CODE.exec(first);
		if (coded) {
			const code = `${coded[1]}.${coded[2]}.${coded[3]}`;
			const text = stripFootnotes(coded[4]).text;
			const pctCell = cells
				.slice(1)
				.map((c) => parsePct(c))
				.find((v) => v);
			question = { code, text, line: row.n };
			std = `${coded[1]}.${coded[2]}`;
			if (pctCell) {
				sightings.push({
					code,
					text,
					pct: pctCell.value,
					discretion: discretionOf(pctCell.marks, pctCell.star, notes, row.n),
					coded: true,
					line: row.n
				});
			} else if (standardDef(framework, std)?.caseBased) {
				const figure = cells.slice(1).find((c) => /\d/.test(c));
				if (figure) {
					// the row carries a figure, but not one that reads as a percentage
					warnings.push({
						code: 'row-unread',
						message: `Key question ${code} has a figure that could not be read as a percentage: "${figure}".`,
						line: row.n
					});
				}
				questionLines.push(question);
			}
			continue;
		}

		const head = standardHeading(first);
		if (head && head.rest && !/^\d/.test(head.rest)) {
			std = head.code;
			position = 0;
			question = undefined;
			continue;
		}
		if (/^\d\.\s+[A-Z]/.test(first) || /^annexe?\s+\d/i.test(first)) {
			// a domain heading or an annexe: questions no longer belong to the last standard
			std = undefined;
			question = undefined;
			continue;
		}
		if (!std || !standardDef(framework, std)?.caseBased) continue;

		const letter = /^([a-z])\)\s*(.*)$/.exec(first);
		if (letter && question) {
			const pctCell = cells
				.slice(1)
				.map((c) => parsePct(c))
				.find((v) => v);
			if (pctCell) {
				prompts.push({
					keyQuestion: question.code,
					letter: letter[1],
					text: stripFootnotes(letter[2]).text,
					pct: pctCell.value,
					line: row.n
				});
			}
			continue;
		}

		const text = stripFootnotes(first).text;
		if (!QUESTION.test(text)) continue;
		position++;
		const { code, theme } = codeFor(framework, std, text, position);
		if (!code) {
			warnings.push({
				code: 'kq-unplaced',
				message: `Could not tell which key question of standard ${std} this is: "${text}"${theme ? ` (theme ${theme})` : ''}.`,
				line: row.n
			});
			question = undefined;
			continue;
		}
		question = { code, text, line: row.n };
		const pctCell = cells
			.slice(1)
			.map((c) => parsePct(c))
			.find((v) => v);
		if (pctCell) {
			sightings.push({
				code,
				text,
				pct: pctCell.value,
				discretion: discretionOf(pctCell.marks, pctCell.star, notes, row.n),
				coded: false,
				line: row.n
			});
		} else if (cells.length === 1) {
			questionLines.push(question);
		}
	}

	return {
		keyQuestions: reconcileKeyQuestions(framework, sightings, questionLines, warnings),
		prompts: reconcilePrompts(prompts, warnings)
	};
}

function reconcileKeyQuestions(
	framework: Framework,
	sightings: KqSighting[],
	questionLines: QuestionLine[],
	warnings: Warning[]
): KeyQuestion[] {
	const byCode = new Map<string, KqSighting[]>();
	for (const s of sightings) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
	const out: KeyQuestion[] = [];
	for (const [code, seen] of byCode) {
		const std = code.split('.').slice(0, 2).join('.');
		// Annexe 2's coded row is the reference; the chapter table is checked against it.
		const ref = seen.find((s) => s.coded) ?? seen[0];
		for (const s of seen) {
			if (s.pct !== ref.pct) {
				warnings.push({
					code: 'kq-pct-conflict',
					message: `Key question ${code} is ${ref.pct}% on line ${ref.line} but ${s.pct}% on line ${s.line}; kept ${ref.pct}%.`,
					line: s.line
				});
			}
		}
		const byPosition = themeFromCode(framework, code);
		const def = standardDef(framework, std);
		for (const s of seen) {
			const byWords = themeFromText(s.text);
			const activity = activityOfText(s.text);
			const copied =
				(byPosition && byWords && byWords !== byPosition && byPosition !== 'joint-working') ||
				(def &&
					activity &&
					def.name !== activity &&
					!(activity === 'Implementation and delivery' && def.name === 'Implementation and delivery'));
			if (copied) {
				warnings.push({
					code: 'kq-text-mismatch',
					message: `Key question ${code} (${def?.name ?? std}) is worded "${s.text}" on line ${s.line}, which belongs to ${activity && def && activity !== def.name ? `standard ${activity}` : `another key question`}; the wording looks copied from elsewhere.`,
					line: s.line
				});
			}
		}
		const text = seen.find((s) => s.coded)?.text ?? ref.text;
		const theme = byPosition ?? themeFromText(text);
		if (!theme) {
			warnings.push({ code: 'kq-unplaced', message: `Key question ${code} has no recognisable theme: "${text}".`, line: ref.line });
			continue;
		}
		out.push({ code, standard: std, theme, text, pct: ref.pct, discretion: seen.some((s) => s.discretion) });
	}
	for (const q of questionLines) {
		if (!byCode.has(q.code)) {
			warnings.push({
				code: 'kq-missing',
				message: `Key question ${q.code} ("${q.text}") appears on line ${q.line} but no percentage is given for it in the report's tables; it is left out rather than invented.`,
				line: q.line
			});
			byCode.set(q.code, []);
		}
	}
	return out.sort((a, b) => compareCodes(a.code, b.code));
}

function reconcilePrompts(prompts: (Prompt & { line: number })[], warnings: Warning[]): Prompt[] {
	const seen = new Map<string, number>();
	const out: Prompt[] = [];
	for (const p of prompts) {
		const key = `${p.keyQuestion}/${p.letter}`;
		if (seen.has(key)) {
			warnings.push({
				code: 'duplicate-prompt-letter',
				message: `Key question ${p.keyQuestion} has two prompts lettered '${p.letter}' (lines ${seen.get(key)} and ${p.line}); both are kept, in report order.`,
				line: p.line
			});
		} else seen.set(key, p.line);
		out.push({ keyQuestion: p.keyQuestion, letter: p.letter, text: p.text, pct: p.pct });
	}
	return out;
}

export function compareCodes(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (d) return d;
	}
	return 0;
}
