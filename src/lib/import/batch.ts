/**
 * Many files at once in the data room, as a pure model: each file's status, what "Add all
 * ready" takes, and what the user is told. The reading loop (batch.svelte.ts) holds the state
 * and talks to the engine; everything it shows or stores is computed here.
 *
 * Status of a file, first that applies: still `waiting` or `reading`; `refused` (unreadable,
 * not a report, a problem in a CSV, or the same inspection as a file above it in the list);
 * `needs-month` (the text states no month); `needs-region` (a service new to the data);
 * `conflict` (the data holds the inspection: replace or skip); `partial` (the extraction
 * misses something the report has); else `ready`.
 */
import { authorityIdOf, rowsFromExtracted, type AreaInfo } from '../dataset/from-extracted';
import { incompleteness, withPublished } from '../ingest/index';
import { FRAMEWORK_NAMES, formatMonth } from '../labels';
import type { Extracted } from '../schema/extracted';
import { TABLE_NAMES, type Dataset } from '../schema/tables';
import type { FileKind } from './kind';
import type { Problem } from './ratings-csv';
import { nationOf } from './regions';
import { RECORD_VERSION, type ImportRecord } from './record';

export interface Conflict {
	inspection_id: string;
	provenance: string;
}
export type Choice = 'replace' | 'skip';

interface Checked {
	source: string;
	sha256: string;
	/** inspections in the file that the data already holds */
	conflicts: Conflict[];
	/** rows per table it adds */
	counts: { table: string; rows: number }[];
}

export interface ReportFile extends Checked {
	type: 'report';
	kind: 'report-text' | 'report-pdf';
	/** the extraction as read from the text (its month may be missing) */
	read: Extracted;
	/** the month the user gave, when the text states none */
	month?: string;
	/** `read` dated with that month: the extraction in use */
	extracted: Extracted;
	/** the service's nation and region, when the data knows the service */
	area: AreaInfo | null;
}

export interface CsvFile extends Checked {
	type: 'csv';
	kind: 'ratings-csv';
	rows: Dataset;
	warnings: string[];
}

export interface RefusedFile {
	type: 'refused';
	kind: FileKind | null;
	problems: Problem[];
}

export type Assessed = ReportFile | CsvFile | RefusedFile;

export interface BatchRow {
	/** unique in the batch */
	key: string;
	/** the file's name (its path inside a dropped folder) */
	name: string;
	size: number;
	stage: 'waiting' | 'reading' | 'done';
	file?: Assessed;
	/** per conflicting inspection; skip unless the user says replace */
	choices: Record<string, Choice>;
	/** a partial extraction is added only when the user ticks it */
	includePartial: boolean;
}

/** Regions the user chose for services new to the data, by service id (one choice per service). */
export type Regions = Record<string, string>;

export const STATUSES = ['waiting', 'reading', 'ready', 'partial', 'conflict', 'needs-month', 'needs-region', 'refused'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
	waiting: 'waiting',
	reading: 'reading',
	ready: 'ready',
	partial: 'partial',
	conflict: 'conflict',
	'needs-month': 'needs month',
	'needs-region': 'needs region',
	refused: 'refused'
};

export interface RowView {
	key: string;
	name: string;
	size: number;
	status: Status;
	/** refused: every problem (file, row, column, reason) */
	problems: Problem[];
	/** what a partial extraction misses (the extractor's words) */
	missing: string[];
	conflicts: Conflict[];
	/** the service(s) the file is about */
	area: string;
	/** a report of a service new to the data: its id and name, for the region choice */
	newService?: { authorityId: string; authority: string; region?: string };
	/** the service's region, known or chosen */
	region?: string;
	month: string;
	/** the text states no month: the user gives it */
	monthMissing: boolean;
	/** the month the user gave (YYYY-MM), for the month input */
	monthGiven: string;
	choices: Record<string, Choice>;
	includePartial: boolean;
	programme: string;
	overall: string;
	inspectionIds: string[];
	warnings: string[];
	counts: { table: string; rows: number }[];
	/** whether "Add all ready" adds it, as the choices stand */
	takes: boolean;
	/** what "Add all ready" does with it, in words */
	outcome: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const unique = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
const listed = (xs: string[], max = 3) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);

/** The month the user gives a report that states none: re-dated from what was read, never re-read. */
export function withMonth(f: ReportFile, month: string): ReportFile {
	// conflicts belong to the old id: the caller checks the data again (prepare.ts recheck)
	return { ...f, month: month || undefined, extracted: month ? withPublished(f.read, month) : f.read, conflicts: [] };
}

/** Inspection ids the file would add (none while its month is unknown). */
export function inspectionIds(f: Assessed | undefined): string[] {
	if (!f || f.type === 'refused') return [];
	if (f.type === 'csv') return f.rows.inspections.map((i) => String(i.inspection_id));
	const ins = f.extracted.inspection!;
	return ins.published ? [ins.id] : [];
}

