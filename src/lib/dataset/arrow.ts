/**
 * Rows -> Arrow IPC stream with the column types of the data model (arquero writes it,
 * flechette supplies the types). This is what the app loads into duckdb-wasm with
 * insertArrowFromIPCStream, at build time and for imported data alike.
 */
import * as aq from 'arquero';
import { bool, float64, int32, list, utf8 } from '@uwdata/flechette';
import { TABLES, type ColumnType, type Row, type TableName } from '../schema/tables';

function arrowType(t: ColumnType) {
	switch (t) {
		case 'VARCHAR':
			return utf8();
		case 'INTEGER':
			return int32();
		case 'DOUBLE':
			return float64();
		case 'BOOLEAN':
			return bool();
		case 'VARCHAR[]':
			return list(utf8());
	}
}

export function toArrowIPC(table: TableName, rows: readonly Row[]): Uint8Array {
	const cols = TABLES[table].columns;
	const data = Object.fromEntries(cols.map((c) => [c.name, rows.map((r) => r[c.name] ?? null)]));
	const types = Object.fromEntries(cols.map((c) => [c.name, arrowType(c.type)]));
	return aq.toArrowIPC(aq.table(data), { format: 'stream', types });
}
