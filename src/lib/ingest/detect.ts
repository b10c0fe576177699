/**
 * Is this text an HMIP youth inspection report, and of which kind? A report names the area it
 * inspected in one of HMIP's title forms; that, not a word count, is what tells a report from
 * the inspectorate's other documents (adult probation inspections, annual reports, web pages
 * about the programmes, the standards-and-ratings page), each refused with its reason.
 */
import type { Framework } from '../schema/extracted';
import { findAuthority, isChildrenAndVictims, isShortQualityScreening } from './header';
import { KNOWN_STANDARD_NAMES } from '../rules/framework';
import { isContentsRow } from './ratings';
import type { Row } from './text';
import { rowText } from './text';

export type Detected =
	| {
			ok: true;
			kind: 'inspection';
			/** undefined when the text holds no ratings table to tell 2018 from 2021: the month decides */
			framework: Framework | undefined;
			/** the standards table was not found: an opening, a summary, or a table that could not be read */
			noRatingsTable: boolean;
	  }
	| { ok: true; kind: 'thematic' }
	| { ok: false; reason: string };

/** Binary data: NUL bytes, or many control / replacement characters. */
export function looksBinary(raw: string): boolean {
	if (raw.includes('\u0000')) return true;
	const sample = raw.slice(0, 8192);
	if (!sample.length) return false;
	let bad = 0;
	for (const ch of sample) {
		const c = ch.codePointAt(0) ?? 0;
		if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
	}
	return bad / sample.length > 0.02;
}

const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
const NAME_KEYS = KNOWN_STANDARD_NAMES.map(letters);

/**
 * The standard codes 1.1-4.1 that head a row (the ratings table, chapters, Annexe 2) with one
 * of HMIP's standard names: a numbered paragraph ("1.1. The majority of assessments ...") is
 * not a standard.
 */
export function standardCodes(rows: Row[]): Set<string> {
	const codes = new Set<string>();
	for (const row of rows) {
		if (isContentsRow(row.cells)) continue;
		const m = /^([1-4])\.\s?([1-4])\.?(?!\d)\s*(.*)$/.exec(row.cells[0] ?? '');
		if (!m) continue;
		const name = letters(m[3] || row.cells[1] || '');
		if (name && NAME_KEYS.some((k) => name.startsWith(k) || k.startsWith(name))) codes.add(`${m[1]}.${m[2]}`);
	}
	return codes;
}

const CORE = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3'];

export function detect(raw: string, rows: Row[]): Detected {
	if (raw.trim() === '') return { ok: false, reason: 'the file is empty' };
	if (looksBinary(raw)) return { ok: false, reason: 'the file is binary, not text (a PDF must be read as a PDF)' };
	const text = rows.map(rowText).join('\n');
	const front = rows.slice(0, 80).map(rowText).join('\n');
	const hmip = /(Inspectorate of Probation|HMI Probation|HMIP\b|hmiprobation)/i.test(text);
	const youth = /\b(youth (offending|justice)|YOTs?\b|YOS\b|YJS\b)/i.test(text);
	if (/Lines of Enquiry/i.test(text) && /How Do We Know/i.test(text) && /thematic/i.test(text) && youth) {
		return { ok: true, kind: 'thematic' };
	}
	const area = findAuthority(rows);
	// HMIP's web copies need not name the inspectorate: their title and foreword are its own
	const ownWords = /this inspection is part of our|we have inspected and rated|inspected and rated work with/i.test(text);
	if (!hmip && !(area && ownWords))
		return { ok: false, reason: 'it does not mention HM Inspectorate of Probation, so it is not an HMIP report' };
	if (!area) {
		if (
			/inspection of (adult )?probation (services|work)|community rehabilitation compan|national probation service|probation delivery unit/i.test(
				front
			)
		)
			return { ok: false, reason: 'it is an inspection of adult probation services, not of a youth justice service' };
		if (/^\s*(annual report|an? (annual|thematic) (report|inspection))/im.test(front) || /\bannual report\b/i.test(front))
			return { ok: false, reason: 'it is an annual or thematic report, not the inspection of one youth justice service' };
		if (!youth) return { ok: false, reason: 'it is not about youth offending or youth justice services' };
		return {
			ok: false,
			reason:
				'no inspected area is named: an inspection report opens with "An inspection of youth offending services in <area>" or a similar title (this looks like another HMIP document, such as a web page about the inspection programmes or the standards)'
		};
	}
	if (isChildrenAndVictims(rows)) return { ok: true, kind: 'inspection', framework: 'children-victims-2024', noRatingsTable: false };
	const codes = standardCodes(rows);
	const core = CORE.filter((c) => codes.has(c));
	if (isShortQualityScreening(rows) || (core.length < 6 && /Short Quality Screening/i.test(text))) {
		return { ok: true, kind: 'inspection', framework: 'sqs-2016', noRatingsTable: false };
	}
	if (core.length < 6) return { ok: true, kind: 'inspection', framework: undefined, noRatingsTable: true };
	const is2021 =
		codes.has('4.1') || /out-of-court disposal policy and provision/i.test(text) || /resettlement policy and provision/i.test(text);
	return { ok: true, kind: 'inspection', framework: is2021 ? 'yjs-2021' : 'yos-2018', noRatingsTable: false };
}
