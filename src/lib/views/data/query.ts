/**
 * The data room's table browser: one page of any table of the data model, sorted by one of
 * its columns, optionally restricted to the inspections in view, and every row of a table for
 * downloads. Table and column names come from the user (a <select>, a column heading), so
 * both are checked against TABLES before they reach SQL; values go as parameters.
 */
import type { Engine, Param } from '../../db/types';
import type { Filters } from '../../filters';
import { scopeCte } from '../../queries/filter-sql';
import { TABLE_NAMES, TABLES, type Column, type Row, type TableName } from '../../schema/tables';

export const PAGE_SIZES = [25, 50, 100] as const;

/** How the global filters reach a table. */
export type FilterReach = 'inspections' | 'authorities' | 'none';

export function isTableName(name: unknown): name is TableName {
	return typeof name === 'string' && (TABLE_NAMES as readonly string[]).includes(name);
}

/** The table's definition, or an error naming the table (never SQL built from an unknown name). */
export function tableDef(name: string) {
	if (!isTableName(name)) throw new Error(`"${name}" is not a table of the data model`);
	return TABLES[name];
}

/** The column of `table` called `name`, or an error: a sort column is never trusted. */
export function column(table: TableName, name: string): Column {
	const col = TABLES[table].columns.find((c) => c.name === name);
	if (!col) throw new Error(`"${name}" is not a column of ${table}`);
	return col;
}

export function filterReach(table: TableName): FilterReach {
	if (table === 'authorities') return 'authorities';
	return TABLES[table].columns.some((c) => c.name === 'inspection_id') ? 'inspections' : 'none';
}

/** Why the filters do not apply to a table (null when they do). */
export function unfilteredNote(table: TableName): string | null {
	return filterReach(table) === 'none'
		? `${table} is not tied to individual inspections, so the filters do not apply to it: every row is shown and downloaded.`
		: null;
}

/** A validated name, quoted as an identifier. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Select list in the model's column order, each column cast to its type (no BigInt, lists as lists). */
function selectList(table: TableName): string {
	return TABLES[table].columns.map((c) => `${ident(c.name)}::${c.type} AS ${ident(c.name)}`).join(', ');
}

interface Scoped {
	/** `WITH scope AS (...)` or '' */
	with: string;
	where: string;
	params: Param[];
	/** true when the rows were restricted to the inspections in view */
	applied: boolean;
}

function scoped(table: TableName, filtered: boolean, filters: Filters): Scoped {
	const reach = filterReach(table);
	if (!filtered || reach === 'none') return { with: '', where: 'TRUE', params: [], applied: false };
	const scope = scopeCte(filters);
	const where =
		reach === 'authorities' ? 'authority_id IN (SELECT authority_id FROM scope)' : 'inspection_id IN (SELECT inspection_id FROM scope)';
	return { with: `WITH ${scope.sql}`, where, params: scope.params, applied: true };
}

function orderBy(table: TableName, sort: string | undefined, descending: boolean): string {
	const key = TABLES[table].key;
	const first = sort ? column(table, sort).name : undefined;
	const terms = first ? [`${ident(first)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`] : key.map((k) => `${ident(k)} ${descending ? 'DESC' : 'ASC'}`);
	// the key breaks ties, so paging is stable
	for (const k of key) if (k !== first && first) terms.push(`${ident(k)} ASC`);
	return terms.join(', ');
}

export interface BrowseOptions {
	/** 0-based page */
	page: number;
	pageSize: number;
	/** column to sort by (default: the table's key) */
	sort?: string;
	descending?: boolean;
	/** only rows of the inspections matching `filters` */
	filtered?: boolean;
	filters?: Filters;
}

export interface BrowsePage {
	table: TableName;
	columns: Column[];
	rows: Row[];
	/** rows in the table (after the filters, when applied) */
	total: number;
	/** the page actually shown (clamped to the last page) */
	page: number;
	pageSize: number;
	/** the sort column, or null for the key order */
	sort: string | null;
	descending: boolean;
	/** the rows were restricted to the inspections in view */
	filtered: boolean;
	/** set when the filters were asked for but do not apply to this table */
	note: string | null;
}

export async function browseTable(db: Engine, table: string, opts: BrowseOptions): Promise<BrowsePage> {
	const def = tableDef(table);
	const pageSize = Math.max(1, Math.min(1000, Math.floor(opts.pageSize) || PAGE_SIZES[0]));
	const descending = !!opts.descending;
	const order = orderBy(def.name, opts.sort, descending);
	const s = scoped(def.name, !!opts.filtered, opts.filters ?? {});
	const [{ n: total }] = await db.query<{ n: number }>(`${s.with} SELECT count(*)::INTEGER AS n FROM ${def.name} WHERE ${s.where}`, s.params);
	const last = Math.max(0, Math.ceil(total / pageSize) - 1);
	const page = Math.max(0, Math.min(last, Math.floor(opts.page) || 0));
	const rows = await db.query<Row>(
		`${s.with} SELECT ${selectList(def.name)} FROM ${def.name} WHERE ${s.where} ORDER BY ${order} LIMIT ? OFFSET ?`,
		[...s.params, pageSize, page * pageSize]
	);
	return {
		table: def.name,
		columns: [...def.columns],
		rows,
		total,
		page,
		pageSize,
		sort: opts.sort ? column(def.name, opts.sort).name : null,
		descending,
		filtered: s.applied,
		note: opts.filtered ? unfilteredNote(def.name) : null
	};
}

export interface TableRowsOptions {
	filtered?: boolean;
	filters?: Filters;
}

/** Every row of a table (model column order, key order), for downloads. */
export async function tableRows(db: Engine, table: string, opts: TableRowsOptions = {}): Promise<Row[]> {
	const def = tableDef(table);
	const s = scoped(def.name, !!opts.filtered, opts.filters ?? {});
	return db.query<Row>(`${s.with} SELECT ${selectList(def.name)} FROM ${def.name} WHERE ${s.where} ORDER BY ${orderBy(def.name, undefined, false)}`, s.params);
}

/** Rows of every table, for "download everything". */
export async function allTables(db: Engine, opts: TableRowsOptions = {}): Promise<Record<TableName, Row[]>> {
	const out = {} as Record<TableName, Row[]>;
	for (const t of TABLE_NAMES) out[t] = await tableRows(db, t, opts);
	return out;
}
