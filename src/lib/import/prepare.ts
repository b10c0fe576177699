/**
 * A dropped file -> what it holds, checked against the data. Two steps: reading (bytes ->
 * text, once) and assessing (text -> an extraction or CSV rows, conflicts, known area). Every
 * later step (a region, a month, replace or skip) works from what was read, never from the
 * bytes again. Nothing is written here.
 */
import type { Engine } from '../db/types';
import { authorityIdOf, rowsFromExtracted } from '../dataset/from-extracted';
import { decodeText } from '../ingest/encoding';
import { existingInspections, knownArea } from '../queries/existing';
import { TABLE_NAMES, type Dataset } from '../schema/tables';
import type { Assessed, Conflict } from './batch';
import { kindOf, type FileKind } from './kind';
import { importRatingsCsv, type Problem } from './ratings-csv';
import { inThread, type ReportReader } from './off-thread';

export const MAX_BYTES = 20 * 1024 * 1024;

export interface ReadFile {
	name: string;
	kind: FileKind | null;
	/** the file as text (a PDF's text): what every later step works from */
	source: string;
	sha256: string;
	/** why the file cannot be read; none when it was */
	problems: Problem[];
}

export type PdfReader = (bytes: Uint8Array, onPage?: (page: number, pages: number) => void) => Promise<string>;

export interface ReadOptions {
	/** PDF pages read so far, of how many */
	onPage?: (page: number, pages: number) => void;
	/** how a PDF's text is read (default: pdf.js, ./pdf.ts) */
	pdfText?: PdfReader;
}

async function sha256(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const countsOf = (rows: Dataset) => TABLE_NAMES.filter((t) => rows[t].length).map((t) => ({ table: t, rows: rows[t].length }));

/** Bytes -> text, once. `bytes` is left intact: pdf.js is handed a copy, as it takes over what it is given. */
export async function readImportFile(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadFile> {
	const refused = (reason: string, kind: FileKind | null = null): ReadFile => ({
		name,
		kind,
		source: '',
		sha256: '',
		problems: [{ file: name, reason }]
	});
	if (bytes.length > MAX_BYTES) return refused(`the file is larger than ${MAX_BYTES / 1048576} MB`);
	if (bytes.length === 0) return refused('the file is empty');
	const kind = kindOf(name, bytes.subarray(0, 1024));
	if (!kind.kind) return refused(kind.reason);
	const hash = await sha256(bytes);
	let source: string;
	if (kind.kind === 'report-pdf') {
		try {
			const read = options.pdfText ?? (await import('./pdf')).pdfText;
			// pdf.js transfers the buffer it is given to its worker, leaving it empty here
			source = await read(bytes.slice(), options.onPage);
		} catch (e) {
			return refused(`the PDF could not be read (${e instanceof Error ? e.message : String(e)})`, kind.kind);
		}
		if (!source.trim()) return refused('the PDF has no text to read (a scan?): only PDFs with text can be imported', kind.kind);
	} else {
		const text = decodeText(bytes);
		source = text.text;
		if (source.includes('\uFFFD\uFFFD'))
			return refused(text.encoding === 'utf-8' ? 'the file is not UTF-8 text' : 'the file is not valid UTF-16 text', kind.kind);
	}
	return { name, kind: kind.kind, source, sha256: hash, problems: [] };
}

/**
 * What was read -> an extraction (or CSV rows), checked against the data. A report is read by
 * `readReport` (in the browser, a worker with a time limit: ./off-thread.ts); `signal` stops it.
 */
export async function assess(db: Engine, read: ReadFile, readReport: ReportReader = inThread, signal?: AbortSignal): Promise<Assessed> {
	if (read.problems.length || !read.kind) return { type: 'refused', kind: read.kind, problems: read.problems };
	if (read.kind === 'ratings-csv') {
		const r = importRatingsCsv(read.name, read.source);
		if (r.problems.length) return { type: 'refused', kind: read.kind, problems: r.problems };
		return recheck(db, {
			type: 'csv',
			kind: read.kind,
			source: read.source,
			sha256: read.sha256,
			rows: r.rows,
			warnings: r.rows.extraction_warnings.map((w) => `${w.inspection_id}: ${w.message}`),
			conflicts: [],
			counts: countsOf(r.rows)
		});
	}
	const report = await readReport(read.name, read.source, signal);
	if (!report.ok) return { type: 'refused', kind: read.kind, problems: report.problems };
	const x = report.value;
	return recheck(db, {
		type: 'report',
		kind: read.kind,
		source: read.source,
		sha256: read.sha256,
		read: x,
		extracted: x,
		area: null,
		conflicts: [],
		counts: countsOf(rowsFromExtracted(x, { file: read.name, sha256: read.sha256 }, 'imported'))
	});
}

/** Conflicts and the known area again, against the data as it is now (after a month fix, or an add). */
export async function recheck(db: Engine, a: Assessed): Promise<Assessed> {
	if (a.type === 'refused') return a;
	if (a.type === 'csv')
		return {
			...a,
			conflicts: await conflictsFor(
				db,
				a.rows.inspections.map((i) => String(i.inspection_id))
			)
		};
	const ins = a.extracted.inspection!;
	const known = await knownArea(db, authorityIdOf(ins.authority));
	return {
		...a,
		area: known ? { nation: known.nation, region: known.region, localAuthorities: known.local_authorities } : null,
		conflicts: ins.published ? await conflictsFor(db, [ins.id]) : []
	};
}

export const conflictsFor = (db: Engine, ids: string[]): Promise<Conflict[]> => existingInspections(db, ids);
