/**
 * A dropped file -> a pending import: its rows, every problem (file, row, column, reason),
 * the rules' warnings, and the inspections it would replace. Nothing is written here.
 */
import type { Engine } from '../db/types';
import { existingInspections, knownArea } from '../queries/existing';
import { emptyDataset, TABLE_NAMES, type Dataset } from '../schema/tables';
import { kindOf, type FileKind } from './kind';
import { importRatingsCsv, type Problem } from './ratings-csv';
import { importReport } from './report';
import { nationOf } from './regions';

export interface Pending {
	id: string;
	name: string;
	kind: FileKind | null;
	source: string;
	sha256: string;
	rows: Dataset;
	problems: Problem[];
	warnings: string[];
	/** inspections in the file that the data already has */
	conflicts: { inspection_id: string; provenance: string }[];
	/** a report whose area is new: the user must choose the region */
	needsRegion?: { authority: string; authorityId: string };
	counts: { table: string; rows: number }[];
}

async function sha256(bytes: Uint8Array): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const counts = (rows: Dataset) => TABLE_NAMES.filter((t) => rows[t].length).map((t) => ({ table: t, rows: rows[t].length }));

export const MAX_BYTES = 20 * 1024 * 1024;

export async function prepareImport(db: Engine, name: string, bytes: Uint8Array, region?: string): Promise<Pending> {
	const base = {
		id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
		name,
		warnings: [] as string[],
		conflicts: [],
		counts: []
	};
	const empty = { ...base, kind: null, source: '', sha256: '', rows: emptyDataset() };
	if (bytes.length > MAX_BYTES)
		return { ...empty, problems: [{ file: name, reason: `the file is larger than ${MAX_BYTES / 1048576} MB` }] };
	if (bytes.length === 0) return { ...empty, problems: [{ file: name, reason: 'the file is empty' }] };
	const kind = kindOf(name, bytes.subarray(0, 1024));
	if (!kind.kind) return { ...empty, problems: [{ file: name, reason: kind.reason }] };
	const hash = await sha256(bytes);
	let source: string;
	if (kind.kind === 'report-pdf') {
		try {
			const { pdfText } = await import('./pdf');
			source = await pdfText(bytes);
		} catch (e) {
			return {
				...empty,
				kind: kind.kind,
				problems: [{ file: name, reason: `the PDF could not be read (${e instanceof Error ? e.message : String(e)})` }]
			};
		}
	} else {
		source = new TextDecoder('utf-8').decode(bytes);
		if (source.includes('\uFFFD\uFFFD'))
			return { ...empty, kind: kind.kind, problems: [{ file: name, reason: 'the file is not UTF-8 text' }] };
	}

	if (kind.kind === 'ratings-csv') {
		const r = importRatingsCsv(name, source);
		const conflicts = r.problems.length ? [] : await existingInspections(db, r.inspections);
		const warnings = r.rows.extraction_warnings.map((w) => `${w.inspection_id}: ${w.message}`);
		return {
			...base,
			kind: kind.kind,
			source,
			sha256: hash,
			rows: r.rows,
			problems: r.problems,
			warnings,
			conflicts,
			counts: counts(r.rows)
		};
	}

	// a report: place its area
	const probe = importReport(name, source, hash, { nation: 'England', region: 'Unknown', localAuthorities: [] });
	if (probe.problems.length || !probe.authorityId) return { ...empty, kind: kind.kind, source, problems: probe.problems };
	const known = await knownArea(db, probe.authorityId);
	const area = known
		? { nation: known.nation, region: known.region, localAuthorities: known.local_authorities }
		: region
			? { nation: nationOf(region), region, localAuthorities: [probe.authority!] }
			: undefined;
	const r = importReport(name, source, hash, area);
	const conflicts = await existingInspections(db, r.inspectionId ? [r.inspectionId] : []);
	return {
		...base,
		kind: kind.kind,
		source,
		sha256: hash,
		rows: r.rows,
		problems: r.problems.filter((p) => p.column !== 'region'),
		warnings: r.warnings,
		conflicts,
		needsRegion: area ? undefined : { authority: r.authority!, authorityId: r.authorityId! },
		counts: counts(r.rows)
	};
}

/** The rows to store: skipped conflicts removed, replaced ones listed. */
export function resolve(p: Pending, choices: Record<string, 'replace' | 'skip'>): { rows: Dataset; replaces: string[] } {
	const skip = new Set(p.conflicts.filter((c) => (choices[c.inspection_id] ?? 'skip') === 'skip').map((c) => c.inspection_id));
	const replaces = p.conflicts.filter((c) => choices[c.inspection_id] === 'replace').map((c) => c.inspection_id);
	const rows = Object.fromEntries(
		TABLE_NAMES.map((t) => [t, p.rows[t].filter((r) => !('inspection_id' in r) || !skip.has(String(r.inspection_id)))])
	) as Dataset;
	// an area whose only inspections were skipped is not added either
	const kept = new Set(rows.inspections.map((i) => i.authority_id));
	rows.authorities = rows.authorities.filter((a) => kept.has(a.authority_id));
	return { rows, replaces };
}
