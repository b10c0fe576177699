/**
 * Rows -> Arrow IPC stream with the column types of the data model (arquero writes it,
 * flechette supplies the types). This is what the app loads into duckdb-wasm with
 * insertArrowFromIPCStream, at build time and for imported data alike.
 */
import * as aq from 'arquero';
import type { Row, TableName } from '../schema/tables';
import { arrowColumns } from './arrow-columns';

export function toArrowIPC(table: TableName, rows: readonly Row[]): Uint8Array {
	const { data, types } = arrowColumns(table, rows);
	return aq.toArrowIPC(aq.table(data), { format: 'stream', types });
}
