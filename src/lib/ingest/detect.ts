/** Is this text an HMIP youth inspection report, and of which kind? */
import type { Framework } from '../schema/extracted';
import type { Row } from './text';
import { rowText } from './text';

export type Detected =
	{ ok: true; kind: 'inspection'; framework: Framework } | { ok: true; kind: 'thematic' } | { ok: false; reason: string };

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

export function detect(raw: string, rows: Row[]): Detected {
	if (raw.trim() === '') return { ok: false, reason: 'the file is empty' };
	if (looksBinary(raw)) return { ok: false, reason: 'the file is binary, not text (a PDF must be converted to text first)' };
	const text = rows.map(rowText).join('\n');
	const hmip = /(Inspectorate of Probation|HMI Probation|HMIP\b|hmiprobation)/i.test(text);
	const youth = /\b(youth (offending|justice)|YOTs?\b|YOS\b|YJS\b)/i.test(text);
	if (/Lines of Enquiry/i.test(text) && /How Do We Know/i.test(text) && /thematic/i.test(text) && youth) {
		return { ok: true, kind: 'thematic' };
	}
	const codes = new Set<string>();
	for (const row of rows) {
		const m = /^([1-4])\.\s?([1-4])\.?\s+[A-Z]/.exec(row.cells[0] ?? '');
		if (m) codes.add(`${m[1]}.${m[2]}`);
	}
	const core = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3'].filter((c) => codes.has(c));
	if (!hmip) return { ok: false, reason: 'it does not mention HM Inspectorate of Probation, so it is not an HMIP report' };
	if (!youth) return { ok: false, reason: 'it is not about youth offending or youth justice services' };
	if (core.length < 6 && /Short Quality Screening/i.test(text)) {
		return { ok: true, kind: 'inspection', framework: 'sqs-2016' };
	}
	if (core.length < 6) {
		return { ok: false, reason: `no table of inspection standards found (found ${core.length} of the 11 core standard codes 1.1-3.3)` };
	}
	const is2021 =
		codes.has('4.1') || /out-of-court disposal policy and provision/i.test(text) || /resettlement policy and provision/i.test(text);
	return { ok: true, kind: 'inspection', framework: is2021 ? 'yjs-2021' : 'yos-2018' };
}
