/**
 * What a stored import is, checked one record at a time when the store is read. A record that
 * passes (or that an older version of the dashboard stored, once migrated) loads; any other is
 * kept as it is and listed as damaged, with the name and date that can still be read from it,
 * every problem naming its field, and what it needs. A damaged record never hides the others or
 * the shipped data. Pure: no IndexedDB here (store.ts reads the records; this decides).
 *
 * Versions of the stored record (`version`; none = 1):
 * 1. the first: id, name, kind, createdAt, source, rows (every table), replaces, summary.
 * 2. the same with `version: 2`, so that a later change to the data model can tell the records
 *    written before it. Migrating a record from version 1: a table the data model gained since
 *    becomes an empty list, a nullable column it gained becomes null. Migration happens as the
 *    record is read; the stored record is never rewritten, so an older copy of the site still
 *    reads it. A record of a newer version than this dashboard knows is kept and not loaded.
 */
import { z } from 'zod';
import { rowSchema, TABLE_NAMES, TABLES, type Dataset } from '../schema/tables';
import type { FileKind } from './kind';

export const RECORD_VERSION = 2;
const KINDS = ['report-text', 'report-pdf', 'ratings-csv'] as const satisfies readonly FileKind[];

export interface ImportRecord {
	version: typeof RECORD_VERSION;
	id: string;
	name: string;
	kind: FileKind;
	createdAt: string;
	/** the file as text (a PDF's extracted text), kept so the import can be checked again */
	source: string;
	rows: Dataset;
	/** inspection ids whose shipped rows this import replaces */
	replaces: string[];
	summary: string;
}

/** A record as IndexedDB gave it: its key and whatever value is stored under it. */
export interface StoredEntry {
	key: IDBValidKey;
	value: unknown;
}

export interface DamagedImport {
	/** the store's key, to remove it by */
	key: IDBValidKey;
	/** the key as text, for the page */
	label: string;
	/** what can be read of the record: its file name, when it was added, its kind */
	name: string | null;
	createdAt: string | null;
	kind: FileKind | null;
	/** what is wrong, each naming the field (the first few) */
	problems: string[];
	/** problems beyond those listed */
	more: number;
	/** what it needs to be used again */
	needs: string;
	/** the record exactly as stored, for export */
	raw: unknown;
}

export interface CheckedImports {
	/** records that load, oldest first (ids break ties: a batch's records keep their list order) */
	good: ImportRecord[];
	damaged: DamagedImport[];
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s));

const tableShape: Record<string, z.ZodType> = Object.fromEntries(TABLE_NAMES.map((t) => [t, z.array(rowSchema(t))]));
const Rows = z.object(tableShape).strict();

