/**
 * A table's rows as Arrow columns with the data model's types: what both the Arrow IPC stream
 * the engine loads (dataset/arrow.ts) and the Feather file the data room exports
 * (data-room/exports.ts) are written from, so the two never disagree on a type.
 */
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

export function arrowColumns(table: TableName, rows: readonly Row[]) {
	const cols = TABLES[table].columns;
	return {
		data: Object.fromEntries(cols.map((c) => [c.name, rows.map((r) => r[c.name] ?? null)])),
		types: Object.fromEntries(cols.map((c) => [c.name, arrowType(c.type)]))
	};
}
