/**
 * What the shipped data/ holds, counted from its CSV copies (not with the app's SQL): tests
 * compare what the app shows with these, so a rebuild that adds inspections needs no edit.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../src/lib/csv';
import { ROOT } from './paths';

/** Rows of data/<table>.csv as records of strings ('' for null). */
export function shippedRows(table: string): Record<string, string>[] {
	const t = parseCsv(readFileSync(`${ROOT}/data/${table}.csv`, 'utf8'));
	return t.rows.map((r) => Object.fromEntries(t.header.map((h, k) => [h, r.cells[k]])));
}

const inspections = shippedRows('inspections');
const regionOf = new Map(shippedRows('authorities').map((a) => [a.authority_id, a.region]));

export const shipped = {
	inspections: inspections.length,
	/** services with at least one inspection */
	services: new Set(inspections.map((i) => i.authority_id)).size,
	/** inspections with an overall rating (the 2016 screening has none) */
	rated: inspections.filter((i) => i.overall_rating !== '').length,
	fromSource: (provenance: string) => inspections.filter((i) => i.provenance === provenance).length,
	inRegion: (region: string) => inspections.filter((i) => regionOf.get(i.authority_id) === region).length
};
