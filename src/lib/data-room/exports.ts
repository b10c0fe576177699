/**
 * Downloads of the data room, as pure functions of rows (no DOM, no engine): each table as
 * CSV, Arrow IPC file (Feather v2) or Parquet with the data model's column order and types,
 * the console's result as CSV, and "everything" as one zip with a data dictionary and a
 * manifest of row counts.
 *
 * Types (src/lib/schema/tables.ts):
 *   VARCHAR   -> Arrow Utf8,         Parquet BYTE_ARRAY (UTF8),  CSV text
 *   INTEGER   -> Arrow Int32,        Parquet INT32,              CSV number
 *   DOUBLE    -> Arrow Float64,      Parquet DOUBLE,             CSV number
 *   BOOLEAN   -> Arrow Bool,         Parquet BOOLEAN,            CSV true/false
 *   VARCHAR[] -> Arrow List<Utf8>,   Parquet LIST of UTF8,       CSV JSON array
 * Every Parquet column is OPTIONAL (nullable), as DuckDB writes them.
 */
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { arrowColumns } from '../dataset/arrow-columns';
import { parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';
import { zipSync } from 'fflate';
import { csvCell, toCsv, type CsvValue } from '../csv';
import { TABLE_NAMES, TABLES, type ColumnType, type Row, type TableName } from '../schema/tables';

export type ExportFormat = 'csv' | 'arrow' | 'parquet';

export const FORMATS: Record<ExportFormat, { label: string; extension: string; mime: string }> = {
	csv: { label: 'CSV', extension: 'csv', mime: 'text/csv;charset=utf-8' },
	arrow: { label: 'Arrow (Feather v2)', extension: 'arrow', mime: 'application/vnd.apache.arrow.file' },
	parquet: { label: 'Parquet', extension: 'parquet', mime: 'application/vnd.apache.parquet' }
};

const names = (table: TableName) => TABLES[table].columns.map((c) => c.name);

/** CSV in the model's column order: lists as JSON arrays, formula-guarded text (as data/*.csv). */
export function tableCsv(table: TableName, rows: readonly Row[]): string {
	return toCsv(names(table), rows as readonly Record<string, CsvValue>[]);
}

/**
 * Arrow IPC *file* format (Feather v2: starts and ends with "ARROW1"), with the same column
 * types as the app's Arrow streams (src/lib/dataset/arrow.ts). pandas: pd.read_feather(path);
 * R: arrow::read_feather(path); DuckDB: read it with the arrow extension or via pyarrow.
 */
export function tableArrowFile(table: TableName, rows: readonly Row[]): Uint8Array {
	const { data, types } = arrowColumns(table, rows);
	return tableToIPC(tableFromArrays(data, { types }), { format: 'file' })!;
}

function parquetElements(name: string, t: ColumnType): SchemaElement[] {
	switch (t) {
		case 'VARCHAR':
			return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }];
		case 'INTEGER':
			return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
		case 'DOUBLE':
			return [{ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }];
		case 'BOOLEAN':
			return [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }];
		case 'VARCHAR[]':
			// the standard three-level LIST: <name> (LIST) > list (repeated) > element
			return [
				{ name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
				{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
				{ name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }
			];
	}
}

/** Parquet (snappy) with the model's types; lists are real Parquet lists of strings. */
export function tableParquet(table: TableName, rows: readonly Row[]): Uint8Array {
	const cols = TABLES[table].columns;
	const schema: SchemaElement[] = [{ name: 'root', num_children: cols.length }, ...cols.flatMap((c) => parquetElements(c.name, c.type))];
	const buffer = parquetWriteBuffer({
		schema,
		columnData: cols.map((c) => ({ name: c.name, data: rows.map((r) => r[c.name] ?? null) })),
		kvMetadata: [{ key: 'description', value: TABLES[table].description }],
		createdBy: 'Youth Justice Inspection Dashboard (hyparquet-writer)'
	});
	return new Uint8Array(buffer);
}

export function tableBytes(format: ExportFormat, table: TableName, rows: readonly Row[]): Uint8Array {
	if (format === 'csv') return new TextEncoder().encode(tableCsv(table, rows));
	return format === 'arrow' ? tableArrowFile(table, rows) : tableParquet(table, rows);
}

/** `key_questions.parquet`, or `key_questions-north-west.parquet` when restricted by the filters. */
export function tableFileName(table: TableName, format: ExportFormat, slug?: string): string {
	return `${table}${slug ? `-${slug}` : ''}.${FORMATS[format].extension}`;
}

export interface ZipFile {
	name: string;
	bytes: Uint8Array;
}

/** One zip of the given files (deflated; already compressed formats are stored as they are). */
export function zipAll(files: readonly ZipFile[]): Uint8Array {
	const seen = new Set<string>();
	const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
	for (const f of files) {
		if (seen.has(f.name)) throw new Error(`two files named ${f.name} in one zip`);
		seen.add(f.name);
		entries[f.name] = [f.bytes, { level: f.name.endsWith('.parquet') ? 0 : 6 }];
	}
	return zipSync(entries);
}

