/** A table's CSV (as data/*.csv and the data room write it) -> typed rows of the data model. */
import { parseCsv } from '../csv';
import { TABLES, type Row, type TableName } from '../schema/tables';

export function parseTableCsv(table: TableName, text: string): Row[] {
	const { header, rows } = parseCsv(text);
	const cols = TABLES[table].columns;
	for (const c of cols) if (!header.includes(c.name)) throw new Error(`${table}.csv: missing column ${c.name}`);
	return rows.map((r, k) =>
		Object.fromEntries(
			cols.map((c) => {
				const v = r.cells[header.indexOf(c.name)] ?? '';
				if (v === '' && c.nullable) return [c.name, null];
				switch (c.type) {
					case 'INTEGER':
					case 'DOUBLE': {
						const n = Number(v);
						if (v === '' || !Number.isFinite(n)) throw new Error(`${table}.csv row ${k + 2}, column ${c.name}: "${v}" is not a number`);
						return [c.name, n];
					}
					case 'BOOLEAN':
						return [c.name, v === 'true'];
					case 'VARCHAR[]':
						return [c.name, v ? (JSON.parse(v) as string[]) : []];
					default:
						return [c.name, v];
				}
			})
		)
	);
}
