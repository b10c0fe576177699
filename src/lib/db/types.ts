/**
 * What the rest of the app sees of DuckDB: run SQL with parameters, get plain rows. The
 * browser engine (a Web Worker) and the Node engine (tests, prerender) both implement it,
 * so every query runs the same SQL in both places.
 */
export type Param = string | number | boolean | null;

export interface Engine {
	/** Rows as plain objects. Numbers must be cast in SQL (::INTEGER, ::DOUBLE): no BigInt here. */
	query<T = Record<string, unknown>>(sql: string, params?: readonly Param[]): Promise<T[]>;
	close(): Promise<void>;
}

/**
 * Settings applied before any data is loaded: never fetch an extension (duckdb-wasm ships
 * none and would hang trying to download one), never touch files or URLs, and lock that.
 */
export const LOCKDOWN = [
	'SET autoinstall_known_extensions = false',
	'SET autoload_known_extensions = false',
	'SET enable_external_access = false',
	'SET lock_configuration = true'
];

/** Inspections joined with their service (area, region, nation): derived on load, db/state.ts. */
export const WIDE_TABLE = 'inspections_wide';
