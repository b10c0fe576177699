/**
 * The inspections table as CSV, at a fixed address on the site (data/inspections.csv): the
 * address exported charts give for the sources behind them (one source_url per inspection).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const prerender = true;

export function GET() {
	return new Response(readFileSync(join(process.cwd(), 'data', 'inspections.csv')), {
		headers: { 'content-type': 'text/csv; charset=utf-8' }
	});
}