function areaOf(f: ReportFile, regions: Regions): AreaInfo | null {
	if (f.area) return f.area;
	const ins = f.extracted.inspection!;
	const region = regions[authorityIdOf(ins.authority)];
	return region ? { nation: nationOf(region), region, localAuthorities: [ins.authority] } : null;
}

/** Rows without the skipped conflicts; a new service whose only inspections were skipped goes too. */
function resolve(rows: Dataset, conflicts: Conflict[], choices: Record<string, Choice>): { rows: Dataset; replaces: string[] } {
	const skip = new Set(conflicts.filter((c) => (choices[c.inspection_id] ?? 'skip') === 'skip').map((c) => c.inspection_id));
	const replaces = conflicts.filter((c) => choices[c.inspection_id] === 'replace').map((c) => c.inspection_id);
	const out = Object.fromEntries(
		TABLE_NAMES.map((t) => [t, rows[t].filter((r) => !('inspection_id' in r) || !skip.has(String(r.inspection_id)))])
	) as Dataset;
	const kept = new Set(out.inspections.map((i) => i.authority_id));
	out.authorities = out.authorities.filter((a) => kept.has(a.authority_id));
	return { rows: out, replaces };
}

/** The rows a file adds and the inspections it replaces, as the user's choices stand; null while it cannot be added. */
export function rowsToAdd(row: BatchRow, regions: Regions): { rows: Dataset; replaces: string[] } | null {
	const f = row.file;
	if (!f || f.type === 'refused') return null;
	if (f.type === 'csv') return resolve(f.rows, f.conflicts, row.choices);
	if (!f.extracted.inspection?.published) return null;
	const area = areaOf(f, regions);
	if (!area) return null;
	const rows = rowsFromExtracted(f.extracted, { file: row.name, sha256: f.sha256 }, 'imported', area);
	return resolve(rows, f.conflicts, row.choices);
}

function describe(f: Assessed | undefined): Pick<RowView, 'area' | 'month' | 'programme' | 'overall'> {
	if (!f || f.type === 'refused') return { area: '', month: '', programme: '', overall: '' };
	if (f.type === 'report') {
		const ins = f.extracted.inspection!;
		return {
			area: ins.authority,
			month: ins.published ? formatMonth(ins.published) : '',
			programme: FRAMEWORK_NAMES[ins.framework] ?? ins.framework,
			overall: ins.overallRating ?? (ins.framework === 'sqs-2016' ? 'not rated' : 'not stated')
		};
	}
	const names = new Map(f.rows.authorities.map((a) => [String(a.authority_id), String(a.name)]));
	const ins = f.rows.inspections;
	return {
		area: listed(unique(ins.map((i) => names.get(String(i.authority_id)) ?? String(i.authority_id)))),
		month: listed(unique(ins.map((i) => (i.published ? formatMonth(String(i.published)) : null)))),
		programme: listed(unique(ins.map((i) => FRAMEWORK_NAMES[String(i.framework)] ?? String(i.framework)))),
		overall: listed(unique(ins.map((i) => (i.overall_rating ? String(i.overall_rating) : null))))
	};
}

