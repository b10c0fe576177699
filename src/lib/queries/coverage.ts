/** What a chart covers: how many inspections, from which sources. Every chart states it. */
import type { Engine } from '../db/types';
import type { Filters } from '../filters';
import { scopeCte } from './filter-sql';

export interface Coverage {
	/** inspections the filters match, before the figure's own condition (`having`) */
	matching?: number;
	/** inspections the figure can use */
	inspections: number;
	services: number;
	report: number;
	reference: number;
	imported: number;
	synthetic: number;
	/** "Bury and Rochdale 2020-06; Leeds 2019-11" — the HMIP reports behind the rows (imports are in importedFiles) */
	reports: string | null;
	/** the public addresses of the sources behind the rows (source_url), the first ADDRESS_LIMIT in order */
	addresses: string[];
	/** how many distinct addresses in all */
	addressCount: number;
	/** files imported in this browser behind the rows */
	importedFiles: string[];
}

/** Addresses a coverage carries (a figure's README lists them; past this it names the dataset). */
export const ADDRESS_LIMIT = 50;
/** Addresses a source line lists itself; past this it says where they all are. */
export const ADDRESSES_IN_LINE = 3;
/** HM Inspectorate of Probation's site, where it publishes its inspection reports. */
export const HMIP_ADDRESS = 'https://www.justiceinspectorates.gov.uk/hmiprobation/';

/** Coverage of the inspections in view that also satisfy `having` (SQL over `scope s`). */
export async function coverage(db: Engine, filters: Filters, having = 'TRUE'): Promise<Coverage> {
	const scope = scopeCte(filters);
	const [row] = await db.query<Coverage>(
		`WITH ${scope.sql}
		 SELECT (SELECT count(*) FROM scope)::INTEGER AS matching,
		        count(*)::INTEGER AS inspections,
		        count(DISTINCT authority_id)::INTEGER AS services,
		        count(*) FILTER (WHERE provenance = 'report')::INTEGER AS report,
		        count(*) FILTER (WHERE provenance = 'reference')::INTEGER AS reference,
		        count(*) FILTER (WHERE provenance = 'imported')::INTEGER AS imported,
		        count(*) FILTER (WHERE provenance = 'synthetic')::INTEGER AS synthetic,
		        string_agg(area || ' ' || coalesce(published, published_year::VARCHAR, ''), '; ' ORDER BY area)
		          FILTER (WHERE provenance = 'report') AS reports,
		        coalesce(list(DISTINCT source_url ORDER BY source_url) FILTER (WHERE source_url IS NOT NULL), [])[1:${ADDRESS_LIMIT}] AS addresses,
		        count(DISTINCT source_url)::INTEGER AS "addressCount",
		        coalesce(list(DISTINCT source_file ORDER BY source_file) FILTER (WHERE provenance = 'imported' AND source_file IS NOT NULL), []) AS "importedFiles"
		 FROM scope s WHERE ${having}`,
		scope.params
	);
	return row;
}

/**
 * What a figure covers. `usable` says what the inspections it can use have, and why the others
 * are out ("key-question figures (only full reports give them)"): "159 inspections match the
 * filters; 3 of them have key-question figures (...). Covers 3 inspections of 3 services: ...".
 */
export function describeCoverage(c: Coverage, usable?: string): string {
	const matching = c.matching ?? c.inspections;
	if (!matching) return 'No inspections match the filters.';
	const lead =
		usable && matching !== c.inspections
			? `${matching} inspection${matching === 1 ? '' : 's'} match the filters; ${c.inspections} of them ${c.inspections === 1 ? 'has' : 'have'} ${usable}. `
			: '';
	if (!c.inspections) return `${lead}Nothing to draw.`;
	const parts = [
		c.report && `${c.report} from report text`,
		c.reference && `${c.reference} from published reference facts`,
		c.imported && `${c.imported} imported`,
		c.synthetic && `${c.synthetic} synthetic`
	].filter(Boolean);
	return `${lead}Covers ${c.inspections} inspection${c.inspections === 1 ? '' : 's'} of ${c.services} service${c.services === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

/**
 * The source line every chart carries, with the addresses of its sources: up to
 * ADDRESSES_IN_LINE listed, past that where every one of them is (`dataset`: the address of
 * the inspections table, one source_url per inspection). Read alone (an exported image), it
 * still says where each figure comes from.
 */
export function sourceLine(c: Coverage, dataset = 'data/inspections.csv on this site'): string {
	const parts: string[] = [];
	if (c.reports) parts.push(`HM Inspectorate of Probation inspection reports (${c.reports}), published at ${HMIP_ADDRESS}`);
	if (c.reference) parts.push(`${c.reference} published page${c.reference === 1 ? '' : 's'} (HMIP, councils, press)`);
	if (c.importedFiles.length) parts.push(`imported in this browser from ${c.importedFiles.join(', ')}`);
	else if (c.imported) parts.push(`${c.imported} imported in this browser`);
	if (c.synthetic) parts.push(`${c.synthetic} synthetic benchmark inspections (not real)`);
	if (!parts.length) return 'Source: none in view.';
	const addresses = !c.addressCount
		? ''
		: c.addressCount <= ADDRESSES_IN_LINE
			? ` Address${c.addressCount === 1 ? '' : 'es'}: ${c.addresses.join(' ')}`
			: ` The ${c.addressCount} addresses, one per inspection: ${dataset} (column source_url).`;
	return `Source: ${parts.join('; ')}.${addresses}`;
}
