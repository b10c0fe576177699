import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRAPE_FILE } from '$lib/dataset/from-scrape';
import { nodeEngine } from '$lib/db/node';
import { METRICS } from '$lib/ingest/metrics';
import { sourceContribution } from '$lib/queries/sources';
import { TABLES, TABLE_NAMES } from '$lib/schema/tables';

interface Manifest {
	built: string;
	tool: { name: string; version: string };
	sources: { file: string; sha256: string; bytes: number }[];
	tables: Record<string, { rows: number; files: Record<string, { path: string; bytes: number; sha256: string }> }>;
}

export async function load() {
	const root = process.cwd();
	const manifest: Manifest = JSON.parse(readFileSync(join(root, 'data', 'manifest.json'), 'utf8'));
	const contribution = await sourceContribution(await nodeEngine());
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	return {
		manifest,
		/** inspections only the scrape gives, and its disagreements with the published pages */
		scrape: { added: contribution.inspections[SCRAPE_FILE] ?? 0, disagreements: contribution.warnings['scrape-disagrees'] ?? 0 },
		version: pkg.version as string,
		metrics: METRICS.map(({ metric, unit, description }) => ({ metric, unit, description })),
		tables: TABLE_NAMES.map((t) => ({
			name: t,
			description: TABLES[t].description,
			key: TABLES[t].key,
			rows: manifest.tables[t]?.rows ?? 0
		}))
	};
}