/** Every row's status and what "Add all ready" would do with it. */
export function viewBatch(rows: BatchRow[], regions: Regions): RowView[] {
	// an inspection claimed by a file above: a later file with it is refused (one copy per inspection)
	const claimed = new Map<string, string>();
	return rows.map((row): RowView => {
		const f = row.file;
		const base = {
			key: row.key,
			name: row.name,
			size: row.size,
			...describe(f),
			problems: [] as Problem[],
			missing: [] as string[],
			conflicts: [] as Conflict[],
			monthMissing: false,
			monthGiven: f?.type === 'report' ? (f.month ?? '') : '',
			choices: row.choices,
			includePartial: row.includePartial,
			inspectionIds: inspectionIds(f),
			warnings: [] as string[],
			counts: f && f.type !== 'refused' ? f.counts : [],
			takes: false
		};
		if (row.stage !== 'done' || !f)
			return {
				...base,
				status: row.stage === 'done' ? 'refused' : row.stage,
				outcome: row.stage === 'reading' ? 'being read' : 'waiting to be read'
			};
		if (f.type === 'refused') return { ...base, status: 'refused', problems: f.problems, outcome: 'not added' };

		const report = f.type === 'report' ? f : null;
		const ins = report?.extracted.inspection;
		const newService =
			report && !report.area
				? { authorityId: authorityIdOf(ins!.authority), authority: ins!.authority, region: regions[authorityIdOf(ins!.authority)] }
				: undefined;
		const view = {
			...base,
			newService,
			region: report ? (report.area?.region ?? newService?.region) : undefined,
			monthMissing: !!report && !report.read.inspection?.published,
			missing: report ? incompleteness(report.extracted).map((w) => w.message) : [],
			warnings: report ? report.extracted.warnings.map((w) => w.message) : (f as CsvFile).warnings,
			conflicts: f.conflicts
		};

		const twin = base.inspectionIds.find((id) => claimed.has(id));
		if (twin) {
			const first = claimed.get(twin)!;
			return {
				...view,
				newService: undefined,
				status: 'refused',
				problems: [
					{
						file: row.name,
						reason: `the same inspection (${twin}) as ${first}, above in this list: only one copy is added; remove ${first} from the list to add this file instead`
					}
				],
				outcome: 'not added'
			};
		}
		for (const id of base.inspectionIds) claimed.set(id, row.name);

		if (report && !ins!.published)
			return { ...view, status: 'needs-month', outcome: 'the text gives no month: enter it in the month column to add the file' };
		if (newService && !newService.region)
			return {
				...view,
				status: 'needs-region',
				outcome: `${newService.authority} is new to the data: choose its region in the area column to add the file`
			};

		// what adding would keep, from the choices alone (rows are built only when adding)
		const skipped = f.conflicts.filter((c) => (row.choices[c.inspection_id] ?? 'skip') === 'skip').length;
		const adds = base.inspectionIds.length > skipped;
		const replacing = f.conflicts.filter((c) => row.choices[c.inspection_id] === 'replace').map((c) => c.inspection_id);
		const partial = view.missing.length > 0;
		const takes = adds && (!partial || row.includePartial);
		const outcome = !adds
			? 'skipped: the data keeps what it has'
			: partial && !row.includePartial
				? 'not added unless ticked'
				: replacing.length
					? `will be added, replacing ${replacing.join(', ')}`
					: 'will be added';
		const status: Status = f.conflicts.length ? 'conflict' : partial ? 'partial' : 'ready';
		return { ...view, status, takes, outcome };
	});
}

/** Counts per status, in the order they are reported. */
export function tally(views: RowView[]): Partial<Record<Status, number>> {
	const out: Partial<Record<Status, number>> = {};
	for (const v of views) out[v.status] = (out[v.status] ?? 0) + 1;
	return out;
}

const TALLY_WORDS: [Status, (n: number) => string][] = [
	['ready', (n) => `${n} ready`],
	['partial', (n) => `${n} partial`],
	['conflict', (n) => plural(n, 'conflict')],
	['needs-month', (n) => `${n} need${n === 1 ? 's' : ''} a month`],
	['needs-region', (n) => `${n} need${n === 1 ? 's' : ''} a region`],
	['refused', (n) => `${n} refused`],
	['reading', (n) => `${n} being read`],
	['waiting', (n) => `${n} waiting`]
];

/** "Read 30 files: 26 ready, 1 partial, 3 refused" */
export function announce(views: RowView[]): string {
	const t = tally(views);
	const parts = TALLY_WORDS.filter(([s]) => t[s]).map(([s, words]) => words(t[s]!));
	const read = views.filter((v) => v.status !== 'waiting' && v.status !== 'reading').length;
	return `Read ${plural(read, 'file')}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

export function progressOf(rows: BatchRow[]): { read: number; total: number; words: string } {
	const read = rows.filter((r) => r.stage === 'done').length;
	return { read, total: rows.length, words: `${read} of ${plural(rows.length, 'file')} read` };
}

/**
 * What "Add all ready" stores: one record per file it takes (so each can be removed on its
 * own), all written together. Ids sort in list order, so the imports apply in that order.
 */
export function planAdd(
	rows: BatchRow[],
	regions: Regions,
	now: Date,
	stamp = `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
): { records: ImportRecord[]; keys: string[] } {
	const views = viewBatch(rows, regions);
	const records: ImportRecord[] = [];
	const keys: string[] = [];
	rows.forEach((row, k) => {
		const f = row.file;
		if (!views[k].takes || !f || f.type === 'refused') return;
		const { rows: data, replaces } = rowsToAdd(row, regions)!;
		const ids = data.inspections.map((i) => String(i.inspection_id));
		records.push({
			version: RECORD_VERSION,
			id: `${stamp}-${String(records.length).padStart(4, '0')}`,
			name: row.name,
			kind: f.kind,
			createdAt: now.toISOString(),
			source: f.source,
			rows: data,
			replaces,
			summary: `${plural(ids.length, 'inspection')} (${ids.join(', ')})${replaces.length ? `, replacing ${replaces.join(', ')}` : ''}`
		});
		keys.push(row.key);
	});
	return { records, keys };
}

/** One line per problem, naming the file (and row and column in a CSV). */
export function problemText(p: Problem): string {
	return `${p.file}${p.row ? `, row ${p.row}` : ''}${p.column ? `, column ${p.column}` : ''}: ${p.reason}`;
}

/** The same without the file's name, beside the file in its row. */
export function reasonText(p: Problem): string {
	const where = [p.row ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
	return where ? `${where}: ${p.reason}` : p.reason;
}
