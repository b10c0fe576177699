/** An inspection report (text, or text taken from a PDF) -> rows, with its area placed in a region. */
import { authorityIdOf, rowsFromExtracted, type AreaInfo, type Provenance } from '../dataset/from-extracted';
import { extract } from '../ingest/index';
import { emptyDataset, type Dataset } from '../schema/tables';
import type { Extracted } from '../schema/extracted';
import type { Problem } from './ratings-csv';

export interface ReportImport {
	rows: Dataset;
	problems: Problem[];
	inspectionId?: string;
	authorityId?: string;
	authority?: string;
	/** the extractor's warnings, for the preview */
	warnings: string[];
}

/**
 * The text -> the extraction of one inspection, or the reason it is refused (not a youth
 * inspection report, or a thematic document). The month may be missing: the caller asks for it.
 */
export function readReport(file: string, text: string): { ok: true; value: Extracted } | { ok: false; problems: Problem[] } {
	const result = extract(text);
	if (!result.ok) return { ok: false, problems: [{ file, reason: `not a recognisable HMIP youth inspection report: ${result.reason}` }] };
	if (result.value.kind === 'thematic')
		return {
			ok: false,
			problems: [{ file, reason: 'thematic recommendation documents are not imported: the dashboard already holds the 2010-2015 one' }]
		};
	return { ok: true, value: result.value };
}

/**
 * `area` is the service's nation and region: from the data when the service is known, else
 * chosen by the user (a report does not say its region). Without it the import is not ready.
 */
export function importReport(
	file: string,
	text: string,
	sha256: string,
	area: AreaInfo | undefined,
	provenance: Provenance = 'imported'
): ReportImport {
	const read = readReport(file, text);
	if (!read.ok) return { rows: emptyDataset(), problems: read.problems, warnings: [] };
	const x = read.value;
	const ins = x.inspection!;
	return {
		rows: rowsFromExtracted(x, { file, sha256 }, provenance, area),
		problems: area ? [] : [{ file, column: 'region', reason: `${ins.authority} is not in the data yet: choose its region` }],
		inspectionId: ins.id,
		authorityId: authorityIdOf(ins.authority),
		authority: ins.authority,
		warnings: x.warnings.map((w) => w.message)
	};
}
