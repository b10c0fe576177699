/**
 * Short Quality Screening (2016): nothing is rated; each numbered paragraph of the four
 * sections states findings in words ("two-thirds", "all but three", "five cases"). Every
 * sentence becomes a finding, with the proportion of cases as a number where the words give
 * one (n = the number of cases examined) and none for "most" or "a small number".
 */
import type { ContextMetric, Finding, Warning } from '../schema/extracted';
import { COUNT_WORD, parseCount, proportionIn } from './numbers';
import type { Footnotes, Row } from './text';
import { rowText, stripFootnotes } from './text';

export function casesExamined(rows: Row[]): number | undefined {
	for (const row of rows) {
		const m = new RegExp(`\\b(?:examined|inspected|looked at|assessed) (${COUNT_WORD}) cases\\b`, 'i').exec(rowText(row));
		if (m) return parseCount(m[1]);
	}
	return undefined;
}

function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+(?=[A-Z“"])/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);
}

export function extractFindings(rows: Row[], warnings: Warning[]): Finding[] {
	const n = casesExamined(rows);
	if (n === undefined) {
		warnings.push({
			code: 'sqs-no-sample',
			message:
				'The number of cases examined was not found, so proportions given as counts ("five cases", "all but three") are left as words.'
		});
	}
	const paragraphs: { section: string; text: string }[] = [];
	let section: string | undefined;
	let inCommentary = false;
	// a numbered paragraph goes on over the lines that follow it (a PDF wraps it) until a blank
	// line, the next numbered paragraph or a heading
	let open = false;
	// a footnote interrupting a paragraph, over one or more lines
	let footnote = false;
	rows.forEach((row, at) => {
		if (!row.cells.length) {
			open = false;
			footnote = false;
			return;
		}
		const raw = rowText(row);
		// a footnote: its superscript number, or the number alone on a line as pdftotext prints it
		if (/^[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(raw) || /^\d{1,2}$/.test(raw.trim())) {
			footnote = true;
			return;
		}
		const text = stripFootnotes(raw.replace(/^[-•]\s+/, '')).text;
		if (footnote && !/^\d\.(\d{1,2}\.?)?\s/.test(text) && !/^[a-z]/.test(text)) return;
		footnote = false;
		const heading = /^(\d)\.\s+([A-Z][^.]{2,80})$/.exec(text);
		if (heading) {
			section = heading[2].trim();
			inCommentary = true;
			open = false;
			return;
		}
		const para = /^(\d)\.(\d{1,2})\.?\s+(.*)$/.exec(text);
		if (para && section) {
			paragraphs.push({ section, text: para[3] });
			open = true;
			return;
		}
		const last = paragraphs[paragraphs.length - 1];
		// a heading: short, capitalised, unpunctuated, and not carried on by the next line
		const next = rows[at + 1]?.cells[0] ?? '';
		const headingLike = /^[A-Z]/.test(text) && text.length < 60 && !/[.,;:]$/.test(text) && !/^[a-z]/.test(next);
		const unfinished = last && !/[.!?]['’"”)]?$/.test(last.text) && /^[-•]?\s*[a-z]/.test(raw);
		if (inCommentary && last && !headingLike && (open || unfinished)) {
			// a paragraph continued on the next line, or after a page break
			last.text += ' ' + text;
			return;
		}
		if (inCommentary && section && headingLike) {
			// the next unnumbered heading ends the commentary
			section = undefined;
			inCommentary = false;
			open = false;
		}
	});
	const out: Finding[] = [];
	for (const p of paragraphs) {
		for (const s of sentences(p.text)) {
			const proportion = proportionIn(s, n);
			out.push(proportion === undefined ? { section: p.section, text: s } : { section: p.section, text: s, proportion });
		}
	}
	return out;
}

/** The reoffending rates the summary quotes: "... for <area> was 36.2% ... average of 38.0%". */
export function extractSqsContext(rows: Row[], notes: Footnotes): ContextMetric[] {
	const out: ContextMetric[] = [];
	for (const row of rows) {
		const raw = rowText(row);
		if (!/reoffending rate/i.test(raw)) continue;
		const { text, marks } = stripFootnotes(raw);
		const note = marks.map((m) => notes.text(m, row.n)).find((x) => x);
		const period = note ? /([A-Z][a-z]+ \d{4} ?[–-] ?[A-Z][a-z]+ \d{4})/.exec(note)?.[1] : undefined;
		const extra = { ...(period ? { period } : {}), ...(note ? { source: note } : {}) };
		const local = /reoffending rate\s*(?:for|in)\s+([A-Z][\w ]+?)\s+was\s+(\d+(?:\.\d+)?)%/i.exec(text);
		if (local)
			out.push({
				metric: 'reoffending-rate',
				scope: 'local',
				value: Number(local[2]),
				unit: 'percent',
				label: `Reoffending rate in ${local[1]}`,
				...extra
			});
		const national = /England and Wales average of (\d+(?:\.\d+)?)%/i.exec(text);
		if (national)
			out.push({
				metric: 'reoffending-rate',
				scope: 'national',
				value: Number(national[1]),
				unit: 'percent',
				label: 'Reoffending rate in England and Wales',
				...extra
			});
		if (out.length) break;
	}
	return out;
}