/** The current record. Fields beyond these are ignored (they load nothing). */
const Current = z.object({
	version: z.literal(RECORD_VERSION),
	id: z.string().min(1),
	name: z.string().refine((s) => s.trim() !== '', 'empty'),
	kind: z.enum(KINDS),
	createdAt: z.string().refine(isDate, 'not a date and time'),
	source: z.string(),
	rows: Rows,
	replaces: z.array(z.string()),
	summary: z.string()
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 1 -> 2: tables and nullable columns the data model gained are filled in; nothing else changes. */
function fromVersion1(r: Record<string, unknown>): Record<string, unknown> {
	const rows = r.rows;
	if (!isObject(rows)) return { ...r, version: 2 };
	const filled: Record<string, unknown> = { ...rows };
	for (const t of TABLE_NAMES) {
		if (!(t in filled)) {
			filled[t] = [];
			continue;
		}
		const list = filled[t];
		if (!Array.isArray(list)) continue;
		const nullable = TABLES[t].columns.filter((c) => c.nullable).map((c) => c.name);
		filled[t] = list.map((row: unknown) =>
			isObject(row) ? { ...Object.fromEntries(nullable.filter((c) => !(c in row)).map((c) => [c, null])), ...row } : row
		);
	}
	return { ...r, version: 2, rows: filled };
}

/** Each step takes a record of version n to n + 1. */
const MIGRATIONS: Record<number, (r: Record<string, unknown>) => Record<string, unknown>> = { 1: fromVersion1 };

/** "rows.inspections[0].published" */
function pathText(path: readonly PropertyKey[]): string {
	let out = '';
	for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
	return out || 'the record';
}

function valueAt(v: unknown, path: readonly PropertyKey[]): unknown {
	let here = v;
	for (const p of path) {
		if (typeof here !== 'object' || here === null) return undefined;
		here = (here as Record<PropertyKey, unknown>)[p];
	}
	return here;
}

/** A value in a few words: what was found where something else was expected. */
export function valueWords(v: unknown): string {
	if (v === null) return 'null';
	if (v === undefined) return 'nothing';
	if (typeof v === 'string') return `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
	if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `${v}`;
	if (typeof v === 'boolean') return `${v}`;
	if (typeof v === 'bigint') return `the big integer ${v}`;
	if (Array.isArray(v)) return `a list of ${v.length}`;
	if (v instanceof Date) return 'a date object';
	if (typeof v === 'object') return 'an object';
	return `a ${typeof v}`;
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object'
};

function issueText(issue: z.core.$ZodIssue, value: unknown): string {
	const where = pathText(issue.path);
	const found = valueAt(value, issue.path);
	switch (issue.code) {
		case 'invalid_type':
			return found === undefined
				? `${where}: missing`
				: `${where}: expected ${EXPECTED[issue.expected] ?? issue.expected}, found ${valueWords(found)}`;
		case 'unrecognized_keys': {
			const what = issue.path.length === 1 && issue.path[0] === 'rows' ? 'table' : 'column';
			return `${where}: unknown ${what}${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
		}
		case 'invalid_value':
			return `${where}: ${valueWords(found)}, expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
		case 'too_big':
		case 'too_small':
			return `${where}: ${valueWords(found)} is out of range`;
		default:
			return `${where}: ${issue.message}${found === undefined ? '' : ` (found ${valueWords(found)})`}`;
	}
}

const LISTED = 5;

function readable(key: IDBValidKey, raw: unknown) {
	const r = isObject(raw) ? raw : {};
	const name = typeof r.name === 'string' && r.name.trim() ? r.name.trim().slice(0, 200) : null;
	const at = r.createdAt;
	const createdAt =
		typeof at === 'string' && isDate(at)
			? at
			: typeof at === 'number' && Number.isFinite(at) && Math.abs(at) < 8.64e15
				? new Date(at).toISOString()
				: null;
	const kind = KINDS.find((k) => k === r.kind) ?? null;
	return { key, label: keyText(key), name, createdAt, kind, raw };
}

function keyText(key: IDBValidKey): string {
	if (typeof key === 'string') return key;
	if (typeof key === 'number') return String(key);
	if (key instanceof Date) return Number.isNaN(key.getTime()) ? 'an invalid date' : key.toISOString();
	if (Array.isArray(key)) return `[${key.map(keyText).join(', ')}]`;
	return 'binary key';
}

const damaged = (key: IDBValidKey, raw: unknown, problems: string[], needs: string): DamagedImport => ({
	...readable(key, raw),
	problems: problems.slice(0, LISTED),
	more: Math.max(0, problems.length - LISTED),
	needs
});

const REIMPORT =
	'It is not loaded and is kept as it is: export it to keep what it holds (the file’s text is in the export), then remove it and import the file again.';

/** One stored record -> a record that loads (migrated if it was older), or a damaged one. */
export function checkRecord(key: IDBValidKey, raw: unknown): { ok: true; record: ImportRecord } | { ok: false; damaged: DamagedImport } {
	if (!isObject(raw)) return { ok: false, damaged: damaged(key, raw, [`the record is not an object: found ${valueWords(raw)}`], REIMPORT) };
	const version = raw.version === undefined ? 1 : raw.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return { ok: false, damaged: damaged(key, raw, [`version: expected a whole number from 1, found ${valueWords(version)}`], REIMPORT) };
	if (version > RECORD_VERSION)
		return {
			ok: false,
			damaged: damaged(
				key,
				raw,
				[`version: ${version}, stored by a newer version of this dashboard (this one reads versions 1 to ${RECORD_VERSION})`],
				'It is kept as it is and not loaded here: open the newest version of the dashboard in this browser to use it, or export it.'
			)
		};
	let value: Record<string, unknown> = raw;
	for (let v = version; v < RECORD_VERSION; v++) value = MIGRATIONS[v](value);
	const parsed = Current.safeParse(value);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => issueText(i, value));
		return { ok: false, damaged: damaged(key, raw, problems, REIMPORT) };
	}
	if (parsed.data.id !== key)
		return {
			ok: false,
			damaged: damaged(key, raw, [`id: "${parsed.data.id}" is not the key it is stored under (${keyText(key)})`], REIMPORT)
		};
	return { ok: true, record: parsed.data as ImportRecord };
}

/** Every stored record, checked one by one: one that fails never takes another with it. */
export function checkStored(entries: readonly StoredEntry[]): CheckedImports {
	const good: ImportRecord[] = [];
	const bad: DamagedImport[] = [];
	for (const { key, value } of entries) {
		let checked: ReturnType<typeof checkRecord>;
		try {
			checked = checkRecord(key, value);
		} catch (e) {
			// a value no check foresaw (a getter that throws cannot come out of IndexedDB, but nothing here is allowed to take the list down)
			checked = {
				ok: false,
				damaged: damaged(key, value, [`the record could not be checked (${e instanceof Error ? e.message : String(e)})`], REIMPORT)
			};
		}
		if (checked.ok) good.push(checked.record);
		else bad.push(checked.damaged);
	}
	good.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return { good, damaged: bad };
}

/** A record that passed the checks but that the engine could not load: listed with the others, with why. */
export function unloadable(r: ImportRecord, reason: string): DamagedImport {
	return damaged(r.id, r, [`the data engine could not load its rows: ${reason}`], REIMPORT);
}

/**
 * A stored value as JSON, exactly what it holds as far as JSON can say it: big integers as
 * text, Maps and Sets as lists, binary data as lists of bytes, a value met again (a cycle) as
 * "[repeated]". Never throws: a damaged record is always exportable.
 */
export function rawJson(value: unknown): string {
	const seen = new WeakSet<object>();
	const replacer = (_key: string, v: unknown): unknown => {
		if (typeof v === 'bigint') return v.toString();
		if (typeof v === 'undefined' || typeof v === 'function' || typeof v === 'symbol') return v === undefined ? undefined : String(v);
		if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
		if (typeof v !== 'object' || v === null) return v;
		if (seen.has(v)) return '[repeated]';
		seen.add(v);
		if (v instanceof Map) return { Map: [...v.entries()] };
		if (v instanceof Set) return { Set: [...v.values()] };
		if (ArrayBuffer.isView(v)) return { bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
		if (v instanceof ArrayBuffer) return { bytes: Array.from(new Uint8Array(v)) };
		if (typeof Blob !== 'undefined' && v instanceof Blob) return { blob: { type: v.type, size: v.size } };
		if (v instanceof Error) return { error: v.name, message: v.message };
		if (v instanceof RegExp) return String(v);
		return v;
	};
	try {
		return JSON.stringify(value, replacer, 2) ?? 'null';
	} catch (e) {
		return JSON.stringify({ unreadable: e instanceof Error ? e.message : String(e) });
	}
}

/** A file name for a damaged record's export: its name (or key), made safe for a download. */
export function exportName(d: Pick<DamagedImport, 'name' | 'label'>): string {
	const base =
		(d.name ?? d.label)
			.replace(/[^\p{L}\p{N}._-]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'import';
	return `damaged-import-${base}.json`;
}
