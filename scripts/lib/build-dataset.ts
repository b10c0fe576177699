/**
 * Read ../shared and assemble the dataset (no writing): shared by `npm run data:build` and by
 * the test that checks data/ is what the inputs give.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDataset, concatDatasets, mergeReportsWithReference, seedRegionsFrom } from '../../src/lib/dataset/assemble';
import { rowsFromExtracted } from '../../src/lib/dataset/from-extracted';
import { formatProblem, ReferenceError, rowsFromReference } from '../../src/lib/dataset/from-reference';
import { addScrapedInspections, SCRAPE_FILE, type ScrapeResult } from '../../src/lib/dataset/from-scrape';
import { sortRows } from '../../src/lib/dataset/order';
import { slug } from '../../src/lib/ingest/header';
import { extract } from '../../src/lib/ingest/index';
import { TABLE_NAMES, type Dataset, type Row, type TableName } from '../../src/lib/schema/tables';
import { documentText } from './read-document';

const ROOT = join(import.meta.dirname, '..', '..');
export const SHARED = process.env.YJ_SHARED ?? join(ROOT, '..', 'shared');
/** The project's own inputs (inputs/README.md), named in the manifest by their path in the project. */
export const REGION_LOOKUP = 'inputs/local-authority-regions.csv';

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

export class BuildError extends Error {}

export interface SourceInfo {
	file: string;
	sha256: string;
	bytes: number;
}

/** What data:build reads as reports: report texts, saved web pages and PDFs. */
export const REPORT_FILE = /\.(txt|html?|pdf)$/i;

async function readSources() {
	if (!existsSync(SHARED))
		throw new BuildError(
			`${SHARED} not found: data:build reads ../shared/reports and ../shared/reference (the committed data/ needs neither).`
		);
	const sources: SourceInfo[] = [];
	const readBytes = (rel: string, dir = SHARED) => {
		const bytes = readFileSync(join(dir, rel));
		sources.push({ file: rel, sha256: sha256(bytes), bytes: bytes.length });
		return new Uint8Array(bytes);
	};
	const read = (rel: string, dir = SHARED) => Buffer.from(readBytes(rel, dir)).toString('utf8');
	const reportFiles = readdirSync(join(SHARED, 'reports'))
		.filter((f) => REPORT_FILE.test(f))
		.sort();
	const reports: { file: string; text: string }[] = [];
	for (const f of reportFiles) {
		const file = `reports/${f}`;
		// the manifest records the checksum of the file as published (the PDF, the page), not of its text
		const doc = await documentText(f, readBytes(file));
		if (!doc.ok) throw new BuildError(`${file}: ${doc.reason}`);
		reports.push({ file, text: doc.text });
	}
	const reference = {
		publishedInspections: { file: 'reference/published-inspections.csv', text: read('reference/published-inspections.csv') },
		overallRatings: { file: 'reference/published-overall-ratings.csv', text: read('reference/published-overall-ratings.csv') },
		annualAggregates: { file: 'reference/annual-aggregates.csv', text: read('reference/annual-aggregates.csv') }
	};
	const scrape = { file: SCRAPE_FILE, text: read(SCRAPE_FILE) };
	const readme = read('reference/README.md');
	const regions = { file: REGION_LOOKUP, text: read(REGION_LOOKUP, ROOT) };
	return { sources, reports, reference, scrape, regions, readme };
}

export async function buildDataset(): Promise<{ data: Dataset; sources: SourceInfo[]; scrapeMatches: ScrapeResult['matches'] }> {
	const { sources, reports, reference, scrape, regions, readme } = await readSources();
	const parts: Dataset[] = [];
	for (const r of reports) {
		const result = extract(r.text);
		if (!result.ok) throw new BuildError(`${r.file}: not a recognisable HMIP youth inspection report: ${result.reason}`);
		const src = sources.find((s) => s.file === r.file)!;
		parts.push(rowsFromExtracted(result.value, { file: r.file, sha256: src.sha256 }, 'report'));
	}
	const seedRegions = seedRegionsFrom(readme, slug);
	let ref: Dataset;
	let scrapeMatches: ScrapeResult['matches'];
	try {
		const scraped = addScrapedInspections(rowsFromReference(reference), { scrape, regions, seedRegions, seedFrom: 'reference/README.md' });
		ref = scraped.data;
		scrapeMatches = scraped.matches;
	} catch (e) {
		if (e instanceof ReferenceError) throw new BuildError(`bad reference data:\n${e.problems.map(formatProblem).join('\n')}`);
		throw e;
	}
	const data = mergeReportsWithReference(concatDatasets(parts), ref, seedRegions);
	const problems = checkDataset(data);
	if (problems.length) throw new BuildError(`the assembled dataset is invalid:\n${problems.map(formatProblem).join('\n')}`);
	for (const t of TABLE_NAMES) (data as Record<TableName, Row[]>)[t] = sortRows(t, data[t] as Row[]);
	return { data, sources, scrapeMatches };
}
