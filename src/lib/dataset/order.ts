/** Deterministic row order: by the table's key, numbers as numbers, codes as dotted numbers. */
import { TABLES, type Row, type TableName } from '../schema/tables';

function cmp(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const sa = String(a ?? '');
	const sb = String(b ?? '');
	if (/^\d+(\.\d+)+$/.test(sa) && /^\d+(\.\d+)+$/.test(sb)) {
		const pa = sa.split('.').map(Number);
		const pb = sb.split('.').map(Number);
		for (let k = 0; k < Math.max(pa.length, pb.length); k++) if ((pa[k] ?? 0) !== (pb[k] ?? 0)) return (pa[k] ?? 0) - (pb[k] ?? 0);
		return 0;
	}
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function sortRows(table: TableName, rows: Row[]): Row[] {
	const key = TABLES[table].key;
	return [...rows].sort((x, y) => {
		for (const k of key) {
			const c = cmp(x[k], y[k]);
			if (c) return c;
		}
		return 0;
	});
}
