/** An inspection report (text, a web page, or text taken from a PDF) -> rows, with its area placed in a region. */
import { authorityIdOf, rowsFromExtracted, type AreaInfo, type Provenance } from '../dataset/from-extracted';
import { htmlToText, looksLikeHtmlDocument } from '../ingest/html';
import { extract } from '../ingest/index';
import { emptyDataset, type Dataset } from '../schema/tables';
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
	// a saved web page (.html, or a text file that is one) is read through its text, as the CLI reads it
	const html = /\.(html?|xhtml)$/i.test(file) || looksLikeHtmlDocument(text);
	const result = extract(html ? htmlToText(text) : text);
	if (!result.ok)
		return {
			rows: emptyDataset(),
			problems: [{ file, reason: `not a recognisable HMIP youth inspection report: ${result.reason}` }],
			warnings: []
		};
	const x = result.value;
	if (x.kind === 'thematic') {
		return {
			rows: emptyDataset(),
			problems: [{ file, reason: 'thematic recommendation documents are not imported: the dashboard already holds the 2010-2015 one' }],
			warnings: []
		};
	}
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