export interface BundleInfo {
	format: ExportFormat;
	/** what the rows cover, e.g. "all inspections" or "North West, 2019-2022" */
	coverage: string;
	/** were the rows restricted to the inspections matching the filters */
	filtered: boolean;
	/** ISO timestamp of the download */
	created: string;
	/** the site's address, for the README */
	site?: string;
}

/** Notes on formats that the page and the README both state. */
export const FORMAT_NOTES: Record<ExportFormat, string> = {
	csv: 'CSV: UTF-8, comma-separated, RFC 4180 quoting; empty cells are nulls; list columns are JSON arrays; text a spreadsheet would run as a formula (starting with = + - @) is prefixed with an apostrophe.',
	arrow:
		'Arrow IPC file format (Feather v2): pandas `pd.read_feather()`, R `arrow::read_feather()`, Polars `pl.read_ipc()`. Column types as listed below; list columns are List<Utf8>.',
	parquet:
		'Parquet (snappy): pandas `pd.read_parquet()`, R `arrow::read_parquet()`, DuckDB `read_parquet()`. INTEGER is INT32, DOUBLE is DOUBLE, VARCHAR is UTF-8 BYTE_ARRAY; list columns are Parquet LISTs of strings. Every column is nullable.'
};

/** README.md for a bundle: what it is, the format, and the data dictionary from TABLES. */
export function dataDictionary(counts: Record<TableName, number>, info: BundleInfo): string {
	const lines = [
		'# Youth Justice Inspection Dashboard: data',
		'',
		`Downloaded ${info.created}${info.site ? ` from ${info.site}` : ''}.`,
		info.filtered
			? `Rows restricted to the inspections matching the filters (${info.coverage}); thematic_recommendations and annual_aggregates are not tied to inspections and are complete.`
			: 'Every row of every table (no filters applied).',
		'',
		`Format: ${FORMAT_NOTES[info.format]}`,
		'',
		'Provenance of every row: `report` (extracted from report text), `reference` (published facts with their source),',
		'`imported` (added in this browser through the data room), `synthetic` (benchmark data).',
		'Sources: HM Inspectorate of Probation inspection reports and public pages, Crown copyright, Open Government Licence v3.0.',
		'',
		'`manifest.json` lists every file with its row count.',
		''
	];
	for (const t of TABLE_NAMES) {
		const def = TABLES[t];
		lines.push(`## ${t}`, '', `${def.description} Key: ${def.key.join(', ')}. Rows: ${counts[t] ?? 0}.`, '');
		lines.push('| column | type | meaning | unit |', '|---|---|---|---|');
		for (const c of def.columns)
			lines.push(`| ${c.name} | ${c.type}${c.nullable ? ' (nullable)' : ''} | ${c.description.replace(/\|/g, '\\|')} | ${c.unit ?? ''} |`);
		lines.push('');
	}
	return lines.join('\n');
}

export interface Manifest {
	created: string;
	format: ExportFormat;
	filtered: boolean;
	coverage: string;
	tables: { table: TableName; file: string; rows: number }[];
}

/** Every table in `format`, plus README.md and manifest.json: the files of "download everything". */
export function bundleFiles(tables: Record<TableName, readonly Row[]>, info: BundleInfo): ZipFile[] {
	const enc = new TextEncoder();
	const files: ZipFile[] = [];
	const manifest: Manifest = { created: info.created, format: info.format, filtered: info.filtered, coverage: info.coverage, tables: [] };
	const counts = {} as Record<TableName, number>;
	for (const t of TABLE_NAMES) {
		const rows = tables[t] ?? [];
		const file = tableFileName(t, info.format);
		files.push({ name: file, bytes: tableBytes(info.format, t, rows) });
		manifest.tables.push({ table: t, file, rows: rows.length });
		counts[t] = rows.length;
	}
	files.push({ name: 'README.md', bytes: enc.encode(dataDictionary(counts, info)) });
	files.push({ name: 'manifest.json', bytes: enc.encode(JSON.stringify(manifest, null, 2) + '\n') });
	return files;
}

/** A console value as text for a CSV cell or a table cell (BigInt as digits, lists and structs as JSON). */
export function plainValue(v: unknown): string | number | boolean | null {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
	if (typeof v === 'bigint') return v.toString();
	if (v instanceof Date) return v.toISOString();
	try {
		return JSON.stringify(v, (_k, x: unknown) =>
			typeof x === 'bigint'
				? x.toString()
				: ArrayBuffer.isView(x) && !(x instanceof DataView)
					? Array.from(x as unknown as ArrayLike<number>)
					: x
		);
	} catch {
		return String(v);
	}
}

/** CSV of a console result: column names may repeat, so rows are arrays, not records. */
export function resultCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
	const lines = [columns.map((c) => csvCell(c)).join(',')];
	for (const r of rows) lines.push(columns.map((_, i) => csvCell(plainValue(r[i]))).join(','));
	return lines.join('\r\n') + '\r\n';
}
